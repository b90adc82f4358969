/**
 * The redactor's generators: the secrets, the forms a secret takes on its way into text, the
 * secret-bearing names and the credentials nobody told the redactor about. The redactor's own
 * property suite (`redactProperties.test.ts`) and every suite that promises to mask what the
 * redactor would hide (Copy as cURL) draw from these same generators.
 */
import fc from 'fast-check';

export const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
export const everyByte = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const unicodeEscapes = (text: string, upper: boolean) =>
  Array.from({ length: text.length }, (_, i) => {
    const hex = text.charCodeAt(i).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  }).join('');
const percentTimes = (text: string, times: number) => Array.from({ length: times }).reduce<string>((current) => encodeURIComponent(current), text);

/** Named character references an HTML escaper or an author may use for ASCII characters. */
const HTML_NAMED: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '/': '&sol;', '=': '&equals;', ' ': '&nbsp;' };
const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0)!);
/** What an HTML escaper writes: `&amp; &lt; &gt; &quot; &#39;`. */
export const htmlEscape = (text: string) => text.replace(/[&<>"']/g, (char) => (char === "'" ? '&#39;' : HTML_NAMED[char]!));

/** One way to write a secret. */
export const ENCODINGS: Record<string, (secret: string) => string> = {
  raw: (secret) => secret,
  percent: (secret) => encodeURIComponent(secret),
  'percent, lowercase hex': (secret) => lowerHex(encodeURIComponent(secret)),
  'every byte, lowercase hex': everyByte,
  'double percent': (secret) => percentTimes(secret, 2),
  'double percent, lowercase hex': (secret) => lowerHex(percentTimes(secret, 2)),
  'triple percent': (secret) => percentTimes(secret, 3),
  'triple percent, lowercase hex': (secret) => lowerHex(percentTimes(secret, 3)),
  'five times percent': (secret) => percentTimes(secret, 5),
  form: (secret) => new URLSearchParams({ v: secret }).toString().slice(2),
  'JSON string': (secret) => JSON.stringify(secret).slice(1, -1),
  'JSON \\u escapes': (secret) => unicodeEscapes(secret, false),
  'JSON \\U escapes': (secret) => unicodeEscapes(secret, true),
  'JSON string, twice': (secret) => JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
  'JSON \\u escapes inside a JSON string': (secret) => JSON.stringify(unicodeEscapes(secret, false)).slice(1, -1),
  'JSON in a URL': (secret) => encodeURIComponent(JSON.stringify(secret).slice(1, -1)),
  'JSON \\u escapes in a URL': (secret) => encodeURIComponent(unicodeEscapes(secret, false)),
  'HTML escaped': htmlEscape,
  'HTML decimal references': (secret) => codePoints(secret).map((cp) => `&#${cp};`).join(''),
  'HTML hex references, leading zeros': (secret) => codePoints(secret).map((cp) => `&#x00${cp.toString(16).toUpperCase()};`).join(''),
  'HTML named references': (secret) => [...secret].map((char) => HTML_NAMED[char] ?? char).join(''),
  'percent-encoded, then HTML escaped': (secret) => encodeURIComponent(secret).replace(/%/g, '&#37;'),
};

export const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
/** Any code point but a lone surrogate (which no encoding can carry). */
export const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));
export const secrets = fc
  .string({ minLength: 4, maxLength: 24, unit: fc.oneof(fc.constantFrom(...'"\\/%+ &;=:\n\t<>\'#\u00e9\u20ac'), printable, anyCodePoint) })
  .filter((secret) => !secret.includes('*'));
/** A secret as people and services make them: letters, digits and the usual punctuation. */
export const tokenSecrets = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._~+/-]{7,30}$/).map((tail) => `S3c${tail}`);
export const surroundings = fc.string({ maxLength: 30, unit: fc.oneof(printable, anyCodePoint) });

/** Query and JSON names whose values are secret, in the spellings services use. */
export const SECRET_NAMES = [
  'code_verifier', 'client_id', 'client_secret', 'client_assertion', 'assertion', 'jwt', 'session', 'sessionid', 'apiKey', 'api_key',
  'apiSecret', 'code', 'oauth_token', 'oauth_verifier', 'Signature', 'access_token', 'refresh_token', 'id_token', 'password', 'pwd',
  'secret', 'token', 'key', 'sig', 'SAMLResponse', 'requestToken', 'x-amz-security-token', 'X-Goog-Signature', 'private_key',
  'access_key', 'accessKey', 'AWSAccessKeyId', 'secret_key', 'consumer_key', 'consumerKey', 'client_key', 'app_key', 'appKey',
  'subscription-key', 'Ocp-Apim-Subscription-Key', 'x-api-key', 'auth_key', 'signing_key', 'master_key', 'account_key', 'license_key',
];

/** Names that look close to a secret one but name none. */
export const HARMLESS_NAMES = [
  'state', 'pageSize', 'nextPage', 'realmId', 'callbackUrl', 'code_challenge', 'token_type', 'scope', 'where', 'oauth.token.url', 'tokenUrl',
  'redirect_uri', 'public_key', 'element_key', 'elementKey', 'primary_key', 'sort_key', 'keyword', 'monkey',
];

export const nameEncodings = fc.constantFrom(
  (name: string) => name,
  (name: string) => name.toUpperCase(),
  (name: string) => lowerHex(encodeURIComponent(name)).replace(/_/g, '%5f'),
  everyByte,
  (name: string) => encodeURIComponent(everyByte(name)),
  (name: string) => percentTimes(everyByte(name), 2),
);

/** A credential nobody registered with the redactor: a JWT, base64 of random bytes, hex, or an opaque key with digits. */
export const unknownCredentials = fc.oneof(
  fc
    .tuple(fc.uint8Array({ minLength: 8, maxLength: 24 }), fc.uint8Array({ minLength: 8, maxLength: 24 }), fc.uint8Array({ minLength: 16, maxLength: 32 }))
    .map((parts) => parts.map((bytes) => Buffer.from(bytes).toString('base64url')).join('.'))
    .map((jwt) => `eyJ${jwt}`),
  fc.uint8Array({ minLength: 9, maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.uint8Array({ minLength: 8, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  fc.stringMatching(/^[a-z]{2,6}_(live|test)_[A-Za-z0-9]{12,30}$/),
).filter((token) => /[0-9+/=_.~-]|[a-z][A-Z]|[A-Z]{2}/.test(token) && token.length >= 8);

/** The spellings of an HTTP auth scheme: it is case-insensitive on the wire. */
export const schemeSpellings = fc
  .tuple(fc.constantFrom('basic', 'bearer'), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
  .map(([scheme, upper]) => [...scheme].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));

/** The user-information part of a URL: `user:password`, or a token as the user name. */
export const userInfos = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), fc.option(tokenSecrets, { nil: undefined }))
  .map(([user, password]) => (password === undefined ? `ghp_${user}` : `${user}:${encodeURIComponent(password)}`));
