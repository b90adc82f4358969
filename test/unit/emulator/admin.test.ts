/** Fault injection, the admin endpoints, request logging with redaction, seeding and latency. */
import assert from 'node:assert/strict';
import type { ApiErrorBody, Instance } from '../../../src/core/api/types';
import { isLoopback } from '../../../src/emulator/routes/admin';
import type { Fault } from '../../../src/emulator/stores/faults';
import type { StoredInstance } from '../../../src/emulator/stores/instances';
import type { RequestRecord } from '../../../src/emulator/stores/requestLog';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { until } from '../deadline';
import { accountAuth, api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

const CALLBACK = 'https://www.mycoolapp.com/auth';

describe('emulator: faults and admin endpoints', () => {
  let emulator: RunningEmulator;
  let lines: string[];
  beforeEach(async () => {
    lines = [];
    emulator = await startEmulator({ port: 0, seed: true, log: (line) => lines.push(line) });
  });
  afterEach(() => emulator.close());

  async function admin<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${emulator.url}/__admin${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    return { status: response.status, json: (await response.json()) as T };
  }

  const addFault = (spec: Record<string, unknown>) => admin<Fault>('POST', '/faults', spec);

  describe('faults', () => {
    it('status only → a JSON error with that status, once by default', async () => {
      const added = await addFault({ method: 'GET', path: '/instances', status: 503 });
      assert.equal(added.status, 201);
      assert.equal(added.json.times, 1);
      const failed = await api<ApiErrorBody>(emulator, '/instances');
      assert.equal(failed.status, 503);
      assert.match(failed.json.message, /Injected fault: 503/);
      assert.ok(failed.json.requestId);
      assert.equal((await api(emulator, '/instances')).status, 200, 'used up after one request');
    });

    it('matches the method and path substring; headers are added', async () => {
      await addFault({ method: 'POST', path: '/instances', status: 429, headers: { 'Retry-After': '1' } });
      assert.equal((await api(emulator, '/instances')).status, 200, 'GET is not matched');
      const limited = await api(emulator, '/instances', { body: {} });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '1');
    });

    it('a ^regex path, times: 0 applies until cleared', async () => {
      await addFault({ path: '^/elements/api-v2/instances/\\d+$', status: 500, times: 0 });
      assert.equal((await api(emulator, '/instances/1')).status, 500);
      assert.equal((await api(emulator, '/instances/2')).status, 500);
      assert.equal((await api(emulator, '/instances')).status, 200);
      const listed = await admin<Fault[]>('GET', '/faults');
      assert.equal(listed.json[0]?.hits, 2);
      assert.deepEqual((await admin('DELETE', '/faults')).json, { cleared: 1 });
      assert.equal((await api(emulator, '/instances/1')).status, 200);
    });

    it("body 'html' → a 502 HTML gateway page", async () => {
      await addFault({ path: '/instances', body: 'html' });
      const response = await api(emulator, '/instances');
      assert.equal(response.status, 502);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(response.text, /502 Bad Gateway/);
    });

    it("body 'truncated' → the real JSON cut in half with the real status", async () => {
      const full = await api(emulator, '/instances/1');
      await addFault({ path: '/instances', body: 'truncated' });
      const response = await fetch(`${emulator.apiBaseUrl}/instances/1`, { headers: { Authorization: accountAuth(emulator) } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(await response.text(), full.text.slice(0, Math.floor(full.text.length / 2)));
    });

    it("body 'truncated' with a status → a truncated error body", async () => {
      await addFault({ path: '/instances', body: 'truncated', status: 500 });
      const response = await fetch(`${emulator.apiBaseUrl}/instances`);
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.ok(text.length > 0);
      assert.throws(() => JSON.parse(text) as unknown, SyntaxError, 'the error body is cut: not JSON');
    });

    it("body 'empty' → no body", async () => {
      await addFault({ path: '/instances', body: 'empty' });
      const response = await api(emulator, '/instances');
      assert.equal(response.status, 200);
      assert.equal(response.text, '');
    });

    it('any JSON body → sent as is (status default 500)', async () => {
      await addFault({ path: '/oauth/url', body: { unexpected: true }, status: 200 });
      const response = await api(emulator, '/elements/xero/oauth/url?apiKey=a', { auth: false });
      assert.equal(response.status, 200);
      assert.deepEqual(response.json, { unexpected: true });
      await addFault({ path: '/oauth/url', body: [1, 2] });
      assert.equal((await api(emulator, '/elements/xero/oauth/url', { auth: false })).status, 500);
    });

    it('delayMs alone delays the normal response', async () => {
      await addFault({ path: '/instances', delayMs: 30 });
      const response = await api<Instance[]>(emulator, '/instances');
      assert.equal(response.status, 200);
      assert.equal(response.json.length, 4);
    });

    it('a reset waits for a request still being handled: a delayed create neither outlives it nor lands in the fresh request list', async () => {
      // Before: the create finished after the reset, adding an instance and a request record to the
      // next test's fresh state (beside other work on the machine, tests took long enough for it).
      await addFault({ method: 'POST', path: '/instances', delayMs: 300 });
      let answered = false;
      const creating = api(emulator, '/instances', { body: quickbooksTokenBody('Created late') }).then((response) => ((answered = true), response));
      await until(async () => (await admin<Fault[]>('GET', '/faults')).json.length === 0, 'the emulator to take the delayed create');
      const reset = await admin<{ instances: number }>('POST', '/reset');
      assert.ok(answered, 'the reset answered after the delayed create');
      assert.equal((await creating).status, 200);
      assert.deepEqual(reset.json, { instances: 4 });
      assert.ok(!(await admin<StoredInstance[]>('GET', '/instances')).json.some((record) => record.name === 'Created late'));
      assert.deepEqual((await admin<RequestRecord[]>('GET', '/requests')).json, []);
    });

    it('invalid fault specs → 400', async () => {
      for (const spec of [{}, { path: '/x' }, { path: '^(', status: 500 }, { path: '/x', status: 99 }, { path: '/x', times: -1, status: 500 }]) {
        const response = await addFault(spec);
        assert.equal(response.status, 400, JSON.stringify(spec));
      }
    });
  });

  it('seeds a valid Xero, a QBO Token, an invalid FreshBooks and a disabled Sage One US instance', async () => {
    const response = await api<Instance[]>(emulator, '/instances');
    const summary = response.json.map((instance) => [instance.element.key, instance.valid, instance.disabled]);
    assert.deepEqual(summary, [
      ['xero', true, false],
      ['quickbooks', true, false],
      ['freshbooks', false, false],
      ['sageoneus', true, true],
    ]);
    assert.equal(response.json[1]?.name, 'QBO Token');
    assert.equal(response.json[1]?.externalAuthentication, 'initial');
    const invalid = await api<ApiErrorBody>(emulator, '/hubs/finance/ping', {
      auth: `Element ${response.json[2]!.token}, User ${emulator.userSecret}, Organization ${emulator.orgSecret}`,
    });
    assert.equal(invalid.status, 401);
    assert.match(invalid.json.message, /reAuthenticate/);
    assert.ok(invalid.json.providerMessage);
  });

  it('GET /__admin/instances returns full records with providerData', async () => {
    const records = await admin<StoredInstance[]>('GET', '/instances');
    assert.equal(records.json.length, 4);
    assert.ok(records.json[0]?.providerData?.code);
    assert.equal(records.json[0]?.flow, 'oauth2');
  });

  it('POST /__admin/reset clears instances, grants and faults (seed instances come back)', async () => {
    await api(emulator, '/instances/1', { method: 'DELETE' });
    await addFault({ path: '/never', status: 500, times: 0 });
    const token = await api<{ token: string }>(emulator, `/elements/quickbooks/oauth/token?${query({ apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK })}`);
    assert.deepEqual((await admin('POST', '/reset')).json, { instances: 4 });
    assert.deepEqual((await admin<Fault[]>('GET', '/faults')).json, []);
    const url = await api<ApiErrorBody>(
      emulator,
      `/elements/quickbooks/oauth/url?${query({ apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, requestToken: token.json.token, state: 's' })}`,
    );
    assert.equal(url.status, 400, 'the request token is forgotten');
    const instances = await api<Instance[]>(emulator, '/instances');
    assert.deepEqual(instances.json.map((instance) => instance.id), [1, 2, 3, 4]);
  });

  it('logs one line per request and records recent requests, secrets redacted', async () => {
    const url = await api<{ oauthUrl: string }>(
      emulator,
      `/elements/sageoneus/oauth/url?${query({ apiKey: 'KEY-123', apiSecret: 'SECRET-456', Signature: 'SIG-789', callbackUrl: CALLBACK, state: 'st' })}`,
    );
    const { location } = await decide(url.json.oauthUrl, 'allow');
    const code = callbackParams(location).get('code')!;
    await api(emulator, `/instances?code=${code}`);

    const everything = lines.join('\n');
    for (const secret of ['KEY-123', 'SECRET-456', 'SIG-789', code, emulator.userSecret, emulator.orgSecret]) {
      assert.ok(!everything.includes(secret), `the log does not contain ${secret}`);
    }
    assert.match(everything, /^GET \/elements\/api-v2\/elements\/sageoneus\/oauth\/url\?apiKey=\*\*\*&apiSecret=\*\*\*&Signature=\*\*\*&callbackUrl=https%3A%2F%2Fwww\.mycoolapp\.com%2Fauth&state=st 200 \d+ms$/m);
    assert.match(everything, /^GET \/provider\/sageoneus\/oauth2\/authorize\?response_type=code&client_id=\*\*\*/m);
    assert.match(everything, /^POST \/provider\/sageoneus\/authorize 302 \d+ms$/m);

    const records = await admin<RequestRecord[]>('GET', '/requests');
    const first = records.json[0]!;
    assert.equal(first.method, 'GET');
    assert.equal(first.path, '/elements/api-v2/elements/sageoneus/oauth/url');
    assert.deepEqual(first.query, { apiKey: '***', apiSecret: '***', Signature: '***', callbackUrl: CALLBACK, state: 'st' });
    assert.equal(first.status, 200);
    assert.equal(records.json.length, 4);
    assert.ok(!JSON.stringify(records.json).includes(code));
  });

  it('answers admin requests from loopback clients only', () => {
    assert.equal(isLoopback('127.0.0.1'), true);
    assert.equal(isLoopback('::1'), true);
    assert.equal(isLoopback('::ffff:127.0.0.1'), true);
    assert.equal(isLoopback('192.168.1.20'), false);
    assert.equal(isLoopback(undefined), false);
  });
});

describe('emulator: latency', () => {
  it('answers normally with latencyMs set', async () => {
    const emulator = await startEmulator({ port: 0, latencyMs: 20 });
    try {
      const response = await api<Instance[]>(emulator, '/instances');
      assert.equal(response.status, 200);
      assert.deepEqual(response.json, []);
    } finally {
      await emulator.close();
    }
  });
});
