/**
 * Issue 19 item 4: a "masked" cURL command masks every value the redactor would hide — secret
 * query parameters, secret headers and credentials typed into any header, secret fields of the
 * body, and every repetition of those values elsewhere — and says exactly where it masked.
 * The cases come from the redactor's own generators (`../api/redactArbitraries.ts`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { consoleCurl } from '../../../src/core/console/curl';
import type { ConsoleRequest } from '../../../src/core/console/request';
import { maskRequest } from '../../../src/core/console/mask';
import { createInstanceCurl } from '../../../src/core/curl';
import { maskInstanceBody } from '../../../src/core/masking';
import { isSecretJsonKey, isSecretQueryKey, redactText } from '../../../src/core/redact';
import { ENCODINGS, SECRET_NAMES, schemeSpellings, tokenSecrets, unknownCredentials, userInfos } from '../api/redactArbitraries';

const BASE = 'https://api.cloud-elements.com/elements/api-v2';
const AUTH = 'Element {{instance:1:token}}, User {{account:user}}, Organization {{account:organization}}';
const QUERY_NAMES = SECRET_NAMES.filter((name) => isSecretQueryKey(name));
const JSON_NAMES = SECRET_NAMES.filter((name) => isSecretJsonKey(name));
const SECRET_HEADERS = ['X-Api-Key', 'X-Auth-Token', 'Cookie', 'Ocp-Apim-Subscription-Key', 'X-Session-Id', 'api_key'];
/** Encodings that survive a trip through a header or query value (no line breaks). */
const ENCODING_NAMES = Object.keys(ENCODINGS);

interface Planted {
  request: ConsoleRequest;
  /** Every secret value in the request, whatever form it was written in. */
  secrets: string[];
  /** Credentials in the request that nobody registered (after Bearer…): none may survive either. */
  credentials: string[];
  /** Where secrets were put: what the masked list must name. */
  places: string[];
}

const planted: fc.Arbitrary<Planted> = fc
  .record({
    query: fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), tokenSecrets), { maxLength: 3 }),
    header: fc.option(fc.tuple(fc.constantFrom(...SECRET_HEADERS), tokenSecrets), { nil: undefined }),
    authorization: fc.oneof(
      fc.constant({ value: AUTH, credential: undefined as string | undefined }),
      fc.tuple(schemeSpellings, unknownCredentials).map(([scheme, token]) => ({ value: `${scheme} ${token}`, credential: token as string | undefined })),
      tokenSecrets.map((secret) => ({ value: `Element {{instance:1:token}}, User {{account:user}}, Organization ${secret}`, credential: secret as string | undefined })),
    ),
    body: fc.option(fc.tuple(fc.constantFrom(...JSON_NAMES), tokenSecrets, fc.boolean()), { nil: undefined }),
    repeat: fc.option(fc.tuple(fc.constantFrom(...ENCODING_NAMES), fc.constantFrom('header', 'query', 'body')), { nil: undefined }),
    userinfo: fc.option(userInfos, { nil: undefined }),
  })
  .map(({ query, header, authorization, body, repeat, userinfo }) => {
    const secrets: string[] = [];
    const credentials: string[] = [];
    const places: string[] = [];
    const request: ConsoleRequest = { method: 'POST', path: ['hubs', 'finance', 'customers'], query: [['pageSize', '20']], headers: [['Authorization', authorization.value]] };
    if (authorization.credential !== undefined) {
      credentials.push(authorization.credential);
      places.push('header Authorization');
    }
    for (const [name, value] of query) {
      request.query.push([name, value]);
      secrets.push(value);
      places.push(`query parameter ${name}`);
    }
    if (header) {
      request.headers.push(header);
      secrets.push(header[1]);
      places.push(`header ${header[0]}`);
    }
    const fields: Record<string, unknown> = { name: 'Acme' };
    if (body) {
      const [key, value, nested] = body;
      fields[key] = nested ? { inner: value, count: 3 } : value;
      secrets.push(value);
      places.push(`body field ${key}`);
    }
    const all = [...secrets, ...credentials];
    if (repeat && all.length > 0) {
      const [encoding, where] = repeat;
      const text = ENCODINGS[encoding]!(all[0]!);
      if (where === 'header') {
        request.headers.push(['X-Note', `see ${text}`]);
        places.push('header X-Note');
      } else if (where === 'query') {
        request.query.push(['note', text]);
        places.push('query parameter note');
      } else {
        fields.note = text;
        places.push('elsewhere in the body');
      }
    }
    if (userinfo !== undefined) {
      request.query.push(['callbackUrl', `https://${userinfo}@app.example/cb`]);
      credentials.push(userinfo);
      places.push('query parameter callbackUrl');
    }
    request.headers.push(['Content-Type', 'application/json']);
    request.body = JSON.stringify(fields, null, 2);
    return { request, secrets, credentials, places };
  });

