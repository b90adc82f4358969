/**
 * Send: one request of a document against the current environment. References are resolved
 * from the keychain (never logged), then the shared attempt loop (http/attempts.ts) sends it with
 * a timeout and the AbortSignal, and the answer comes back with its status, headers, timing, body
 * and, for a list, the request for the next page (answer.ts). Failures are described in plain
 * words with the API's `requestId` and the provider's message. Only requests that are safe to
 * repeat (GET, HEAD, OPTIONS, PUT, DELETE) are tried again, once by default, after a network
 * failure or a 502/503/504 (after the server's Retry-After, up to the timeout); never POST or PATCH.
 */
import { isMaskedValue, maskedEntries, MASKED_VALUE } from '../api/masked';
import { hostOf, networkFailureText, runAttempts, type RequestLogEntry, type Unanswered } from '../http/attempts';
import { sleep, type Sleep } from '../http/sleep';
import { redactText, redactUrl } from '../redact';
import { classify, readBody, type ConsoleProblem, type ProblemKind, type SendContext, type SendResult } from './answer';
import { isDotSegment } from './encoding';
import { oneLine, asRecord } from './json';
import { describeReference, parseReference, REFERENCE_PATTERN, type SecretLookup, type SecretReference } from './references';
import { describeRequest, requestUrl, type ConsoleRequest } from './request';

export interface SendOptions {
  /** The current environment's api-v2 base URL. */
  baseUrl: string;
  secrets: SecretLookup;
  /** Per attempt. Default 30 000. */
  timeoutMs?: number;
  /** Extra attempts for requests safe to repeat. Default 1. */
  retries?: number;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
  /** Waits between attempts; injectable so tests don't wait. */
  sleep?: Sleep;
  /** Jitter source in [0, 1) for the wait between attempts. Default `Math.random`. */
  random?: () => number;
  /** A millisecond clock. Default `performance.now`. */
  now?: () => number;
  /** One entry per attempt; the URL redacted, no secret in any entry. */
  log?: (entry: SendLogEntry) => void;
  /** Bodies past this are cut (and marked `truncated`). Default 10 MiB. */
  maxBodyBytes?: number;
}

/** One attempt, as the API client logs its own (the URL redacted, no secret in any entry). */
export type SendLogEntry = RequestLogEntry;

const REPEATABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([502, 503, 504]);
const HEADER_UNSENDABLE = /[\p{Cc}\u2028\u2029]|[^\p{ASCII}\u0080-\u00ff]/u;

export async function sendRequest(request: ConsoleRequest, options: SendOptions): Promise<SendResult> {
  const where = describeRequest(request);
  const secrets = new Set<string>();
  const resolved = await resolveHeaders(request, options.secrets, secrets);
  // A secret that could not be read because the user cancelled (the token being read from the
  // API) is no missing secret: the request was cancelled before it went out.
  if ('problem' in resolved) return { ok: false, problem: options.signal?.aborted ? unsent('cancelled', `${where} was cancelled.`) : resolved.problem };
  const dot = request.path.find(isDotSegment);
  if (dot !== undefined) {
    return { ok: false, problem: unsent('unsendable', `${where} cannot be sent: a path segment of "${dot}" would be removed from the URL. Use the real value.`) };
  }
  const masked = maskedInWrite(request);
  if (masked.length > 0) {
    return {
      ok: false,
      problem: unsent('unsendable', `${where} cannot be sent: ${masked.join(', ')} ${masked.length > 1 ? 'hold a mask' : 'holds a mask'} (Cloud Elements shows a secret as "${MASKED_VALUE}"), not the secret itself; sent back, it would replace the real secret. Put the real value, or leave the entry out.`),
    };
  }

  const url = requestUrl(options.baseUrl, request);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const repeatable = REPEATABLE.has(request.method);
  const context: SendContext = { request, where, secrets, repeatable, timeoutMs, host: hostOf(options.baseUrl), url, baseUrl: options.baseUrl };
  const problem = (made: ConsoleProblem) => ({ outcome: { ok: false as const, problem: made }, error: made.message });
  return runAttempts<{ text: string; truncated: boolean }, SendResult>({
    url,
    method: request.method,
    headers: resolved.headers,
    ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD' && { body: request.body }),
    loggedUrl: redactText(redactUrl(url), secrets),
    maxAttempts: repeatable ? Math.max(0, options.retries ?? 1) + 1 : 1,
    timeoutMs,
    ...(options.signal && { signal: options.signal }),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now: options.now ?? (() => performance.now()),
    ...(options.log && { log: options.log }),
    read: (answer) => readBody(answer, options.maxBodyBytes ?? 10 * 1024 * 1024),
    answered: (answer, body, attempts, ms) => {
      const outcome = classify(context, answer, body, ms, attempts);
      return { outcome, retry: !outcome.ok && RETRY_STATUSES.has(answer.status) };
    },
    unanswered: (failure, attempts) => problem(unanswered(context, failure, attempts)),
    cancelled: (sent) => problem(cancelled(context, sent)),
  });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where a write to an instance (`/instances…`, `/elements/{key}/instances…`) carries a mask back:
 * a configuration or providerData entry, or a configuration entry's propertyValue.
 */
function maskedInWrite(request: ConsoleRequest): string[] {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method) || request.body === undefined) return [];
  const [first, , third] = request.path;
  if (first !== 'instances' && !(first === 'elements' && third === 'instances')) return [];
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return [];
  }
  const found = maskedEntries(body);
  if (asRecord(body) && isMaskedValue(asRecord(body)!.propertyValue)) found.push('propertyValue');
  return found;
}

