/**
 * The emulator emits events (issue 22 item 3): hub changes on webhook instances, polls of polling
 * instances, provider webhooks in, asynchronous requests; each delivery signed when the instance
 * has a key, retried with backoff, visible through the event API. src/emulator/README.md, "Events".
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifySignature } from '../../../src/core/events';
import { isSecretJsonKey } from '../../../src/core/redact/secretNames';
import { outboundAddressVerdict } from '../../../src/emulator/base/outboundAddress';
import { retryDelayMs } from '../../../src/emulator/events/deliverer';
import { eventSettings } from '../../../src/emulator/events/eventConfig';
import type { StoredInstance } from '../../../src/emulator/stores/instances';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { startFaultProxy } from '../faultProxy';
import { startReceiver, until, type ReceivedDelivery, type Receiver } from './eventReceiver';
import { accountAuth, api, quickbooksTokenBody, resetEmulator } from './helpers';

interface PublicInstance {
  id: number;
  token: string;
  eventsEnabled: boolean;
}

interface EventRecord {
  id: string;
  eventDate: string;
  status: string;
  providerData: string;
  notifiedData: Array<{ status?: number; message: string; url: string }>;
}

interface Message {
  message: {
    eventId: string;
    instanceId: number;
    events: Array<{ objectType: string; objectId: string; eventType: string; elementKey: string; hubKey: string; date: string; pollDate?: string }>;
    raw: Record<string, unknown>;
  };
}

const KEY = 'MySecretEventSignatureKey';

describe('emulator: events', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let receiver: Receiver;
  const logged: string[] = [];

  before(async () => {
    emulator = await startEmulator({ port: 0, eventMinuteMs: 6, log: (line) => logged.push(line) });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  async function instance(configuration: Record<string, string>, element = 'quickbooks'): Promise<PublicInstance> {
    const base = quickbooksTokenBody(`events ${Object.keys(configuration).length}`);
    const body = element === 'quickbooks' ? base : { ...base, element: { key: element } };
    const created = await api<PublicInstance>(emulator, '/instances', { body: { ...body, configuration: { ...base.configuration, ...configuration } } });
    assert.equal(created.status, 200, created.text);
    return created.json;
  }

  const webhook = (extra: Record<string, string> = {}) => ({
    'event.notification.enabled': 'true',
    'event.vendor.type': 'webhook',
    'event.notification.callback.url': receiver.url,
    ...extra,
  });

  const hub = (token: string, path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.apiBaseUrl}/hubs/finance/${path}`, {
      method,
      headers: { Authorization: `${accountAuth(emulator)}, Element ${token}`, 'Content-Type': 'application/json', ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  const eventOf = (id: string) => api<EventRecord>(emulator, `/instances/events/${id}`);
  const notified = (id: string) => until(async () => ((await eventOf(id)).json.status === 'NOTIFIED' ? true : undefined));

  async function signatureOf(delivery: ReceivedDelivery, key: string | undefined) {
    return verifySignature({ key, body: new Uint8Array(delivery.raw), header: delivery.headers['elements-webhook-signature'] });
  }

  it('delivers a hub create as a signed {"message"} event, and the event API reads it NOTIFIED', async () => {
    const created = await instance(webhook({ 'event.notification.signature.key': KEY }));
    assert.equal(created.eventsEnabled, true, 'eventsEnabled mirrors event.notification.enabled');
    const record = (await (await hub(created.token, 'customers', 'POST', { name: 'Acme' })).json()) as { id: string };
    const delivery = await receiver.nth(1);
    assert.equal(delivery.method, 'POST');
    assert.equal(delivery.path, '/events');
    assert.equal(delivery.headers['content-type'], 'application/json');
    assert.match(String(delivery.headers['elements-webhook-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(delivery.headers['elements-webhook-signature']), /^sha256=[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(await signatureOf(delivery, KEY), { verdict: 'valid' });
    const tampered = Buffer.from(delivery.raw);
    tampered[tampered.length - 2] ^= 1;
    assert.deepEqual(await verifySignature({ key: KEY, body: new Uint8Array(tampered), header: delivery.headers['elements-webhook-signature'] }), { verdict: 'invalid', reason: 'mismatch' });
    const { message } = delivery.json as Message;
    assert.equal(message.instanceId, created.id);
    assert.deepEqual({ ...message.events[0], date: undefined }, { objectType: 'customers', objectId: record.id, eventType: 'CREATED', elementKey: 'quickbooks', hubKey: 'finance', date: undefined });
    assert.ok(!Number.isNaN(Date.parse(message.events[0]!.date)));
    assert.equal(message.raw.objectType, 'customers');
    assert.deepEqual((message.raw.customers as Array<{ id: string }>)[0]!.id, record.id);
    await notified(message.eventId);
    const byInstance = await api<EventRecord>(emulator, `/instances/${created.id}/events/${message.eventId}`);
    assert.equal(byInstance.status, 200);
    assert.deepEqual(Object.keys(byInstance.json).sort(), ['eventDate', 'id', 'notifiedData', 'providerData', 'status']);
    assert.equal(typeof byInstance.json.id, 'string');
    assert.equal(typeof byInstance.json.providerData, 'string');
    assert.deepEqual(JSON.parse(byInstance.json.providerData), message.raw);
    assert.equal(byInstance.json.notifiedData[0]!.status, 200);
  });

  it('delivers updates (PATCH, PUT) and deletes, and sends no signature header without a key', async () => {
    const created = await instance(webhook());
    const record = (await (await hub(created.token, 'customers', 'POST', { name: 'Acme' })).json()) as { id: string };
    await hub(created.token, `customers/${record.id}`, 'PATCH', { name: 'Acme 2' });
    await hub(created.token, `customers/${record.id}`, 'PUT', { name: 'Acme 3' });
    await hub(created.token, `customers/${record.id}`, 'DELETE');
    await receiver.nth(4);
    const types = receiver.deliveries.map((delivery) => (delivery.json as Message).message.events[0]!.eventType).sort();
    assert.deepEqual(types, ['CREATED', 'DELETED', 'UPDATED', 'UPDATED']);
    for (const delivery of receiver.deliveries) {
      assert.equal(delivery.headers['elements-webhook-signature'], undefined);
      assert.deepEqual(await signatureOf(delivery, undefined), { verdict: 'none-expected', headerPresent: false });
    }
  });

  it('emits nothing when events are off, without a callback URL, for polling instances on a change, or for Xero ("Events | Not Supported")', async () => {
    const quiet = [
      await instance({ 'event.notification.enabled': 'false', 'event.notification.callback.url': receiver.url }),
      await instance({ 'event.notification.enabled': 'true' }),
      await instance(webhook({ 'event.vendor.type': 'polling' })),
    ];
    // Turned off afterwards, as the docs say to: PATCH of the configuration (devportal docs/guides/event-management/index.md L32).
    const turnedOff = await instance(webhook());
    const patched = await api<PublicInstance>(emulator, `/instances/${turnedOff.id}`, { method: 'PATCH', body: { configuration: { 'event.notification.enabled': 'false' } } });
    assert.equal(patched.json.eventsEnabled, false);
    quiet.push(turnedOff);
    for (const each of quiet) await hub(each.token, 'customers', 'POST', { name: 'Quiet' });
    const stored = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredInstance[];
    const asXero: StoredInstance = { ...stored[0]!, element: { ...stored[0]!.element, key: 'xero' }, configuration: webhook() };
    assert.equal(eventSettings(asXero), undefined, 'Xero has no events');
    assert.notEqual(eventSettings({ ...asXero, element: stored[0]!.element }), undefined);
    const all = await api<EventRecord[]>(emulator, '/instances/events');
    assert.deepEqual(all.json, []);
    assert.equal(receiver.deliveries.length, 0);
  });

  it('retries a failed delivery 4^x seconds after the failure (compressed), with the same body, id and signature, until it is delivered', async () => {
    const proxy = await startFaultProxy(new URL(receiver.url).origin);
    try {
      proxy.add({ method: 'POST', path: '/events', damage: 'html-502', times: 2 });
      const created = await instance(webhook({ 'event.notification.callback.url': `${proxy.url}/events`, 'event.notification.signature.key': KEY }));
      await hub(created.token, 'customers', 'POST', { name: 'Retry' });
      const third = await receiver.nth(3);
      const [first, second] = receiver.deliveries;
      for (const delivery of [first!, second!]) {
        assert.deepEqual(delivery.raw, third.raw);
        assert.equal(delivery.headers['elements-webhook-id'], third.headers['elements-webhook-id']);
        assert.equal(delivery.headers['elements-webhook-signature'], third.headers['elements-webhook-signature']);
      }
      const eventId = (third.json as Message).message.eventId;
      await notified(eventId);
      const record = (await eventOf(eventId)).json;
      assert.deepEqual(record.notifiedData.map((entry) => entry.status), [502, 502, 200]);
      assert.match(record.notifiedData[0]!.message, /^Error delivering event/);
      const attempts = (await (await fetch(`${emulator.url}/__admin/events/deliveries`)).json()) as Array<{ attempt: number; status: number }>;
      assert.deepEqual(attempts.map((attempt) => [attempt.attempt, attempt.status]), [[1, 502], [2, 502], [3, 200]]);
    } finally {
      await proxy.close();
    }
  });

  it('retries a connection reset, and records each failure on the event', async () => {
    const proxy = await startFaultProxy(new URL(receiver.url).origin);
    try {
      proxy.add({ method: 'POST', path: '/events', damage: 'reset', times: 1 });
      const created = await instance(webhook({ 'event.notification.callback.url': `${proxy.url}/events` }));
      await hub(created.token, 'customers', 'POST', { name: 'Reset' });
      const delivered = await receiver.nth(2);
      const eventId = (delivered.json as Message).message.eventId;
      await notified(eventId);
      const record = (await eventOf(eventId)).json;
      assert.equal(record.notifiedData.length, 2);
      assert.equal(record.notifiedData[0]!.status, undefined, 'the connection was reset: no status');
      assert.match(record.notifiedData[0]!.message, /^Error delivering event: the connection failed/);
      assert.equal(record.notifiedData[1]!.status, 200);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after 9 retries at 4, 16, 64 … seconds after the original failure', () => {
    assert.deepEqual([1, 2, 3, 9].map((x) => retryDelayMs(x, 60_000) / 1000), [4, 16, 64, 262_144]);
    assert.equal(retryDelayMs(1, 6), 0.4);
  });

  it('refuses callback URLs the emulator may not call (private, link-local, itself, the inbound route), without retrying', async () => {
    const targets = [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/hook',
      'http://[::ffff:192.168.1.1]/hook',
      `${emulator.url}/__admin/reset`,
      `http://localhost:${new URL(emulator.url).port}/__admin/reset`,
      `${emulator.apiBaseUrl}/events/quickbooks`,
      'ftp://example.com/hook',
    ];
    for (const url of targets) {
      const created = await instance(webhook({ 'event.notification.callback.url': url }));
      await hub(created.token, 'customers', 'POST', { name: 'Nowhere' });
      const events = await until(async () => {
        const list = (await api<EventRecord[]>(emulator, `/instances/${created.id}/events`)).json;
        return list[0]?.notifiedData.length ? list : undefined;
      });
      assert.equal(events[0]!.status, 'DISPATCHED', url);
      assert.equal(events[0]!.notifiedData.length, 1, url);
      assert.match(events[0]!.notifiedData[0]!.message, /not retried/, url);
    }
    const instances = (await api<unknown[]>(emulator, '/instances')).json;
    assert.equal(instances.length, targets.length, 'the emulator did not reset itself');
  });

  it('allows loopback and public addresses, refuses every private, link-local, CGNAT, multicast or reserved one (property)', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ipv4 = (first: fc.Arbitrary<number>, second: fc.Arbitrary<number> = octet) => fc.tuple(first, second, octet, octet).map((parts) => parts.join('.'));
    const refused = fc.oneof(
      ipv4(fc.constant(10)),
      ipv4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
      ipv4(fc.constant(192), fc.constant(168)),
      ipv4(fc.constant(169), fc.constant(254)),
      ipv4(fc.constant(100), fc.integer({ min: 64, max: 127 })),
      ipv4(fc.integer({ min: 224, max: 255 })),
      ipv4(fc.constant(0)),
    );
    fc.assert(
      fc.property(refused, fc.boolean(), (address, mapped) => {
        assert.equal(outboundAddressVerdict(mapped ? `::ffff:${address}` : address).ok, false, address);
      }),
    );
    fc.assert(fc.property(ipv4(fc.constant(127)), (address) => assert.deepEqual(outboundAddressVerdict(address), { ok: true, loopback: true })));
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700::1111']) assert.deepEqual(outboundAddressVerdict(address), { ok: true, loopback: false });
    for (const address of ['::1', '::ffff:127.0.0.1']) assert.deepEqual(outboundAddressVerdict(address), { ok: true, loopback: true });
    for (const address of ['fd00::1', 'fe80::1', 'ff02::1', '::', 'not-an-ip']) assert.equal(outboundAddressVerdict(address).ok, false, address);
  });

  it('signs every delivery so that it verifies for any record and key, and fails for any changed byte (property, through the emulator)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }), fc.nat(), async (name, key, at) => {
        const created = await instance(webhook({ 'event.notification.signature.key': key }));
        await hub(created.token, 'customers', 'POST', { name });
        const delivery = await receiver.nth(++n);
        assert.deepEqual(await signatureOf(delivery, key), { verdict: 'valid' });
        const tampered = Buffer.from(delivery.raw);
        tampered[at % tampered.length] ^= 1 << at % 8;
        assert.deepEqual(await verifySignature({ key, body: new Uint8Array(tampered), header: delivery.headers['elements-webhook-signature'] }), { verdict: 'invalid', reason: 'mismatch' });
      }),
      { numRuns: 15 },
    );
  });

  it('polls a polling instance on its interval: records created or updated since the last poll, with pollDate', async () => {
    const configuration = JSON.stringify({
      customers: { url: "/hubs/finance/customers?where=modifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'", idField: 'id', datesConfiguration: { updatedDateField: 'modifiedDate', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", createdDateField: 'createdDate', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" } },
    });
    const created = await instance(webhook({ 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '1', 'event.poller.configuration': configuration, 'event.notification.signature.key': KEY }));
    // A poll now (nothing new yet) starts the count; the next polls come on the interval.
    await fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST' });
    const record = (await (await hub(created.token, 'customers', 'POST', { name: 'Polled' })).json()) as { id: string };
    const delivery = await receiver.nth(1);
    const { message } = delivery.json as Message;
    assert.deepEqual(message.events.map((event) => [event.objectType, event.objectId, event.eventType]), [['customers', record.id, 'CREATED']]);
    assert.ok(message.events[0]!.pollDate && !Number.isNaN(Date.parse(message.events[0]!.pollDate)));
    assert.equal(message.raw.objectType, 'customers');
    assert.deepEqual(await signatureOf(delivery, KEY), { verdict: 'valid' });
  });

  it('delivers exactly one event per change, event ids in the order of the changes, for any sequence of creates, updates and deletes (property)', async () => {
    type Op = { kind: 'create' } | { kind: 'patch' | 'put' | 'delete'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(fc.constant({ kind: 'create' as const }), fc.record({ kind: fc.constantFrom('patch' as const, 'put' as const, 'delete' as const), pick: fc.nat() }));
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const created = await instance(webhook());
        const existing = ((await (await hub(created.token, 'customers?pageSize=5')).json()) as Array<{ id: string }>).map((record) => record.id);
        const expected: Array<[string, string]> = [];
        for (const each of ops) {
          if (each.kind === 'create' || existing.length === 0) {
            const record = (await (await hub(created.token, 'customers', 'POST', { name: 'Generated' })).json()) as { id: string };
            existing.push(record.id);
            expected.push([record.id, 'CREATED']);
            continue;
          }
          const id = existing[each.pick % existing.length]!;
          const method = each.kind === 'patch' ? 'PATCH' : each.kind === 'put' ? 'PUT' : 'DELETE';
          const answer = await hub(created.token, `customers/${id}`, method, method === 'DELETE' ? undefined : { name: 'Changed' });
          assert.equal(answer.status, 200);
          if (each.kind === 'delete') existing.splice(existing.indexOf(id), 1);
          expected.push([id, each.kind === 'delete' ? 'DELETED' : 'UPDATED']);
        }
        delivered += expected.length;
        await receiver.nth(delivered);
        // Deliveries travel concurrently, so they may arrive in any order; event ids follow the changes.
        const mine = receiver.deliveries
          .map((delivery) => (delivery.json as Message).message)
          .filter((message) => message.instanceId === created.id)
          .sort((a, b) => Number(a.eventId) - Number(b.eventId));
        const got = mine.flatMap((message) => message.events.map((event): [string, string] => [event.objectId, event.eventType]));
        assert.deepEqual(got, expected);
        assert.equal(new Set(mine.map((message) => message.eventId)).size, mine.length, 'one eventId per delivery');
      }),
      { numRuns: 15 },
    );
  });

  it('polls report every record created since the last poll as CREATED and every older record updated as UPDATED, nothing else (property)', async () => {
    const configuration = JSON.stringify({ customers: { url: '/hubs/finance/customers', idField: 'id', createdCheckTolerance: 0 } });
    const poll = async (id: number) => (await (await fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instanceId: id }) })).json()) as { events: string[] };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 4 }), fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 4 }), fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 2 }), async (creates, updates, deletes) => {
        const created = await instance(webhook({ 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '100000', 'event.poller.configuration': configuration }));
        await poll(created.id);
        const older = ((await (await hub(created.token, 'customers?pageSize=10')).json()) as Array<{ id: string }>).map((record) => record.id);
        const made: string[] = [];
        for (let i = 0; i < creates; i++) made.push(((await (await hub(created.token, 'customers', 'POST', { name: `New ${i}` })).json()) as { id: string }).id);
        for (const index of updates) await hub(created.token, `customers/${older[index]}`, 'PATCH', { name: 'Touched' });
        for (const index of deletes) await hub(created.token, `customers/${older[index]}`, 'DELETE');
        const before = receiver.deliveries.length;
        const { events } = await poll(created.id);
        const expected = [...made.map((id): [string, string] => [id, 'CREATED']), ...updates.filter((index) => !deletes.includes(index)).map((index): [string, string] => [older[index]!, 'UPDATED'])];
        if (expected.length === 0) {
          assert.deepEqual(events, []);
          return;
        }
        assert.equal(events.length, 1, 'one delivery for the resource');
        const { message } = (await receiver.nth(before + 1)).json as Message;
        assert.deepEqual(message.events.map((event): [string, string] => [event.objectId, event.eventType]).sort(), expected.sort());
        assert.deepEqual((await poll(created.id)).events, [], 'nothing changed since');
      }),
      { numRuns: 15 },
    );
  });

  it('polls now on POST /__admin/events/poll: UPDATED for a changed record, nothing when nothing changed; legacy event.poller.urls too', async () => {
    const created = await instance(webhook({ 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '100000', 'event.poller.urls': 'customers|vendors' }));
    const poll = async () => (await (await fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instanceId: created.id }) })).json()) as { polled: number; events: string[]; problems: string[] };
    assert.deepEqual(await poll(), { polled: 1, events: [], problems: [] });
    const customers = (await (await hub(created.token, 'customers?pageSize=1')).json()) as Array<{ id: string }>;
    await hub(created.token, `customers/${customers[0]!.id}`, 'PATCH', { name: 'Changed' });
    const first = await poll();
    assert.equal(first.events.length, 1);
    const { message } = (await receiver.nth(1)).json as Message;
    assert.deepEqual(message.events.map((event) => [event.objectType, event.objectId, event.eventType]), [['customers', customers[0]!.id, 'UPDATED']]);
    assert.deepEqual((await poll()).events, []);
  });

  it('reports a poller url the hub refuses as a poll problem, not an event', async () => {
    const configuration = JSON.stringify({ widgets: { url: '/hubs/finance/widgets' } });
    const created = await instance(webhook({ 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '100000', 'event.poller.configuration': configuration }));
    const response = await fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instanceId: created.id }) });
    assert.deepEqual(await response.json(), { polled: 1, events: [], problems: [`instance ${created.id}: widgets: the find url answered 404`] });
    // HubSpot's page: `${date}` without a format, which the docs never say how to write.
    const hubspotStyle = JSON.stringify({ customers: { url: "/hubs/finance/customers?where=modifiedDate='${date}'", idField: 'id' } });
    const other = await instance(webhook({ 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '100000', 'event.poller.configuration': hubspotStyle }));
    const unwritten = (await (await fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instanceId: other.id }) })).json()) as { problems: string[] };
    assert.equal(unwritten.problems.length, 1);
    assert.match(unwritten.problems[0]!, /customers: the url cannot be written for a poll: \$\{date\} has no format/);
  });

  it('lists events newest first with the paging headers of the other lists, and refuses a parameter it does not honour', async () => {
    const created = await instance(webhook());
    const other = await instance(webhook());
    for (let i = 0; i < 3; i++) await hub(created.token, 'customers', 'POST', { name: `Acme ${i}` });
    await hub(other.token, 'customers', 'POST', { name: 'Other' });
    await receiver.nth(4);
    const first = await api<EventRecord[]>(emulator, '/instances/events?pageSize=2&returnTotalCount=true');
    assert.equal(first.json.length, 2);
    assert.equal(first.headers.get('elements-returned-count'), '2');
    assert.equal(first.headers.get('elements-total-count'), '4');
    const next = first.headers.get('elements-next-page-token')!;
    const second = await api<EventRecord[]>(emulator, `/instances/events?pageSize=2&nextPage=${encodeURIComponent(next)}`);
    const ids = [...first.json, ...second.json].map((record) => Number(record.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    assert.equal(ids.length, 4);
    const mine = await api<EventRecord[]>(emulator, `/instances/${created.id}/events`);
    assert.equal(mine.json.length, 3);
    const foreign = await api(emulator, `/instances/${created.id}/events/${(await api<EventRecord[]>(emulator, `/instances/${other.id}/events`)).json[0]!.id}`);
    assert.equal(foreign.status, 404);
    assert.equal((await api(emulator, '/instances/events/99999')).status, 404);
    assert.equal((await api(emulator, '/instances/events?where=x')).status, 400);
    assert.equal((await api(emulator, '/instances/events', { auth: false })).status, 401);
  });

  it('takes a provider webhook on POST /events/{elementKey} (JSON hook output, or a form) for the instances Element-Instances names', async () => {
    const created = await instance(webhook({ 'event.notification.signature.key': KEY }));
    const inbound = (body: string, type: string, headers: Record<string, string> = { 'Element-Instances': String(created.id) }) =>
      fetch(`${emulator.apiBaseUrl}/events/quickbooks`, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body });
    const hook = { events: [{ event_type: 'created', event_object_id: '42', event_object_type: 'invoices', event_date: '2018-07-31T19:39:46Z' }] };
    const answer = await inbound(JSON.stringify(hook), 'application/json');
    assert.equal(answer.status, 200);
    const { eventIds } = (await answer.json()) as { eventIds: string[] };
    const delivery = await receiver.nth(1);
    const { message } = delivery.json as Message;
    assert.equal(message.eventId, eventIds[0]);
    assert.deepEqual(message.events, [{ objectType: 'invoices', objectId: '42', eventType: 'CREATED', elementKey: 'quickbooks', hubKey: 'finance', date: '2018-07-31T19:39:46Z' }]);
    assert.deepEqual(message.raw, hook);
    assert.deepEqual(await signatureOf(delivery, KEY), { verdict: 'valid' });
    assert.equal((await inbound('userId=%5B%22u1%22%5D&event=uploaded', 'application/x-www-form-urlencoded')).status, 200);
    assert.deepEqual(((await receiver.nth(2)).json as Message).message.raw, { userId: '["u1"]', event: 'uploaded' });
    assert.equal((await inbound('{}', 'application/json', {})).status, 400);
    assert.equal((await inbound('{}', 'application/json', { 'Element-Instances': '999' })).status, 404);
    assert.equal((await fetch(`${emulator.apiBaseUrl}/events/xero`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Element-Instances': String(created.id) }, body: '{}' })).status, 404);
    assert.equal((await inbound('<xml/>', 'text/xml')).status, 415);
  });

  it('answers hostile provider webhooks with a documented status and a JSON error, never a crash (property)', async () => {
    const created = await instance(webhook());
    const headerText = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
    const instancesHeader = fc.oneof(headerText, fc.constant(String(created.id)), fc.constant(`${created.id}, ${created.id}`), fc.constant(`${created.id},999`));
    const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/vnd.api+json', '');
    const body = fc.oneof(fc.json(), fc.string(), fc.constant('{"events": [{"event_type": null}, 1, {"eventType": "x", "objectId": {}}]}'));
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(instancesHeader, contentType, body, fc.constantFrom('quickbooks', 'freshbooks', 'nope', '%00'), async (ids, type, content, key) => {
        const response = await fetch(`${emulator.apiBaseUrl}/events/${key}`, { method: 'POST', headers: { 'Element-Instances': ids, ...(type && { 'Content-Type': type }) }, body: content });
        const text = await response.text();
        statuses.add(response.status);
        assert.ok([200, 400, 404, 415].includes(response.status), `${response.status}: ${text}`);
        assert.doesNotMatch(text, /at .+\.ts:\d+|TypeError|ReferenceError/);
        if (response.status !== 200) assert.equal(typeof (JSON.parse(text) as { message: unknown }).message, 'string');
      }),
      { numRuns: 120 },
    );
    assert.ok(statuses.has(200) && statuses.has(400), JSON.stringify([...statuses]));
  });

  it('answers an asynchronous hub call {"eventId", "eventStatus": "dispatched"} and delivers its result in the documented shape', async () => {
    const created = await instance(webhook({ 'event.notification.signature.key': KEY }));
    const asyncReceiver = await startReceiver();
    try {
      const answer = await hub(created.token, 'customers', 'POST', { name: 'Async' }, { 'Elements-Async-Request': 'True', 'Elements-Async-Callback-Url': asyncReceiver.url });
      assert.equal(answer.status, 200);
      const dispatched = (await answer.json()) as { eventId: number; eventStatus: string };
      assert.equal(dispatched.eventStatus, 'dispatched');
      assert.equal(typeof dispatched.eventId, 'number');
      const delivery = await asyncReceiver.nth(1);
      const body = delivery.json as { eventId: number; instanceId: number; response: { id: string; name: string }; notificationId: number };
      assert.deepEqual(Object.keys(body), ['eventId', 'instanceId', 'response', 'notificationId']);
      assert.equal(body.eventId, dispatched.eventId);
      assert.equal(body.instanceId, created.id);
      assert.equal(body.response.name, 'Async');
      assert.deepEqual(await signatureOf(delivery, KEY), { verdict: 'valid' });
      // Without the header, the instance's callback URL (the created customer also makes an event there).
      await hub(created.token, 'customers', 'GET', undefined, { 'Elements-Async-Request': 'true' });
      await until(async () => (receiver.deliveries.some((each) => Array.isArray((each.json as { response?: unknown }).response)) ? true : undefined));
    } finally {
      await asyncReceiver.close();
    }
    const bare = await instance({});
    const refused = await hub(bare.token, 'customers', 'GET', undefined, { 'Elements-Async-Request': 'true' });
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { message: string }).message, /needs a callback URL/);
  });

  it('never writes the signature key to the log, the request list, the deliveries, an event record or an instance response (masked)', async () => {
    const key = 'sig-key-that-must-not-leak-0123456789';
    const created = await instance(webhook({ 'event.notification.signature.key': key }));
    await hub(created.token, 'customers', 'POST', { name: 'Secret' });
    const eventId = ((await receiver.nth(1)).json as Message).message.eventId;
    await notified(eventId);
    const places = [
      logged.join('\n'),
      await (await fetch(`${emulator.url}/__admin/requests`)).text(),
      await (await fetch(`${emulator.url}/__admin/events/deliveries`)).text(),
      (await api(emulator, '/instances/events')).text,
      (await api(emulator, `/instances/${created.id}`)).text,
      (await api(emulator, `/instances/${created.id}/configuration`)).text,
    ];
    for (const text of places) assert.ok(!text.includes(key));
    assert.ok(isSecretJsonKey('event.notification.signature.key'), 'the redactor treats the key as a secret');
  });

  it('stops retrying when the emulator closes; its timers keep nothing alive', async () => {
    const own = await startEmulator({ port: 0, eventMinuteMs: 60_000 });
    const failing = await startReceiver(() => 503);
    try {
      const base = quickbooksTokenBody('closing');
      const created = (await api<PublicInstance>(own, '/instances', { body: { ...base, configuration: { ...base.configuration, 'event.notification.enabled': 'true', 'event.notification.callback.url': failing.url } } })).json;
      await fetch(`${own.apiBaseUrl}/hubs/finance/customers`, { method: 'POST', headers: { Authorization: `${accountAuth(own)}, Element ${created.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
      await failing.nth(1);
      const active = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
      const before = active();
      await own.close();
      assert.ok(active() <= before, 'closing cleared the retry timer');
      assert.equal(failing.deliveries.length, 1);
    } finally {
      await failing.close();
    }
  });
});
