/** The one error type the API client throws, with a message a person can act on. */

export type ApiErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response' | 'cancelled' | 'unauthorized';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  /** API path relative to the base URL, without the query string (it can hold apiSecret). */
  path: string;
  status?: number;
  requestId?: string;
  providerMessage?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly providerMessage: string | undefined;

  constructor(message: string, init: ApiErrorInit) {
    super(message);
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.providerMessage = init.providerMessage;
  }

  /** Worth another attempt for an idempotent request: throttling, gateway trouble, no connection. */
  get transient(): boolean {
    return this.kind === 'network' || (this.kind === 'http' && RETRYABLE_STATUSES.has(this.status ?? 0));
  }
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
