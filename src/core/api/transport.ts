/**
 * One HTTP exchange with api-v2: auth headers, timeout, retries of idempotent requests,
 * turning every failure into an {@link ApiError}, and a redacted log line per attempt.
 */
import { authorizationHeader } from './authorization';
import { collectSecrets, isSecretQueryKey, redactText, redactUrl } from '../redact';
import { ApiError, type ApiErrorKind } from './errors';
import { plainText, sentence } from './plainText';
import { isRedirect, redirectRefusal } from './redirect';
import { sleep, type Sleep } from '../http/sleep';

export interface Credentials {
  userSecret: string;
  orgSecret: string;
}

/** `none`: the OAuth calls ("HTTP Header: None"); `account`: User + Organization; `element`: hub calls. */
export type Auth = 'none' | 'account' | { elementToken: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** Path relative to the base URL, already URL-encoded: `/elements/xero/oauth/url`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  auth: Auth;
  /** `json`: a JSON body is required; `ignore`: the body, if any, is not read as JSON. */
  expect: 'json' | 'ignore';
  /** False: sent once even though the method is idempotent (a request carrying a single-use OAuth code). */
  retry?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON for `expect: 'json'`, undefined otherwise. */
  data: unknown;
}

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

export type { Sleep } from '../http/sleep';

export interface TransportOptions {
  baseUrl: string;
  credentials?: Credentials;
  timeoutMs: number;
  retries: number;
  fetch: typeof globalThis.fetch;
  log?: (entry: RequestLogEntry) => void;
  sleep: Sleep;
  /** Jitter source in [0, 1); injectable for tests. */
  random: () => number;
}

export const defaultSleep: Sleep = sleep;

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** A server's Retry-After is honoured up to this (and never beyond the request timeout). */
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_MESSAGE_LENGTH = 500;

type Attempt = { response: ApiResponse } | { error: ApiError; retryAfterMs?: number };

