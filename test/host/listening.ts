/**
 * Readiness that proves ownership: a server we started is ready when it has said that it listens
 * on the address (it printed so after its own `listen` succeeded, so no other program holds that
 * port) and then answers there. An answer alone proves nothing: when the port is taken, the other
 * program answers (a 404 "works" as well as a 200) while ours dies of EADDRINUSE.
 */
import type { GroupProcess } from './processes';

/** Another program holds the port: ours could not listen there. */
export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is taken by another program`);
  }
}

/**
 * What code-server prints once its HTTP server listens: `HTTP server listening on
 * http://127.0.0.1:8080/`. Port 0 (the server picks one) matches any port; group 1 is the port.
 */
export function listeningLine(host: string, port: number): RegExp {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`server listening on https?://${escaped}:(${port === 0 ? '\\d+' : port})/?(\\s|$)`, 'm');
}

/** What the VS Code server prints once it listens: `Extension host agent listening on 8080`; group 1 is the port. */
export function agentListeningLine(port: number): RegExp {
  return new RegExp(`Extension host agent listening on (${port === 0 ? '\\d+' : port})(\\s|$)`, 'm');
}

const ADDRESS_IN_USE = /EADDRINUSE|address already in use/i;

/**
 * Waits until `server` printed that it listens on `host:port` (`listening`: the line that says so,
 * code-server's by default; port 0: whichever port it took), then until `urlFor(port)` answers
 * (below 500), and returns the port. Rejects with a PortTakenError when it could not listen
 * there, and with its output when it exits or does not get there within `timeoutMs`.
 */
export async function waitForOwnServer(
  server: GroupProcess,
  host: string,
  port: number,
  urlFor: (port: number) => string,
  timeoutMs: number,
  listening = listeningLine(host, port),
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const tail = () => server.output().slice(-4000);
  let listened: number;
  for (;;) {
    const output = server.output();
    const line = listening.exec(output);
    if (line) {
      listened = Number(line[1]);
      break;
    }
    if (ADDRESS_IN_USE.test(output)) throw new PortTakenError(host, port);
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the server exited before it listened on ${host}:${port || 'a port of its choice'}:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`the server did not listen on ${host}:${port || 'a port of its choice'} within ${timeoutMs / 1000} s:\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = urlFor(listened);
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the server exited after it listened:\n${tail()}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return listened;
    } catch {
      // listening, but not answering yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
