/** A loopback node:http server for client tests: records every request, answers through a handler. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/elements/api-v2/instances?pageSize=200`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type StubHandler = (request: RecordedRequest, response: ServerResponse, index: number) => void;

export interface StubServer {
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const API_PREFIX = '/elements/api-v2';

export async function startStub(handler: StubHandler): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, response, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, text: string, contentType: string): void {
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(text);
}

/** Path relative to the api-v2 base, without the query. */
export function apiPath(request: RecordedRequest): string {
  const path = request.url.split('?')[0]!;
  return path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
}

export function queryOf(request: RecordedRequest): Record<string, string> {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  return Object.fromEntries(new URLSearchParams(query));
}
