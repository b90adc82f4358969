/**
 * Send: one request of a document against the current environment. References are resolved
 * from the keychain (never logged), the request runs with a timeout and an AbortSignal, and the
 * answer comes back with its status, headers, timing, body and, for a list, the request for the
 * next page. Failures are described in plain words with the API's `requestId` and the provider's
 * message. Only requests that are safe to repeat (GET, HEAD, OPTIONS, PUT, DELETE) are tried
 * again, once by default, after a network failure or a 502/503/504; never POST or PATCH.
 */
import { concatBytes } from '../bytes';
import { isMaskedValue, maskedEntries, MASKED_VALUE } from '../api/masked';
import { plainText, sentence } from '../api/plainText';
import { isRedirect, redirectRefusal } from '../api/redirect';
import { hostOf, networkReason, type RequestLogEntry } from '../api/transport';
import { sleep as defaultSleep } from '../http/sleep';
import { redactText, redactUrl } from '../redact';
import { isDotSegment, wireSegment } from './encoding';
import { nextPageRequest, requestUrl, type ConsoleRequest } from './httpDocument';
import { asRecord, oneLine, ownText } from './json';
import { describeReference, parseReference, REFERENCE_PATTERN, type SecretLookup, type SecretReference } from './references';

export const NEXT_PAGE_HEADER = 'elements-next-page-token';

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
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A millisecond clock. Default `performance.now`. */
  now?: () => number;
  /** One entry per attempt; the URL redacted, no secret in any entry. */
  log?: (entry: SendLogEntry) => void;
  /** Bodies past this are cut (and marked `truncated`). Default 10 MiB. */
  maxBodyBytes?: number;
}

/** One attempt, as the API client logs its own (the URL redacted, no secret in any entry). */
export type SendLogEntry = RequestLogEntry;

export interface ConsoleResponse {
  status: number;
  statusText: string;
  /** As received, names lower-cased, in order. */
  headers: Array<[name: string, value: string]>;
  /** From sending the (last) attempt to the end of its body. */
  durationMs: number;
  attempts: number;
  /** The body as text (UTF-8). */
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
  /** The body was longer than `maxBodyBytes` and was cut. */
  truncated: boolean;
  /** The API's request id (from an error body or the `elements-request-id` header). */
  requestId?: string;
  /** When the answer carries `Elements-Next-Page-Token`: the same request for the next page. */
  nextPage?: ConsoleRequest;
}

export type ProblemKind =
  | 'missing-secret'
  | 'unsendable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'refused'
  | 'redirect'
  | 'server'
  | 'timeout'
  | 'network'
  | 'cancelled';

export interface ConsoleProblem {
  kind: ProblemKind;
  /** Plain text, one paragraph, no secret. */
  message: string;
  status?: number;
  requestId?: string;
  providerMessage?: string;
  /** The secret that was missing (`missing-secret`). */
  reference?: SecretReference;
  /** False only when the request certainly changed nothing (not sent, or refused by the API with a 4xx). */
  mayHaveTakenEffect: boolean;
}

export type SendResult = { ok: true; response: ConsoleResponse } | { ok: false; problem: ConsoleProblem; response?: ConsoleResponse };

const REPEATABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([502, 503, 504]);
const RETRY_DELAY_MS = 300;
const MAX_TEXT = 500;
const HEADER_UNSENDABLE = /[\p{Cc}\u2028\u2029]|[^\p{ASCII}\u0080-\u00ff]/u;

