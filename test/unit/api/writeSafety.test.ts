/**
 * What the client tells its callers about a failed write (issue 12, items 7, 8, 9, 10): which
 * failures prove that nothing happened, that a re-authorization is never retried, that a
 * server's Retry-After cannot hold a request longer than its timeout, and that the API's words
 * reach messages as plain text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudElementsClient, type CloudElementsClientOptions } from '../../../src/core/api/client';
import { ApiError } from '../../../src/core/api/errors';
import { plainText } from '../../../src/core/api/plainText';
import type { CreateInstanceRequest } from '../../../src/core/api/types';

const BASE_URL = 'https://ce.example.com/elements/api-v2';
const CREDENTIALS = { userSecret: 'user-secret-0001', orgSecret: 'org-secret-0002' };
const BODY: CreateInstanceRequest = { element: { key: 'xero' }, configuration: {}, name: 'n' };

/** VS Code's notifications link `[label](target)` for http(s):, command: and file: targets. */
const NOTIFICATION_LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+/i;

type Reply = () => Response | Promise<Response>;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function text(status: number, body: string, contentType = 'text/html'): Reply {
  return () => new Response(body, { status, headers: { 'Content-Type': contentType } });
}

/** A client over a fake fetch answering `replies` in turn (the last one repeats); records requests and waits. */
function fakeClient(replies: Reply[], options: Partial<CloudElementsClientOptions> = {}) {
  const requests: Array<{ method: string; url: string }> = [];
  const sleeps: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input) });
    init?.signal?.throwIfAborted();
    return replies[Math.min(requests.length - 1, replies.length - 1)]!();
  };
  const client = new CloudElementsClient({
    baseUrl: BASE_URL,
    credentials: CREDENTIALS,
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, requests, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
  return error;
}

describe('API client: failed writes', () => {
  describe('definitive: only when the request certainly changed nothing', () => {
    const cases: Array<[string, Reply, boolean]> = [
      ['a 400 the API sent with its JSON error body', json(400, { message: 'Missing required configuration entries: x', requestId: 'r' }), true],
      ['a 409 with the API\'s JSON error body', json(409, { message: 'Conflict', requestId: 'r' }), true],
      ['a 429 with the API\'s JSON error body', json(429, { message: 'Too many requests', requestId: 'r' }, { 'Retry-After': '1' }), true],
      ['a 401 with the API\'s JSON error body', json(401, { message: 'Invalid Organization or User secret', requestId: 'r' }), true],
      ['a 503 with a JSON error body (the server may have acted first)', json(503, { message: 'Service Unavailable', requestId: 'r' }), false],
      ['a 500 with a JSON error body', json(500, { message: 'boom', requestId: 'r' }), false],
      ['an HTML 502 from a gateway', text(502, '<html><body>Bad Gateway</body></html>'), false],
      ['an HTML 404 (not the API\'s answer)', text(404, '<html><body>Not Found</body></html>'), false],
      ['a 4xx JSON without an error message', json(400, { nothing: true }), false],
      ['a truncated 200', text(200, '{"id": 12, "na', 'application/json'), false],
      ['an empty 200', text(200, '', 'application/json'), false],
      ['a 200 without the instance id', json(200, { name: 'n' }), false],
      ['a connection reset', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })), false],
    ];
    for (const [what, reply, definitive] of cases) {
      it(`${what}: ${definitive ? 'definitive' : 'not definitive'}`, async () => {
        const { client, requests } = fakeClient([reply]);
        const error = await failure(client.createInstance(BODY));
        assert.equal(error.definitive, definitive);
        assert.equal(requests.length, 1, 'POST /instances is sent once');
      });
    }

    it('a timeout is not definitive, and its advice is not "try again" for POST /instances', async () => {
      const { client } = fakeClient([() => new Promise<Response>(() => {})], {
        timeoutMs: 20,
        fetch: (_input, init) =>
          new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true })),
      });
      const error = await failure(client.createInstance(BODY));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.definitive, false);
      assert.doesNotMatch(error.message, /try again/i);
    });

    it('an HTML 5xx on POST /instances does not advise trying again; on a GET it does', async () => {
      const post = await failure(fakeClient([text(502, '<html>x</html>')]).client.createInstance(BODY));
      assert.match(post.message, /The service may be down\.$/);
      const get = await failure(fakeClient([text(502, '<html>x</html>')], { retries: 0 }).client.getInstance(1));
      assert.match(get.message, /try again later/);
    });

    it('nothing sent: cancelled before sending, or no credentials, is definitive; a cancel in flight is not', async () => {
      const { client, requests } = fakeClient([json(200, { id: 1 })]);
      const early = await failure(client.createInstance(BODY, AbortSignal.abort()));
      assert.equal(early.kind, 'cancelled');
      assert.equal(early.definitive, true);
      assert.equal(requests.length, 0);

      const unsigned = await failure(fakeClient([json(200, { id: 1 })], { credentials: undefined }).client.createInstance(BODY));
      assert.equal(unsigned.kind, 'unauthorized');
      assert.equal(unsigned.definitive, true);

      const controller = new AbortController();
      const inFlight = fakeClient([], {
        fetch: (_input, init) => {
          const aborted = new Promise<Response>((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
          );
          controller.abort();
          return aborted;
        },
      });
      const late = await failure(inFlight.client.createInstance(BODY, controller.signal));
      assert.equal(late.kind, 'cancelled');
      assert.equal(late.definitive, false);
    });
  });

  describe('re-authorization is never retried (its OAuth code is single use)', () => {
    for (const [what, reply] of [
      ['503', json(503, { message: 'busy', requestId: 'r' })],
      ['429 with Retry-After', json(429, { message: 'slow down', requestId: 'r' }, { 'Retry-After': '1' })],
      ['HTML 502', text(502, '<html>gateway</html>')],
      ['connection reset', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))],
    ] as Array<[string, Reply]>) {
      it(`PUT …?reAuthenticate=true after a ${what}: one request, no wait`, async () => {
        const { client, requests, sleeps } = fakeClient([reply, json(200, { id: 7 })]);
        await failure(client.reauthenticateInstance(7, BODY));
        assert.deepEqual(requests.map((request) => request.method), ['PUT']);
        assert.match(requests[0]!.url, /\/instances\/7\?reAuthenticate=true$/);
        assert.deepEqual(sleeps, []);
      });
    }

    it('other PUTs are still retried', async () => {
      const { client, requests } = fakeClient([json(503, { message: 'busy', requestId: 'r' }), text(200, '', 'application/json')]);
      await client.enableInstance(7);
      assert.equal(requests.length, 2);
    });
  });

  describe('Retry-After', () => {
    it('is capped by the request timeout', async () => {
      const { client, sleeps } = fakeClient([json(429, { message: 'slow', requestId: 'r' }, { 'Retry-After': '60' }), json(200, { id: 1 })], {
        timeoutMs: 1_000,
      });
      await client.getInstance(1);
      assert.deepEqual(sleeps, [1_000]);
    });

    it('property: whatever the server says, no wait exceeds the request timeout', async () => {
      const retryAfter = fc.oneof(
        fc.nat({ max: 10_000_000 }).map(String),
        fc.double({ min: 0, max: 1e9, noNaN: true }).map((seconds) => seconds.toFixed(3)),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toUTCString()),
        fc.string({ maxLength: 20 }),
      );
      await fc.assert(
        fc.asyncProperty(retryAfter, fc.integer({ min: 1, max: 120_000 }), async (header, timeoutMs) => {
          const { client, sleeps } = fakeClient(
            [() => new Response(JSON.stringify({ message: 'busy', requestId: 'r' }), { status: 503, headers: { 'Retry-After': header.replace(/[^\x20-\x7e]/g, '') } })],
            { timeoutMs, retries: 2 },
          );
          await failure(client.getInstance(1));
          assert.equal(sleeps.length, 2);
          for (const ms of sleeps) assert.ok(ms >= 0 && ms <= timeoutMs, `waited ${ms} ms with a ${timeoutMs} ms timeout`);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('the API\'s words are plain text in messages', () => {
    it('a markdown or command: link in message or providerMessage does not survive', async () => {
      const { client } = fakeClient([
        json(400, {
          message: 'Refused: [Open settings](command:workbench.action.openSettings) or [docs](https://evil.example/x)',
          providerMessage: '[click](file:///etc/passwd)',
          requestId: '[r](command:x)',
        }),
      ]);
      const error = await failure(client.createInstance(BODY));
      assert.doesNotMatch(error.message, NOTIFICATION_LINK);
      assert.match(error.message, /Open settings\] \(command:workbench/);
      assert.doesNotMatch(error.providerMessage ?? '', NOTIFICATION_LINK);
      assert.doesNotMatch(error.requestId ?? '', NOTIFICATION_LINK);
    });

    it('property: plainText leaves no link, is idempotent and only inserts spaces', () => {
      const target = fc.constantFrom('command:workbench.action.openSettings', 'https://evil.example/x', 'file:///etc/passwd');
      const withLink = fc
        .tuple(fc.string({ maxLength: 10 }), fc.stringMatching(/^[^\]\s]{1,10}$/), target, fc.string({ maxLength: 10 }))
        .map(([before, label, href, after]) => `${before}[${label}](${href})${after}`);
      const brackets = fc.array(fc.constantFrom('[', ']', '(', ')', 'command:', 'https://', 'x', ' ', '\n'), { maxLength: 30 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 200 }), withLink, brackets), (input) => {
          const output = plainText(input);
          assert.doesNotMatch(output, NOTIFICATION_LINK);
          assert.ok(!output.includes(']('));
          assert.equal(plainText(output), output);
          assert.equal(output.replace(/\] \(/g, ']('), input.replace(/\] \(/g, ']('));
        }),
        { numRuns: 500 },
      );
    });
  });
});
