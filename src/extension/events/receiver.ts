/**
 * The event receiver: one HTTP server per window on 127.0.0.1 (loopback only: nothing off this
 * machine reaches it unless the user forwards the port), at the port it had last time when that
 * is free (so a callback URL already given to an instance, or a tunnel pointed at it, keeps
 * working), else a free one. It takes `POST`/`PUT /events/<environment>`, reads at most
 * `maxBodyBytes` (413 beyond, without reading on), hands the raw request over, and answers
 * `200 {}` as Cloud Elements' own test receiver does (churros src/core/server.js L96). It logs
 * no body and no header value: only method, path, size and status. Plain Node, no `vscode`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderPair } from '../../core/events/headers';
import type { ReceivedRequest } from '../../core/events/delivery';
import { environmentOf, EVENTS_PATH } from './paths';

export const RECEIVER_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ReceivedDelivery extends ReceivedRequest {
  /** The environment named by the path (`/events/<environment>`), whose keys check the signature. */
  environment: string;
}

export interface ReceiverOptions {
  onDelivery(request: ReceivedDelivery): void;
  /** The port to try first (the last one used); a free one when taken or absent. */
  preferredPort?: number;
  maxBodyBytes?: number;
  /** One line per request, no secret in it. */
  log?(line: string): void;
  now?(): number;
}

export interface EventReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The callback URL for the instances of one environment. */
  callbackUrl(environment: string): string;
  close(): Promise<void>;
}


function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, RECEIVER_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function reply(response: ServerResponse, status: number, body: object, close = false): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(text);
}

function headerPairs(raw: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

export async function startEventReceiver(options: ReceiverOptions): Promise<EventReceiver> {
  // Loaded here, not with the extension: only events need an HTTP server.
  const { createServer } = await import('node:http');
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const environment = environmentOf(request.url);
    const method = request.method ?? 'GET';
    const line = (status: number, size: number) => log(`Event receiver: ${method} ${request.url?.split('?', 1)[0] ?? '/'} (${size} bytes) → ${status}`);
    if (environment === undefined) {
      line(404, 0);
      reply(response, 404, { message: 'This address receives Cloud Elements event deliveries at /events/<environment> only.' }, true);
      request.resume();
      return;
    }
    if (method !== 'POST' && method !== 'PUT') {
      line(405, 0);
      response.setHeader('Allow', 'POST, PUT');
      reply(response, 405, { message: 'Event deliveries are POSTed.' }, true);
      request.resume();
      return;
    }
    const tooLarge = () => {
      line(413, limit);
      reply(response, 413, { message: `The body is over the receiver's limit of ${limit} bytes.` }, true);
      // Stop reading: the rest of the body is never buffered.
      response.once('finish', () => request.destroy());
    };
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        request.pause();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const body = new Uint8Array(Buffer.concat(chunks, size));
      line(200, size);
      reply(response, 200, {});
      try {
        options.onDelivery({ environment, method, path: request.url ?? '/', headers: headerPairs(request.rawHeaders), body, receivedAt: now() });
      } catch {
        // The inbox's trouble is not the sender's: it got its 200.
      }
    });
    request.on('error', () => {
      refused = true;
    });
  };

  const server = createServer(handle);
  // A slow or stalled sender cannot hold a socket open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  if (options.preferredPort !== undefined) {
    try {
      await listen(server, options.preferredPort);
    } catch {
      await listen(server, 0);
    }
  } else {
    await listen(server, 0);
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${RECEIVER_HOST}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    port,
    origin,
    callbackUrl: (environment) => `${origin}${EVENTS_PATH}${environment}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
