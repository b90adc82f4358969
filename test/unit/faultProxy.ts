/**
 * A fault proxy for the fault suites: forwards every request to an upstream server (the
 * emulator) and, for the requests a rule matches, damages the answer *after* the upstream acted
 * on it — "the server created it, then the answer was lost". The emulator's own fault injection
 * replaces the reply before its handler runs (except for a delay, `truncated` and `empty`), so
 * it cannot produce these.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export type Damage =
  /** The connection is reset instead of answering. */
  | 'reset'
  /** A gateway's HTML 502 page instead of the answer. */
  | 'html-502'
  /** No answer at all (the client times out). */
  | 'hang'
  /** The answer's JSON cut in half, with a matching Content-Length. */
  | 'truncate'
  /** Half the answer, then the connection closes before the announced Content-Length. */
  | 'cut'
  /**
   * Held before it reaches the upstream, until `releaseHeld()`: the client times out first, and
   * the server acts on the request only later (an event the test chooses, not a delay that a
   * busy machine may outlast).
   */
  | 'hold';

export interface ProxyRule {
  method: string;
  /** A substring of the request path (with its query), or a regular expression. */
  path: string | RegExp;
  damage: Damage;
  /** How many matching requests it damages; default 1. */
  times?: number;
  /** How many matching requests it lets through first; default 0. */
  skip?: number;
}

export interface FaultProxy {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** `url` + the upstream's path prefix, e.g. …/elements/api-v2 */
  apiBaseUrl(upstreamApiBaseUrl: string): string;
  add(rule: ProxyRule): void;
  clear(): void;
  /** Requests damaged so far, as `METHOD path: damage`. */
  readonly damaged: string[];
  /** Lets the held requests through; settles once the upstream answered each of them. */
  releaseHeld(): Promise<void>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

function gatewayPage(): string {
  return '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><p>nginx</p></body></html>';
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFaultProxy(upstreamOrigin: string): Promise<FaultProxy> {
  const rules: Array<Required<ProxyRule>> = [];
  const damaged: string[] = [];
  const held: Array<{ release: () => void; answered: Promise<void> }> = [];
  const sockets = new Set<Socket>();

  function take(method: string, path: string): Damage | undefined {
    const rule = rules.find(
      (candidate) => candidate.method === method && (typeof candidate.path === 'string' ? path.includes(candidate.path) : candidate.path.test(path)),
    );
    if (!rule) return undefined;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return undefined;
    }
    rule.times -= 1;
    if (rule.times <= 0) rules.splice(rules.indexOf(rule), 1);
    return rule.damage;
  }

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const body = await readBody(request);
    const damage = take(method, path);
    if (damage) damaged.push(`${method} ${path.split('?')[0]}: ${damage}`);
    let answered = () => {};
    if (damage === 'hold') {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      held.push({ release, answered: new Promise<void>((resolve) => (answered = resolve)) });
      await released;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(`${upstreamOrigin}${path}`, {
      method,
      headers,
      ...(body.length > 0 && { body: new Uint8Array(body) }),
      redirect: 'manual',
    }).finally(answered);
    const answer = Buffer.from(await upstream.arrayBuffer());
    const answerHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) answerHeaders[name] = value;
    });

    switch (damage) {
      case undefined:
      case 'hold':
        response.writeHead(upstream.status, { ...answerHeaders, 'Content-Length': String(answer.length) });
        response.end(answer);
        return;
      case 'reset':
        request.socket.resetAndDestroy();
        return;
      case 'html-502': {
        const page = gatewayPage();
        response.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(page)) });
        response.end(page);
        return;
      }
      case 'hang':
        return;
      case 'truncate': {
        const half = answer.subarray(0, Math.floor(answer.length / 2));
        response.writeHead(upstream.status, { ...answerHeaders, 'Content-Length': String(half.length) });
        response.end(half);
        return;
      }
      case 'cut':
        response.writeHead(upstream.status, { ...answerHeaders, 'Content-Length': String(answer.length) });
        response.write(answer.subarray(0, Math.floor(answer.length / 2)), () => request.socket.destroy());
        return;
    }
  }

  const server = createServer((request, response) => {
    forward(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(599);
      response.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiBaseUrl: (upstreamApiBaseUrl) => `${url}${new URL(upstreamApiBaseUrl).pathname}`,
    add: (rule) => rules.push({ times: 1, skip: 0, ...rule }),
    clear: () => {
      rules.length = 0;
      damaged.length = 0;
    },
    damaged,
    releaseHeld: async () => {
      const releasing = held.splice(0);
      for (const { release } of releasing) release();
      await Promise.all(releasing.map(({ answered }) => answered));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
