/**
 * Appending parameters to a callback URL the way a provider does: existing query parameters
 * are kept byte for byte (no re-encoding), a fragment stays last, and custom schemes such as
 * `vscode://publisher.extension/callback` work like http ones.
 */
export function appendQuery(url: string, params: ReadonlyArray<readonly [string, string]>): string {
  if (params.length === 0) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const encoded = params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${encoded}${fragment}`;
}

/** Whether `value` is an absolute URL a browser can be sent to (any scheme). */
export function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
