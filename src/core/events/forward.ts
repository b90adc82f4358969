/**
 * "Forward to…": a received delivery replayed to the developer's own app, as `stripe listen
 * --forward-to` does: the same method and the same body bytes, the original headers with the
 * `Elements-Webhook-Signature` among them (so the app checks the signature exactly as it would
 * the platform's), without the hop-by-hop headers of the first connection and without the
 * credentials the inbox redacted (a `***` is never sent).
 */
import { REDACTED } from '../redact';
import type { Delivery } from './delivery';
import type { HeaderPair } from './headers';
import { hopByHopNames, isSecretHeader } from './headers';

export interface ForwardRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Uint8Array;
}

/** The request that replays `delivery` to `target` (an absolute http(s) URL, see parseForwardTarget). */
export function forwardRequest(delivery: Pick<Delivery, 'method' | 'headers' | 'body'>, target: string): ForwardRequest {
  const dropped = hopByHopNames(delivery.headers);
  const headers = delivery.headers.filter(([name, value]) => !dropped.has(name.toLowerCase()) && !(isSecretHeader(name) && value === REDACTED));
  return { url: target, method: delivery.method, headers, body: delivery.body };
}

/** A URL the user typed for Forward to…: absolute http or https, no user:password in it. */
export function parseForwardTarget(text: string): { url: string } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter the URL of your app\'s webhook endpoint, e.g. http://localhost:3000/webhooks/elements.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { error: 'Not a URL: enter an absolute http:// or https:// address, e.g. http://localhost:3000/webhooks/elements.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `Forward to… sends HTTP requests: ${url.protocol} is not http: or https:.` };
  if (url.username !== '' || url.password !== '') return { error: 'Leave user and password out of the URL: it is stored in the workspace state, where no credential belongs.' };
  if (url.hash !== '') return { error: 'A #fragment is never sent to a server: leave it out.' };
  return { url: url.href };
}
