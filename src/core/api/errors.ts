/** The one error type the API client throws, with a message a person can act on. */

/**
 * `redirect`: the API answered 3xx, which is never followed (the message names the Location).
 * `invalid-request`: refused before sending, e.g. a body that carries a masked secret back.
 */
export type ApiErrorKind = 'http' | 'redirect' | 'timeout' | 'network' | 'invalid-response' | 'cancelled' | 'unauthorized' | 'invalid-request';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  /** API path relative to the base URL, without the query string (it can hold apiSecret). */
  path: string;
  status?: number;
  requestId?: string;
  providerMessage?: string;
  /** The server certainly did not act on the request (see {@link ApiError.definitive}). Default false. */
  definitive?: boolean;
}

/**
 * Marks an ApiError whichever copy of this module made it: the extension's bundles each hold one
 * (extension.js's API client answers provisioning.js's engine), so `instanceof` would miss.
 */
const API_ERROR: unique symbol = Symbol.for('elements-toolkit.ApiError') as never;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly [API_ERROR] = true;
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly providerMessage: string | undefined;
  /**
   * True only when the request certainly changed nothing: it was never sent, or the API itself
   * refused it with a 4xx and its JSON error body. Anything else (a reset connection, a timeout,
   * a 5xx, an HTML or truncated answer) leaves open whether a write took effect.
   */
  readonly definitive: boolean;

  constructor(message: string, init: ApiErrorInit) {
    super(message);
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.providerMessage = init.providerMessage;
    this.definitive = init.definitive ?? false;
  }

  /** Worth another attempt for an idempotent request: throttling, gateway trouble, no connection. */
  get transient(): boolean {
    return this.kind === 'network' || (this.kind === 'http' && RETRYABLE_STATUSES.has(this.status ?? 0));
  }
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** An ApiError, from this copy of the module or another bundle's. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && (error as Partial<Record<typeof API_ERROR, unknown>>)[API_ERROR] === true;
}
