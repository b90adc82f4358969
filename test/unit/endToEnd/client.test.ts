/** The API client against the emulator over real HTTP: every call, paging, errors and retries. */
import assert from 'node:assert/strict';
import { CloudElementsClient } from '../../../src/core/api/client';
import type { RequestLogEntry } from '../../../src/core/api/client';
import { ApiError } from '../../../src/core/api/errors';
import type { CreateInstanceRequest } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/server';
import { addFault, quickbooksTokenBody, resetEmulator } from '../emulator/helpers';

const tokenBody = (name: string): CreateInstanceRequest => quickbooksTokenBody(name, { tags: ['client'] });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ApiError, `an ApiError, got ${String(error)}`);
  return error;
}

describe('API client against the emulator', () => {
  let emulator: RunningEmulator;
  let client: CloudElementsClient;
  let log: RequestLogEntry[];
  let sleeps: number[];

  const fault = (spec: Record<string, unknown>) => addFault(emulator, spec);

  before(async () => {
    emulator = await startEmulator({ port: 0, userSecret: 'user-secret-for-tests', orgSecret: 'org-secret-for-tests' });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    log = [];
    sleeps = [];
    client = new CloudElementsClient({
      baseUrl: emulator.apiBaseUrl,
      credentials: { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret },
      log: (entry) => log.push(entry),
      sleep: async (ms) => void sleeps.push(ms),
    });
  });

  it('lists every catalog element and fetches one by key or id', async () => {
    const elements = await client.listElements();
    assert.equal(elements.length, catalog.elements.length);
    assert.ok(log.length >= 1);
    const xero = await client.getElement('xero');
    assert.equal(xero.name, 'Xero');
    assert.equal((await client.getElement(xero.id)).key, 'xero');
  });

  it('pages through instances with the Elements-Next-Page-Token header', async () => {
    for (let i = 0; i < 7; i++) await client.createInstance(tokenBody(`QBO ${i}`));
    const pages: number[] = [];
    for await (const page of client.instancePages({ pageSize: 3 })) pages.push(page.length);
    assert.deepEqual(pages, [3, 3, 1]);
    assert.equal((await client.listInstances()).length, 7);
  });

  it('creates, reads, updates, disables, enables, pings and deletes an instance', async () => {
    const created = await client.createInstance(tokenBody('QBO Token'));
    assert.equal(created.valid, true);
    assert.equal((await client.getInstance(created.id)).name, 'QBO Token');
    assert.equal((await client.updateInstance(created.id, { name: 'Renamed', tags: ['a', 'b'] })).name, 'Renamed');

    await client.disableInstance(created.id);
    assert.equal((await client.getInstance(created.id)).disabled, true);
    const pingDisabled = await failure(client.ping('finance', created.token));
    assert.equal(pingDisabled.status, 403);
    await client.enableInstance(created.id);
    assert.equal((await client.getInstance(created.id)).disabled, false);
    assert.equal((await client.ping('finance', created.token)).endpoint, 'quickbooks');

    const reauthenticated = await client.reauthenticateInstance(created.id, tokenBody('Renamed'));
    assert.equal(reauthenticated.id, created.id);

    await client.deleteInstance(created.id);
    assert.equal((await failure(client.getInstance(created.id))).status, 404);
  });

  it('gets an OAuth 1 request token and the authorize URL, without account auth', async () => {
    const anonymous = new CloudElementsClient({ baseUrl: emulator.apiBaseUrl });
    const query = { apiKey: 'k', apiSecret: 's', callbackUrl: 'https://acme.example.com/auth' };
    const { token, secret } = await anonymous.getOAuthToken('quickbooks', query);
    assert.ok(token && secret);
    const { oauthUrl, element } = await anonymous.getOAuthUrl('quickbooks', { ...query, requestToken: token, state: 'abc' });
    assert.equal(element, 'quickbooks');
    assert.match(oauthUrl, /\/provider\/quickbooks\/oauth1\/authorize\?oauth_token=/);
  });

  it('surfaces the API\'s message, requestId and status for a 400 naming the missing entries', async () => {
    const body = tokenBody('incomplete');
    delete body.configuration['quickbooks.realm.id'];
    delete body.configuration['oauth.user.token'];
    const error = await failure(client.createInstance(body));
    assert.equal(error.status, 400);
    assert.equal(error.kind, 'http');
    assert.match(error.message, /Missing required configuration entries: quickbooks\.realm\.id, oauth\.user\.token/);
    assert.ok(error.requestId);
  });

  it('reports wrong secrets as unauthorized with advice, never quoting them', async () => {
    const wrong = new CloudElementsClient({ baseUrl: emulator.apiBaseUrl, credentials: { userSecret: 'nope-user-secret', orgSecret: 'nope-org-secret' } });
    const error = await failure(wrong.listInstances());
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes('nope-user-secret') && !error.message.includes('nope-org-secret'));
  });

  it('retries an idempotent GET after a 503 with backoff, then succeeds', async () => {
    await fault({ method: 'GET', path: '/instances', status: 503, times: 2 });
    assert.deepEqual(await client.listInstances(), []);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[1]! > sleeps[0]!, 'backoff grows');
    assert.deepEqual(log.map((entry) => entry.status), [503, 503, 200]);
  });

  it('honours Retry-After on a 429', async () => {
    await fault({ method: 'GET', path: '/elements/xero', status: 429, headers: { 'Retry-After': '3' } });
    await client.getElement('xero');
    assert.deepEqual(sleeps, [3000]);
  });

  it('never retries POST /instances', async () => {
    await fault({ method: 'POST', path: '/instances', status: 503 });
    const error = await failure(client.createInstance(tokenBody('once')));
    assert.equal(error.status, 503);
    assert.equal(log.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('explains an HTML gateway page and a truncated body without dumping them', async () => {
    await fault({ method: 'GET', path: '/instances', body: 'html', status: 502, times: 3 });
    const html = await failure(client.listInstances());
    assert.equal(html.status, 502);
    assert.match(html.message, /HTML/);
    assert.ok(!html.message.includes('<html'));

    await fault({ method: 'GET', path: '/elements/xero', body: 'truncated' });
    const truncated = await failure(client.getElement('xero'));
    assert.equal(truncated.kind, 'invalid-response');
    assert.match(truncated.message, /JSON/);
  });

  it('times out a slow answer', async () => {
    const slow = new CloudElementsClient({
      baseUrl: emulator.apiBaseUrl,
      credentials: { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret },
      timeoutMs: 100,
      retries: 0,
    });
    await fault({ method: 'GET', path: '/instances', delayMs: 1000 });
    assert.equal((await failure(slow.listInstances())).kind, 'timeout');
  });

  it('keeps secrets out of every log entry', async () => {
    await client.createInstance(tokenBody('logged'));
    await client.getOAuthUrl('xero', { apiKey: 'k-123456', apiSecret: 'secret-value-123', callbackUrl: 'https://acme.example.com/auth', state: 's' });
    const text = JSON.stringify(log);
    for (const secret of [emulator.userSecret, emulator.orgSecret, 'secret-value-123', 'k-123456']) {
      assert.ok(!text.includes(secret), `log leaks ${secret}`);
    }
  });
});
