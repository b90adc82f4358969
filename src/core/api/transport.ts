/**
 * One HTTP exchange with api-v2: auth headers, then the shared attempt loop (http/attempts.ts:
 * timeout, retries of idempotent requests on 429/502/503/504 and network failures, Retry-After,
 * no redirect followed, a redacted log line per attempt), every failure an {@link ApiError}.
 */
import { authorizationHeader } from './authorization';
import { ApiError, type ApiErrorKind } from './errors';
import { httpFailure, invalidBodyMessage, parseJson, statusLabel } from './httpFailure';
import { isRedirect, redirectRefusal } from './redirect';
import { retrySafe, where, type ApiRequest, type ApiResponse, type Credentials } from './request';
import { runAttempts, hostOf, networkFailureText, type Attempted, type RequestLogEntry, type Unanswered } from '../http/attempts';
import type { Sleep } from '../http/sleep';
import { collectSecrets, isSecretQueryKey, redactText, redactUrl } from '../redact';

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

/** What one attempt came to: the answer, or the error to throw. */
type Outcome = { response: ApiResponse } | { error: ApiError };

export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const secrets = this.secretsOf(request);
    const url = this.urlOf(request);
    const headers = this.headersOf(request);
    const failed = (error: ApiError) => ({ outcome: { error }, error: error.message });
    const outcome = await runAttempts<string, Outcome>({
      url,
      method: request.method,
      headers,
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      loggedUrl: redactText(redactUrl(url), secrets),
      maxAttempts: retrySafe(request) ? Math.max(0, this.options.retries) + 1 : 1,
      timeoutMs: this.options.timeoutMs,
      ...(request.signal && { signal: request.signal }),
      fetch: this.options.fetch,
      sleep: this.options.sleep,
      random: this.options.random,
      now: Date.now,
      ...(this.options.log && { log: this.options.log }),
      read: (response) => response.text(),
      answered: (response, text) => this.answered(request, url, response, text, secrets),
      unanswered: (failure, attempts) => failed(this.unanswered(request, failure, attempts, secrets)),
      // Not sent: certainly nothing happened; cut short while waiting: as certain as the attempt before.
      cancelled: (sent, after) => failed(this.cancelled(request, after && 'error' in after ? after.error.definitive : !sent)),
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.response;
  }

  private answered(request: ApiRequest, url: string, response: Response, text: string, secrets: Set<string>): Attempted<Outcome> {
    // Worth another attempt (when the request is safe to repeat): throttling, gateway trouble (errors.ts).
    const failed = (error: ApiError) => ({ outcome: { error }, retry: error.transient, error: error.message });
    if (isRedirect(response.status)) {
      const message = redirectRefusal(where(request), statusLabel(response), response.headers.get('location'), url, this.options.baseUrl, secrets);
      return failed(this.error(request, 'redirect', message, response.status));
    }
    if (!response.ok) return failed(httpFailure(request, response, text, secrets));
    if (request.expect === 'ignore') return { outcome: { response: { status: response.status, headers: response.headers, data: undefined } }, retry: false };
    const parsed = parseJson(text);
    if (!parsed.ok) return failed(this.error(request, 'invalid-response', invalidBodyMessage(request, response, text), response.status));
    return { outcome: { response: { status: response.status, headers: response.headers, data: parsed.value } }, retry: false };
  }

  private unanswered(request: ApiRequest, failure: Unanswered, attempts: number, secrets: Set<string>): ApiError {
    if (failure.kind === 'timeout') {
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      const advice = retrySafe(request) ? 'Try again, or raise the request timeout.' : 'If it is just slow, raise the request timeout.';
      return this.error(request, 'timeout', `${where(request)} timed out after ${seconds} s: ${hostOf(this.options.baseUrl)} did not answer in time. ${advice}`);
    }
    return this.error(request, 'network', networkFailureText(where(request), this.options.baseUrl, failure.cause, attempts, secrets));
  }

  /** `definitive`: the request had not reached the server (or was refused by it) when it was cancelled. */
  private cancelled(request: ApiRequest, definitive: boolean): ApiError {
    return new ApiError(`${where(request)} was cancelled.`, { kind: 'cancelled', method: request.method, path: request.path, definitive });
  }

  private error(request: ApiRequest, kind: ApiErrorKind, message: string, status?: number): ApiError {
    return new ApiError(message, { kind, method: request.method, path: request.path, status });
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
}
