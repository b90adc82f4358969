import assert from 'node:assert/strict';
import { CloudElementsClient, type CloudElementsClientOptions, type RequestLogEntry } from '../../../src/core/api/client';
import { ApiError } from '../../../src/core/api/errors';
import { InvalidBaseUrlError } from '../../../src/core/api/environments';
import type { CreateInstanceRequest, Instance } from '../../../src/core/api/types';
import type { ProvisioningApi } from '../../../src/core/provisioning/engine';
import { instanceRecord } from '../helpers';
import { apiPath, queryOf, sendJson, sendText, startStub, type StubHandler, type StubServer } from './stubServer';

const USER = 'user-secret-0001';
const ORG = 'org-secret-0002';
const API_KEY = 'xero-api-key-0003';
const API_SECRET = 'xero-api-secret-0004';
const ELEMENT_TOKEN = 'instance-token-0005';
const CALLBACK = 'https://www.mycoolapp.com/auth';

const instance = (id: number): Instance =>
  instanceRecord(id, 'xero', {
    name: `instance ${id}`,
    token: `token-of-${id}`,
    element: { id: 40, name: 'Xero', key: 'xero', active: true, deleted: false, typeOauth: true, trialAccount: false },
  });

describe('CloudElementsClient', () => {
  let server: StubServer | undefined;
  let sleeps: number[];

  beforeEach(() => {
    sleeps = [];
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setup(
    handler: StubHandler,
    options: Partial<CloudElementsClientOptions> = {},
  ): Promise<{ client: CloudElementsClient; stub: StubServer }> {
    server = await startStub(handler);
    const client = new CloudElementsClient({
      baseUrl: server.baseUrl,
      credentials: { userSecret: USER, orgSecret: ORG },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
    return { client, stub: server };
  }

  async function rejection(promise: Promise<unknown>): Promise<ApiError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  describe('headers', () => {
    it('sends User and Organization on account calls, Accept always, no Content-Type without a body', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, instance(7)));
      await client.getInstance(7);
      const [request] = stub.requests;
      assert.equal(request!.method, 'GET');
      assert.equal(apiPath(request!), '/instances/7');
      assert.equal(request!.headers.authorization, `User ${USER}, Organization ${ORG}`);
      assert.equal(request!.headers.accept, 'application/json');
      assert.equal(request!.headers['content-type'], undefined);
    });

    it('posts instance.json as JSON with Content-Type on createInstance', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, instance(1)));
      const body: CreateInstanceRequest = {
        element: { key: 'xero' },
        providerData: { code: 'abc' },
        configuration: { 'oauth.api.key': API_KEY },
        name: 'x',
      };
      const created = await client.createInstance(body);
      assert.equal(created.id, 1);
      const [request] = stub.requests;
      assert.equal(request!.method, 'POST');
      assert.equal(apiPath(request!), '/instances');
      assert.equal(request!.headers['content-type'], 'application/json');
      assert.equal(request!.headers.authorization, `User ${USER}, Organization ${ORG}`);
      assert.equal(request!.body, JSON.stringify(body));
    });

    it('sends User, Organization and Element, in the documentation\'s order, on hub calls', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, { endpoint: 'xero' }));
      const pong = await client.ping('finance', ELEMENT_TOKEN);
      assert.equal(pong.endpoint, 'xero');
      assert.equal(apiPath(stub.requests[0]!), '/hubs/finance/ping');
      assert.equal(stub.requests[0]!.headers.authorization, `User ${USER}, Organization ${ORG}, Element ${ELEMENT_TOKEN}`);
    });

    it('sends the OAuth calls without Authorization, with the query parameters in order', async () => {
      const { client, stub } = await setup((request, response) =>
        apiPath(request).endsWith('/oauth/token')
          ? sendJson(response, 200, { token: 'req-token', secret: 'req-secret' })
          : sendJson(response, 200, { oauthUrl: 'https://provider.example/authorize', element: 'xero' }),
      );
      const token = await client.getOAuthToken('xero', { apiKey: API_KEY, apiSecret: API_SECRET, callbackUrl: CALLBACK });
      assert.deepEqual(token, { token: 'req-token', secret: 'req-secret' });
      const url = await client.getOAuthUrl('xero', {
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        callbackUrl: CALLBACK,
        requestToken: 'req-token',
        state: 's1',
      });
      assert.equal(url.oauthUrl, 'https://provider.example/authorize');

      for (const request of stub.requests) assert.equal(request.headers.authorization, undefined);
      assert.equal(apiPath(stub.requests[0]!), '/elements/xero/oauth/token');
      assert.equal(
        stub.requests[0]!.url.split('?')[1],
        `apiKey=${API_KEY}&apiSecret=${API_SECRET}&callbackUrl=https%3A%2F%2Fwww.mycoolapp.com%2Fauth`,
      );
      assert.equal(apiPath(stub.requests[1]!), '/elements/xero/oauth/url');
      assert.deepEqual(Object.keys(queryOf(stub.requests[1]!)), ['apiKey', 'apiSecret', 'callbackUrl', 'requestToken', 'state']);
      assert.equal(queryOf(stub.requests[1]!).callbackUrl, CALLBACK);
    });

    it('works without credentials for the OAuth calls but refuses account calls before sending', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, { oauthUrl: 'u', element: 'x' }), {
        credentials: undefined,
      });
      await client.getOAuthUrl('xero', { apiKey: API_KEY });
      const error = await rejection(client.listInstances());
      assert.equal(error.kind, 'unauthorized');
      assert.match(error.message, /user secret and organization secret/);
      assert.equal(stub.requests.length, 1);
    });

    it('URL-encodes keys and ids into paths', async () => {
      const { client, stub } = await setup((request, response) =>
        request.method === 'GET' ? sendJson(response, 200, { key: 'odd key', oauthUrl: 'u' }) : sendJson(response, 200, {}),
      );
      await client.getElement('odd key/../x');
      await client.getOAuthUrl('a?b', {});
      await client.deleteInstance('12/34');
      assert.deepEqual(
        stub.requests.map((request) => request.url.split('?')[0]),
        [
          '/elements/api-v2/elements/odd%20key%2F..%2Fx',
          '/elements/api-v2/elements/a%3Fb/oauth/url',
          '/elements/api-v2/instances/12%2F34',
        ],
      );
    });
  });

  describe('instance calls', () => {
    it('uses the documented method, path and query for each call', async () => {
      const { client, stub } = await setup((request, response) =>
        request.method === 'DELETE' || apiPath(request).endsWith('/enabled')
          ? (response.writeHead(200), response.end())
          : sendJson(response, 200, instance(5)),
      );
      const body: CreateInstanceRequest = { element: { key: 'xero' }, configuration: {}, name: 'n' };
      await client.updateInstance(5, { name: 'renamed' });
      await client.reauthenticateInstance(5, body);
      await client.enableInstance(5);
      await client.disableInstance(5);
      await client.deleteInstance(5);
      assert.deepEqual(
        stub.requests.map((request) => `${request.method} ${request.url}`),
        [
          'PATCH /elements/api-v2/instances/5',
          'PUT /elements/api-v2/instances/5?reAuthenticate=true',
          'PUT /elements/api-v2/instances/5/enabled',
          'DELETE /elements/api-v2/instances/5/enabled',
          'DELETE /elements/api-v2/instances/5',
        ],
      );
      assert.equal(stub.requests[0]!.body, JSON.stringify({ name: 'renamed' }));
      assert.equal(stub.requests[1]!.body, JSON.stringify(body));
    });
  });

  describe('paging', () => {
    it('follows Elements-Next-Page-Token across three pages and stops when it is absent', async () => {
      const pages: Record<string, [Instance[], string | undefined]> = {
        '': [[instance(1), instance(2)], 'page-2'],
        'page-2': [[instance(3), instance(4)], 'page-3'],
        'page-3': [[instance(5)], undefined],
      };
      const { client, stub } = await setup((request, response) => {
        const [items, next] = pages[queryOf(request).nextPage ?? '']!;
        sendJson(response, 200, items, next ? { 'Elements-Next-Page-Token': next } : {});
      });
      const all = await client.listInstances();
      assert.deepEqual(
        all.map((item) => item.id),
        [1, 2, 3, 4, 5],
      );
      assert.deepEqual(
        stub.requests.map((request) => queryOf(request)),
        [{ pageSize: '200' }, { pageSize: '200', nextPage: 'page-2' }, { pageSize: '200', nextPage: 'page-3' }],
      );
    });

    it('yields page by page with the requested page size', async () => {
      const { client, stub } = await setup((request, response) => {
        const second = queryOf(request).nextPage === 'p2';
        sendJson(response, 200, second ? [instance(2)] : [instance(1)], second ? {} : { 'Elements-Next-Page-Token': 'p2' });
      });
      const seen: number[][] = [];
      for await (const page of client.instancePages({ pageSize: 1 })) seen.push(page.map((item) => item.id));
      assert.deepEqual(seen, [[1], [2]]);
      assert.equal(queryOf(stub.requests[0]!).pageSize, '1');
    });

    it('lists elements across pages', async () => {
      const { client } = await setup((request, response) => {
        const second = queryOf(request).nextPage === 'n';
        sendJson(response, 200, [{ key: second ? 'xero' : 'quickbooks' }], second ? {} : { 'Elements-Next-Page-Token': 'n' });
      });
      assert.deepEqual(
        (await client.listElements()).map((element) => element.key),
        ['quickbooks', 'xero'],
      );
    });

    it('stops with a clear error when the server repeats a next-page token', async () => {
      const { client, stub } = await setup((_request, response) =>
        sendJson(response, 200, [instance(1)], { 'Elements-Next-Page-Token': 'same' }),
      );
      const error = await rejection(client.listInstances());
      assert.equal(error.kind, 'invalid-response');
      assert.match(error.message, /same next-page token twice/);
      assert.equal(stub.requests.length, 2);
    });

    it('rejects a page that is not a list', async () => {
      const { client } = await setup((_request, response) => sendJson(response, 200, { not: 'a list' }));
      const error = await rejection(client.listInstances());
      assert.equal(error.kind, 'invalid-response');
      assert.match(error.message, /not a JSON list/);
    });
  });

  describe('errors', () => {
    it('turns an API error body into ApiError fields and an actionable message', async () => {
      const { client } = await setup((_request, response) =>
        sendJson(response, 400, {
          message: 'Missing required configuration entries: oauth.api.secret',
          requestId: 'req-123',
          providerMessage: 'invalid_client',
        }),
      );
      const error = await rejection(
        client.createInstance({ element: { key: 'xero' }, configuration: { 'oauth.api.key': API_KEY }, name: 'n' }),
      );
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 400);
      assert.equal(error.method, 'POST');
      assert.equal(error.path, '/instances');
      assert.equal(error.requestId, 'req-123');
      assert.equal(error.providerMessage, 'invalid_client');
      assert.match(error.message, /Missing required configuration entries: oauth\.api\.secret/);
      assert.match(error.message, /invalid_client/);
      assert.match(error.message, /400/);
    });

    it('keeps the query (and its secrets) out of the error path and message', async () => {
      const { client } = await setup((_request, response) =>
        sendJson(response, 400, { message: `Bad apiSecret ${API_SECRET} for key ${API_KEY}`, requestId: 'r' }),
      );
      const error = await rejection(client.getOAuthUrl('xero', { apiKey: API_KEY, apiSecret: API_SECRET, callbackUrl: CALLBACK }));
      assert.equal(error.path, '/elements/xero/oauth/url');
      assert.ok(!error.message.includes(API_SECRET), error.message);
      assert.ok(!error.message.includes(API_KEY), error.message);
      assert.match(error.message, /Bad apiSecret \*\*\*/);
    });

    it('says the server answered with HTML instead of dumping it', async () => {
      const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>';
      const { client } = await setup((_request, response) => sendText(response, 502, html, 'text/html'), { retries: 0 });
      const error = await rejection(client.getInstance(1));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 502);
      assert.match(error.message, /HTML page instead of JSON/);
      assert.match(error.message, /502/);
      assert.ok(!error.message.includes('<'), error.message);
      assert.ok(!error.message.includes('nginx'), error.message);
    });

    it('reports an HTML page on a 200 as an invalid response', async () => {
      const { client } = await setup((_request, response) => sendText(response, 200, '<html><body>login</body></html>', 'text/html'));
      const error = await rejection(client.getInstance(1));
      assert.equal(error.kind, 'invalid-response');
      assert.equal(error.status, 200);
      assert.match(error.message, /HTML page instead of JSON/);
      assert.ok(!error.message.includes('login'));
    });

    it('reports truncated JSON as invalid JSON, on success and error statuses', async () => {
      const { client } = await setup((_request, response, index) =>
        sendText(response, index === 0 ? 200 : 500, '{"id": 12, "name": "tru', 'application/json'),
      );
      const ok = await rejection(client.getInstance(1));
      assert.equal(ok.kind, 'invalid-response');
      assert.match(ok.message, /not valid JSON \(it may be truncated\)/);
      const failed = await rejection(client.getInstance(1));
      assert.equal(failed.kind, 'http');
      assert.equal(failed.status, 500);
      assert.match(failed.message, /not valid JSON/);
      assert.ok(!failed.message.includes('"tru'));
    });

    it('rejects a success response lacking the fields the call returns', async () => {
      const { client } = await setup((_request, response) => sendJson(response, 200, { token: 'only-token' }));
      const error = await rejection(client.getOAuthToken('quickbooks', {}));
      assert.equal(error.kind, 'invalid-response');
      assert.match(error.message, /without secret/);
    });

    it('maps 401 to unauthorized and points at the user and organization secrets', async () => {
      const { client } = await setup((_request, response) =>
        sendJson(response, 401, { message: `Invalid Organization or User secret: ${ORG}`, requestId: 'r1' }),
      );
      const error = await rejection(client.listInstances());
      assert.equal(error.kind, 'unauthorized');
      assert.equal(error.status, 401);
      assert.match(error.message, /check the user secret and organization secret/);
      assert.ok(!error.message.includes(ORG));
      assert.ok(!error.message.includes(USER));
    });

    it('times out when the server never answers, without retrying', async () => {
      const { client, stub } = await setup(() => undefined, { timeoutMs: 100 });
      const error = await rejection(client.getInstance(1));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.status, undefined);
      assert.match(error.message, /timed out after 0\.1 s/);
      assert.equal(stub.requests.length, 1);
    });

    it('reports caller cancellation as cancelled, not as a timeout', async () => {
      const controller = new AbortController();
      const { client } = await setup(() => controller.abort(), { timeoutMs: 5_000 });
      const error = await rejection(client.getInstance(1, controller.signal));
      assert.equal(error.kind, 'cancelled');
      assert.match(error.message, /cancelled/);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, instance(1)));
      const error = await rejection(client.getInstance(1, AbortSignal.abort()));
      assert.equal(error.kind, 'cancelled');
      assert.equal(stub.requests.length, 0);
    });

    it('reports an unreachable server as a network error after the retries', async () => {
      const { stub } = await setup(() => undefined);
      const baseUrl = stub.baseUrl;
      await stub.close();
      server = undefined;
      const client = new CloudElementsClient({
        baseUrl,
        credentials: { userSecret: USER, orgSecret: ORG },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      });
      const error = await rejection(client.getInstance(1));
      assert.equal(error.kind, 'network');
      assert.match(error.message, /Could not reach 127\.0\.0\.1:\d+ for GET \/instances\/1 \(ECONNREFUSED\)/);
      assert.equal(sleeps.length, 2);
    });

    it('is what the flow engine needs (ProvisioningApi)', () => {
      const api: ProvisioningApi = new CloudElementsClient({ baseUrl: 'https://ce.example.com/elements/api-v2/' });
      assert.equal(typeof api.createInstance, 'function');
      assert.equal((api as CloudElementsClient).baseUrl, 'https://ce.example.com/elements/api-v2');
    });

    it('rejects an invalid base URL up front', () => {
      assert.throws(() => new CloudElementsClient({ baseUrl: 'ftp://example.com/x' }), InvalidBaseUrlError);
      assert.throws(() => new CloudElementsClient({ baseUrl: 'https://example.com/x?apiKey=1' }), InvalidBaseUrlError);
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 and honours Retry-After', async () => {
      const { client, stub } = await setup((_request, response, index) => {
        if (index === 0) sendJson(response, 503, { message: 'busy', requestId: 'a' }, { 'Retry-After': '2' });
        else if (index === 1) sendJson(response, 503, { message: 'busy', requestId: 'b' });
        else sendJson(response, 200, instance(9));
      });
      const result = await client.getInstance(9);
      assert.equal(result.id, 9);
      assert.equal(stub.requests.length, 3);
      // Retry-After: 2 → 2000 ms; then exponential backoff for attempt 2 with jitter 0.5: 1000/2 + 0.5 * 1000/2.
      assert.deepEqual(sleeps, [2000, 750]);
    });

    it('retries 429, 502 and 504 too, then gives up after `retries` extra attempts', async () => {
      const statuses = [429, 502, 504];
      const { client, stub } = await setup((_request, response, index) =>
        sendJson(response, statuses[index] ?? 500, { message: `status ${statuses[index]}`, requestId: 'r' }),
      );
      const error = await rejection(client.getInstance(1));
      assert.equal(error.status, 504);
      assert.equal(stub.requests.length, 3);
    });

    it('does not retry other statuses', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 500, { message: 'boom', requestId: 'r' }));
      await rejection(client.getInstance(1));
      assert.equal(stub.requests.length, 1);
    });

    it('never retries POST /instances or PATCH on 503', async () => {
      const { client, stub } = await setup((_request, response) => sendJson(response, 503, { message: 'busy', requestId: 'r' }));
      const error = await rejection(client.createInstance({ element: { key: 'xero' }, configuration: {}, name: 'n' }));
      assert.equal(error.status, 503);
      assert.equal(stub.requests.length, 1);
      await rejection(client.updateInstance(1, { name: 'x' }));
      assert.equal(stub.requests.length, 2);
      assert.deepEqual(sleeps, []);
    });

    it('retries a network error on an idempotent call', async () => {
      let calls = 0;
      const flakyFetch: typeof fetch = (input, init) => {
        calls++;
        if (calls === 1) return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
        return fetch(input, init);
      };
      const { client, stub } = await setup((_request, response) => sendJson(response, 200, instance(3)), { fetch: flakyFetch });
      const result = await client.getInstance(3);
      assert.equal(result.id, 3);
      assert.equal(calls, 2);
      assert.equal(stub.requests.length, 1);
      assert.equal(sleeps.length, 1);
    });

    it('stops retrying when cancelled during the backoff', async () => {
      const controller = new AbortController();
      const { client, stub } = await setup((_request, response) => sendJson(response, 503, { message: 'busy', requestId: 'r' }), {
        sleep: async () => controller.abort(),
      });
      const error = await rejection(client.getInstance(1, controller.signal));
      assert.equal(error.kind, 'cancelled');
      assert.equal(stub.requests.length, 1);
    });
  });

  describe('log', () => {
    it('logs one redacted entry per attempt and never a secret', async () => {
      const entries: RequestLogEntry[] = [];
      const { client } = await setup(
        (request, response, index) => {
          const path = apiPath(request);
          if (path.endsWith('/oauth/url')) {
            sendJson(response, 200, { oauthUrl: 'https://provider.example/authorize', element: 'xero' });
          } else if (path === '/instances' && request.method === 'POST') {
            sendJson(response, 400, { message: `Rejected ${API_SECRET} and ${USER}`, requestId: 'r', providerMessage: ORG });
          } else if (index < 3) {
            sendJson(response, 503, { message: `busy ${ELEMENT_TOKEN}`, requestId: 'r' });
          } else {
            sendJson(response, 200, { dateTime: 'now' });
          }
        },
        { log: (entry) => entries.push(entry) },
      );
      await client.getOAuthUrl('xero', { apiKey: API_KEY, apiSecret: API_SECRET, callbackUrl: CALLBACK, state: 'visible-state' });
      await rejection(
        client.createInstance({
          element: { key: 'xero' },
          providerData: { code: 'oauth-code-0006' },
          configuration: { 'oauth.api.key': API_KEY, 'oauth.api.secret': API_SECRET },
          name: 'n',
        }),
      );
      await client.ping('finance', ELEMENT_TOKEN);

      assert.deepEqual(
        entries.map((entry) => [entry.method, entry.status, entry.attempt]),
        [
          ['GET', 200, 1],
          ['POST', 400, 1],
          ['GET', 503, 1],
          ['GET', 200, 2],
        ],
      );
      assert.match(entries[0]!.url, /\/elements\/xero\/oauth\/url\?apiKey=\*\*\*&apiSecret=\*\*\*&callbackUrl=.*&state=visible-state$/);
      assert.ok(entries[1]!.error);
      for (const entry of entries) assert.equal(typeof entry.ms, 'number');
      const logged = JSON.stringify(entries);
      for (const secret of [USER, ORG, API_KEY, API_SECRET, ELEMENT_TOKEN, 'oauth-code-0006']) {
        assert.ok(!logged.includes(secret), `log holds ${secret}: ${logged}`);
      }
    });
  });
});
