/**
 * Issue 19 item 1: nothing the toolkit sends to the API follows a redirect. Every API call (the
 * client's and the console's) gets a generated 3xx with a Location on another host, the same
 * host, a scheme-relative or relative address, or none at all; the call fails with a message
 * naming the Location it refused, and the other host receives nothing — not even a connection.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import fc from 'fast-check';
import { CloudElementsClient } from '../../../src/core/api/client';
import { ApiError } from '../../../src/core/api/errors';
import type { CreateInstanceRequest } from '../../../src/core/api/types';
import { InstanceConsole } from '../../../src/core/console/instanceConsole';
import { elementAuthorization } from '../../../src/core/console/references';
import { sendRequest } from '../../../src/core/console/send';
import { startStub, type StubServer } from './stubServer';

const CREDENTIALS = { userSecret: 'user-secret-REDIR-0001', orgSecret: 'org-secret-REDIR-0002' };
const TOKEN = 'instance-token-REDIR-0003';
const APP_SECRET = 'app-secret-REDIR-0004';
const CODE = 'oauth-code-REDIR-0005';
const SECRETS = [...Object.values(CREDENTIALS), TOKEN, APP_SECRET, CODE];
const BODY: CreateInstanceRequest = {
  element: { key: 'xero' },
  name: 'Books',
  configuration: { 'oauth.api.key': 'app-key', 'oauth.api.secret': APP_SECRET, 'oauth.callback.url': 'https://app.example/cb' },
  providerData: { code: CODE },
};

/** A server that counts every connection made to it: the "other host" that must hear nothing. */
async function startListener(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ id: 777, token: 'stolen', name: 'Books', element: { key: 'xero' } }));
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Call = (client: CloudElementsClient) => Promise<unknown>;

/** Every call the client makes, with its method (the OAuth calls carry the app secret in the query). */
const CALLS: Record<string, Call> = {
  'POST /instances': (c) => c.createInstance(BODY),
  'PUT /instances/{id}?reAuthenticate=true': (c) => c.reauthenticateInstance(7, BODY),
  'PATCH /instances/{id}': (c) => c.updateInstance(7, { name: 'Renamed', configuration: { 'oauth.api.secret': APP_SECRET } }),
  'DELETE /instances/{id}': (c) => c.deleteInstance(7),
  'GET /instances': (c) => c.listInstances(),
  'GET /instances/{id}': (c) => c.getInstance(7),
  'PUT /instances/{id}/enabled': (c) => c.enableInstance(7),
  'DELETE /instances/{id}/enabled': (c) => c.disableInstance(7),
  'GET /elements': (c) => c.listElements(),
  'GET /elements/{key}': (c) => c.getElement('xero'),
  'GET /elements/{key}/oauth/url': (c) => c.getOAuthUrl('xero', { apiKey: 'app-key', apiSecret: APP_SECRET, callbackUrl: 'https://app.example/cb' }),
  'GET /elements/{key}/oauth/token': (c) => c.getOAuthToken('xero', { apiKey: 'app-key', apiSecret: APP_SECRET, callbackUrl: 'https://app.example/cb' }),
  'GET /hubs/{hub}/ping': (c) => c.ping('finance', TOKEN),
};

/** Where the redirect points, given the other host's port and the API's origin. */
type Target = (otherPort: number, apiOrigin: string) => string | undefined;
const TARGETS: Record<string, Target> = {
  'another host': (port) => `http://127.0.0.1:${port}/collect`,
  'another host name': (port) => `http://localhost:${port}/collect?x=1`,
  'scheme-relative': (port) => `//127.0.0.1:${port}/collect`,
  'with a user and password': (port) => `http://user:pw-REDIR@127.0.0.1:${port}/collect`,
  'https on the other port': (port) => `https://127.0.0.1:${port}/collect`,
  'a secret in its query': (port) => `http://127.0.0.1:${port}/collect?access_token=${TOKEN}`,
  'the same host': (_port, origin) => `${origin}/elements/api-v2/elsewhere`,
  'a relative path': () => '/elements/api-v2/elsewhere',
  'no Location': () => undefined,
  'an unparsable Location': () => 'http://[::1',
};

const statuses = fc.oneof(fc.constantFrom(301, 302, 303, 307, 308), fc.integer({ min: 300, max: 399 }));

