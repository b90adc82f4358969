/** One api-v2 request as the client describes it, what it answers, and whether it may be sent again. */

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

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** `POST /instances`: how a message names a request. */
export function where(request: ApiRequest): string {
  return `${request.method} ${request.path}`;
}

/** Whether sending it again is harmless, so retries happen and messages may say "try again". */
export function retrySafe(request: ApiRequest): boolean {
  return IDEMPOTENT.has(request.method) && request.retry !== false;
}