export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const secrets = this.secretsOf(request);
    const url = this.urlOf(request);
    const loggedUrl = redactText(redactUrl(url), secrets);
    const maxAttempts = retrySafe(request) ? Math.max(0, this.options.retries) + 1 : 1;
    const headers = this.headersOf(request);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    for (let attempt = 1; ; attempt++) {
      // Not sent (again): whatever earlier attempts did, this one changes nothing.
      if (request.signal?.aborted) throw attempt === 1 ? this.cancelled(request, true) : this.cancelled(request);
      const started = Date.now();
      const outcome = await this.attempt(request, url, headers, body, secrets);
      const ms = Date.now() - started;
      if ('response' in outcome) {
        this.log({ method: request.method, url: loggedUrl, status: outcome.response.status, ms, attempt });
        return outcome.response;
      }
      const { error } = outcome;
      this.log({
        method: request.method,
        url: loggedUrl,
        ...(error.status !== undefined && { status: error.status }),
        ms,
        attempt,
        error: error.message,
      });
      if (attempt >= maxAttempts || !error.transient) throw error;
      try {
        await this.options.sleep(this.backoffMs(attempt, outcome.retryAfterMs), request.signal);
      } catch {
        throw this.cancelled(request, error.definitive);
      }
    }
  }

  private async attempt(
    request: ApiRequest,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    secrets: Set<string>,
  ): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      // Never followed: a redirect would re-send the body (secrets, an OAuth code) to wherever it points.
      response = await this.options.fetch(url, { method: request.method, headers, body, signal, redirect: 'manual' });
      text = await response.text();
    } catch (cause) {
      return { error: this.transportFailure(request, cause, timeout, secrets) };
    }
    if (isRedirect(response.status)) {
      const message = redirectRefusal(where(request), statusLabel(response), response.headers.get('location'), url, this.options.baseUrl, secrets);
      return { error: this.error(request, 'redirect', message, response.status) };
    }
    if (!response.ok) {
      return {
        error: httpFailure(request, response, text, secrets),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    }
    if (request.expect === 'ignore') return { response: { status: response.status, headers: response.headers, data: undefined } };
    const parsed = parseJson(text);
    if (!parsed.ok) {
      return { error: this.error(request, 'invalid-response', invalidBodyMessage(request, response, text), response.status) };
    }
    return { response: { status: response.status, headers: response.headers, data: parsed.value } };
  }

  private transportFailure(request: ApiRequest, cause: unknown, timeout: AbortSignal, secrets: Set<string>): ApiError {
    if (request.signal?.aborted) return this.cancelled(request);
    if (timeout.aborted) {
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      const advice = retrySafe(request) ? 'Try again, or raise the request timeout.' : 'If it is just slow, raise the request timeout.';
      return this.error(request, 'timeout', `${where(request)} timed out after ${seconds} s: ${this.host()} did not answer in time. ${advice}`);
    }
    const reason = networkReason(cause, secrets);
    return this.error(
      request,
      'network',
      `Could not reach ${this.host()} for ${where(request)}${reason ? ` (${reason})` : ''}: check the base URL and your network connection.`,
    );
  }

  /** `definitive`: the request had not reached the server (or was refused by it) when it was cancelled. */
  private cancelled(request: ApiRequest, definitive = false): ApiError {
    return new ApiError(`${where(request)} was cancelled.`, { kind: 'cancelled', method: request.method, path: request.path, definitive });
  }

  private error(request: ApiRequest, kind: ApiErrorKind, message: string, status?: number): ApiError {
    return new ApiError(message, { kind, method: request.method, path: request.path, status });
  }

  private host(): string {
    return hostOf(this.options.baseUrl);
  }

  private headersOf(request: ApiRequest): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.auth === 'none') return headers;
    const { credentials } = this.options;
    if (!credentials || credentials.userSecret === '' || credentials.orgSecret === '') {
      throw new ApiError(
        `${where(request)} needs your Cloud Elements user secret and organization secret: set them for this environment first.`,
        { kind: 'unauthorized', method: request.method, path: request.path, definitive: true },
      );
    }
    headers.Authorization = authorizationHeader({
      user: credentials.userSecret,
      organization: credentials.orgSecret,
      ...(request.auth !== 'account' && { element: request.auth.elementToken }),
    });
    return headers;
  }

  private urlOf(request: ApiRequest): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) search.append(name, String(value));
    }
    const query = search.toString();
    return `${this.options.baseUrl}${request.path}${query === '' ? '' : `?${query}`}`;
  }

  /** Every secret value this request carries, so no log line or message can repeat it. */
  private secretsOf(request: ApiRequest): Set<string> {
    const secrets = collectSecrets(request.body);
    const { credentials } = this.options;
    if (credentials) {
      secrets.add(credentials.userSecret);
      secrets.add(credentials.orgSecret);
    }
    if (typeof request.auth === 'object') secrets.add(request.auth.elementToken);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && isSecretQueryKey(name)) secrets.add(String(value));
    }
    return secrets;
  }

  /** The wait before the next attempt: the server's Retry-After, else exponential backoff; never longer than an attempt may take. */
  private backoffMs(attempt: number, retryAfterMs: number | undefined): number {
    const { timeoutMs } = this.options;
    if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS, timeoutMs);
    const base = BASE_DELAY_MS * 2 ** (attempt - 1);
    // "Equal jitter": at least half the exponential step, so retries stay spread but never bunch at zero.
    return Math.min(MAX_DELAY_MS, timeoutMs, Math.round(base / 2 + this.options.random() * (base / 2)));
  }

  private log(entry: RequestLogEntry): void {
    try {
      this.options.log?.(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

function where(request: ApiRequest): string {
  return `${request.method} ${request.path}`;
}

/** Whether sending it again is harmless, so retries happen and messages may say "try again". */
function retrySafe(request: ApiRequest): boolean {
  return IDEMPOTENT.has(request.method) && request.retry !== false;
}

/** A short reason for a failed connection: the system error code (ECONNREFUSED, ENOTFOUND…) or fetch's own short message. */
/** How a message names the server of a base URL: its host, or "the server". */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the server';
  }
}

/** Why fetch failed: the system's error code (ECONNREFUSED…), else fetch's own short reason ("bad port"), never a URL. */
export function networkReason(cause: unknown, secrets: Set<string>): string | undefined {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = inner?.code ?? (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
  const message = inner?.message;
  return typeof message === 'string' && message.length > 0 && message.length <= 80 && !message.includes('://')
    ? redactText(message, secrets)
    : undefined;
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function looksLikeHtml(response: Response, text: string): boolean {
  return /html/i.test(response.headers.get('content-type') ?? '') || text.trimStart().startsWith('<');
}

function statusLabel(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function invalidBodyMessage(request: ApiRequest, response: Response, text: string): string {
  const label = statusLabel(response);
  if (text.trim() === '') return `${where(request)}: the server answered ${label} with an empty body where JSON was expected.`;
  if (looksLikeHtml(response, text)) {
    return `${where(request)}: the server answered ${label} with an HTML page instead of JSON. Check the base URL (it normally ends in /elements/api-v2).`;
  }
  return `${where(request)}: the server answered ${label} with a response that is not valid JSON (it may be truncated).`;
}

/** A short, single-line, secret-free, link-free version of a message taken from a response. */
function clean(text: string, secrets: Set<string>): string {
  const flat = plainText(redactText(text, secrets).replace(/\s+/g, ' ').trim());
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function httpFailure(request: ApiRequest, response: Response, text: string, secrets: Set<string>): ApiError {
  const parsed = parseJson(text);
  const body =
    parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  const rawMessage = body && (stringField(body, 'message') ?? stringField(body, 'error'));
  const apiMessage = rawMessage === undefined || rawMessage.trimStart().startsWith('<') ? undefined : clean(rawMessage, secrets);
  const rawProvider = body && stringField(body, 'providerMessage');
  const providerMessage = rawProvider === undefined ? undefined : clean(rawProvider, secrets);
  const requestId = body && stringField(body, 'requestId');
  const label = statusLabel(response);
  // Only the API's own refusal, in its JSON error shape, proves that nothing happened.
  const refusedByApi = response.status >= 400 && response.status < 500 && apiMessage !== undefined;
  const init = {
    method: request.method,
    path: request.path,
    status: response.status,
    definitive: refusedByApi,
    ...(requestId !== undefined && { requestId: clean(requestId, secrets) }),
    ...(providerMessage !== undefined && { providerMessage }),
  };

  if (response.status === 401) {
    const whose = typeof request.auth === 'object' ? ', organization secret and instance token' : ' and organization secret';
    const said = apiMessage ? ` The API said: ${sentence(apiMessage)}` : '';
    return new ApiError(
      `Cloud Elements refused the credentials (${label}) for ${where(request)}: check the user secret${whose} for this environment.${said}`,
      { ...init, kind: 'unauthorized' },
    );
  }

  let message: string;
  if (apiMessage !== undefined) {
    message = `${where(request)} failed (${label}): ${sentence(apiMessage)}`;
    if (providerMessage !== undefined && providerMessage !== apiMessage) message += ` The provider said: ${sentence(providerMessage)}`;
    if (init.requestId !== undefined) message += ` Request id: ${init.requestId}.`;
  } else if (text.trim() === '') {
    message = `${where(request)} failed with ${label} and an empty response.`;
  } else if (looksLikeHtml(response, text)) {
    const hint = response.status < 500 ? 'Check the base URL.' : retrySafe(request) ? 'The service may be down: try again later.' : 'The service may be down.';
    message = `${where(request)} failed: the server answered ${label} with an HTML page instead of JSON. ${hint}`;
  } else if (!parsed.ok) {
    message = `${where(request)} failed: the server answered ${label} with a response that is not valid JSON (it may be truncated).`;
  } else {
    message = `${where(request)} failed with ${label}.`;
  }
  return new ApiError(message, { ...init, kind: 'http' });
}
