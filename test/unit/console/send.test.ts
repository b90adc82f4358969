/** Test Connection, Send, Next Page and Copy as cURL against the emulator, with faults. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { consoleCurl } from '../../../src/core/console/curl';
import { parseHttpDocument } from '../../../src/core/console/httpDocument';
import type { ConsoleRequest } from '../../../src/core/console/request';
import { connectionText, InstanceConsole, pingRequest, type InstanceConsoleOptions } from '../../../src/core/console/instanceConsole';
import { findOperation } from '../../../src/core/console/operations';
import type { SecretReference } from '../../../src/core/console/references';
import { sendRequest, type SendLogEntry } from '../../../src/core/console/send';
import type { SendResult } from '../../../src/core/console/answer';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { until } from '../deadline';
import { addFault, api, clearFaults, resetEmulator } from '../emulator/helpers';

/**
 * A port nothing listens on: 4, privileged (no test server binds it, and the system never hands
 * it out), unassigned, and not on fetch's list of blocked ports (9 is). A port freed after
 * listening on 0 was not safe: beside other work on the machine another server or connection
 * could take it before the request went out.
 */
const CLOSED_PORT = 4;

interface Seeded {
  id: number;
  token: string;
  element: { key: string; hub: string };
}

describe('console: Send and Test Connection against the emulator', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let seeded: Seeded[];
  let tokens: Map<string, string>;
  let log: SendLogEntry[];
  let lookups: SecretReference[];
  const instance = (key: string) => {
    const found = seeded.find((candidate) => candidate.element.key === key)!;
    return { id: found.id, hub: found.element.hub, token: found.token };
  };
  const secretValues = () => [emulator.userSecret, emulator.orgSecret, ...seeded.map((s) => s.token)];

  function options(extra: Partial<InstanceConsoleOptions> = {}): InstanceConsoleOptions {
    return {
      baseUrl: emulator.apiBaseUrl,
      secrets: async (reference) => {
        lookups.push(reference);
        if (reference.kind === 'account-user') return emulator.userSecret;
        if (reference.kind === 'account-organization') return emulator.orgSecret;
        return tokens.get(reference.instanceId);
      },
      log: (entry) => log.push(entry),
      sleep: async () => undefined,
      ...extra,
    };
  }
  const console_ = (extra: Partial<InstanceConsoleOptions> = {}) => new InstanceConsole(options(extra));

  function noSecretIn(text: string): void {
    for (const secret of secretValues()) assert.ok(!text.includes(secret), `no secret in: ${text}`);
  }

  function problemOf(result: SendResult) {
    assert.ok(!result.ok, 'a problem');
    noSecretIn(result.problem.message);
    return result.problem;
  }

  async function requestsTo(path: string, method: string): Promise<number> {
    const list = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string }>;
    return list.filter((entry) => entry.method === method && entry.path.endsWith(path)).length;
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    seeded = (await api<Seeded[]>(emulator, '/instances')).json;
    tokens = new Map(seeded.map((s) => [String(s.id), s.token]));
    log = [];
    lookups = [];
  });
  afterEach(async () => {
    await clearFaults(emulator);
    noSecretIn(JSON.stringify(log));
  });

  describe('Test Connection (GET /hubs/{hub}/ping with the instance token)', () => {
    it('connects, with the time it took', async () => {
      const result = await console_().testConnection(instance('xero'));
      assert.ok(result.ok);
      assert.equal(result.endpoint, 'xero');
      assert.match(connectionText(result), /^Connected \(\d+ ms\)$/);
      assert.deepEqual(lookups.map((l) => l.kind).sort(), ['account-organization', 'account-user', 'instance-token']);
    });

    it('401: a token the API does not know; an instance whose authorization expired (with the provider message)', async () => {
      tokens.set(String(instance('xero').id), 'not-the-token');
      const refused = await console_().testConnection(instance('xero'));
      assert.ok(!refused.ok);
      assert.equal(refused.problem.kind, 'unauthorized');
      assert.match(
        refused.problem.message,
        /^Cloud Elements refused the credentials for GET \/hubs\/finance\/ping \(HTTP 401 Unauthorized\): check the instance's token .* The API said: Invalid Organization or User secret, or invalid Element token provided\. Request id: [0-9a-f]{24}\.$/,
      );
      assert.equal(refused.problem.mayHaveTakenEffect, false);
      const expired = await console_().testConnection(instance('freshbooks'));
      assert.ok(!expired.ok);
      assert.match(expired.problem.message, /The API said: Instance 3 is not valid: its authorization with FreshBooks has expired; .* The provider said: invalid_token: the access token has expired\. Request id: /);
      assert.equal(expired.problem.providerMessage, 'invalid_token: the access token has expired');
      assert.match(expired.problem.requestId!, /^[0-9a-f]{24}$/);
    });

    it('403: a disabled instance says so', async () => {
      const result = await console_().testConnection(instance('sageoneus'));
      assert.ok(!result.ok);
      assert.equal(result.problem.kind, 'forbidden');
      assert.match(result.problem.message, /^GET \/hubs\/sage\/ping was refused \(HTTP 403 Forbidden\): the instance is disabled\. Enable it, then try again\. The API said: Instance 4 is disabled; enable it with PUT \/instances\/4\/enabled\. Request id: /);
    });

    it("another hub's path: the token picks the instance, which answers as its own hub does", async () => {
      const result = await console_().testConnection({ ...instance('xero'), hub: 'crm' });
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
    });

    it('5xx: retried once (a GET), then a true message; an HTML gateway page is named as such', async () => {
      await addFault(emulator, { path: '/hubs/finance/ping', status: 503 });
      const recovered = await console_().testConnection(instance('xero'));
      assert.ok(recovered.ok, 'the second attempt succeeded');
      assert.equal(await requestsTo('/hubs/finance/ping', 'GET'), 2);

      await addFault(emulator, { path: '/hubs/finance/ping', status: 503, times: 0 });
      const failed = await console_().testConnection(instance('xero'));
      assert.ok(!failed.ok);
      assert.equal(failed.problem.kind, 'server');
      assert.match(failed.problem.message, /^GET \/hubs\/finance\/ping failed on the server \(HTTP 503 Service Unavailable\) after 2 attempts\. The API said: Injected fault: 503 Service Unavailable\. Request id: /);
      await clearFaults(emulator);

      await addFault(emulator, { path: '/hubs/finance/ping', status: 502, body: 'html', times: 0 });
      const html = await console_().testConnection(instance('xero'));
      assert.ok(!html.ok);
      assert.match(html.problem.message, /failed on the server \(HTTP 502 Bad Gateway\) after 2 attempts\. The answer was an HTML page, not the API's JSON\.$/);
    });

    it("a 503 with Retry-After (the emulator's fault): Send waits what the server asks, never past the request timeout", async () => {
      const waits: number[] = [];
      const sleep = async (ms: number) => void waits.push(ms);
      await addFault(emulator, { path: '/hubs/finance/ping', status: 503, headers: { 'Retry-After': '2' } });
      const recovered = await console_({ sleep, timeoutMs: 5000 }).testConnection(instance('xero'));
      assert.ok(recovered.ok, 'the second attempt succeeded');
      await addFault(emulator, { path: '/hubs/finance/ping', status: 503, headers: { 'Retry-After': '120' } });
      const capped = await console_({ sleep, timeoutMs: 5000 }).testConnection(instance('xero'));
      assert.ok(capped.ok, 'the second attempt succeeded');
      assert.deepEqual(waits, [2000, 5000]);
      assert.equal(await requestsTo('/hubs/finance/ping', 'GET'), 4);
    });

    it('timeout and network failure', async () => {
      await addFault(emulator, { path: '/hubs/finance/ping', delayMs: 400, times: 0 });
      const slow = await console_({ timeoutMs: 100 }).testConnection(instance('xero'));
      assert.ok(!slow.ok);
      assert.equal(slow.problem.kind, 'timeout');
      assert.equal(slow.problem.message, `GET /hubs/finance/ping got no answer from ${new URL(emulator.url).host} within 0.1 s. Try again, or raise the request timeout.`);
      const closed = CLOSED_PORT;
      const down = await console_({ baseUrl: `http://127.0.0.1:${closed}/elements/api-v2` }).testConnection(instance('xero'));
      assert.ok(!down.ok);
      assert.equal(down.problem.kind, 'network');
      assert.equal(down.problem.message, `Could not reach 127.0.0.1:${closed} for GET /hubs/finance/ping (ECONNREFUSED) after 2 attempts: check the environment's base URL and your network connection.`);
    });

    it('a missing token can be fetched with GET /instances/{id} (account secrets only)', async () => {
      const fetched = await console_().instanceToken(instance('xero').id);
      assert.deepEqual(fetched, { ok: true, token: instance('xero').token });
      assert.deepEqual(lookups.map((l) => l.kind).sort(), ['account-organization', 'account-user']);
      const missing = await console_().instanceToken(999);
      assert.ok(!missing.ok);
      assert.equal(missing.problem.kind, 'not-found');
      assert.match(missing.problem.message, /^GET \/instances\/999 found nothing \(HTTP 404 Not Found\): .* The API said: No instance found with the id in the path\./);
    });

    it('a token missing from the keychain is named, and nothing is sent', async () => {
      tokens.delete(String(instance('xero').id));
      const result = await console_().testConnection(instance('xero'));
      assert.ok(!result.ok);
      assert.equal(result.problem.kind, 'missing-secret');
      assert.deepEqual(result.problem.reference, { kind: 'instance-token', instanceId: String(instance('xero').id) });
      assert.match(result.problem.message, /^The keychain has no value for the token of instance 1 in this environment: fetch it from the instance/);
      assert.equal(log.length, 0);
    });
  });

  describe('the API node, request documents and Send', () => {
    it('lists an instance\'s operations once (cached), and writes a create document with a body from the resolved definitions', async () => {
      const console = console_();
      const docs = await console.docs(instance('xero').id);
      assert.ok(docs.ok);
      assert.equal(docs.tree.operationCount, 31);
      assert.deepEqual(docs.tree.resources.map((r) => r.name), ['customers', 'invoices', 'ledger-accounts', 'payments', 'ping', 'vendors']);
      await console.docs(instance('xero').id);
      assert.equal(await requestsTo(`/instances/${instance('xero').id}/docs`, 'GET'), 1, 'cached per instance');

      const text = await console.requestDocument({ ...instance('xero'), name: 'Xero Demo Company' }, findOperation(docs.tree, 'createCustomer')!, docs.tree);
      assert.equal(await requestsTo('/docs/createCustomer/definitions', 'GET'), 1);
      const [block] = parseHttpDocument(text, { baseUrl: emulator.apiBaseUrl });
      assert.ok(block!.result.ok);
      const body = JSON.parse(block!.result.request.body!) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), ['name', 'email', 'phone', 'currency', 'balance', 'active', 'address'], 'no read-only fields');
      body.name = 'Console Ltd';
      const created = await console.send({ ...block!.result.request, body: JSON.stringify(body) });
      assert.ok(created.ok);
      assert.equal((created.response.json as { name: string }).name, 'Console Ltd');
    });

    it('a failed docs load is not cached, and says why', async () => {
      const console = console_();
      await addFault(emulator, { path: '/docs', status: 500 });
      const failed = await console.docs(instance('xero').id);
      assert.ok(!failed.ok);
      assert.match(failed.problem.message, /^GET \/instances\/1\/docs failed on the server \(HTTP 500 Internal Server Error\) after 1 attempts|^GET \/instances\/1\/docs failed on the server \(HTTP 500 Internal Server Error\)\./);
      assert.ok((await console.docs(instance('xero').id)).ok);
    });

    it('sends GET /customers from its document and follows Elements-Next-Page-Token to the last page', async () => {
      const console = console_();
      const docs = await console.docs(instance('xero').id);
      assert.ok(docs.ok);
      const text = await console.requestDocument(instance('xero'), findOperation(docs.tree, 'getCustomers')!, docs.tree);
      const [block] = parseHttpDocument(text);
      assert.ok(block!.result.ok);
      let result = await console.send(block!.result.request);
      assert.ok(result.ok);
      assert.equal(result.response.status, 200);
      assert.equal((result.response.json as unknown[]).length, 20);
      assert.ok(result.response.headers.some(([name]) => name === 'elements-next-page-token'));
      const ids = new Set((result.response.json as Array<{ id: string }>).map((r) => r.id));
      let pages = 1;
      while (result.ok && result.response.nextPage) {
        result = await console.send(result.response.nextPage);
        assert.ok(result.ok);
        for (const record of result.response.json as Array<{ id: string }>) {
          assert.ok(!ids.has(record.id), 'no record twice');
          ids.add(record.id);
        }
        pages++;
      }
      assert.ok(pages >= 2 && ids.size >= 25, `${pages} pages, ${ids.size} records`);
    });

    it('never retries what is not idempotent: POST and PATCH go out once, with a message that says the change is uncertain', async () => {
      const console = console_();
      const post: ConsoleRequest = { method: 'POST', path: ['hubs', 'finance', 'customers'], query: [], headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}'], ['Content-Type', 'application/json']], body: '{"name":"Once"}' };
      await addFault(emulator, { path: '/hubs/finance/customers', method: 'POST', status: 503, times: 0 });
      const failed = problemOf(await console.send(post));
      assert.equal(failed.kind, 'server');
      assert.equal(failed.mayHaveTakenEffect, true);
      assert.match(failed.message, /^POST \/hubs\/finance\/customers failed on the server \(HTTP 503 Service Unavailable\)\. It was sent once and not retried: the change may or may not have been made, so check before sending it again\./);
      assert.equal(await requestsTo('/hubs/finance/customers', 'POST'), 1);
      await clearFaults(emulator);

      await addFault(emulator, { path: '/hubs/finance/customers', method: 'POST', delayMs: 400 });
      const slow = problemOf(await console_({ timeoutMs: 100 }).send(post));
      assert.equal(slow.kind, 'timeout');
      assert.match(slow.message, /within 0\.1 s\. It may still have taken effect: check before sending it again/);
      await until(async () => (await requestsTo('/hubs/finance/customers', 'POST')) >= 2, 'the emulator to answer the slow POST');
      assert.equal(await requestsTo('/hubs/finance/customers', 'POST'), 2, 'the slow POST went out once');

      const patch: ConsoleRequest = { ...post, method: 'PATCH', path: [...post.path, '1001'] };
      await addFault(emulator, { path: '/hubs/finance/customers/1001', method: 'PATCH', status: 502, times: 0 });
      problemOf(await console.send(patch));
      assert.equal(await requestsTo('/hubs/finance/customers/1001', 'PATCH'), 1);
    });

    it('an API refusal (400) proves nothing changed; a cancelled request says so', async () => {
      const console = console_();
      const bad: ConsoleRequest = { method: 'POST', path: ['hubs', 'finance', 'customers'], query: [], headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}']], body: '{}' };
      const refused = problemOf(await console.send(bad));
      assert.equal(refused.kind, 'refused');
      assert.equal(refused.mayHaveTakenEffect, false);
      assert.match(refused.message, /^POST \/hubs\/finance\/customers was refused \(HTTP 400 Bad Request\)\. The API said: Missing required field of the Customer: name\./);

      await addFault(emulator, { path: '/hubs/finance/ping', delayMs: 2000 });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 50);
      const cancelled = problemOf(await console.send(pingRequest(instance('xero')), abort.signal));
      assert.equal(cancelled.kind, 'cancelled');
      assert.equal(cancelled.message, 'GET /hubs/finance/ping was cancelled.');
    });

    it('cancelled while a secret was being read (the token, from the API): cancelled, not a missing secret', async () => {
      // Before: "The keychain has no token for instance 1 …: GET /instances/1 was cancelled." as a failure.
      const abort = new AbortController();
      const reading = console_({
        secrets: async () => {
          abort.abort();
          return undefined;
        },
      });
      const result = problemOf(await reading.send(pingRequest(instance('xero')), abort.signal));
      assert.deepEqual(result, { kind: 'cancelled', message: 'GET /hubs/finance/ping was cancelled.', mayHaveTakenEffect: false });
      assert.equal(await requestsTo('/hubs/finance/ping', 'GET'), 0, 'nothing sent');
    });

    it('refuses dot segments and path values are sent exactly, in their own segment', async () => {
      const request = (id: string): ConsoleRequest => ({ method: 'GET', path: ['hubs', 'finance', 'customers', id], query: [], headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}']] });
      assert.equal(problemOf(await sendRequest(request('..'), options())).kind, 'unsendable');
      const odd = problemOf(await sendRequest(request("a/b?c=d#e f'"), options()));
      assert.match(odd.message, /^GET \/hubs\/finance\/customers\/a%2Fb%3Fc%3Dd%23e%20f' found nothing .* The API said: No Customer found with the id in the path\./);
      // The emulator never repeats the id in its message; its request log shows the value arrived whole, in one segment.
      const log = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string }>;
      assert.equal(log.at(-1)?.path, "/elements/api-v2/hubs/finance/customers/a%2Fb%3Fc%3Dd%23e%20f'");
    });

    it('Send adds little to the emulator\'s own time: its median stays within a few plain fetches of the same URL', async () => {
      // Measured against a plain fetch, taken in turns: a busy machine slows both alike, so no
      // fixed number of milliseconds (which other work on the machine could exceed) is assumed.
      const console = console_();
      const request: ConsoleRequest = { method: 'GET', path: ['hubs', 'finance', 'customers'], query: [['pageSize', '20']], headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}']] };
      const authorization = `User ${emulator.userSecret}, Organization ${emulator.orgSecret}, Element ${tokens.get('1')}`;
      const url = `${emulator.apiBaseUrl}/hubs/finance/customers?pageSize=20`;
      const sends: number[] = [];
      const fetches: number[] = [];
      for (let i = 0; i < 30; i++) {
        let started = performance.now();
        const result = await console.send(request);
        sends.push(performance.now() - started);
        assert.ok(result.ok);
        started = performance.now();
        const plain = await fetch(url, { headers: { Authorization: authorization } });
        await plain.text();
        fetches.push(performance.now() - started);
        assert.equal(plain.status, 200);
      }
      const median = (times: number[]) => [...times].sort((a, b) => a - b)[15]!;
      assert.ok(median(sends) < 4 * median(fetches) + 20, `Send's median ${median(sends).toFixed(1)} ms, a plain fetch's ${median(fetches).toFixed(1)} ms`);
    });
  });

  describe('what comes back is shown safely', () => {
    const ping = (): ConsoleRequest => pingRequest(instance('xero'));

    it('an API message that repeats a secret shows it masked, and as plain text', async () => {
      const token = instance('xero').token;
      await addFault(emulator, { path: '/hubs/finance/ping', status: 401, body: { message: `Token ${token} refused, see [docs](command:workbench.action.openSettings)`, requestId: 'r-1' } });
      const problem = problemOf(await console_().send(ping()));
      assert.equal(
        problem.message,
        "Cloud Elements refused the credentials for GET /hubs/finance/ping (HTTP 401 Unauthorized): check the instance's token and your user and organization secrets for this environment, and whether the instance needs re-authorizing. The API said: Token *** refused, see [docs] (command:workbench.action.openSettings). Request id: r-1.",
      );
    });

    it('cuts bodies past the limit and marks them; keeps a truncated JSON answer as text', async () => {
      const big = await sendRequest({ method: 'GET', path: ['hubs', 'finance', 'customers'], query: [], headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}']] }, options({ maxBodyBytes: 100 }));
      assert.ok(big.ok);
      assert.equal(big.response.truncated, true);
      assert.equal(Buffer.byteLength(big.response.text), 100);
      assert.equal(big.response.json, undefined);
      await addFault(emulator, { path: '/hubs/finance/ping', body: 'truncated' });
      const cut = await console_().send(ping());
      assert.ok(cut.ok);
      assert.equal(cut.response.json, undefined);
      assert.ok(cut.response.text.startsWith('{'));
    });

    it('a stored secret that cannot go in a header is refused before sending', async () => {
      tokens.set(String(instance('xero').id), 'abc\r\nX-Injected: 1');
      const problem = problemOf(await console_().send(ping()));
      assert.equal(problem.kind, 'unsendable');
      assert.equal(problem.message, 'The token of instance 1 holds characters an HTTP header cannot carry; store it again.');
      assert.equal(log.length, 0);
    });
  });

  describe('Copy as cURL', () => {
    const request: ConsoleRequest = {
      method: 'POST',
      path: ['hubs', 'finance', 'customers'],
      query: [['where', "name = 'O''Brien'"]],
      headers: [['Authorization', 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:1:token}}'], ['Content-Type', 'application/json']],
      body: '{"name": "It\'s $HOME"}',
    };

    it('masks the secrets, or writes them as shell variables', () => {
      assert.equal(
        consoleCurl(request, { baseUrl: 'https://api.cloud-elements.com/elements/api-v2', secrets: 'masked' }),
        [
          "curl -X POST 'https://api.cloud-elements.com/elements/api-v2/hubs/finance/customers?where=name%20%3D%20'\\''O'\\'''\\''Brien'\\'''",
          "-H 'Authorization: User ***, Organization ***, Element ***'",
          "-H 'Content-Type: application/json'",
          `--data-binary '{"name": "It'\\''s $HOME"}'`,
        ].join(' \\\n  '),
      );
      assert.match(consoleCurl(request, { baseUrl: 'https://x/elements/api-v2', secrets: 'variables' }), /-H 'Authorization: User '"\$ELEMENTS_USER_SECRET"', Organization '"\$ELEMENTS_ORG_SECRET"', Element '"\$ELEMENTS_TOKEN" \\/);
    });

    it('the variables form runs in bash against the emulator', async () => {
      const ping = consoleCurl(pingRequest(instance('xero')), { baseUrl: emulator.apiBaseUrl, secrets: 'variables' });
      // Asynchronously: the emulator answers from this process.
      const { stdout } = await promisify(execFile)('bash', ['-c', `${ping} -s`], {
        env: { PATH: process.env.PATH, ELEMENTS_TOKEN: instance('xero').token, ELEMENTS_USER_SECRET: emulator.userSecret, ELEMENTS_ORG_SECRET: emulator.orgSecret },
        encoding: 'utf8',
      });
      assert.equal((JSON.parse(stdout) as { endpoint: string }).endpoint, 'xero');
    });
  });
});
