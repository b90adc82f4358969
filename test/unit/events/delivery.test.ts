/**
 * A received delivery read for the inbox (src/core/events/delivery.ts), kept within its bounds
 * (inbox.ts) and replayed by Forward to… (forward.ts, headers.ts).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { deliveryLabel, readDelivery, verdictLabel } from '../../../src/core/events/delivery';
import type { Delivery, ReceivedRequest } from '../../../src/core/events/delivery';
import { forwardRequest, parseForwardTarget } from '../../../src/core/events/forward';
import { hopByHopNames, isSecretHeader, redactHeaders } from '../../../src/core/events/headers';
import type { HeaderPair } from '../../../src/core/events/headers';
import { Inbox } from '../../../src/core/events/inbox';
import { summarizeDelivery } from '../../../src/core/events/payload';

const KEY = 'k3y-for-instance-7';
const encoder = new TextEncoder();
const sign = (key: string, body: Uint8Array) => 'sha256=' + createHmac('sha256', key).update(body).digest('base64');

function body(instanceId: number | string, eventType = 'CREATED', objectId = '42'): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      message: { eventId: 'e1', instanceId, events: [{ objectType: 'customers', objectId, eventType, elementKey: 'quickbooks', hubKey: 'finance', date: '2026-12-07T00:00:00Z' }], raw: {} },
    }),
  );
}

function request(bytes: Uint8Array, headers: HeaderPair[], receivedAt = 1): ReceivedRequest {
  return { method: 'POST', path: '/events/local', headers, body: bytes, receivedAt };
}

const keys = (known: Record<string, string>) => async (instanceId: string | undefined) => (instanceId === undefined ? undefined : known[instanceId]);

describe('event deliveries (read, inbox, forward)', () => {
  describe('readDelivery', () => {
    it('checks the signature with the key of the instance the body names', async () => {
      const bytes = body(7);
      const signed = await readDelivery(request(bytes, [['Elements-Webhook-Signature', sign(KEY, bytes)]]), 1, keys({ 7: KEY }));
      assert.deepEqual(signed.verdict, { verdict: 'valid' });
      assert.equal(verdictLabel(signed.verdict), 'signature valid');
      assert.equal(deliveryLabel(signed.summary), 'CREATED customers 42');
      assert.equal(signed.summary.instanceId, '7');
    });

    it('a body claiming another instance is checked with that instance\'s key, so a forged id stays invalid', async () => {
      const bytes = body(8);
      const delivery = await readDelivery(request(bytes, [['Elements-Webhook-Signature', sign(KEY, bytes)]]), 1, keys({ 7: KEY, 8: 'other-key' }));
      assert.equal(verdictLabel(delivery.verdict), 'signature invalid');
    });

    it('without a known key nothing is expected; with one, no header is "missing"', async () => {
      const bytes = body(9);
      assert.equal(verdictLabel((await readDelivery(request(bytes, []), 1, keys({}))).verdict), 'unsigned');
      assert.equal(verdictLabel((await readDelivery(request(bytes, []), 1, keys({ 9: KEY }))).verdict), 'signature missing');
    });

    it('any byte of the body changed after signing makes it invalid (tampered delivery)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
          const bytes = body(7);
          const header = sign(KEY, bytes);
          const tampered = bytes.slice();
          tampered[at % tampered.length]! ^= flip;
          // The id may no longer parse: then no key is found and nothing is expected; otherwise invalid.
          const delivery = await readDelivery(request(tampered, [['elements-webhook-signature', header]]), 1, keys({ 7: KEY }));
          if (delivery.summary.instanceId === '7') assert.equal(delivery.verdict.verdict, 'invalid');
          else assert.notEqual(delivery.verdict.verdict, 'valid');
        }),
        { numRuns: 200 },
      );
    });

    it('keeps the raw bytes and redacts credentials in the headers it keeps', async () => {
      const bytes = encoder.encode('{"a":1}  \n');
      const delivery = await readDelivery(
        request(bytes, [
          ['Authorization', 'Basic dXNlcjpwYXNz'],
          ['Cookie', 'session=abc'],
          ['X-Api-Key', 'k'],
          ['Elements-Webhook-Signature', 'sha256=abc='],
          ['Elements-Webhook-Id', 'w1'],
          ['Content-Type', 'application/json'],
        ]),
        3,
        keys({}),
      );
      assert.equal(delivery.body, bytes);
      assert.deepEqual(delivery.headers, [
        ['Authorization', '***'],
        ['Cookie', '***'],
        ['X-Api-Key', '***'],
        ['Elements-Webhook-Signature', 'sha256=abc='],
        ['Elements-Webhook-Id', 'w1'],
        ['Content-Type', 'application/json'],
      ]);
    });

    it('labels any body without throwing', () => {
      fc.assert(
        fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
          const label = deliveryLabel(summarizeDelivery(text));
          assert.equal(typeof label, 'string');
          assert.ok(label.length > 0);
        }),
      );
    });
  });

  describe('Inbox', () => {
    const fake = (seq: number, instanceId: string, size = 0): Delivery => ({
      seq,
      receivedAt: seq,
      method: 'POST',
      path: '/',
      headers: [],
      body: new Uint8Array(size),
      summary: { ...summarizeDelivery('{}'), instanceId },
      verdict: { verdict: 'none-expected', headerPresent: false },
    });

    it('equals the model: the newest `capacity` deliveries (and bytes), grouped by instance, groups and deliveries newest first', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ instance: fc.constantFrom('1', '2', '3', ''), size: fc.nat({ max: 50 }) }), { maxLength: 300 }),
          fc.integer({ min: 1, max: 60 }),
          fc.integer({ min: 0, max: 2000 }),
          (arrivals, capacity, maxBytes) => {
            const inbox = new Inbox({ capacity, maxBytes });
            let evictedCount = 0;
            arrivals.forEach((arrival, index) => (evictedCount += inbox.add(fake(index + 1, arrival.instance, arrival.size)).length));
            // The model: drop from the oldest until within both bounds (one delivery always stays).
            const all = arrivals.map((arrival, index) => fake(index + 1, arrival.instance, arrival.size));
            let kept = all.slice(Math.max(0, all.length - capacity));
            while (kept.length > 1 && kept.reduce((sum, d) => sum + d.body.length, 0) > maxBytes) kept = kept.slice(1);
            assert.equal(inbox.size, kept.length);
            assert.equal(evictedCount, all.length - kept.length);
            const expected = new Map<string, number[]>();
            for (const d of [...kept].reverse()) expected.set(d.summary.instanceId!, [...(expected.get(d.summary.instanceId!) ?? []), d.seq]);
            assert.deepEqual(
              inbox.groups().map((group) => [group.key, group.deliveries.map((d) => d.seq)]),
              [...expected],
            );
            assert.deepEqual(inbox.oldestFirst().map((d) => d.seq), kept.map((d) => d.seq));
            for (const d of kept) assert.equal(inbox.get(d.seq)?.seq, d.seq);
          },
        ),
      );
    });

    it('clears', () => {
      const inbox = new Inbox();
      inbox.add(fake(1, '1', 10));
      inbox.clear();
      assert.equal(inbox.size, 0);
      assert.deepEqual(inbox.groups(), []);
      inbox.add(fake(2, '1'));
      assert.deepEqual(inbox.oldestFirst().map((d) => d.seq), [2]);
    });
  });

  describe('Forward to…', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
    const value = fc.stringMatching(/^[ -~]{0,40}$/);

    it('same method and body bytes, the signature header kept, no hop-by-hop header, no redacted credential', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.array(fc.tuple(name, value), { maxLength: 12 }), fc.subarray(['Connection', 'Keep-Alive', 'Transfer-Encoding', 'Host', 'Content-Length', 'Upgrade', 'TE', 'Authorization']), async (bytes, extra, hops) => {
          const headers: HeaderPair[] = [
            ['Elements-Webhook-Signature', sign(KEY, bytes)],
            ['Elements-Webhook-Id', 'w-1'],
            ...hops.map((hop) => [hop, hop === 'Connection' ? 'close, X-Per-Hop' : 'x'] as const),
            ['X-Per-Hop', 'listed in Connection'],
            ...extra,
          ];
          const delivery = await readDelivery(request(bytes, headers), 1, keys({}));
          const forwarded = forwardRequest(delivery, 'http://127.0.0.1:3000/hook');
          assert.equal(forwarded.body, bytes, 'the same bytes');
          assert.equal(forwarded.method, 'POST');
          assert.deepEqual(forwarded.headers.find(([n]) => n === 'Elements-Webhook-Signature'), ['Elements-Webhook-Signature', sign(KEY, bytes)]);
          const dropped = hopByHopNames(headers);
          for (const [n] of forwarded.headers) {
            assert.ok(!dropped.has(n.toLowerCase()), `${n} is hop-by-hop`);
            assert.ok(!isSecretHeader(n), `${n} was redacted and must not be sent`);
          }
          // Everything else is passed on, in order.
          const expected = redactHeaders(headers).filter(([n]) => !dropped.has(n.toLowerCase()) && !isSecretHeader(n));
          assert.deepEqual(forwarded.headers, expected);
        }),
      );
    });

    it('accepts http(s) URLs only, without credentials or fragment', () => {
      assert.deepEqual(parseForwardTarget(' http://localhost:3000/hook '), { url: 'http://localhost:3000/hook' });
      for (const bad of ['', 'localhost:3000', 'ftp://x/', 'http://u:p@x/', 'http://x/#a', 'not a url']) assert.ok('error' in parseForwardTarget(bad), bad);
    });
  });
});
