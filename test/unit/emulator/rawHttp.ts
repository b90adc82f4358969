/** Raw HTTP/1.1 over a socket, for requests no HTTP client would send (bad bytes, lies about length). */
import { connect } from 'node:net';

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` (or its parts with pauses), half-closes, and parses whatever comes back. */
export function sendRaw(port: number, request: Buffer | string | Array<Buffer | string>, options: { host?: string; pauseMs?: number } = {}): Promise<RawHttpResponse> {
  const parts = Array.isArray(request) ? request : [request];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host ?? '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const head = headEnd >= 0 ? text.slice(0, headEnd) : text;
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = headEnd >= 0 ? Buffer.from(text.slice(headEnd + 4), 'latin1').toString('utf8') : '';
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body });
    });
    socket.on('connect', async () => {
      for (const [index, part] of parts.entries()) {
        if (index > 0 && options.pauseMs) await new Promise((done) => setTimeout(done, options.pauseMs));
        socket.write(part);
      }
      socket.end();
    });
  });
}
