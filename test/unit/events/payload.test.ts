import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_EVENTS, MAX_TEXT, summarizeDelivery, summarizeDeliveryValue } from '../../../src/core/events/payload';
import type { DeliverySummary } from '../../../src/core/events/payload';

/** The per-event fields of churros' closeio polling fixture (src/test/platform/formulas/assets/events/single-event-closeio.json). */
const CLOSEIO_EVENT = {
  objectType: 'accounts',
  objectId: 'lead_BW9v0Uf82ZZyJh2Jhi7YcDEYhGQw6naCg8KhYA7Ffus',
  date: '2018-07-31T19:39:46Z',
  pollDate: '2018-07-31T19:40:36Z',
  eventType: 'CREATED',
  elementKey: 'closeio',
  hubKey: 'crm',
};

/** Every string a summary holds is short; the lists are bounded. */
function assertBounded(summary: DeliverySummary): void {
  assert.ok(summary.events.length <= MAX_EVENTS);
  assert.ok(summary.eventCount >= summary.events.length);
  const texts = [summary.eventId, summary.instanceId, summary.notificationId, summary.userId, summary.element, summary.resource, summary.eventType, summary.objectId, summary.date, ...summary.events.flatMap((event) => Object.values(event))];
  for (const text of texts) if (text !== undefined) assert.ok(typeof text === 'string' && text.length <= MAX_TEXT, JSON.stringify(text));
}

describe('event delivery summaries', () => {
  it('reads the message wrapper Cloud Elements\' tests read (churros events.js L48-49)', () => {
    const body = JSON.stringify({ message: { eventId: 'ev-1', instanceId: 123, userId: 456, events: [CLOSEIO_EVENT], raw: { objectType: 'accounts' } } });
    assert.deepEqual(summarizeDelivery(body), {
      shape: 'message',
      eventId: 'ev-1',
      instanceId: '123',
      userId: '456',
      eventCount: 1,
      events: [CLOSEIO_EVENT],
      element: 'closeio',
      resource: 'accounts',
      eventType: 'CREATED',
      objectId: CLOSEIO_EVENT.objectId,
      date: CLOSEIO_EVENT.date,
    });
  });

  it('reads the guides\' unwrapped body (devportal docs/guides/event-management/triggering.md L53-71), verbatim', () => {
    const body = `{
  "eventId": 1088,
  "instanceId": 31,
  "response": {
    "events": [
      {
        "path": "/testfoldercreate",
        "metadata": {
          "path": "/TestFolderCreate",
          "name": "TestFolderCreate",
          "type": "folder"
        }
      }
    ]
  },
  "notificationId": 1047
}`;
    const summary = summarizeDelivery(new TextEncoder().encode(body));
    assert.equal(summary.shape, 'unwrapped');
    assert.deepEqual([summary.eventId, summary.instanceId, summary.notificationId, summary.objectId, summary.eventCount], ['1088', '31', '1047', '/testfoldercreate', 1]);
    assert.deepEqual(summary.events, [{ path: '/testfoldercreate' }]);
  });

  it('takes the resource of a polling delivery from message.raw.objectType when its events lack one (churros suite.js L294-297)', () => {
    const summary = summarizeDelivery(JSON.stringify({ message: { events: [{ eventType: 'UPDATED', objectId: '7' }], raw: { objectType: 'contacts' } } }));
    assert.equal(summary.resource, 'contacts');
  });

  it('says what it could not read, and never reads inherited properties', () => {
    assert.deepEqual(summarizeDelivery('not json'), { shape: 'not-json', eventCount: 0, events: [] });
    assert.deepEqual(summarizeDelivery(new Uint8Array([0xff, 0xfe, 0x00])), { shape: 'not-json', eventCount: 0, events: [] });
    assert.deepEqual(summarizeDelivery('[1, 2]'), { shape: 'unknown', eventCount: 0, events: [] });
    assert.deepEqual(summarizeDelivery('{"hello": "world"}'), { shape: 'unknown', eventCount: 0, events: [] });
    assert.deepEqual(summarizeDelivery('{"message": {"events": {"length": 3}}}'), { shape: 'message', eventCount: 0, events: [] });
    const inherited = summarizeDelivery('{"__proto__": {"eventId": "x"}, "message": {"constructor": 1}}');
    assert.equal(inherited.eventId, undefined);
    assert.equal(summarizeDeliveryValue({ message: Object.create({ eventId: 'inherited', events: [CLOSEIO_EVENT] }) }).eventId, undefined);
    assert.equal(summarizeDelivery('\uFEFF{"eventId": 5}').eventId, '5', 'a BOM before the JSON');
  });

  it('keeps a summary small, however large the body', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({ ...CLOSEIO_EVENT, objectId: `${i}`.repeat(100) }));
    const summary = summarizeDelivery(JSON.stringify({ message: { eventId: 'x'.repeat(10_000), events } }));
    assert.equal(summary.eventCount, 5000);
    assert.equal(summary.events.length, MAX_EVENTS);
    assert.equal(summary.eventId!.length, MAX_TEXT);
    assert.ok(summary.eventId!.endsWith('…'));
    assertBounded(summary);
    const emoji = summarizeDelivery(JSON.stringify({ eventId: '😀'.repeat(200) })).eventId!;
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji), 'no half of a surrogate pair at the cut');
  });

  it('never throws, on any text, any bytes or any JSON, and stays bounded', () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const delivery = fc.record({ message: fc.record({ eventId: anyJson, instanceId: anyJson, events: fc.oneof(fc.array(anyJson), anyJson), raw: anyJson }, { requiredKeys: [] }) });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array(), anyJson.map((value) => JSON.stringify(value)), delivery.map((value) => JSON.stringify(value))), (body) => {
        assertBounded(summarizeDelivery(body));
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.anything(), (value) => assertBounded(summarizeDeliveryValue(value))), { numRuns: 500 });
  });

  it('reads back what a delivery says, for any documented fields', () => {
    const text = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(fc.record({ objectType: text, objectId: text, eventType: fc.constantFrom('CREATED', 'UPDATED', 'DELETED'), elementKey: text, date: text }), fc.string(), fc.nat(), (event, eventId, instanceId) => {
        const summary = summarizeDelivery(JSON.stringify({ message: { eventId, instanceId, events: [event] } }));
        assert.deepEqual(
          [summary.eventId, summary.instanceId, summary.element, summary.resource, summary.eventType, summary.objectId, summary.date],
          [eventId, String(instanceId), event.elementKey, event.objectType, event.eventType, event.objectId, event.date],
        );
      }),
      { numRuns: 300 },
    );
  });
});
