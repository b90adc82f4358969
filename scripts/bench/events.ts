/**
 * The emulator's event delivery latency (issue 22 item 3): from a hub create (`POST
 * /hubs/finance/customers`, the request sent) to its signed event arriving at a local receiver,
 * p50/p99 over N creates, one at a time and 8 at once. The emulator runs as its own process
 * (`dist/emulator.js`); the receiver runs here, on loopback. A benchmark prints figures; it
 * asserts nothing.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AUTH, body, start, type LatencyStats } from './emulator';

export interface DeliveryRow {
  concurrency: number;
  latency: LatencyStats;
}

/** Creates measured per row; `BENCH_EVENT_CALLS=<n>` measures another number. */
const CALLS = Number(process.env.BENCH_EVENT_CALLS ?? 1000);

function stats(latencies: number[], failures: number): LatencyStats {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { calls: latencies.length + failures, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] ?? Number.NaN, failures };
}

export async function eventDeliveryLatency(root: string, log: (line: string) => void = console.log): Promise<DeliveryRow[]> {
  const script = process.env.BENCH_EMULATOR ?? join(root, 'dist/emulator.js');
  const arrived = new Map<string, (at: number) => void>();
  /** Events that arrived before their create's answer named the id. */
  const early = new Map<string, number>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      response.end('{}');
      try {
        const { message } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: { events: Array<{ objectId: string; eventType: string }> } };
        if (message.events[0]!.eventType !== 'CREATED') return;
        const id = message.events[0]!.objectId;
        const waiter = arrived.get(id);
        if (waiter) waiter(at);
        else early.set(id, at);
      } catch {
        // not an event: ignored
      }
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  const { child, base } = await start(script);
  const rows: DeliveryRow[] = [];
  try {
    const instance = JSON.parse(body(1)) as { configuration: Record<string, string> };
    instance.configuration = { ...instance.configuration, 'event.notification.enabled': 'true', 'event.notification.callback.url': callbackUrl, 'event.notification.signature.key': 'bench-signature-key' };
    const created = (await (await fetch(`${base}/instances`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(instance) })).json()) as { token: string };
    const headers = { Authorization: `${AUTH}, Element ${created.token}`, 'Content-Type': 'application/json' };
    for (const concurrency of [1, 8]) {
      const latencies: number[] = [];
      let failures = 0;
      let next = 0;
      const worker = async () => {
        while (next < CALLS) {
          next += 1;
          const sent = performance.now();
          // The id is known only from the answer, and the event may arrive before it.
          const response = await fetch(`${base}/hubs/finance/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench' }) });
          if (response.status !== 200) {
            failures += 1;
            await response.arrayBuffer();
            continue;
          }
          const { id } = (await response.json()) as { id: string };
          const at = early.get(id) ?? (await new Promise<number>((resolve) => arrived.set(id, resolve)));
          arrived.delete(id);
          early.delete(id);
          latencies.push(at - sent);
          // Not measured: the instance keeps at most 1000 records of a resource.
          await (await fetch(`${base}/hubs/finance/customers/${id}`, { method: 'DELETE', headers })).arrayBuffer();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      rows.push({ concurrency, latency: stats(latencies, failures) });
      const row = rows[rows.length - 1]!;
      log(`emulator event delivery (hub create → signed event at a loopback receiver, ${concurrency} client${concurrency > 1 ? 's' : ''}, ${CALLS} creates): p50 ${row.latency.p50.toFixed(1)} ms, p99 ${row.latency.p99.toFixed(1)} ms${row.latency.failures ? `, ${row.latency.failures} failed` : ''}`);
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    receiver.close();
    receiver.closeAllConnections();
  }
  return rows;
}

export function deliveryReport(rows: readonly DeliveryRow[]): string[] {
  return [
    '',
    `## The emulator's event delivery (ms, p50 / p99; ${CALLS} creates per row)`,
    '',
    'From `POST /hubs/finance/customers` sent to its event (`{"message": …}`, signed with `Elements-Webhook-Signature`) received by a loopback receiver; a fresh `dist/emulator.js`.',
    '',
    '| clients at once | delivery |',
    '| --- | --- |',
    ...rows.map((row) => `| ${row.concurrency} | ${row.latency.p50.toFixed(1)} / ${row.latency.p99.toFixed(1)}${row.latency.failures ? ` (${row.latency.failures} failed)` : ''} |`),
  ];
}
