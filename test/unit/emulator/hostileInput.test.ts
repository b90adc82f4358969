/**
 * The emulator against hostile input, over raw sockets: arbitrary methods, paths, query strings,
 * headers and bodies (property), and connections that lie or break (faults). It never crashes,
 * never answers 500 or with a stack trace, and every answer is a status its README documents.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { sendRaw, type RawHttpResponse } from './rawHttp';

/** Statuses src/emulator/README.md documents (431 and bare 400s come from Node's HTTP parser). */
const DOCUMENTED = new Set([200, 201, 204, 302, 400, 401, 403, 404, 405, 413, 415, 421, 431]);
const STACK_TRACE = /\n\s+at |node:internal|\.ts:\d+|\.js:\d+:\d+|RangeError|TypeError|SyntaxError/;

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const anyText = (maxLength: number) => fc.string({ maxLength, unit: fc.oneof(printable, fc.constantFrom('é', '€', '😀', '\u0000', '\u2028', '"', '\\', '%', '&', ';', '=', '+', '#')) });

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('xero', 'quickbooks', 'sageoneus', 'freshbooks', 'dropbox', 'finance', '1', '2', '3', '4', '99999999999999999999', '0', '-1') },
  anyText(20).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2e%2e', '%2F', 'a%00b', 'x'.repeat(3000)),
);

const TEMPLATES = [
  '/elements/api-v2/elements',
  '/elements/api-v2/elements/{}',
  '/elements/api-v2/elements/{}/oauth/url',
  '/elements/api-v2/elements/{}/oauth/token',
  '/elements/api-v2/elements/{}/instances',
  '/elements/api-v2/instances',
  '/elements/api-v2/instances/{}',
  '/elements/api-v2/instances/{}/enabled',
  '/elements/api-v2/instances/enabled',
  '/elements/api-v2/hubs/{}/ping',
  '/elements/api-v2/elements/keys',
  '/elements/api-v2/elements/{}/configuration',
  '/elements/api-v2/elements/{}/instances/{}',
  '/elements/api-v2/instances/configuration',
  '/elements/api-v2/instances/configuration/{}',
  '/elements/api-v2/instances/{}/configuration',
  '/elements/api-v2/instances/{}/configuration/{}',
  '/elements/api-v2/instances/docs',
  '/elements/api-v2/instances/events',
  '/elements/api-v2/instances/events/{}',
  '/elements/api-v2/instances/{}/events',
  '/elements/api-v2/instances/{}/events/{}',
  '/elements/api-v2/events/{}',
  '/elements/api-v2/hubs',
  '/elements/api-v2/hubs/keys',
  '/elements/api-v2/hubs/{}',
  '/elements/api-v2/hubs/{}/elements',
  '/elements/api-v2/hubs/{}/{}',
  '/provider/{}/oauth2/authorize',
  '/provider/{}/oauth1/authorize',
  '/provider/{}/authorize',
  '/__admin/instances',
  '/__admin/requests',
  '/__admin/events/deliveries',
  '/',
  '/{}',
  '/elements/api-v2/{}/{}',
];
const path = fc.tuple(fc.constantFrom(...TEMPLATES), segment, segment).map(([template, a, b]) => template.replace('{}', a).replace('{}', b));

