/**
 * The redactor against encodings a secret takes on its way into a log line or a message:
 * percent-encoding in either hex case, once or twice, form encoding, JSON escapes, `\uXXXX`,
 * Basic auth, `;`-separated queries, and the usual secret-bearing parameter names.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isSecretQueryKey, REDACTED, redactText, redactUrl } from '../../../src/core/redact';

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const everyByte = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const unicodeEscapes = (text: string, upper: boolean) =>
  Array.from({ length: text.length }, (_, i) => {
    const hex = text.charCodeAt(i).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  }).join('');

/** One way to write a secret, and how it is embedded (Basic auth wraps it with a user name). */
const ENCODINGS: Record<string, (secret: string) => string> = {
  raw: (secret) => secret,
  percent: (secret) => encodeURIComponent(secret),
  'percent, lowercase hex': (secret) => lowerHex(encodeURIComponent(secret)),
  'every byte, lowercase hex': everyByte,
  'double percent': (secret) => encodeURIComponent(encodeURIComponent(secret)),
  'double percent, lowercase hex': (secret) => lowerHex(encodeURIComponent(encodeURIComponent(secret))),
  form: (secret) => new URLSearchParams({ v: secret }).toString().slice(2),
  'JSON string': (secret) => JSON.stringify(secret).slice(1, -1),
  'JSON \\u escapes': (secret) => unicodeEscapes(secret, false),
  'JSON \\U escapes': (secret) => unicodeEscapes(secret, true),
  'JSON in a URL': (secret) => encodeURIComponent(JSON.stringify(secret).slice(1, -1)),
  'JSON \\u escapes in a URL': (secret) => encodeURIComponent(unicodeEscapes(secret, false)),
};

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
/** Any code point but a lone surrogate (which no encoding can carry). */
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));
const secrets = fc
  .string({ minLength: 4, maxLength: 24, unit: fc.oneof(fc.constantFrom(...'"\\/%+ &;=:\n\t\u00e9\u20ac'), printable, anyCodePoint) })
  .filter((secret) => !secret.includes('*'));
const surroundings = fc.string({ maxLength: 30, unit: fc.oneof(printable, anyCodePoint) });

describe('redactText: a known secret never survives, however it is encoded (property)', () => {
  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(name, () => {
      fc.assert(
        fc.property(secrets, surroundings, surroundings, (secret, before, after) => {
          const encoded = encode(secret);
          const redacted = redactText(`${before}${encoded}${after}`, [secret]);
          assert.ok(!redacted.includes(encoded), `the ${name} form survived`);
          assert.ok(!redacted.includes(secret), 'the raw secret survived');
        }),
        { numRuns: 150 },
      );
    });
  }

  it('Basic auth: user:secret in base64, as a header, in JSON or URL-encoded', () => {
    const user = fc.string({ maxLength: 12, unit: printable }).filter((text) => !text.includes(':'));
    fc.assert(
      fc.property(secrets, user, surroundings, fc.constantFrom('Authorization: Basic %s', '{"authorization":"Basic %s"}', 'auth=Basic%20%s', '{"credentials":"%s"}', 'x %s'), (secret, name, before, shape) => {
        const token = Buffer.from(`${name}:${secret}`, 'utf8').toString('base64');
        const redacted = redactText(`${before} ${shape.replace('%s', token)}`, [secret]);
        assert.ok(!redacted.includes(token), 'the Basic credentials survived');
      }),
      { numRuns: 200 },
    );
  });

  it('the reported cases, one by one', () => {
    const secret = 'p@ss/w"rd\\x';
    const cases = [
      'p%40ss%2fw%22rd%5cx',
      'p%2540ss%252Fw%2522rd%255Cx',
      'p@ss/w\\"rd\\\\x',
      '\\u0070\\u0040ss/w\\u0022rd\\u005cx',
      `Basic ${Buffer.from(`me:${secret}`).toString('base64')}`,
    ];
    for (const text of cases) assert.ok(!redactText(`log: ${text} end`, [secret]).includes(text.replace(/^Basic /, '')), text);
    assert.equal(redactText('Authorization: Basic dXNlcjpwYXNz', []), `Authorization: Basic ${REDACTED}`, 'Basic credentials are always hidden');
    assert.equal(redactText('Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl', []), `Bearer ${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redactText('Created instance 42 (xero) in 30 ms; state=xero', ['s3cr3t-value']), 'Created instance 42 (xero) in 30 ms; state=xero');
  });
});

const SECRET_NAMES = [
  'code_verifier', 'client_id', 'client_secret', 'client_assertion', 'assertion', 'jwt', 'session', 'sessionid', 'apiKey', 'api_key',
  'apiSecret', 'code', 'oauth_token', 'oauth_verifier', 'Signature', 'access_token', 'refresh_token', 'id_token', 'password', 'pwd',
  'secret', 'token', 'key', 'sig', 'SAMLResponse', 'requestToken', 'x-amz-security-token', 'X-Goog-Signature', 'private_key',
];

const nameEncodings = fc.constantFrom(
  (name: string) => name,
  (name: string) => name.toUpperCase(),
  (name: string) => lowerHex(encodeURIComponent(name)).replace(/_/g, '%5f'),
  everyByte,
  (name: string) => encodeURIComponent(everyByte(name)),
);

describe('redactUrl: the value of a secret parameter never survives (property)', () => {
  it('& or ; separated, names in any case and percent-encoded once or twice, in the query or the fragment', () => {
    const marker = fc.stringMatching(/^[A-Za-z0-9._~-]{1,16}$/).map((tail) => `S3CR3T${tail}`);
    const benign = fc.tuple(fc.constantFrom('state', 'pageSize', 'realmId', 'callbackUrl'), fc.stringMatching(/^[a-z0-9]{0,8}$/));
    const pair = fc.oneof(
      fc.tuple(fc.constantFrom(...SECRET_NAMES), nameEncodings, marker).map(([name, encode, value]) => `${encode(name)}=${value}`),
      benign.map(([name, value]) => `${name}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom('&', ';'), { minLength: 6, maxLength: 6 }), fc.boolean(), (pairs, separators, inFragment) => {
        const query = pairs.map((text, i) => (i === 0 ? text : `${separators[i]}${text}`)).join('');
        const url = `https://api.example/elements/api-v2/x${inFragment ? '#' : '?'}${query}`;
        const redacted = redactUrl(url);
        assert.ok(!redacted.includes('S3CR3T'), redacted);
        assert.equal(redacted.replace(/=\*\*\*/g, '').length <= url.length, true);
      }),
      { numRuns: 300 },
    );
  });

  it('knows the usual secret-bearing names, and not the harmless ones', () => {
    for (const name of SECRET_NAMES) assert.equal(isSecretQueryKey(name), true, name);
    for (const name of ['state', 'pageSize', 'nextPage', 'realmId', 'callbackUrl', 'code_challenge', 'token_type', 'scope', 'where', 'oauth.token.url', 'tokenUrl', 'redirect_uri']) {
      assert.equal(isSecretQueryKey(name), false, name);
    }
    assert.equal(
      redactUrl('https://idp.example/token?client_id=abc;code_verifier=v1;assertion=eyJ;state=s&jwt=j&session=x'),
      'https://idp.example/token?client_id=***;code_verifier=***;assertion=***;state=s&jwt=***&session=***',
    );
  });
});
