/**
 * The https forwarding page's contract (media/forwarding-page/index.html), the pattern of VS
 * Code's own GitHub sign-in: the provider redirects to an https page the user registered, and
 * the page hands the redirect's parameters on to VS Code's URI handler. Where to hand them is
 * carried in the flow's `state`, `<nonce>.<base64url(target)>`, so one registered page serves
 * desktop VS Code (`vscode://elements-dev.elements-toolkit/callback`) and VS Code in a browser
 * (the address `asExternalUri` gives, e.g. code-server's `/callback?vscode-reqid=…`). The page
 * forwards only to the toolkit's own callback: a desktop VS Code scheme with the toolkit's
 * authority and path, or a web VS Code origin the page's host listed, for that same authority
 * and path. The state is the flow's own single-use state whole, so the pending-flow registry
 * matches it as any other.
 *
 * The page has its own copy of these rules in JavaScript (it is a static file with no build);
 * `test/unit/provisioning/forwardingPage.test.ts` runs the page's script against these
 * functions on generated inputs.
 */
import { base64, fromBase64, utf8Bytes } from '../bytes';

export const TOOLKIT_AUTHORITY = 'elements-dev.elements-toolkit';
export const TOOLKIT_CALLBACK_PATH = '/callback';

/** The URI schemes of desktop VS Code builds the page forwards to. */
export const DESKTOP_SCHEMES: readonly string[] = ['vscode', 'vscode-insiders', 'vscodium', 'code-oss'];

/** The page refuses a forward longer than this (as the toolkit refuses a longer callback). */
export const MAX_FORWARD_LENGTH = 8192;

/** The `<meta>` of the page that lists the web VS Code origins it may forward to (space-separated). */
export const WEB_ORIGINS_META = 'elements-toolkit-web-origins';

function base64url(text: string): string {
  return base64(utf8Bytes(text), true);
}

/** The state of a flow that comes back through the forwarding page. */
export function forwardingState(nonce: string, target: string): string {
  return `${nonce}.${base64url(target)}`;
}

/** The target a forwarding state names; undefined when it names none (no dot, not base64url, not UTF-8). */
export function targetOfState(state: string): string | undefined {
  const dot = state.indexOf('.');
  if (dot < 1) return undefined;
  const encoded = state.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || encoded.length % 4 === 1) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(encoded));
  } catch {
    return undefined;
  }
}

function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The page with `origins` (web VS Code origins) listed in its web-origins meta: the attribute only, so its script's hash stays valid. */
export function withWebOrigins(page: string, origins: readonly string[]): string {
  const listed = origins.filter(isWebOrigin).join(' ');
  return page.replace(new RegExp(`(<meta name="${WEB_ORIGINS_META}" content=")[^"]*(">)`), `$1${listed}$2`);
}

/** A web VS Code origin as the page's host may list it: https, or http on a loopback host; no path. */
export function isWebOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname));
}

/** How the page reads a target. */
export type TargetKind = 'desktop' | 'web';

/**
 * Whether the page may forward to `target`: the toolkit's callback in a desktop VS Code
 * (`<scheme>://elements-dev.elements-toolkit/callback`, nothing else), or a web VS Code's
 * callback address on one of `webOrigins` that names the toolkit's authority and path.
 */
export function toolkitTargetKind(target: string, webOrigins: readonly string[]): TargetKind | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '' || target.includes('#')) return undefined;
  const scheme = url.protocol.replace(/:$/, '');
  if (DESKTOP_SCHEMES.includes(scheme)) {
    return url.host === TOOLKIT_AUTHORITY && url.pathname === TOOLKIT_CALLBACK_PATH && url.search === '' && !target.includes('?') ? 'desktop' : undefined;
  }
  if (scheme !== 'https' && scheme !== 'http') return undefined;
  if (!isWebOrigin(url.origin) || !webOrigins.includes(url.origin)) return undefined;
  const authority = url.searchParams.getAll('vscode-authority');
  const path = url.searchParams.getAll('vscode-path');
  return authority.length === 1 && authority[0] === TOOLKIT_AUTHORITY && path.length === 1 && path[0] === TOOLKIT_CALLBACK_PATH ? 'web' : undefined;
}

/**
 * Where the page sends the browser: the target with the redirect's parameters appended, all but
 * those named `vscode-…` (a web VS Code reads those as the address of the handler: a redirect
 * may not change it). Undefined when the page refuses: no state, a state that names no toolkit
 * target, or a result over {@link MAX_FORWARD_LENGTH}.
 */
export function forwardedUrl(query: string, webOrigins: readonly string[]): string | undefined {
  const params = new URLSearchParams(query);
  const states = params.getAll('state');
  if (states.length !== 1) return undefined;
  const target = targetOfState(states[0]!);
  if (target === undefined || toolkitTargetKind(target, webOrigins) === undefined) return undefined;
  const url = new URL(target);
  for (const [name, value] of params) {
    if (!name.toLowerCase().startsWith('vscode-')) url.searchParams.append(name, value);
  }
  return url.href.length > MAX_FORWARD_LENGTH ? undefined : url.href;
}
