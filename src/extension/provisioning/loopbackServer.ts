/**
 * The `loopback` callback mode: a one-shot HTTP server on 127.0.0.1 (random port) that
 * receives the provider's redirect at `/callback`, answers the browser with a small page and
 * stops accepting once a callback was taken. Plain Node, no `vscode`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOOPBACK_PATH = '/callback';
const HOST = '127.0.0.1';

export interface LoopbackReply {
  /** The callback was taken (authorized or denied): the page says so, and the server stops listening. */
  accepted: boolean;
  title: string;
  message: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>/callback` */
  readonly callbackUrl: string;
  /** Settles once the server stopped listening (after an accepted callback, or `close()`). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Starts the server; `onCallback` gets the full callback URL of each request to `/callback`. */
export async function startLoopbackServer(onCallback: (url: string) => LoopbackReply): Promise<LoopbackServer> {
  // Loaded here, not with the extension: only the loopback callback mode needs an HTTP server.
  const { createServer } = await import('node:http');
  const server: Server = createServer((request, response) => {
    const reply = answer(request, onCallback, port);
    send(response, reply.status, reply.page);
    if (reply.accepted) response.once('finish', () => void close());
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let closing = false;
  const close = (): Promise<void> => {
    if (!closing) {
      closing = true;
      server.close();
      server.closeIdleConnections();
    }
    return closed;
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { callbackUrl: `http://${HOST}:${port}${LOOPBACK_PATH}`, closed, close };
}

interface Answer {
  status: number;
  page: string;
  accepted: boolean;
}

function answer(request: IncomingMessage, onCallback: (url: string) => LoopbackReply, port: number): Answer {
  const path = (request.url ?? '/').split(/[?#]/, 1)[0];
  if (request.method !== 'GET' || path !== LOOPBACK_PATH) {
    return { status: 404, page: page('Not found', 'This address only receives the Cloud Elements authorization callback.'), accepted: false };
  }
  let reply: LoopbackReply;
  try {
    reply = onCallback(`http://${HOST}:${port}${request.url ?? LOOPBACK_PATH}`);
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
