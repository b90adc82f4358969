/**
 * The redactor against encodings a secret takes on its way into a log line or a message:
 * percent-encoding in either hex case, once or twice, form encoding, JSON escapes, `\uXXXX`,
 * Basic auth, `;`-separated queries, and the usual secret-bearing parameter names; since issue 19
 * item 6 also any depth of percent-encoding, HTML character references, base64 that does not
 * start a run, auth schemes in any case, `…_key` names and user information in URLs. The
 * generators live in `redactArbitraries.ts`, shared with the suites that mask what this one hides.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isSecretJsonKey, isSecretQueryKey, REDACTED, redactJson, redactText, redactUrl } from '../../../src/core/redact';
import {
  ENCODINGS,
  HARMLESS_NAMES,
  nameEncodings,
  printable,
  schemeSpellings,
  SECRET_NAMES,
  secrets,
  surroundings,
  tokenSecrets,
  unknownCredentials,
  userInfos,
} from './redactArbitraries';

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
    for (const name of HARMLESS_NAMES) {
      assert.equal(isSecretQueryKey(name), false, name);
      assert.equal(isSecretJsonKey(name), false, name);
    }
    assert.equal(
      redactUrl('https://idp.example/token?client_id=abc;code_verifier=v1;assertion=eyJ;state=s&jwt=j&session=x'),
      'https://idp.example/token?client_id=***;code_verifier=***;assertion=***;state=s&jwt=***&session=***',
    );
  });
});

describe('redaction gaps of issue 19 item 6 (property)', () => {
  const b64 = (text: string, url: boolean) => Buffer.from(text, 'utf8').toString(url ? 'base64url' : 'base64');

  it('base64 that does not start a run: /v1/<b64>, a prefix of base64 letters, base64url', () => {
    const prefix = fc.oneof(fc.constantFrom('/v1/', '/files/', 'id=', 'x', 'ab', 'abc', '/'), fc.stringMatching(/^[A-Za-z0-9+/]{1,7}$/));
    fc.assert(
      fc.property(tokenSecrets, fc.stringMatching(/^[a-z]{0,8}$/), prefix, fc.boolean(), surroundings, (secret, user, before, url, after) => {
        const encoded = b64(user === '' ? secret : `${user}:${secret}`, url);
        const redacted = redactText(`GET ${before}${encoded} ${after}`, [secret]);
        assert.ok(!redacted.includes(encoded), `the base64 survived: ${redacted}`);
        assert.ok(!redacted.includes(encoded.slice(-Math.ceil(encoded.length / 2))), `its second half survived: ${redacted}`);
      }),
      { numRuns: 300 },
    );
    assert.equal(redactText(`GET /v1/${b64('S3cr3t-value', false)}`, ['S3cr3t-value']), `GET /v1/${REDACTED}`, 'the prefix is kept');
  });

  it('an auth scheme in any case before a credential nobody registered', () => {
    const shape = fc.constantFrom('Authorization: %s', '{"authorization":"%s"}', 'auth=%s', 'header %s end', '%s');
    fc.assert(
      fc.property(schemeSpellings, unknownCredentials, shape, fc.constantFrom(' ', '  ', '%20', '+', '\t'), (scheme, token, template, space) => {
        const written = template.replace('%s', `${scheme}${space}${token}`);
        const redacted = redactText(written, []);
        assert.ok(!redacted.includes(token), `${written} → ${redacted}`);
      }),
      { numRuns: 300 },
    );
    assert.equal(redactText('a basic information page for the bearer of this note', []), 'a basic information page for the bearer of this note', 'words stay words');
  });

  it('…_key names (access_key, consumerKey, x-api-key…) in queries and JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_NAMES.filter((name) => /.key$/i.test(name))), nameEncodings, tokenSecrets, (name, encode, value) => {
        assert.ok(!redactUrl(`https://api.example/x?${encode(name)}=${encodeURIComponent(value)}&b=1`).includes(encodeURIComponent(value)), name);
        assert.equal((redactJson({ [name]: value }) as Record<string, string>)[name], REDACTED, name);
      }),
      { numRuns: 300 },
    );
  });

  it('user information in any URL: scheme-relative, inside text, percent-encoded in a query', () => {
    const shape = fc.constantFrom(
      (info: string) => `//${info}@host.example/path`,
      (info: string) => `https://${info}@host.example/path?q=1`,
      (info: string) => `Could not reach https://${info}@host.example: ECONNREFUSED`,
      (info: string) => `https://api.example/cb?next=${encodeURIComponent(`https://${info}@host.example/`)}`,
      (info: string) => `https://api.example/cb?next=${encodeURIComponent(encodeURIComponent(`//${info}@host.example/`))}`,
      (info: string) => `{"url":"ftp://${info}@files.example/a"}`,
    );
    fc.assert(
      fc.property(userInfos, shape, (info, write) => {
        const text = write(info);
        const secretPart = info.includes(':') ? info.slice(info.indexOf(':') + 1) : info;
        for (const redacted of [redactText(text, []), redactUrl(text)]) {
          assert.ok(!redacted.includes(secretPart) && !redacted.includes(encodeURIComponent(secretPart)), `${text} → ${redacted}`);
        }
      }),
      { numRuns: 300 },
    );
    assert.equal(redactUrl('//me:pw@host.example/x'), `//${REDACTED}@host.example/x`);
  });

  it('a query whose separators are HTML-escaped (&amp;), as a URL in a page is written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_NAMES), tokenSecrets, (name, value) => {
        assert.ok(!redactUrl(`https://api.example/x?a=1&amp;${name}=${encodeURIComponent(value)}&amp;b=2`).includes(encodeURIComponent(value)), name);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps printable text of no secret as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: printable, maxLength: 60 }).filter((text) => !/:\/\/|\/\/|basic|bearer/i.test(text)), (text) => {
        assert.equal(redactText(text, ['S3cr3t-never-there']), text);
      }),
      { numRuns: 200 },
    );
  });
});
