/**
 * The `loopback` callback mode: a one-shot HTTP server on `http://localhost:<port>` (the port the
 * user registered with the provider, `cloudElements.loopbackPort`, else a free one) that receives
 * the provider's redirect at `/callback`, answers the browser with a small page and stops
 * accepting once a callback was taken. `localhost`, not 127.0.0.1: some providers (Intuit) take
 * no IP address. It listens on 127.0.0.1 and on ::1 (where there is IPv6), so the browser finds
 * it whichever `localhost` resolves to. Plain Node, no `vscode`.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOOPBACK_PATH = '/callback';
export const LOOPBACK_HOST = 'localhost';

export interface LoopbackReply {
  /** The callback was taken (authorized or denied): the page says so, and the server stops listening. */
  accepted: boolean;
  title: string;
  message: string;
}

export interface LoopbackServer {
  /** `http://localhost:<port>/callback` */
  readonly callbackUrl: string;
  /** Settles once the server stopped listening (after an accepted callback, or `close()`). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** The port is taken (by another program, or another sign-in waiting on it). */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${port} (cloudElements.loopbackPort) is in use by another program or sign-in, and the loopback callback needs it: close what holds it, or register another port with the provider and set it.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Errors that mean "no IPv6 loopback here", not "taken". */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Listens on 127.0.0.1 and ::1 at one port (`port`, or a free one); the servers it got. */
async function listenOnLoopback(createServer: (listener: RequestListener) => Server, listener: RequestListener, port: number | undefined): Promise<Server[]> {
  for (let attempt = 0; ; attempt++) {
    const v4 = createServer(listener);
    try {
      await listen(v4, port ?? 0, '127.0.0.1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && port !== undefined) throw new PortInUseError(port);
      throw error;
    }
    const chosen = (v4.address() as AddressInfo).port;
    const v6 = createServer(listener);
    try {
      await listen(v6, chosen, '::1');
      return [v4, v6];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (NO_IPV6.has(code)) return [v4];
      await closeServer(v4);
      // Someone else holds [::1]:port: a browser could reach them for "localhost". A fixed port is refused; a free one is chosen again.
      if (code === 'EADDRINUSE' && port === undefined && attempt < 5) continue;
      if (code === 'EADDRINUSE') throw new PortInUseError(chosen);
      throw error;
    }
  }
}

/** Starts the server; `onCallback` gets the full callback URL of each request to `/callback`. `port`: the registered one. */
export async function startLoopbackServer(onCallback: (url: string) => LoopbackReply, port?: number): Promise<LoopbackServer> {
  // Loaded here, not with the extension: only the loopback callback mode needs an HTTP server.
  const { createServer } = await import('node:http');
  let callbackUrl = '';
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= Promise.all(servers.map(closeServer)).then(() => undefined));
  const listener: RequestListener = (request, response) => {
    const reply = answer(request, onCallback, callbackUrl);
    send(response, reply.status, reply.page);
    if (reply.accepted) response.once('finish', () => void close());
  };
  const servers = await listenOnLoopback(createServer, listener, port);
  const chosen = (servers[0]!.address() as AddressInfo).port;
  callbackUrl = `http://${LOOPBACK_HOST}:${chosen}${LOOPBACK_PATH}`;
  const closed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.once('close', () => resolve())))).then(() => undefined);
  return { callbackUrl, closed, close };
}

interface Answer {
  status: number;
  page: string;
  accepted: boolean;
}

function answer(request: IncomingMessage, onCallback: (url: string) => LoopbackReply, callbackUrl: string): Answer {
  const path = (request.url ?? '/').split(/[?#]/, 1)[0];
  if (request.method !== 'GET' || path !== LOOPBACK_PATH) {
    return { status: 404, page: page('Not found', 'This address only receives the Cloud Elements authorization callback.'), accepted: false };
  }
  let reply: LoopbackReply;
  try {
    reply = onCallback(`${new URL(callbackUrl).origin}${request.url ?? LOOPBACK_PATH}`);
  } catch {
    reply = { accepted: false, title: 'Something went wrong', message: 'VS Code could not read this callback. See the Cloud Elements log in VS Code.' };
  }
  return { status: reply.accepted ? 200 : 400, page: page(reply.title, reply.message), accepted: reply.accepted };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The address holds the authorization code: no page may see it as a referrer.
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    Connection: 'close',
  });
  response.end(body);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · Cloud Elements Toolkit</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}