/** `GET /hubs/finance/customers`: how a message names a request. */
export function describeRequest(request: Pick<ConsoleRequest, 'method' | 'path'>): string {
  return `${request.method} /${request.path.map(wireSegment).join('/')}`;
}

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
  const loggedUrl = redactText(redactUrl(url), secrets);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const repeatable = REPEATABLE.has(request.method);
  const maxAttempts = repeatable ? Math.max(0, options.retries ?? 1) + 1 : 1;
  const now = options.now ?? (() => performance.now());
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const context: Context = { request, where, secrets, repeatable, timeoutMs, host: hostOf(options.baseUrl), url, baseUrl: options.baseUrl };

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) return { ok: false, problem: cancelled(context, attempt > 1) };
    const started = now();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let outcome: SendResult;
    try {
      const answer = await fetchImpl(url, {
        method: request.method,
        headers: resolved.headers,
        ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD' && { body: request.body }),
        redirect: 'manual',
        signal,
      });
      const body = await readBody(answer, options.maxBodyBytes ?? 10 * 1024 * 1024);
      outcome = classify(context, answer, body, Math.round(now() - started), attempt);
    } catch (cause) {
      if (options.signal?.aborted) return { ok: false, problem: cancelled(context, true) };
      const problem = timeout.aborted ? timedOut(context, attempt) : networkFailure(context, cause, attempt);
      log(options, { method: request.method, url: loggedUrl, ms: Math.round(now() - started), attempt, error: problem.message });
      if (attempt < maxAttempts && problem.kind === 'network') {
        if (!(await pause(options, attempt))) return { ok: false, problem: cancelled(context, true) };
        continue;
      }
      return { ok: false, problem };
    }
    const status = outcome.ok ? outcome.response.status : outcome.response?.status;
    log(options, { method: request.method, url: loggedUrl, ...(status !== undefined && { status }), ms: Math.round(now() - started), attempt });
    if (!outcome.ok && attempt < maxAttempts && status !== undefined && RETRY_STATUSES.has(status)) {
      if (!(await pause(options, attempt))) return { ok: false, problem: cancelled(context, true) };
      continue;
    }
    return outcome;
  }
}

