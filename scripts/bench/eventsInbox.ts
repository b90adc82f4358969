/**
 * The Events view with a full inbox (issue 22): 10,000 deliveries (signed, verified, spread over
 * 20 instances) kept in the inbox, then one render of the whole tree as the view does it:
 * every group, every delivery's row (label, time, verdict, tooltip, icon). Also the cost of
 * reading one delivery in (summary + HMAC verification). Prints figures; asserts nothing.
 * The target: a render stays under 500 ms.
 */
import { performance } from 'node:perf_hooks';
import { readDelivery } from '../../src/core/events/delivery';
import type { Delivery } from '../../src/core/events/delivery';
import { Inbox } from '../../src/core/events/inbox';
import { deliveryRow } from '../../src/core/events/rows';
import { signatureHeader } from '../../src/core/events/signature';

const encoder = new TextEncoder();

function body(instanceId: number, n: number): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      message: {
        eventId: `evt-${n}`,
        instanceId,
        events: [{ objectType: 'customers', objectId: String(n), eventType: n % 3 === 0 ? 'UPDATED' : 'CREATED', elementKey: 'quickbooks', hubKey: 'finance', date: new Date(n * 1000).toISOString() }],
        raw: { customers: [{ id: n, name: `Customer ${n}`, email: `c${n}@example.com` }] },
      },
    }),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function eventsInboxBench(count = 10_000, rounds = 9): Promise<{ readMsPerDelivery: number; renderMs: number; renderMaxMs: number }> {
  const inbox = new Inbox({ capacity: count, groupOf: (delivery) => delivery.summary.instanceId ?? '' });
  const key = 'bench-signature-key';
  const readStart = performance.now();
  for (let n = 1; n <= count; n++) {
    const instanceId = (n % 20) + 1;
    const bytes = body(instanceId, n);
    const request = { method: 'POST', path: '/events/local', headers: [['Elements-Webhook-Signature', await signatureHeader(key, bytes)] as const], body: bytes, receivedAt: n * 1000 };
    inbox.add(await readDelivery(request, n, async () => key));
  }
  const readMsPerDelivery = (performance.now() - readStart) / count;
  const time = (ms: number) => new Date(ms).toLocaleTimeString();
  const samples: number[] = [];
  for (let round = -2; round < rounds; round++) {
    const start = performance.now();
    let rows = 0;
    for (const group of inbox.groups()) {
      for (const delivery of group.deliveries as Delivery[]) {
        deliveryRow(delivery, time);
        rows++;
      }
    }
    if (rows !== count) throw new Error(`rendered ${rows} rows of ${count}`);
    if (round >= 0) samples.push(performance.now() - start);
  }
  return { readMsPerDelivery, renderMs: median(samples), renderMaxMs: Math.max(...samples) };
}
