/**
 * Cloud Elements never returns a secret configuration value: instance responses show
 * `"********"` in its place (churros `src/test/platform/elements/instances.js`; the element pages'
 * responses). A mask is not the secret: the toolkit never writes one to a file, prefills it,
 * or sends it back — a PUT or PATCH that round-trips `"********"` would replace the real secret.
 */

/** How the service shows a secret configuration value. */
export const MASKED_VALUE = '********';

/** A run of three or more asterisks and nothing else: the service's mask, or the toolkit's own `***`. */
export function isMaskedValue(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 3 && /^\s*\*{3,}\s*$/.test(value);
}

/** Where a body holds a mask instead of a value: `configuration "oauth.api.secret"`. */
export function maskedEntries(body: unknown): string[] {
  const found: string[] = [];
  if (body === null || typeof body !== 'object') return found;
  for (const section of ['configuration', 'providerData'] as const) {
    const values = (body as Record<string, unknown>)[section];
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) if (isMaskedValue(value)) found.push(`${section} "${key}"`);
  }
  return found;
}
