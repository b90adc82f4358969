/** Request records for the console and `GET /__admin/requests`, with secret query values redacted. */

export const REDACTED = '***';

/** Query parameters whose values are secrets (compared case-insensitively). */
const SECRET_PARAMS = new Set(
  [
    'apiKey',
    'apiSecret',
    'requestToken',
    'code',
    'oauth_verifier',
    'oauth_token',
    'Signature',
    'secret',
    'token',
    'refresh_token',
    'access_token',
    'client_id',
    'client_secret',
    'password',
  ].map((name) => name.toLowerCase()),
);

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

export function redactQuery(query: URLSearchParams): Array<[string, string]> {
  return [...query].map(([name, value]) => [name, isSecretParam(name) ? REDACTED : value]);
}

export interface RequestRecord {
  time: string;
  method: string;
  path: string;
  /** Query parameters in order, secret values replaced by `***`. */
  query: Record<string, string>;
  status: number;
  ms: number;
}

export function toRecord(method: string, path: string, query: URLSearchParams, status: number, ms: number): RequestRecord {
  return { time: new Date().toISOString(), method, path, query: Object.fromEntries(redactQuery(query)), status, ms };
}

/** `GET /elements/api-v2/elements/xero/oauth/url?apiKey=***&… 200 3ms` */
export function formatLogLine(method: string, path: string, query: URLSearchParams, status: number, ms: number): string {
  const pairs = redactQuery(query).map(([name, value]) => `${encodeURIComponent(name)}=${value === REDACTED ? value : encodeURIComponent(value)}`);
  const search = pairs.length > 0 ? `?${pairs.join('&')}` : '';
  return `${method} ${path}${search} ${status} ${ms}ms`;
}

export class RequestLog {
  private records: RequestRecord[] = [];

  constructor(private readonly capacity = 200) {}

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  list(): RequestRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
