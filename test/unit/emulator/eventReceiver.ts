/** A local event receiver for the emulator's event tests: records every delivery, raw bytes included. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  raw: Buffer;
  json: unknown;
}

export interface Receiver {
  /** e.g. http://127.0.0.1:41234/events */
  url: string;
  readonly deliveries: ReceivedDelivery[];
  /** Resolves with the n-th delivery (1-based) once it has arrived. */
  nth(n: number): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

/** `status(n)` answers the n-th delivery (1-based); 200 `{}` by default, as churros' receiver. */
export async function startReceiver(status: (n: number) => number = () => 200): Promise<Receiver> {
  const deliveries: ReceivedDelivery[] = [];
  const waiting: Array<{ n: number; resolve: (delivery: ReceivedDelivery) => void }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
      deliveries.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, raw, json });
      const code = status(deliveries.length);
      response.writeHead(code, { 'Content-Type': 'application/json' });
      response.end('{}');
      for (const waiter of waiting.filter((candidate) => candidate.n <= deliveries.length)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(deliveries[waiter.n - 1]!);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    deliveries,
    nth: (n) => (deliveries.length >= n ? Promise.resolve(deliveries[n - 1]!) : new Promise((resolve) => waiting.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Re-checks `check` on every turn of the event loop until it holds (the test's timeout bounds it). */
export async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
