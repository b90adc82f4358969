/**
 * The event behaviours of issue 22 item 3, one test each, keyed by the `id` of
 * `scripts/catalog-source/api-examples.json` → `behaviours` (which names the pages and Cloud
 * Elements' own tests that show them); `behaviours.ts` lists them with the others.
 */
import assert from 'node:assert/strict';
import { verifySignature } from '../../../src/core/events';
import type { RunningEmulator } from '../../../src/emulator/server';
import { startReceiver, until, type Receiver } from './eventReceiver';
import { api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

type Behaviour = (emulator: RunningEmulator) => Promise<void>;

interface Created {
  id: number;
  token: string;
}

interface EventRecord {
  id: string;
  eventDate: string;
  status: string;
  providerData: string;
  notifiedData: unknown[];
}

/** The docs' own example key (devportal docs/guides/event-management/security.md L66-70). */
const KEY = 'MySecretEventSignatureKey';

async function withReceiver(run: (receiver: Receiver) => Promise<void>, status?: (n: number) => number): Promise<void> {
  const receiver = await startReceiver(status);
  try {
    await run(receiver);
  } finally {
    await receiver.close();
  }
}

async function instanceWith(emulator: RunningEmulator, configuration: Record<string, string>): Promise<Created> {
  const base = quickbooksTokenBody('Events');
  const created = await api<Created>(emulator, '/instances', { body: { ...base, configuration: { ...base.configuration, ...configuration } } });
  assert.equal(created.status, 200, created.text);
  return created.json;
}

const events = (url: string, extra: Record<string, string> = {}) => ({ 'event.notification.enabled': 'true', 'event.notification.callback.url': url, ...extra });

function hubCall(emulator: RunningEmulator, token: string, path: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${emulator.apiBaseUrl}/hubs/finance/${path}`, {
    method,
    headers: { Authorization: `User ${emulator.userSecret}, Element ${token}`, 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

const eventRecord = async (emulator: RunningEmulator, path: string) => (await api<EventRecord>(emulator, path)).json;

export const EVENT_BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  'events: a hub change is delivered to the callback URL as {"message": {eventId, events, raw}}': (emulator) =>
    withReceiver(async (receiver) => {
      const created = await instanceWith(emulator, events(receiver.url, { 'event.vendor.type': 'webhook' }));
      const customer = (await (await hubCall(emulator, created.token, 'customers', 'POST', { name: 'Acme' })).json()) as { id: string };
      const delivery = await receiver.nth(1);
      assert.ok(delivery.headers['elements-webhook-id'], 'Elements-Webhook-Id is not empty (churros events.js L43)');
      const { message } = delivery.json as { message: { eventId: string; instanceId: number; events: Array<Record<string, string>>; raw: Record<string, unknown> } };
      assert.equal(typeof message.eventId, 'string');
      assert.equal(message.instanceId, created.id);
      assert.deepEqual(
        message.events.map(({ objectType, objectId, eventType, elementKey, hubKey }) => ({ objectType, objectId, eventType, elementKey, hubKey })),
        [{ objectType: 'customers', objectId: customer.id, eventType: 'CREATED', elementKey: 'quickbooks', hubKey: 'finance' }],
      );
      assert.equal(message.raw.objectType, 'customers', 'message.raw.objectType, as churros src/core/suite.js reads it');
    }),

  'events: a delivery carries Elements-Webhook-Signature when the instance has a signature key': (emulator) =>
    withReceiver(async (receiver) => {
      const signed = await instanceWith(emulator, events(receiver.url, { 'event.notification.signature.key': KEY }));
      const unsigned = await instanceWith(emulator, events(receiver.url, { 'event.notification.signature.key': '' }));
      await hubCall(emulator, signed.token, 'customers', 'POST', { name: 'Signed' });
      const first = await receiver.nth(1);
      await hubCall(emulator, unsigned.token, 'customers', 'POST', { name: 'Unsigned' });
      const second = await receiver.nth(2);
      const header = first.headers['elements-webhook-signature'];
      assert.match(String(header), /^sha256=/);
      assert.deepEqual(await verifySignature({ key: KEY, body: new Uint8Array(first.raw), header }), { verdict: 'valid' });
      assert.equal(second.headers['elements-webhook-signature'], undefined, 'an empty key signs nothing (churros provisions it empty)');
    }),

  'events: the event API shows a delivered event NOTIFIED': (emulator) =>
    withReceiver(async (receiver) => {
      const created = await instanceWith(emulator, events(receiver.url));
      await hubCall(emulator, created.token, 'customers', 'POST', { name: 'Read back' });
      const eventId = ((await receiver.nth(1)).json as { message: { eventId: string } }).message.eventId;
      const record = await until(async () => {
        const found = await eventRecord(emulator, `/instances/${created.id}/events/${eventId}`);
        return found.status === 'NOTIFIED' ? found : undefined;
      });
      assert.deepEqual(await eventRecord(emulator, `/instances/events/${eventId}`), record);
      for (const [field, type] of [['id', 'string'], ['eventDate', 'string'], ['providerData', 'string']] as const) assert.equal(typeof record[field], type, field);
      assert.ok(Array.isArray(record.notifiedData));
      const all = await api<EventRecord[]>(emulator, '/instances/events?pageSize=10');
      assert.equal(all.status, 200);
      assert.ok(all.json.some((each) => each.id === eventId));
      assert.ok((await api<EventRecord[]>(emulator, `/instances/${created.id}/events`)).json.some((each) => each.id === eventId));
    }),

  'events: a failed delivery is retried, 4^x seconds after the failure': (emulator) =>
    withReceiver(
      async (receiver) => {
        const created = await instanceWith(emulator, events(receiver.url));
        await hubCall(emulator, created.token, 'customers', 'POST', { name: 'Retried' });
        const retried = await receiver.nth(2);
        const first = receiver.deliveries[0]!;
        assert.deepEqual(retried.raw, first.raw);
        assert.equal(retried.headers['elements-webhook-id'], first.headers['elements-webhook-id']);
        const eventId = (retried.json as { message: { eventId: string } }).message.eventId;
        await until(async () => ((await eventRecord(emulator, `/instances/events/${eventId}`)).status === 'NOTIFIED' ? true : undefined));
      },
      (n) => (n === 1 ? 502 : 200),
    ),

  'events: a polling instance is polled, and records changed since the last poll are delivered with pollDate': (emulator) =>
    withReceiver(async (receiver) => {
      const configuration = JSON.stringify({ customers: { url: "/hubs/finance/customers?where=modifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'", idField: 'id' } });
      const created = await instanceWith(emulator, events(receiver.url, { 'event.vendor.type': 'polling', 'event.poller.refresh_interval': '15', 'event.poller.configuration': configuration }));
      const poll = () => fetch(`${emulator.url}/__admin/events/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instanceId: created.id }) });
      await poll();
      const customer = (await (await hubCall(emulator, created.token, 'customers', 'POST', { name: 'Polled' })).json()) as { id: string };
      assert.equal(receiver.deliveries.length, 0, 'a polling instance is not notified by the change itself');
      await poll();
      const { message } = (await receiver.nth(1)).json as { message: { events: Array<{ objectId: string; eventType: string; pollDate?: string }>; raw: { objectType: string } } };
      assert.deepEqual(message.events.map((event) => [event.objectId, event.eventType]), [[customer.id, 'CREATED']]);
      assert.ok(message.events[0]!.pollDate);
      assert.equal(message.raw.objectType, 'customers');
    }),

  'events: provider webhooks enter through POST /events/{elementKey}': (emulator) =>
    withReceiver(async (receiver) => {
      const created = await instanceWith(emulator, events(receiver.url));
      const answer = await fetch(`${emulator.apiBaseUrl}/events/quickbooks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Element-Instances': String(created.id) },
        body: 'event=updated&id=7',
      });
      assert.equal(answer.status, 200);
      const { message } = (await receiver.nth(1)).json as { message: { instanceId: number; raw: unknown } };
      assert.equal(message.instanceId, created.id);
      assert.deepEqual(message.raw, { event: 'updated', id: '7' });
    }),

  'events: an asynchronous request answers {eventId, eventStatus: "dispatched"} and delivers {eventId, instanceId, response, notificationId}': (emulator) =>
    withReceiver(async (receiver) => {
      const created = await instanceWith(emulator, {});
      const answer = await hubCall(emulator, created.token, 'customers', 'POST', { name: 'Later' }, { 'Elements-Async-Request': 'True', 'Elements-Async-Callback-Url': receiver.url });
      const dispatched = (await answer.json()) as { eventId: number; eventStatus: string };
      assert.equal(dispatched.eventStatus, 'dispatched');
      const body = (await receiver.nth(1)).json as { eventId: number; instanceId: number; response: { name: string }; notificationId: number };
      assert.deepEqual([body.eventId, body.instanceId, body.response.name, typeof body.notificationId], [dispatched.eventId, created.id, 'Later', 'number']);
      const refused = await hubCall(emulator, created.token, 'customers', 'GET', undefined, { 'Elements-Async-Request': 'True' });
      assert.equal(refused.status, 400, 'no callback URL on the instance or in the request: "an error will be returned"');
    }),

  'events: Xero has no events': (emulator) =>
    withReceiver(async (receiver) => {
      const app = { apiKey: 'xero-client', apiSecret: 'xero-secret', callbackUrl: 'https://www.mycoolapp.com/auth' };
      const url = await api<{ oauthUrl: string }>(emulator, `/elements/xero/oauth/url?${query(app)}`, { auth: false });
      const code = callbackParams((await decide(url.json.oauthUrl, 'allow')).location).get('code');
      const xero = await api<Created>(emulator, '/instances', {
        body: {
          element: { key: 'xero' },
          name: 'Xero events',
          providerData: { code },
          configuration: { 'oauth.api.key': app.apiKey, 'oauth.api.secret': app.apiSecret, 'oauth.callback.url': app.callbackUrl, ...events(receiver.url) },
        },
      });
      assert.equal(xero.status, 200, xero.text);
      await hubCall(emulator, xero.json.token, 'customers', 'POST', { name: 'No event' });
      assert.deepEqual((await api<EventRecord[]>(emulator, `/instances/${xero.json.id}/events`)).json, []);
      assert.equal(receiver.deliveries.length, 0);
    }),
};
