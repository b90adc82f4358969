/**
 * Sending one event delivery: an HTTP(S) POST to a callback URL, to an address the emulator may
 * call (base/outboundAddress.ts), never to the emulator itself, within a time limit. node:http
 * rather than fetch because the check must run on the address the connection actually uses: the
 * `lookup` hook sees every address a name resolves to at connect time, so a name that resolves
 * to a public address when checked and a private one when used (DNS rebinding) is refused too.
 * Redirects are not followed: a 3xx is a failed delivery.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import { classifyCallbackUrl } from '../../core/events';
import { isLoopbackAddress, outboundAddressVerdict } from '../base/outboundAddress';

export interface OutboundOptions {
  /** The emulator's own port: nothing on this machine at that port is called (it would be the emulator). */
  ownPort: () => number;
  timeoutMs: number;
  /** Aborts every send in flight (the emulator closes). */
  signal: AbortSignal;
  /** Resolves a host name (default node:dns lookup; tests hand in a resolver that answers what they need). */
  resolve?: typeof dnsLookup;
}

export type SendResult =
  | { kind: 'answered'; status: number }
  /** The URL is not one the emulator calls: not retried. */
  | { kind: 'refused'; message: string }
  /** No answer (connection refused or reset, a timeout, an address that resolved to a refused one…). */
  | { kind: 'failed'; message: string };

class RefusedAddress extends Error {}

/** Why a callback URL is not one the emulator calls, judging its text only (undefined: it may be). */
export function callbackUrlProblem(text: string): string | undefined {
  const kind = classifyCallbackUrl(text);
  if (kind === 'not-a-url') return 'the callback URL is not an http or https URL';
  if (kind === 'inbound') return "the callback URL is the platform's inbound /elements/api-v2/events/{key} route, which would send the event back to the platform";
  const url = new URL(text.trim());
  if (url.username !== '' || url.password !== '') return 'the callback URL carries a user name or password, which the platform does not send';
  return undefined;
}

function ownAddresses(): Set<string> {
  const found = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const entry of list ?? []) found.add(entry.address.toLowerCase());
  return found;
}

/** Refuses an address the emulator does not call, and itself (its own port on one of this machine's addresses). */
function addressProblem(address: string, port: number, ownPort: number): string | undefined {
  const verdict = outboundAddressVerdict(address);
  if (!verdict.ok) return `the callback URL's host resolves to ${verdict.reason}`;
  if (port === ownPort && (verdict.loopback || isLoopbackAddress(address) || ownAddresses().has(address.toLowerCase()))) {
    return 'the callback URL is the emulator itself, which events are never sent to';
  }
  return undefined;
}

function guardedLookup(port: number, ownPort: number, resolve: typeof dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      for (const entry of addresses) {
        const problem = addressProblem(entry.address, port, ownPort);
        if (problem) return callback(new RefusedAddress(problem), '', 4);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** POSTs `body` to `url`; never throws. */
export function sendDelivery(url: string, body: string, headers: Record<string, string>, options: OutboundOptions): Promise<SendResult> {
  const problem = callbackUrlProblem(url);
  if (problem) return Promise.resolve({ kind: 'refused', message: problem });
  const target = new URL(url.trim());
  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  const literal = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  if (isIP(literal) !== 0) {
    const refused = addressProblem(literal, port, options.ownPort());
    if (refused) return Promise.resolve({ kind: 'refused', message: refused.replace("host resolves to", 'host is') });
  }
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(port, options.ownPort(), options.resolve ?? dnsLookup),
        signal,
        agent: false,
      },
      (response: IncomingMessage) => {
        // The answer's body is not kept: read and dropped, so the socket closes.
        response.on('data', () => undefined);
        response.on('end', () => finish({ kind: 'answered', status: response.statusCode ?? 0 }));
        response.on('error', () => finish({ kind: 'answered', status: response.statusCode ?? 0 }));
      },
    );
    request.on('error', (error: Error) => {
      if (error instanceof RefusedAddress || error.cause instanceof RefusedAddress) return finish({ kind: 'refused', message: (error.cause instanceof RefusedAddress ? error.cause : error).message });
      if (signal.aborted) return finish({ kind: 'failed', message: options.signal.aborted ? 'the delivery was cancelled (the emulator closed or was reset)' : `no answer within ${options.timeoutMs} ms` });
      const code = (error as NodeJS.ErrnoException).code;
      finish({ kind: 'failed', message: code ? `the connection failed (${code})` : 'the connection failed' });
    });
    request.end(body);
  });
}