describe('the API is never followed to a redirect (issue 19 item 1)', function () {
  this.timeout(60_000);
  let api: StubServer;
  let other: Awaited<ReturnType<typeof startListener>>;
  let reply: { status: number; location: string | undefined } = { status: 302, location: undefined };

  before(async () => {
    other = await startListener();
    api = await startStub((_request, response) => {
      response.writeHead(reply.status, {
        'Content-Type': 'application/json',
        ...(reply.location !== undefined && { Location: reply.location }),
      });
      response.end(JSON.stringify({ id: 777, token: 'from-the-redirect', name: 'Books', element: { key: 'xero' } }));
    });
  });
  after(async () => {
    await api.close();
    await other.close();
  });

  /** What a message may show of the Location: no secret, and the address itself when it parses. */
  function assertNamesLocation(message: string, location: string | undefined, status: number): void {
    for (const secret of SECRETS) assert.ok(!message.includes(secret), `no secret in: ${message}`);
    assert.ok(!message.includes('pw-REDIR'), `no password in: ${message}`);
    assert.match(message, new RegExp(`HTTP ${status}\\b`), message);
    if (location === undefined) {
      assert.match(message, /without a Location/, message);
      return;
    }
    let expected: string;
    try {
      expected = new URL(location, api.baseUrl).host;
    } catch {
      expected = 'http://[::1';
    }
    assert.ok(message.includes(expected), `the Location's host (${expected}) is named in: ${message}`);
    assert.match(message, /not follow/, message);
  }

  it('every client call: a 3xx is an ApiError naming the Location; the other host hears nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(statuses, fc.constantFrom(...Object.keys(CALLS)), fc.constantFrom(...Object.keys(TARGETS)), async (status, call, target) => {
        const location = TARGETS[target]!(other.port, api.origin);
        reply = { status, location };
        const before = { api: api.requests.length, other: other.connections() };
        const client = new CloudElementsClient({ baseUrl: api.baseUrl, credentials: CREDENTIALS, timeoutMs: 5_000, sleep: async () => undefined });
        const error = await CALLS[call]!(client).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof ApiError, `${call} answered ${status} → ${String(location)}: expected an ApiError, got ${String(error)}`);
        assert.equal(error.kind, 'redirect');
        assert.equal(error.status, status);
        assert.equal(error.definitive, false, 'a redirect does not prove that nothing happened');
        assertNamesLocation(error.message, location, status);
        assert.equal(api.requests.length - before.api, 1, 'sent once, never again to the same host either');
        assert.equal(other.connections() - before.other, 0, 'the other host received nothing');
      }),
      { numRuns: 150 },
    );
  });

  it('console Send, Test Connection, the docs and the token lookup: a 3xx is a problem naming the Location (property)', async () => {
    const secrets = async (reference: { kind: string }) =>
      reference.kind === 'account-user' ? CREDENTIALS.userSecret : reference.kind === 'account-organization' ? CREDENTIALS.orgSecret : TOKEN;
    const console_ = new InstanceConsole({ baseUrl: api.baseUrl, secrets, sleep: async () => undefined });
    const authorization = elementAuthorization(7);
    const requests = {
      'Send GET': () => sendRequest({ method: 'GET', path: ['hubs', 'finance', 'customers'], query: [['access_token', TOKEN]], headers: [['Authorization', authorization]] }, { baseUrl: api.baseUrl, secrets }),
      'Send POST': () =>
        sendRequest({ method: 'POST', path: ['hubs', 'finance', 'customers'], query: [], headers: [['Authorization', authorization]], body: `{"password":"${APP_SECRET}"}` }, { baseUrl: api.baseUrl, secrets }),
      'Test Connection': () => console_.testConnection({ id: 7, hub: 'finance' }),
      docs: () => {
        console_.forgetDocs();
        return console_.docs(7);
      },
      'instance token': () => console_.instanceToken(7),
    };
    await fc.assert(
      fc.asyncProperty(statuses, fc.constantFrom(...(Object.keys(requests) as Array<keyof typeof requests>)), fc.constantFrom(...Object.keys(TARGETS)), async (status, which, target) => {
        const location = TARGETS[target]!(other.port, api.origin);
        reply = { status, location };
        const before = { api: api.requests.length, other: other.connections() };
        const result = await requests[which]();
        assert.ok(!result.ok, `${which} answered ${status}: not a success`);
        assert.equal(result.problem.kind, 'redirect');
        assertNamesLocation(result.problem.message, location, status);
        assert.equal(api.requests.length - before.api, 1);
        assert.equal(other.connections() - before.other, 0, 'the other host received nothing');
      }),
      { numRuns: 80 },
    );
  });
});
