/**
 * The signature of an event delivery. "All Element Instances containing a Callback Notification
 * Signature Key will include the Elements-Webhook-Signature header field … (ie.
 * sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=) … calculated by creating a SHA256 hash of
 * the payload using the Callback Notification Signature Key as the key"
 * (cloud-elements/devportal docs/guides/event-management/security.md L15-17). The docs' Java,
 * Node and Ruby samples (L30-80) and Cloud Elements' own test (churros
 * src/test/platform/events/events.js L42-47) make it exact: `sha256=` + base64 (standard alphabet,
 * padded) of HMAC-SHA256 keyed with the key's bytes over the raw request body.
 *
 * Web Crypto (`globalThis.crypto.subtle`), so this runs in Node and in a browser alike.
 */
import { base64 } from '../bytes';

export const SIGNATURE_HEADER = 'Elements-Webhook-Signature';
export const SIGNATURE_PREFIX = 'sha256=';

/** Text (taken as UTF-8) or bytes. */
export type Bytes = string | Uint8Array;

export type SignatureVerdict =
  | { verdict: 'valid' }
  | { verdict: 'invalid'; reason: InvalidReason }
  /** The instance has no signature key: the platform signs nothing, so there is nothing to check. */
  | { verdict: 'none-expected'; headerPresent: boolean }
  /** The instance has a key, and the delivery carries no signature. */
  | { verdict: 'missing' };

export type InvalidReason =
  /** `sha256=` and a digest, but not the one the key and body give. */
  | 'mismatch'
  /** The signature the platform sent before March 2016 (churros 1e54e0f, "Updated event payload signature algorithm to SHA-256"). */
  | 'sha1'
  /** A digest without the `sha256=` prefix. */
  | 'no-prefix'
  /** Not a signature at all. */
  | 'malformed'
  /** More than one value: which one the platform sent cannot be told. */
  | 'multiple';

/** What each verdict (an invalid one by its reason) means, in a sentence. */
export const VERDICT_TEXT: Readonly<Record<Exclude<SignatureVerdict['verdict'], 'invalid'> | InvalidReason, string>> = {
  valid: 'signature valid',
  'none-expected': 'no signature expected (the instance has no signature key)',
  missing: `signature missing: the instance has a signature key, and the delivery has no ${SIGNATURE_HEADER} header`,
  mismatch: 'signature invalid: it does not match the body and the signature key',
  sha1: 'signature invalid: sha1= is the platform\'s signature before 2016; it now sends sha256=',
  'no-prefix': 'signature invalid: the value lacks its sha256= prefix',
  malformed: 'signature invalid: the value is not sha256=<base64 digest>',
  multiple: `signature invalid: the delivery has more than one ${SIGNATURE_HEADER} value`,
};

/** The sentence for a verdict. */
export function verdictText(verdict: SignatureVerdict): string {
  return VERDICT_TEXT[verdict.verdict === 'invalid' ? verdict.reason : verdict.verdict];
}

const encoder = new TextEncoder();

const toBytes = (value: Bytes): Uint8Array<ArrayBuffer> => (typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value));

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error('Web Crypto (crypto.subtle) is not available: signatures cannot be computed here');
  return found;
}

/** base64(HMAC-SHA256(key, body)). The key must not be empty (an instance without one signs nothing). */
export async function hmacSha256Base64(key: Bytes, body: Bytes): Promise<string> {
  const keyBytes = toBytes(key);
  if (keyBytes.length === 0) throw new RangeError('An empty signature key signs nothing: the platform sends no signature without a key');
  const cryptoKey = await subtle().importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(new Uint8Array(await subtle().sign('HMAC', cryptoKey, toBytes(body))));
}

/** The `Elements-Webhook-Signature` value the platform sends for `body` under `key`. */
export async function signatureHeader(key: Bytes, body: Bytes): Promise<string> {
  return SIGNATURE_PREFIX + (await hmacSha256Base64(key, body));
}

/**
 * Whether two strings are equal, in time that depends only on their lengths: a signature's
 * length is public (44 characters for SHA-256), its characters are not.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Optional white space around a header value, which HTTP does not count as part of it (RFC 9110 §5.5). */
const OWS = /^[ \t]+|[ \t]+$/g;
const BASE64_DIGEST = /^[A-Za-z0-9+/]+={0,2}$/;

export interface VerifyInput {
  /** The instance's signature key; undefined or empty when it has none. */
  key: Bytes | undefined;
  /** The raw request body, as received. */
  body: Bytes;
  /** The header's value(s) as received: a string, the list a server collects, or undefined when absent. */
  header: string | readonly string[] | undefined;
}

/**
 * Checks a delivery's signature. The computed digest is compared in constant time; the value is
 * taken strictly as the platform writes it (`sha256=`, lower case, one value), white space
 * around it aside, so any changed character of body, key or header makes it invalid.
 */
export async function verifySignature({ key, body, header }: VerifyInput): Promise<SignatureVerdict> {
  const values = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  const present = values.filter((value) => value.replace(OWS, '') !== '');
  if (key === undefined || key.length === 0) return { verdict: 'none-expected', headerPresent: present.length > 0 };
  if (present.length === 0) return { verdict: 'missing' };
  if (present.length > 1) return { verdict: 'invalid', reason: 'multiple' };
  const value = present[0]!.replace(OWS, '');
  if (value.includes(',')) return { verdict: 'invalid', reason: 'multiple' }; // a server joins repeated headers with ", "
  if (value.startsWith('sha1=')) return { verdict: 'invalid', reason: 'sha1' };
  if (!value.startsWith(SIGNATURE_PREFIX)) return { verdict: 'invalid', reason: BASE64_DIGEST.test(value) ? 'no-prefix' : 'malformed' };
  const expected = await hmacSha256Base64(key, body);
  return constantTimeEqual(value.slice(SIGNATURE_PREFIX.length), expected) ? { verdict: 'valid' } : { verdict: 'invalid', reason: 'mismatch' };
}