/** A problem found before anything was sent. */
function unsent(kind: ProblemKind, message: string, reference?: SecretReference): ConsoleProblem {
  return { kind, message, mayHaveTakenEffect: false, ...(reference && { reference }) };
}

type Resolved = { headers: Array<[string, string]> } | { problem: ConsoleProblem };

async function resolveHeaders(request: ConsoleRequest, lookup: SecretLookup, secrets: Set<string>): Promise<Resolved> {
  const headers: Array<[string, string]> = [];
  for (const [name, value] of request.headers) {
    let text = '';
    let last = 0;
    for (const match of value.matchAll(REFERENCE_PATTERN)) {
      const parsed = parseReference(match[1]!);
      if (parsed.kind !== 'secret') {
        return { problem: unsent('unsendable', `${name} holds {{${oneLine(match[1]!, 60)}}}, which the console does not resolve in headers.`) };
      }
      const secret = await lookup(parsed.reference);
      if (secret === undefined || secret === '') {
        const what = describeReference(parsed.reference);
        const advice = parsed.reference.kind === 'instance-token' ? 'fetch it from the instance (GET /instances/{id}) and store it, then send again' : 'sign in to this environment, then send again';
        return { problem: unsent('missing-secret', `The keychain has no value for ${what} in this environment: ${advice}.`, parsed.reference) };
      }
      if (HEADER_UNSENDABLE.test(secret)) {
        return { problem: unsent('unsendable', `${capitalized(describeReference(parsed.reference))} holds characters an HTTP header cannot carry; store it again.`) };
      }
      secrets.add(secret);
      text += value.slice(last, match.index) + secret;
      last = match.index! + match[0].length;
    }
    headers.push([name, text + value.slice(last)]);
  }
  return { headers };
}

/** A request that got no answer: it timed out (never tried again), or reached no server. */
function unanswered(context: SendContext, failure: Unanswered, attempts: number): ConsoleProblem {
  if (failure.kind === 'network') {
    // A connection that broke after the request went out leaves this open.
    return { kind: 'network', message: networkFailureText(context.where, context.baseUrl, failure.cause, attempts, context.secrets), mayHaveTakenEffect: !context.repeatable };
  }
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  const effect = context.repeatable ? ' Try again, or raise the request timeout.' : ' It may still have taken effect: check before sending it again, or raise the request timeout.';
  return { kind: 'timeout', message: `${context.where} got no answer from ${context.host} within ${seconds} s${tries}.${effect}`, mayHaveTakenEffect: true };
}

function cancelled(context: SendContext, sent: boolean): ConsoleProblem {
  const effect = sent && !context.repeatable ? ' It may already have taken effect.' : '';
  return { kind: 'cancelled', message: `${context.where} was cancelled.${effect}`, mayHaveTakenEffect: sent && !context.repeatable };
}
