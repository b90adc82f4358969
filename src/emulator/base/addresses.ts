/**
 * Which names the emulator answers to. A browser page on another site can point a DNS name it
 * controls at 127.0.0.1 (DNS rebinding) and then read or change the emulator as if it were
 * same-origin; the Host header is the one thing it cannot forge, so requests whose Host is not
 * the emulator's own address are refused, and so are admin calls whose Origin is not.
 */
import { isIP } from 'node:net';
import { hostname as machineName } from 'node:os';

/** `127.0.0.1`, `[::1]` or `name`, lower-cased, as a URL's `hostname` writes it. */
export function canonicalHostname(host: string): string | undefined {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}`).hostname;
  } catch {
    return undefined;
  }
}

function withoutBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function isIpLiteral(hostname: string): boolean {
  return isIP(withoutBrackets(hostname)) !== 0;
}

function isLoopbackName(hostname: string): boolean {
  const plain = withoutBrackets(hostname);
  return plain === 'localhost' || plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

function isWildcard(hostname: string): boolean {
  const plain = withoutBrackets(hostname);
  return plain === '0.0.0.0' || plain === '::';
}

/** A Host header is a host name or IP literal and an optional port, nothing else. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

export interface HostAndPort {
  hostname: string;
  port: number;
}

export function parseHostHeader(value: string): HostAndPort | undefined {
  const match = HOST_HEADER.exec(value);
  if (!match) return undefined;
  const hostname = canonicalHostname(match[1]!);
  const port = match[2] === undefined ? 80 : Number(match[2]);
  return hostname === undefined || port > 65_535 ? undefined : { hostname, port };
}

export interface AddressPolicy {
  /** Whether a request's Host header names this emulator (an absent header is HTTP/1.0, not a browser). */
  acceptsHost(header: string | undefined): boolean;
  /** Whether an Origin header is this emulator's own origin. */
  isOwnOrigin(origin: string): boolean;
  /** The names accepted, for messages: `127.0.0.1:8787, localhost:8787`. */
  describe(): string;
}

/**
 * The emulator's own names: the address it listens on (for a loopback address also
 * `localhost`), every `allowedHosts` name, and for a wildcard address (`0.0.0.0`, `::`) any IP
 * literal and this machine's name. `port` is read on every call (it is known after listen).
 */
export function addressPolicy(listenHost: string, port: () => number, allowedHosts: readonly string[] = []): AddressPolicy {
  const listening = canonicalHostname(listenHost) ?? listenHost.toLowerCase();
  const names = new Set<string>([listening]);
  for (const host of allowedHosts) {
    const name = canonicalHostname(host);
    if (name !== undefined) names.add(name);
  }
  const wildcard = isWildcard(listening);
  if (isLoopbackName(listening) || wildcard) names.add('localhost');
  if (listening === 'localhost') for (const name of ['127.0.0.1', '[::1]']) names.add(name);
  if (wildcard) names.add(machineName().toLowerCase());

  const acceptsName = (hostname: string) => names.has(hostname) || (wildcard && isIpLiteral(hostname));
  const accepts = (address: HostAndPort) => acceptsName(address.hostname) && address.port === port();

  return {
    acceptsHost(header) {
      if (header === undefined) return true;
      const address = parseHostHeader(header);
      return address !== undefined && accepts(address);
    },
    isOwnOrigin(origin) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' || url.username !== '' || url.password !== '' || url.origin !== origin.toLowerCase()) return false;
      return accepts({ hostname: url.hostname, port: url.port === '' ? 80 : Number(url.port) });
    },
    describe() {
      const listed = [...names].map((name) => `${name}:${port()}`);
      return wildcard ? `${listed.join(', ')} or any IP address on port ${port()}` : listed.join(', ');
    },
  };
}
