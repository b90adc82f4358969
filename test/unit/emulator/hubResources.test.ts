/** The instance console's emulator routes: docs and definitions for every element, and the hub resources. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import { allOperations, readOperations } from '../../../src/core/console/operations';
import { instanceDocs } from '../../../src/emulator/console/docs';
import { HUB_RESOURCES } from '../../../src/emulator/console/hubModel';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { accountAuth, addFault, api, clearFaults, quickbooksTokenBody, resetEmulator, type ApiResponse } from './helpers';
import { sendRaw } from './rawHttp';

type CustomerRow = { id: string; name: string; currency: string };

interface PublicInstance {
  id: number;
  token: string;
  element: { key: string; hub: string };
}

describe('emulator: instance docs and hub resources', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let instances: PublicInstance[];
  const byKey = (key: string) => instances.find((instance) => instance.element.key === key)!;
  const element = (instance: PublicInstance) => `Element ${instance.token}, ${accountAuth(emulator)}`;

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    instances = (await api<PublicInstance[]>(emulator, '/instances')).json;
  });

  it('has a resource model for every hub of the catalog, and the issue\'s resources for finance, crm and documents', () => {
    assert.deepEqual(catalog.hubs().filter((hub) => !(hub in HUB_RESOURCES)), []);
    const names = (hub: string) => HUB_RESOURCES[hub]!.map((r) => r.name);
    assert.deepEqual(names('finance'), ['customers', 'invoices', 'payments', 'vendors', 'ledger-accounts']);
    assert.deepEqual(names('crm'), ['accounts', 'contacts', 'leads', 'opportunities']);
    assert.deepEqual(names('documents'), ['files', 'folders']);
  });

  it('documents an instance of every catalog element in Swagger 2.0, with its hub\'s operations', () => {
    for (const definition of catalog.elements) {
      const docs = instanceDocs({ elementKey: definition.key, elementName: definition.name, hub: definition.hub, host: '127.0.0.1:8787' });
      assert.equal(docs.swagger, '2.0');
      assert.equal(docs.basePath, `/elements/api-v2/hubs/${definition.hub}`);
      const tree = readOperations(JSON.parse(JSON.stringify(docs)));
      assert.equal(tree.skipped, 0, definition.key);
      assert.equal(tree.operationCount, 1 + 6 * HUB_RESOURCES[definition.hub]!.length, definition.key);
    }
  });

  it('lists the seed elements\' operations (xero, quickbooks, freshbooks: finance; sageoneus: sage)', async () => {
    const counts: Record<string, number> = {};
    for (const key of ['xero', 'quickbooks', 'freshbooks', 'sageoneus']) {
      const docs = await api(emulator, `/instances/${byKey(key).id}/docs`);
      const tree = readOperations(docs.json);
      counts[key] = tree.operationCount;
      assert.ok(allOperations(tree).some((operation) => operation.key === 'getPing'));
    }
    assert.deepEqual(counts, { xero: 31, quickbooks: 31, freshbooks: 31, sageoneus: 25 });
  });

  it('answers an operation\'s definitions, with references inlined on request; 404 for another operation or instance', async () => {
    const xero = byKey('xero');
    const plain = await api<Record<string, unknown>>(emulator, `/instances/${xero.id}/docs/createCustomer/definitions`);
    assert.deepEqual(Object.keys(plain.json), ['Address', 'Customer']);
    const resolved = await api<{ Customer: { properties: { address: unknown } } }>(emulator, `/instances/${xero.id}/docs/createCustomer/definitions?resolveReferences=true`);
    assert.deepEqual(Object.keys(resolved.json), ['Customer']);
    assert.equal((resolved.json.Customer.properties.address as { type: string }).type, 'object');
    assert.equal((await api(emulator, `/instances/${xero.id}/docs/nope/definitions`)).status, 404);
    assert.equal((await api(emulator, '/instances/999/docs')).status, 404);
    assert.equal((await api(emulator, `/instances/${xero.id}/docs`, { auth: false })).status, 401);
  });

  it('lists deterministic sample records per instance, pages them with Elements-Next-Page-Token and filters with where', async () => {
    const xero = byKey('xero');
    const first = await api<CustomerRow[]>(emulator, '/hubs/finance/customers?pageSize=20', { auth: element(xero) });
    assert.equal(first.status, 200);
    assert.equal(first.json.length, 20);
    assert.equal(first.headers.get('elements-returned-count'), '20');
    const token = first.headers.get('elements-next-page-token');
    assert.ok(token);
    const seen = [...first.json];
    let next: string | null = token;
    while (next) {
      const page: ApiResponse<CustomerRow[]> = await api<CustomerRow[]>(emulator, `/hubs/finance/customers?pageSize=20&nextPage=${encodeURIComponent(next)}`, { auth: element(xero) });
      seen.push(...page.json);
      next = page.headers.get('elements-next-page-token');
    }
    assert.ok(seen.length >= 25 && seen.length <= 60, `${seen.length} records`);
    assert.equal(new Set(seen.map((r) => r.id)).size, seen.length);
    await resetEmulator(emulator);
    const again = (await api<PublicInstance[]>(emulator, '/instances')).json.find((i) => i.element.key === 'xero')!;
    const repeat = await api<CustomerRow[]>(emulator, '/hubs/finance/customers?pageSize=20', { auth: element(again) });
    assert.deepEqual(repeat.json, first.json, 'the same instance id and element start with the same records');
    const quickbooks = (await api<PublicInstance[]>(emulator, '/instances')).json.find((i) => i.element.key === 'quickbooks')!;
    assert.notDeepEqual((await api(emulator, '/hubs/finance/customers?pageSize=20', { auth: element(quickbooks) })).json, first.json);

    const usd = await api<Array<{ currency: string; name: string }>>(emulator, `/hubs/finance/customers?where=${encodeURIComponent("currency = 'USD' AND active = true")}`, { auth: element(again) });
    assert.ok(usd.json.length > 0 && usd.json.every((r) => r.currency === 'USD'));
    const named = await api<Array<{ name: string }>>(emulator, `/hubs/finance/customers?where=${encodeURIComponent("name='Acme Ltd'")}`, { auth: element(again) });
    assert.deepEqual(named.json.map((r) => r.name), ['Acme Ltd']);
    const like = await api<Array<{ name: string }>>(emulator, `/hubs/finance/customers?where=${encodeURIComponent("name like '%Ltd' OR (balance > 100 AND currency != 'USD')")}`, { auth: element(again) });
    assert.equal(like.status, 200, like.text);
    assert.ok(like.json.length > 0);
    const bad = await api<{ message: string }>(emulator, `/hubs/finance/customers?where=${encodeURIComponent("name <> 'a'")}`, { auth: element(again) });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /The emulator understands =, !=, <, >, <=, >=, LIKE \(% wildcards\), IN \(…\), IS NULL, AND, OR and parentheses/);
    assert.equal((await api(emulator, `/hubs/finance/customers?where=${encodeURIComponent("secret = 'x'")}`, { auth: element(again) })).status, 400);
  });

  it('creates, reads, updates (PATCH, PUT) and deletes records in memory, checking required fields and types', async () => {
    const auth = element(byKey('xero'));
    const created = await api<{ id: string; name: string; createdDate: string }>(emulator, '/hubs/finance/customers', { auth, body: { id: 'mine', name: "O'Brien & Co", balance: 12.5 } });
    assert.equal(created.status, 200);
    assert.notEqual(created.json.id, 'mine', 'the id is the server\'s');
    const id = created.json.id;
    assert.equal((await api<{ name: string }>(emulator, `/hubs/finance/customers/${id}`, { auth })).json.name, "O'Brien & Co");
    const found = await api<unknown[]>(emulator, `/hubs/finance/customers?where=${encodeURIComponent("name = 'O''Brien & Co'")}`, { auth });
    assert.equal(found.json.length, 1);
    const patched = await api<{ name: string; balance: number }>(emulator, `/hubs/finance/customers/${id}`, { auth, method: 'PATCH', body: { balance: 3 } });
    assert.deepEqual([patched.json.name, patched.json.balance], ["O'Brien & Co", 3]);
    const replaced = await api<Record<string, unknown>>(emulator, `/hubs/finance/customers/${id}`, { auth, method: 'PUT', body: { name: 'New' } });
    assert.deepEqual([replaced.json.name, replaced.json.balance, replaced.json.createdDate], ['New', undefined, created.json.createdDate]);
    assert.equal((await api(emulator, `/hubs/finance/customers/${id}`, { auth, method: 'PUT', body: { email: 'x@example.com' } })).status, 400, 'PUT needs the required fields');
    const wrongType = await api<{ message: string }>(emulator, '/hubs/finance/customers', { auth, body: { name: 'x', balance: 'lots' } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.message, "Field 'balance' of the Customer must be a number, not a string.");
    const anArray = await api<{ message: string }>(emulator, '/hubs/finance/customers', { auth, body: { name: ['x'] } });
    assert.equal(anArray.json.message, "Field 'name' of the Customer must be a string, not an array.");
    assert.equal((await api<{ message: string }>(emulator, '/hubs/finance/customers', { auth, body: {} })).json.message, 'Missing required field of the Customer: name.');
    assert.equal((await api(emulator, `/hubs/finance/customers/${id}`, { auth, method: 'DELETE' })).status, 200);
    assert.equal((await api(emulator, `/hubs/finance/customers/${id}`, { auth })).status, 404);
  });

  it('applies the rules of /hubs/{hub}/ping: 401 bad token or invalid instance, 403 disabled, 404 no such resource in the instance\'s hub', async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ['/hubs/finance/customers', `Element nope, ${accountAuth(emulator)}`, 401, /Invalid Organization or User secret, or invalid Element token/],
      ['/hubs/finance/customers', element(byKey('freshbooks')), 401, /is not valid: its authorization with FreshBooks has expired/],
      ['/hubs/sage/customers', element(byKey('sageoneus')), 403, /is disabled; enable it with PUT \/instances\/4\/enabled/],
      ['/hubs/crm/contacts', element(byKey('xero')), 404, /The finance hub has no resource by the name in the path; its resources are customers, invoices/],
      ['/hubs/finance/contacts', element(byKey('xero')), 404, /The finance hub has no resource by the name in the path; its resources are customers, invoices/],
      ['/hubs/finance/customers/1', `Element ${byKey('xero').token}`, 401, /Invalid Organization or User secret/],
    ];
    for (const [path, auth, status, message] of cases) {
      const reply = await api<{ message: string; requestId: string }>(emulator, path, { auth });
      assert.equal(reply.status, status, path);
      assert.match(reply.json.message, message);
      assert.equal(typeof reply.json.requestId, 'string');
    }
    const post = await api(emulator, '/hubs/finance/ping', { auth: element(byKey('xero')), method: 'POST', body: {} });
    assert.deepEqual([post.status, post.headers.get('allow')], [405, 'GET']);
  });

  it('injects faults on these routes like on any other', async () => {
    const auth = element(byKey('xero'));
    await addFault(emulator, { path: '/hubs/finance/customers', status: 503 });
    assert.equal((await api(emulator, '/hubs/finance/customers', { auth })).status, 503);
    assert.equal((await api(emulator, '/hubs/finance/customers', { auth })).status, 200);
    const docs = `/instances/${byKey('xero').id}/docs`;
    const full = (await api(emulator, docs)).text;
    await addFault(emulator, { path: '/docs', body: 'truncated' });
    // Raw: the api() helper would throw on the cut JSON, and so would any other failure.
    const cut = await fetch(`${emulator.apiBaseUrl}${docs}`, { headers: { Authorization: accountAuth(emulator) } });
    assert.equal(cut.status, 200);
    assert.match(cut.headers.get('content-type') ?? '', /^application\/json/);
    const text = await cut.text();
    assert.equal(text, full.slice(0, Math.floor(full.length / 2)), 'the docs cut in half');
    assert.throws(() => JSON.parse(text) as unknown, SyntaxError);
    await clearFaults(emulator);
  });

  it('property: hostile segments, queries and bodies get a documented status, never a 500', async () => {
    const port = Number(new URL(emulator.url).port);
    const quickbooks = (await api<PublicInstance>(emulator, '/instances', { body: quickbooksTokenBody('QBO console') })).json;
    const routes = fc.constantFrom(
      ['GET', '/hubs/finance/{}'],
      ['POST', '/hubs/finance/{}'],
      ['GET', '/hubs/finance/customers/{}'],
      ['PATCH', '/hubs/finance/customers/{}'],
      ['PUT', '/hubs/finance/invoices/{}'],
      ['DELETE', '/hubs/finance/customers/{}'],
      ['POST', '/hubs/finance/customers'],
      ['GET', '/instances/{}/docs'],
      ['GET', '/instances/1/docs/{}/definitions'],
    );
    const segment = fc.oneof(fc.constantFrom('customers', '1001', '1002', 'ping', '__proto__', 'constructor', '..', '%2e%2e', '%', 'x'.repeat(300)), fc.string({ maxLength: 12 }).map(encodeURIComponent));
    const query = fc.oneof(
      fc.constant(''),
      fc.constantFrom("where=name%3D'x'", 'where=__proto__%3D1', "where=name%3D'", 'where=%20AND%20', 'pageSize=0', 'pageSize=abc', 'nextPage=zzz', 'resolveReferences=true'),
    );
    const body = fc.oneof(fc.constant(''), fc.json({ maxDepth: 4 }), fc.constantFrom('{"name":"x"}', '{"__proto__":{"name":"x"},"name":"y"}', `${'['.repeat(40)}${']'.repeat(40)}`, '{"a":' + '{"a":'.repeat(30) + '1' + '}'.repeat(31), 'null', '{'));
    const documented = new Set([200, 400, 401, 403, 404, 405, 413]);
    await fc.assert(
      fc.asyncProperty(routes, segment, query, body, async ([method, template], value, search, content) => {
        const path = `/elements/api-v2${template!.replace('{}', value)}${search ? `?${search}` : ''}`;
        const head = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Authorization: Element ${quickbooks.token}, ${accountAuth(emulator)}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(content)}`, 'Connection: close'];
        const reply = await sendRaw(port, `${head.join('\r\n')}\r\n\r\n${content}`);
        assert.ok(documented.has(reply.status), `${method} ${path} → ${reply.status} ${reply.body.slice(0, 200)}`);
        if (reply.status >= 400) assert.equal(typeof (JSON.parse(reply.body) as { message: unknown }).message, 'string');
      }),
      { numRuns: 300 },
    );
  });
});
