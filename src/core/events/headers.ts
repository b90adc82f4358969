/**
 * The headers of an event delivery as a list of (name, value) pairs in the order received
 * (Node's `rawHeaders`, fetch's `Headers` entries): a repeated header stays two entries, so a
 * second `Elements-Webhook-Signature` is seen, not merged away.
 */
import { isSecretJsonKey, REDACTED } from '../redact';
import { SIGNATURE_HEADER } from './signature';

export type HeaderPair = readonly [name: string, value: string];
export type HeaderList = readonly HeaderPair[];

/** `Elements-Webhook-Id`: on every delivery (churros src/test/platform/events/events.js L43). */
export const WEBHOOK_ID_HEADER = 'Elements-Webhook-Id';

/** Every value of one header, names compared without case (RFC 9110 §5.1). */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([each]) => each.toLowerCase() === wanted).map(([, value]) => value);
}

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1, and `Keep-Alive`, `Proxy-Connection`, `Upgrade`,
 * `Transfer-Encoding`, `TE`, `Trailer`), which describe one connection and are never passed on;
 * plus `Host` and `Content-Length`, which the forwarding request sets for its own target and body,
 * and `Expect`.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // A request to wait for 100 Continue: the forwarding client decides that for itself.
  'expect',
]);

/** The hop-by-hop header names of a request: the fixed ones and those its `Connection` header lists. */
export function hopByHopNames(headers: HeaderList): Set<string> {
  const names = new Set(HOP_BY_HOP);
  for (const value of headerValues(headers, 'connection')) {
    for (const token of value.split(',')) {
      const name = token.trim().toLowerCase();
      if (name !== '') names.add(name);
    }
  }
  return names;
}

/**
 * Headers that are kept in clear although their names look secret: the signature is an HMAC of
 * the body (it reveals nothing of the key, and Forward must pass it on as it came), the webhook
 * id is an identifier.
 */
const SHOWN: ReadonlySet<string> = new Set([SIGNATURE_HEADER.toLowerCase(), WEBHOOK_ID_HEADER.toLowerCase()]);

const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Whether a header's value is a credential (Authorization, Cookie, anything named like a secret) and is kept only as `***`. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (SHOWN.has(lower)) return false;
  return SECRET_HEADERS.has(lower) || isSecretJsonKey(lower);
}

/** The headers with every credential's value replaced by `***` (names and order kept). */
export function redactHeaders(headers: HeaderList): HeaderPair[] {
  return headers.map(([name, value]) => [name, isSecretHeader(name) ? REDACTED : value] as const);
}
