/**
 * The one attempt loop of the toolkit's HTTP requests, shared by the API client's transport
 * (api/transport.ts) and the console's Send (console/send.ts): a timeout per attempt joined to the
 * caller's signal, redirects never followed, a network failure tried again and worded the same
 * way, a timeout never tried again, the wait between attempts (the server's Retry-After up to the
 * request timeout, else an exponential backoff), cancellation at any point, and a log entry per
 * attempt. Each caller keeps its own answer type and its own rules: how many attempts a request
 * may have (a POST or PATCH is sent once) and which statuses are worth another.
 */
import { plainText } from '../api/plainText';
import { redactText } from '../redact';
import type { Sleep } from './sleep';

/** One attempt, as the API client and the console log it (the URL redacted, no secret in any entry). */
export interface RequestLogEntry {
  method: string;
  /** Full URL with secret query values replaced by `***`. */
  url: string;
  status?: number;
  ms: number;
  /** 1 for the first try. */
  attempt: number;
  /** The (redacted) error message when the attempt failed. */
  error?: string;
}

/** What a caller makes of one attempt: its outcome, whether to try again, what the log says went wrong. */
export interface Attempted<T> {
  outcome: T;
  /** Another attempt is worth it (when the request has one left). */
  retry: boolean;
  /** For the log entry: why the attempt failed. */
  error?: string;
}

/** Why an exchange got no answer. */
export type Unanswered = { kind: 'timeout' } | { kind: 'network'; cause: unknown };

export interface AttemptLoop<Body, T> {
  url: string;
  method: string;
  headers: HeadersInit;
  body?: string;
  /** The URL as the log shows it. */
  loggedUrl: string;
  /** 1: sent once (not safe to repeat); else the first attempt and the retries. */
  maxAttempts: number;
  /** Per attempt. */
  timeoutMs: number;
  signal?: AbortSignal;
  fetch: typeof globalThis.fetch;
  sleep: Sleep;
  /** Jitter source in [0, 1). */
  random: () => number;
  /** A millisecond clock. */
  now: () => number;
  log?: (entry: RequestLogEntry) => void;
  /** Reads the answer's body (a failure here is a failed exchange, as fetch's own). */
  read(response: Response): Promise<Body>;
  /** The caller's outcome of an answer; `ms` from sending to the end of the body. */
  answered(response: Response, body: Body, attempt: number, ms: number): Attempted<T>;
  /** The caller's outcome when no answer came; a network failure is tried again, a timeout never. */
  unanswered(failure: Unanswered, attempt: number): Omit<Attempted<T>, 'retry'>;
  /**
   * The caller's outcome when its signal aborted: `sent` when a request had gone out; `after` the
   * outcome of the attempt before a wait that was cut short.
   */
  cancelled(sent: boolean, after?: T): Omit<Attempted<T>, 'retry'>;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** A server's Retry-After is honoured up to this (and never beyond the request timeout). */
const MAX_RETRY_AFTER_MS = 60_000;

/** Runs the attempts of one request; its outcome is the last attempt's (or the cancellation's). */
export async function runAttempts<Body, T>(loop: AttemptLoop<Body, T>): Promise<T> {
  const { signal } = loop;
  for (let attempt = 1; ; attempt++) {
    // Not sent (again): whatever earlier attempts did, this one changes nothing.
    if (signal?.aborted) return loop.cancelled(attempt > 1).outcome;
    const started = loop.now();
    const timeout = AbortSignal.timeout(loop.timeoutMs);
    const entry = { method: loop.method, url: loop.loggedUrl, attempt };
    let got: { response: Response; body: Body } | Unanswered;
    try {
      const response = await loop.fetch(loop.url, {
        method: loop.method,
        headers: loop.headers,
        ...(loop.body !== undefined && { body: loop.body }),
        // Never followed: a redirect would re-send the secrets (headers, body) to wherever it points.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      got = { response, body: await loop.read(response) };
    } catch (cause) {
      got = timeout.aborted && !signal?.aborted ? { kind: 'timeout' } : { kind: 'network', cause };
    }
    const ms = Math.round(loop.now() - started);
    const answer = 'response' in got ? got : undefined;
    if (!answer && signal?.aborted) {
      const cancelled = loop.cancelled(true);
      log(loop, { ...entry, ms, ...(cancelled.error !== undefined && { error: cancelled.error }) });
      return cancelled.outcome;
    }
    const done: Attempted<T> = 'response' in got ? loop.answered(got.response, got.body, attempt, ms) : { ...loop.unanswered(got, attempt), retry: got.kind === 'network' };
    log(loop, { ...entry, ...(answer && { status: answer.response.status }), ms, ...(done.error !== undefined && { error: done.error }) });
    if (attempt >= loop.maxAttempts || !done.retry) return done.outcome;
    try {
      const retryAfterMs = parseRetryAfter(answer?.response.headers.get('retry-after') ?? null);
      await loop.sleep(backoffMs(attempt, retryAfterMs, loop.timeoutMs, loop.random), signal);
    } catch {
      return loop.cancelled(true, done.outcome).outcome;
    }
    if (signal?.aborted) return loop.cancelled(true, done.outcome).outcome;
  }
}

/** The wait before the next attempt: the server's Retry-After, else exponential backoff; never longer than an attempt may take. */
function backoffMs(attempt: number, retryAfterMs: number | undefined, timeoutMs: number, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS, timeoutMs);
  const base = BASE_DELAY_MS * 2 ** (attempt - 1);
  // "Equal jitter": at least half the exponential step, so retries stay spread but never bunch at zero.
  return Math.min(MAX_DELAY_MS, timeoutMs, Math.round(base / 2 + random() * (base / 2)));
}

function log<Body, T>(loop: AttemptLoop<Body, T>, entry: RequestLogEntry): void {
  try {
    loop.log?.(entry);
  } catch {
    // A failing logger must not fail the request.
  }
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How a message names the server of a base URL: its host, or "the server". */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the server';
  }
}

/** Why fetch failed: the system's error code (ECONNREFUSED…), else fetch's own short reason ("bad port"), never a URL. */
export function networkReason(cause: unknown, secrets: Iterable<string>): string | undefined {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = inner?.code ?? (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
  const message = inner?.message;
  return typeof message === 'string' && message.length > 0 && message.length <= 80 && !message.includes('://')
    ? plainText(redactText(message, secrets))
    : undefined;
}

/**
 * The one sentence for a request that reached no server: `where` (`GET /instances/1`) at the host of
 * `baseUrl`, why (a system code such as ECONNREFUSED), and after how many attempts.
 */
export function networkFailureText(where: string, baseUrl: string, cause: unknown, attempts: number, secrets: Iterable<string>): string {
  const reason = networkReason(cause, secrets);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return `Could not reach ${hostOf(baseUrl)} for ${where}${reason === undefined ? '' : ` (${reason})`}${tries}: check the environment's base URL and your network connection.`;
}