interface Context {
  request: ConsoleRequest;
  where: string;
  secrets: Set<string>;
  repeatable: boolean;
  timeoutMs: number;
  host: string;
  /** Where the request went, and the environment's base URL: what a redirect is measured against. */
  url: string;
  baseUrl: string;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A problem found before anything was sent. */
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

function unsent(kind: ProblemKind, message: string, reference?: SecretReference): ConsoleProblem {
  return { kind, message, mayHaveTakenEffect: false, ...(reference && { reference }) };
}

async function pause(options: SendOptions, attempt: number): Promise<boolean> {
  try {
    await (options.sleep ?? defaultSleep)(RETRY_DELAY_MS * attempt, options.signal);
    return !options.signal?.aborted;
  } catch {
    return false;
  }
}

function log(options: SendOptions, entry: SendLogEntry): void {
  try {
    options.log?.(entry);
  } catch {
    // A failing logger must not fail the request.
  }
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

async function readBody(response: Response, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: new TextDecoder().decode(concatBytes(chunks)), truncated };
}

function parseJson(text: string, contentType: string): unknown {
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!looksJson || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, single-line, secret-free and link-free version of text from the API. */
function clean(text: string, secrets: Set<string>): string {
  return plainText(oneLine(redactText(text, secrets), MAX_TEXT));
}

function classify(context: Context, answer: Response, body: { text: string; truncated: boolean }, durationMs: number, attempts: number): SendResult {
  const headers: Array<[string, string]> = [...answer.headers].map(([name, value]) => [name.toLowerCase(), value]);
  const json = parseJson(body.text, answer.headers.get('content-type') ?? '');
  const error = asRecord(json);
  const apiMessage = answer.status >= 400 ? ownText(error, 'message') : undefined;
  const providerMessage = answer.status >= 400 ? ownText(error, 'providerMessage') : undefined;
  const rawRequestId = (answer.status >= 400 ? ownText(error, 'requestId') : undefined) ?? answer.headers.get('elements-request-id') ?? undefined;
  const requestId = rawRequestId === undefined ? undefined : clean(rawRequestId, context.secrets);
  const token = answer.headers.get(NEXT_PAGE_HEADER)?.trim();
  const response: ConsoleResponse = {
    status: answer.status,
    statusText: answer.statusText,
    headers,
    durationMs,
    attempts,
    text: body.text,
    ...(json !== undefined && { json }),
    truncated: body.truncated,
    ...(requestId !== undefined && { requestId }),
    ...(token && answer.ok && { nextPage: nextPageRequest(context.request, token) }),
  };
  if (isRedirect(answer.status)) {
    // Never followed (`redirect: 'manual'`): the headers carry the keychain's secrets. Shown, and named as refused.
    const label = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    const message = redirectRefusal(context.where, label, answer.headers.get('location'), context.url, context.baseUrl, context.secrets);
    return { ok: false, problem: { kind: 'redirect', message, status: answer.status, ...(requestId !== undefined && { requestId }), mayHaveTakenEffect: true }, response };
  }
  if (answer.status < 400) return { ok: true, response };

  const said = [
    apiMessage !== undefined ? ` The API said: ${sentence(clean(apiMessage, context.secrets))}` : '',
    providerMessage !== undefined && providerMessage !== apiMessage ? ` The provider said: ${sentence(clean(providerMessage, context.secrets))}` : '',
    requestId !== undefined ? ` Request id: ${requestId}.` : '',
  ].join('');
  const label = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const page = apiMessage === undefined && /^\s*</.test(body.text) ? ' The answer was an HTML page, not the API\'s JSON.' : '';
  const problem = (kind: ProblemKind, message: string, mayHaveTakenEffect: boolean): SendResult => ({
    ok: false,
    problem: {
      kind,
      message: message + said + page,
      status: answer.status,
      ...(requestId !== undefined && { requestId }),
      ...(providerMessage !== undefined && { providerMessage: clean(providerMessage, context.secrets) }),
      mayHaveTakenEffect,
    },
    response,
  });
  // Only the API's own JSON refusal proves that nothing happened.
  const unproven = apiMessage === undefined;
  const { where } = context;
  switch (answer.status) {
    case 401:
      return problem('unauthorized', `Cloud Elements refused the credentials for ${where} (${label}): check the instance's token and your user and organization secrets for this environment, and whether the instance needs re-authorizing.`, unproven);
    case 403:
      return /disabled/i.test(apiMessage ?? '')
        ? problem('forbidden', `${where} was refused (${label}): the instance is disabled. Enable it, then try again.`, unproven)
        : problem('forbidden', `${where} was refused (${label}): the instance is disabled, or the provider does not allow this call.`, unproven);
    case 404:
      return problem(
        'not-found',
        `${where} found nothing (${label}): check the path${context.request.path[0] === 'hubs' ? ", the ids in it, and that the hub is the instance's own" : ' and the ids in it'}.`,
        unproven,
      );
  }
  if (answer.status >= 500) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const effect = context.repeatable ? '' : ' It was sent once and not retried: the change may or may not have been made, so check before sending it again.';
    return problem('server', `${where} failed on the server (${label})${tries}.${effect}`, true);
  }
  return problem('refused', `${where} was refused (${label}).`, unproven);
}

function timedOut(context: Context, attempts: number): ConsoleProblem {
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  const effect = context.repeatable ? ' Try again, or raise the request timeout.' : ' It may still have taken effect: check before sending it again, or raise the request timeout.';
  return { kind: 'timeout', message: `${context.where} got no answer from ${context.host} within ${seconds} s${tries}.${effect}`, mayHaveTakenEffect: true };
}

function networkFailure(context: Context, cause: unknown, attempts: number): ConsoleProblem {
  const detail = networkReason(cause, context.secrets);
  const reason = detail === undefined ? '' : ` (${clean(detail, context.secrets)})`;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return {
    kind: 'network',
    message: `Could not reach ${context.host} for ${context.where}${reason}${tries}: check the environment's base URL and your network connection.`,
    // A connection that broke after the request went out leaves this open.
    mayHaveTakenEffect: !context.repeatable,
  };
}

function cancelled(context: Context, sent: boolean): ConsoleProblem {
  const effect = sent && !context.repeatable ? ' It may already have taken effect.' : '';
  return { kind: 'cancelled', message: `${context.where} was cancelled.${effect}`, mayHaveTakenEffect: sent && !context.repeatable };
}
