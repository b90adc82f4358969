/**
 * `npm start`'s ports: whether one is free before anything slow starts, and which free one to
 * suggest when it is not ("pass --port 8081"), so a taken port costs seconds, not the whole setup.
 */
import { createServer } from 'node:net';

/** Whether `host:port` can be listened on now (another program may take it later: the servers check again). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port after `port` (up to 50 on), else any free port the system gives. */
export async function freePortAfter(host: string, port: number): Promise<number> {
  for (let candidate = port + 1; candidate <= Math.min(port + 50, 65_535); candidate++) {
    if (await isPortFree(host, candidate)) return candidate;
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** What to say when a port is taken: which one, whose, and the flag to pass with a free one. */
export function portTakenText(what: string, host: string, port: number, flag: string, suggestion: number): string {
  return `port ${port} on ${host} is taken by another program, so ${what} cannot listen there. Pass a free port: npm start -- ${flag} ${suggestion}`;
}
