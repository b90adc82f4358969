/** Request records for the console and `GET /__admin/requests`, with secret query values redacted. */

import { isSecretQueryKey, redactParams, REDACTED } from '../../core/redact';

export { REDACTED };

/**
 * Secret values replaced by `***`. URLSearchParams splits on `&` only, so a value can still
 * hold `;`-separated pairs (`a=1;code=…`): those are redacted too.
 */
export function redactQuery(query: URLSearchParams): Array<[string, string]> {
  return [...query].map(([name, value]) => [name, isSecretQueryKey(name) ? REDACTED : redactParams(value)]);
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
  /** Requests being handled (a fault's delay included), and who waits for there to be none. */
  private inFlight = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly capacity = 200) {}

  /** A request is being handled; call what this returns once its reply is made. */
  begin(): () => void {
    this.inFlight++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.inFlight === 0) for (const resolve of this.waiting.splice(0)) resolve();
    };
  }

  /** Settles once no request is being handled: a delayed one has made its reply (and its change). */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

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