/** What of `secret` may not be left: the value itself, or the redactor finding more to hide. */
function assertHidden(text: string, { secrets, credentials }: Planted): void {
  for (const value of [...secrets, ...credentials]) assert.ok(!text.includes(value), `${value} survived in:\n${text}`);
  assert.equal(redactText(text, secrets), text, 'the redactor finds nothing left to hide');
}

describe('masked Copy as cURL hides what the redactor would (issue 19 item 4)', function () {
  // Hundreds of secrets in every encoding through the redactor: seconds on a loaded machine.
  this.timeout(30_000);

  it('the console\'s Copy Request as cURL, "Token masked": query, headers and body (property)', () => {
    fc.assert(
      fc.property(planted, (sample) => {
        const command = consoleCurl(sample.request, { baseUrl: BASE, secrets: 'masked' });
        assertHidden(command, sample);
        assert.match(command, /^\s*-H 'Content-Type: application\/json'/m, 'the rest is kept');
      }),
      { numRuns: 250 },
    );
  });

  it('says exactly what it masked: every place a secret was, and nothing else (property)', () => {
    fc.assert(
      fc.property(planted, (sample) => {
        const { request, masked } = maskRequest(sample.request);
        assertHidden(JSON.stringify(request), sample);
        assert.deepEqual([...masked].sort(), [...new Set(sample.places)].sort());
        const untouched = maskRequest({ ...sample.request, query: [['pageSize', '20']], headers: [['Authorization', AUTH]], body: '{"name": "Acme"}' });
        assert.deepEqual(untouched.masked, [], 'references alone are not "also masked"');
      }),
      { numRuns: 300 },
    );
  });

  it('the instance file\'s Copy as cURL without secrets: the body\'s secrets too, keychain references kept (property)', () => {
    const configKeys = fc.constantFrom('oauth.api.key', 'oauth.api.secret', 'api.key', 'filemanagement.provider.secret_key', 'filemanagement.provider.access_key', 'password', 'consumer_key');
    fc.assert(
      fc.property(fc.array(fc.tuple(configKeys, tokenSecrets), { minLength: 1, maxLength: 4 }), tokenSecrets, fc.boolean(), (entries, code, pretty) => {
        const configuration = Object.fromEntries(entries);
        const body = { element: { key: 'xero' }, name: 'Acme', configuration: { ...configuration, 'oauth.callback.url': 'https://app.example/cb', 'other.key': '${keychain:other}' }, providerData: { code } };
        const text = JSON.stringify(body, null, pretty ? 2 : undefined);
        const secrets = [...Object.values(configuration), code];
        const command = createInstanceCurl({ baseUrl: BASE, body: text });
        assertHidden(command, { request: { method: 'POST', path: [], query: [], headers: [] }, secrets, credentials: [], places: [] });
        assert.ok(command.includes('${keychain:other}'), 'a keychain reference is not a secret');
        assert.ok(command.includes('https://app.example/cb'));
        const { masked } = maskInstanceBody(text);
        assert.deepEqual([...masked].sort(), [...new Set([...Object.keys(configuration).map((key) => `configuration › ${key}`), 'providerData › code'])].sort());
        assert.ok(createInstanceCurl({ baseUrl: BASE, body: text, credentials: { userSecret: 'u-secret-1', orgSecret: 'o-secret-1' } }).includes(code), 'with the secrets asked for, the body is sent as written');
      }),
      { numRuns: 200 },
    );
  });
});
