/**
 * A web page the developer visits must not be able to change or read the emulator: cross-origin
 * "simple requests" to the admin endpoints and DNS rebinding (a foreign Host header) are refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiErrorBody, Instance } from '../../../src/core/api/types';
import { addressPolicy, parseHostHeader } from '../../../src/emulator/base/addresses';
import type { Fault } from '../../../src/emulator/stores/faults';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { accountAuth, api, quickbooksTokenBody, rawRequest } from './helpers';

const EVIL = 'https://evil.example';

describe('emulator: calls a web page could make', () => {
  let dir: string;
  let dataFile: string;
  let emulator: RunningEmulator;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-web-'));
    dataFile = join(dir, 'data.json');
    emulator = await startEmulator({ port: 0, seed: true, dataFile });
    assert.equal((await api(emulator, '/instances', { body: quickbooksTokenBody('Keep me') })).status, 200);
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const instanceCount = async () => (await api<Instance[]>(emulator, '/instances')).json.length;
  const faultCount = async () => ((await (await fetch(`${emulator.url}/__admin/faults`)).json()) as Fault[]).length;

  describe('admin endpoints', () => {
    it('refuse a cross-origin simple POST /__admin/reset (text/plain, foreign Origin): 403, nothing wiped', async () => {
      const before = readFileSync(dataFile, 'utf8');
      const response = await rawRequest(emulator, {
        method: 'POST',
        path: '/__admin/reset',
        headers: { Origin: EVIL, 'Content-Type': 'text/plain', 'Sec-Fetch-Site': 'cross-site' },
        body: 'x',
      });
      assert.equal(response.status, 403);
      assert.match((JSON.parse(response.text) as ApiErrorBody).message, /refuse calls from web pages/);
      assert.equal(await instanceCount(), 5);
      assert.equal(readFileSync(dataFile, 'utf8'), before, 'the data file is untouched');
    });

    for (const [label, headers] of [
      ['Origin: null (sandboxed frame)', { Origin: 'null' }],
      ['a foreign Origin with a JSON body', { Origin: EVIL, 'Content-Type': 'application/json' }],
      ['the emulator on another port', { Origin: 'http://127.0.0.1:1' }],
      ['no Origin but Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
      ['no Origin but Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ] as const) {
      it(`refuse ${label} (403)`, async () => {
        for (const [method, path] of [['POST', '/__admin/reset'], ['DELETE', '/__admin/faults'], ['GET', '/__admin/instances'], ['POST', '/__admin/events/poll'], ['GET', '/__admin/events/deliveries']]) {
          const response = await rawRequest(emulator, { method: method!, path: path!, headers: { ...headers } });
          assert.equal(response.status, 403, `${method} ${path}`);
          assert.doesNotMatch(response.text, /providerData/, 'no stored record leaks');
        }
        assert.equal(await instanceCount(), 5);
      });
    }

    for (const [label, contentType, body] of [
      ['text/plain', 'text/plain', '{"path":"/instances","status":500,"times":0}'],
      ['a form post', 'application/x-www-form-urlencoded', 'path=%2Finstances&status=500'],
      ['multipart', 'multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      it(`refuse a state change sent as ${label}, even without an Origin (415)`, async () => {
        for (const path of ['/__admin/faults', '/__admin/reset', '/__admin/events/poll']) {
          const response = await rawRequest(emulator, { method: 'POST', path, headers: { 'Content-Type': contentType }, body });
          assert.equal(response.status, 415, path);
          assert.match((JSON.parse(response.text) as ApiErrorBody).message, /application\/json/);
        }
        assert.equal(await faultCount(), 0);
        assert.equal(await instanceCount(), 5);
      });
    }

    it('refuse a body without a Content-Type, and an own-origin call without JSON (415)', async () => {
      const untyped = await rawRequest(emulator, { method: 'POST', path: '/__admin/reset', body: '{}' });
      assert.equal(untyped.status, 415);
      const ownOrigin = await rawRequest(emulator, { method: 'DELETE', path: '/__admin/faults', headers: { Origin: emulator.url } });
      assert.equal(ownOrigin.status, 415);
    });

    it("accept the project's own Node calls: no body and no Origin, or application/json", async () => {
      const reset = await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
      assert.equal(reset.status, 200);
      assert.equal(await instanceCount(), 4, 'reset to the seed instances');
      const added = await rawRequest(emulator, {
        method: 'POST',
        path: '/__admin/faults',
        headers: { Origin: emulator.url, 'Content-Type': 'application/json; charset=utf-8', 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({ path: '/never', status: 500 }),
      });
      assert.equal(added.status, 201);
      assert.equal((await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' })).status, 200);
      assert.equal((await rawRequest(emulator, { path: '/__admin/requests', headers: { Origin: emulator.url } })).status, 200);
    });
  });

  describe('the Host header (DNS rebinding)', () => {
    const port = () => new URL(emulator.url).port;

    it('refuses a foreign Host on the API, the admin endpoints, the provider pages and the root: 421, nothing done', async () => {
      const headers = { Host: `evil.example:${port()}`, Authorization: accountAuth(emulator) };
      const listed = await rawRequest(emulator, { path: '/elements/api-v2/instances', headers });
      assert.equal(listed.status, 421);
      const error = JSON.parse(listed.text) as ApiErrorBody;
      assert.match(error.message, /not this emulator; it answers to 127\.0\.0\.1:\d+, localhost:\d+/);
      assert.doesNotMatch(listed.text, /Keep me/);
      const reset = await rawRequest(emulator, { method: 'POST', path: '/__admin/reset', headers });
      assert.equal(reset.status, 421);
      assert.equal(await instanceCount(), 5);
      const page = await rawRequest(emulator, { path: '/provider/xero/oauth2/authorize?response_type=code', headers });
      assert.equal(page.status, 421);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.equal((await rawRequest(emulator, { path: '/', headers })).status, 421);
    });

    it('refuses the right name on another port, and a Host that is not a host name', async () => {
      for (const host of ['127.0.0.1:1', `127.0.0.1:${port()}@evil.example`, `evil.example/${port()}`]) {
        const response = await rawRequest(emulator, { path: '/', headers: { Host: host } });
        assert.ok([400, 421].includes(response.status), `${JSON.stringify(host)} → ${response.status}`);
      }
    });

    it('accepts its own address and localhost, and names given with allowedHosts', async () => {
      for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`]) {
        assert.equal((await rawRequest(emulator, { path: '/', headers: { Host: host } })).status, 200, host);
      }
      const named = await startEmulator({ port: 0, allowedHosts: ['emulator.test'] });
      try {
        const namedPort = new URL(named.url).port;
        const response = await rawRequest(named, { path: '/', headers: { Host: `emulator.test:${namedPort}` } });
        assert.equal(response.status, 200);
        assert.match(response.text, new RegExp(`http://emulator\\.test:${namedPort}/elements/api-v2`));
        assert.equal((await rawRequest(named, { path: '/', headers: { Host: `other.test:${namedPort}` } })).status, 421);
      } finally {
        await named.close();
      }
    });
  });
});

describe('emulator: address policy', () => {
  it('parses Host headers strictly', () => {
    assert.deepEqual(parseHostHeader('127.0.0.1:8787'), { hostname: '127.0.0.1', port: 8787 });
    assert.deepEqual(parseHostHeader('[::1]:80'), { hostname: '[::1]', port: 80 });
    assert.deepEqual(parseHostHeader('Example.TEST'), { hostname: 'example.test', port: 80 });
    for (const bad of ['', 'a b:1', 'a:1:2', 'user@host:1', 'host:99999', 'host/x', '[zz]:1']) {
      assert.equal(parseHostHeader(bad), undefined, bad);
    }
  });

  it('a loopback address answers to itself and localhost only', () => {
    const policy = addressPolicy('127.0.0.2', () => 9000);
    assert.equal(policy.acceptsHost('127.0.0.2:9000'), true);
    assert.equal(policy.acceptsHost('localhost:9000'), true);
    assert.equal(policy.acceptsHost('127.0.0.1:9000'), false);
    assert.equal(policy.acceptsHost('rebind.evil.example:9000'), false);
    assert.equal(policy.acceptsHost(undefined), true, 'HTTP/1.0 without Host is not a browser');
    assert.equal(policy.isOwnOrigin('http://127.0.0.2:9000'), true);
    assert.equal(policy.isOwnOrigin('https://127.0.0.2:9000'), false);
    assert.equal(policy.isOwnOrigin('http://127.0.0.2:9000/path'), false);
    assert.equal(policy.isOwnOrigin('null'), false);
  });

  it('a wildcard address answers to any IP literal, localhost and the machine name, never to another domain', () => {
    const policy = addressPolicy('0.0.0.0', () => 8787);
    assert.equal(policy.acceptsHost('192.168.1.20:8787'), true);
    assert.equal(policy.acceptsHost('[fe80::1]:8787'), true);
    assert.equal(policy.acceptsHost('localhost:8787'), true);
    assert.equal(policy.acceptsHost('evil.example:8787'), false);
    assert.equal(policy.acceptsHost('192.168.1.20:8788'), false);
  });
});