const PARAMS = [
  'apiKey', 'apiSecret', 'callbackUrl', 'state', 'requestToken', 'pageSize', 'nextPage', 'reAuthenticate', 'where', 'scope',
  'authentication.type', 'Signature', 'siteAddress', 'response_type', 'client_id', 'redirect_uri', 'oauth_token', 'abridged',
  'tags[]', 'tags', 'hydrate', 'returnTotalCount', 'returnCount', 'orderBy', 'fields', 'page',
];
const queryValue = fc.oneof(
  anyText(40),
  fc.constantFrom('', 'code', 'true', '0', '1e309', '500', '-3', 'https://www.mycoolapp.com/auth', 'vscode://x/cb', 'javascript:alert(1)', "key='xero'", "private='true' AND key in ('xero')", "name like '%'", "key in (", 'eyJrIjoiZWxlbWVudHMiLCJhIjoxfQ'),
);
/** Mostly well-formed pairs (so requests reach the routes), some raw (so they reach the parsers as sent). */
const pair = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: anyText(10) }), queryValue, fc.nat(4))
  .map(([name, value, raw]) =>
    raw === 0 ? `${name}=${value}`.replace(/[^\x21-\x7e]|#/g, '') : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
const query = fc.array(pair, { maxLength: 6 }).chain((pairs) => fc.constantFrom('&', ';').map((separator) => pairs.join(separator)));

const instanceLike = fc.record(
  {
    element: fc.oneof(fc.record({ key: fc.constantFrom('xero', 'quickbooks', 'sageoneus', 'freshbooks', 'dropbox', 'nope') }), fc.record({ id: fc.oneof(fc.integer(), anyText(5)) }), fc.jsonValue()),
    name: fc.oneof(anyText(20), fc.jsonValue()),
    configuration: fc.oneof(fc.dictionary(fc.constantFrom('oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'quickbooks.realm.id', 'scope', 'authentication.type', 'x'), fc.oneof(anyText(10), fc.jsonValue())), fc.jsonValue()),
    providerData: fc.oneof(fc.dictionary(fc.constantFrom('code', 'oauth_token', 'oauth_verifier', 'secret', 'realmId', 'state'), fc.oneof(anyText(10), fc.jsonValue())), fc.jsonValue()),
    tags: fc.oneof(fc.array(anyText(5), { maxLength: 3 }), fc.jsonValue()),
    externalAuthentication: fc.oneof(fc.constantFrom('initial', 'none'), fc.jsonValue()),
    disabled: fc.jsonValue(),
  },
  { requiredKeys: [] },
).map((body) => JSON.stringify(body));
const body = fc.oneof(
  fc.constant(''),
  anyText(200),
  fc.json({ maxDepth: 4 }),
  instanceLike,
  fc.tuple(fc.json({ maxDepth: 3 }), anyText(10), fc.nat()).map(([json, junk, at]) => json.slice(0, at % (json.length + 1)) + junk),
  fc.constantFrom('request=x&decision=allow', 'decision=maybe', '{"a":' + '['.repeat(5000), '\uFEFF{}', 'null'),
);

const headerValue = fc.string({ maxLength: 60, unit: printable });
const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get'];

describe('emulator: hostile input', function () {
  let emulator: RunningEmulator;
  let port: number;
  let host: string;
  const logged: string[] = [];
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true, log: (line) => logged.push(line) });
    port = Number(new URL(emulator.url).port);
    host = `127.0.0.1:${port}`;
  });
  after(() => emulator.close());
  afterEach(() => {
    const internal = logged.filter((line) => line.startsWith('internal error'));
    logged.length = 0;
    assert.deepEqual(internal, [], 'no request reached the "internal error" path');
  });

  const accountAuth = () => `User ${emulator.userSecret}, Organization ${emulator.orgSecret}`;

  function checkReply(reply: RawHttpResponse, what: string): void {
    assert.ok(DOCUMENTED.has(reply.status), `${what} → undocumented status ${reply.status}: ${reply.body.slice(0, 200)}`);
    assert.doesNotMatch(reply.body, STACK_TRACE, `${what} → a stack trace or engine error in the reply`);
    if (reply.body !== '' && /^application\/json/.test(reply.headers['content-type'] ?? '')) {
      const parsed = JSON.parse(reply.body) as { message?: unknown; requestId?: unknown };
      if (reply.status >= 400) {
        assert.equal(typeof parsed.message, 'string', what);
        assert.equal(typeof parsed.requestId, 'string', what);
      }
    }
  }

  function request(method: string, target: string, headers: Array<[string, string]>, content: string): string {
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, ...headers.map(([name, value]) => `${name}: ${value}`)];
    lines.push(`Content-Length: ${Buffer.byteLength(content)}`, 'Connection: close');
    return `${lines.join('\r\n')}\r\n\r\n${content}`;
  }

  it('property: arbitrary methods, paths, queries, headers and bodies get a documented status, never a stack trace', async function () {
    this.timeout(20_000);
    const authorization = fc.oneof(
      fc.constant<string | undefined>(undefined),
      { weight: 4, arbitrary: fc.constant('account') },
      fc.constant('account+element'),
      headerValue,
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '*/*');
    const origin = fc.constantFrom(undefined, undefined, undefined, 'https://evil.example', 'null', 'http://127.0.0.1:1');
    const extra = fc.tuple(fc.stringMatching(/^X-[A-Za-z-]{1,12}$/), headerValue);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), path, query, authorization, contentType, origin, extra, body, async (method, target, search, auth, type, from, header, content) => {
        const headers: Array<[string, string]> = [header];
        if (auth === 'account') headers.push(['Authorization', accountAuth()]);
        else if (auth === 'account+element') headers.push(['Authorization', `Element x, ${accountAuth()}`]);
        else if (auth !== undefined) headers.push(['Authorization', auth]);
        if (type !== undefined) headers.push(['Content-Type', type]);
        if (from !== undefined) headers.push(['Origin', from]);
        const url = search === '' ? target : `${target}?${search}`;
        checkReply(await sendRaw(port, request(method, url, headers, content)), `${method} ${url.slice(0, 120)}`);
      }),
      { numRuns: 400 },
    );
    const alive = await sendRaw(port, request('GET', '/', [], ''));
    assert.equal(alive.status, 200, 'still answering');
  });

  it('property: every real route with hostile segments, queries and bodies', async function () {
    this.timeout(20_000);
    const routes = fc.constantFrom(
      ['GET', '/elements/api-v2/elements'],
      ['GET', '/elements/api-v2/elements/{}'],
      ['GET', '/elements/api-v2/elements/{}/oauth/url'],
      ['GET', '/elements/api-v2/elements/{}/oauth/token'],
      ['POST', '/elements/api-v2/elements/{}/instances'],
      ['POST', '/elements/api-v2/instances'],
      ['GET', '/elements/api-v2/instances'],
      ['GET', '/elements/api-v2/instances/{}'],
      ['PATCH', '/elements/api-v2/instances/{}'],
      ['PUT', '/elements/api-v2/instances/{}'],
      ['DELETE', '/elements/api-v2/instances/{}'],
      ['PUT', '/elements/api-v2/instances/{}/enabled'],
      ['DELETE', '/elements/api-v2/instances/{}/enabled'],
      ['PUT', '/elements/api-v2/instances/enabled'],
      ['DELETE', '/elements/api-v2/instances/enabled'],
      ['GET', '/elements/api-v2/hubs/{}/ping'],
      ['GET', '/elements/api-v2/elements/keys'],
      ['GET', '/elements/api-v2/elements/{}/configuration'],
      ['POST', '/elements/api-v2/elements/{}/oauth/url'],
      ['GET', '/elements/api-v2/elements/{}/instances'],
      ['GET', '/elements/api-v2/elements/quickbooks/instances/{}'],
      ['PUT', '/elements/api-v2/elements/{}/instances/1'],
      ['PATCH', '/elements/api-v2/elements/{}/instances/1'],
      ['DELETE', '/elements/api-v2/elements/{}/instances/1'],
      ['PUT', '/elements/api-v2/instances'],
      ['PATCH', '/elements/api-v2/instances'],
      ['GET', '/elements/api-v2/instances/configuration'],
      ['GET', '/elements/api-v2/instances/configuration/{}'],
      ['PATCH', '/elements/api-v2/instances/configuration/{}'],
      ['GET', '/elements/api-v2/instances/{}/configuration'],
      ['GET', '/elements/api-v2/instances/1/configuration/{}'],
      ['PATCH', '/elements/api-v2/instances/1/configuration/{}'],
      ['GET', '/elements/api-v2/instances/docs'],
      ['GET', '/elements/api-v2/instances/events'],
      ['GET', '/elements/api-v2/instances/events/{}'],
      ['GET', '/elements/api-v2/instances/{}/events'],
      ['GET', '/elements/api-v2/instances/1/events/{}'],
      ['POST', '/elements/api-v2/events/{}'],
      ['GET', '/elements/api-v2/hubs'],
      ['GET', '/elements/api-v2/hubs/keys'],
      ['GET', '/elements/api-v2/hubs/{}'],
      ['GET', '/elements/api-v2/hubs/{}/elements'],
      ['GET', '/elements/api-v2/hubs/{}/customers'],
      ['OPTIONS', '/elements/api-v2/{}'],
      ['GET', '/provider/{}/oauth2/authorize'],
      ['GET', '/provider/{}/oauth1/authorize'],
      ['POST', '/provider/{}/authorize'],
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(routes, segment, query, fc.boolean(), body, async ([method, template], value, search, element, content) => {
        const target = template!.replace('{}', value);
        const url = search === '' ? target : `${target}?${search}`;
        const auth = element ? `Element ${value}, ${accountAuth()}` : accountAuth();
        const reply = await sendRaw(port, request(method!, url, [['Authorization', auth], ['Content-Type', 'application/json']], content));
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        checkReply(reply, `${method} ${url.slice(0, 120)}`);
      }),
      { numRuns: 400 },
    );
    assert.ok((statuses.get(200) ?? 0) > 10, `some requests succeed: ${JSON.stringify([...statuses])}`);
  });

  it('property: hostile fault specs to POST /__admin/faults are refused with 400 or accepted (201)', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (content) => {
        const reply = await sendRaw(port, request('POST', '/__admin/faults', [['Content-Type', 'application/json']], content));
        assert.ok([201, 400].includes(reply.status), `${reply.status}: ${reply.body.slice(0, 200)}`);
        checkReply(reply, 'POST /__admin/faults');
      }),
      { numRuns: 150 },
    );
    await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' });
  });

  describe('faults on the wire', () => {
    const post = (content: string, extra: Array<[string, string]> = []) =>
      request('POST', '/elements/api-v2/instances', [['Authorization', accountAuth()], ['Content-Type', 'application/json'], ...extra], content);

    it('200,000 unclosed brackets: 400 "nested too deeply", not a stack overflow', async () => {
      const reply = await sendRaw(port, post('['.repeat(200_000)));
      assert.equal(reply.status, 400);
      assert.match(reply.body, /not valid JSON: nested too deeply/);
      checkReply(reply, 'deep');
    });

    it('100,000 levels of valid nesting: 400, the body must be an object', async () => {
      const reply = await sendRaw(port, post('['.repeat(100_000) + ']'.repeat(100_000)));
      assert.equal(reply.status, 400);
      assert.match(reply.body, /must be a JSON object/);
    });

    it('a body shorter than its Content-Length, then the client stops: 400, nothing logged as internal', async () => {
      const head = request('POST', '/elements/api-v2/instances', [['Authorization', accountAuth()]], '').replace('Content-Length: 0', 'Content-Length: 100');
      const reply = await sendRaw(port, [head, '{"element":'], { pauseMs: 20 });
      assert.ok([0, 400].includes(reply.status), String(reply.status));
      checkReply({ ...reply, status: reply.status || 400 }, 'short body');
    });

    it('a connection reset in the middle of a body leaves the emulator answering', async () => {
      await new Promise<void>((resolve) => {
        import('node:net').then(({ connect }) => {
          const socket = connect({ host: '127.0.0.1', port }, () => {
            socket.write(post('').replace('Content-Length: 0', 'Content-Length: 5000') + '{"name":');
            setTimeout(() => {
              socket.resetAndDestroy();
              resolve();
            }, 20);
          });
          socket.on('error', () => undefined);
        }, () => resolve());
      });
      await new Promise((done) => setTimeout(done, 20));
      const alive = await sendRaw(port, request('GET', '/', [], ''));
      assert.equal(alive.status, 200);
    });

    it('more than 1 MB: 413', async () => {
      const reply = await sendRaw(port, post('x'.repeat(1_100_000)));
      assert.equal(reply.status, 413);
      checkReply(reply, 'big body');
    });

    it('broken HTTP (bad bytes, bad chunking, huge headers, duplicate Content-Length): 400 or 431 from the parser', async () => {
      const broken: Array<string | Buffer> = [
        Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(' HTTP/1.1\r\n\r\n')]),
        `POST /elements/api-v2/instances HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n`,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        `POST /__admin/reset HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nX: a\u0001b\r\n\r\n`,
        'NOT-HTTP\r\n\r\n',
      ];
      for (const raw of broken) {
        const reply = await sendRaw(port, raw);
        assert.ok([400, 431].includes(reply.status), `${JSON.stringify(raw.toString().slice(0, 60))} → ${reply.status}`);
      }
    });

    it('invalid UTF-8 in a JSON body is answered like any other body', async () => {
      const head = Buffer.from(post('').replace('Content-Length: 0', 'Content-Length: 14'));
      const reply = await sendRaw(port, Buffer.concat([head, Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]));
      assert.equal(reply.status, 400);
      checkReply(reply, 'invalid utf-8');
    });
  });
});
