/** A console request as Send sends it: its method, path, query and headers, and the URL they make. */
import { wireQuery, wireSegment } from './encoding';
import type { OperationMethod } from './operations';

export interface ConsoleRequest {
  method: OperationMethod;
  /** The path below the base URL as decoded segments: `['hubs', 'finance', 'customers', '42']`. */
  path: string[];
  /** Decoded names and values, in order. */
  query: Array<[name: string, value: string]>;
  /** Values may hold secret references (`{{instance:12:token}}`…), resolved when sent. */
  headers: Array<[name: string, value: string]>;
  /** Sent as written. */
  body?: string;
}

/** The URL a request goes to: the base URL, then every segment and parameter fully encoded. */
export function requestUrl(baseUrl: string, request: Pick<ConsoleRequest, 'path' | 'query'>): string {
  const path = request.path.map((segment) => `/${wireSegment(segment)}`).join('');
  const query = wireQuery(request.query);
  return `${baseUrl.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`;
}

/** The same request for the next page: `nextPage` set to the answer's `Elements-Next-Page-Token`. */
export function nextPageRequest(request: ConsoleRequest, token: string): ConsoleRequest {
  return { ...request, query: [...request.query.filter(([name]) => name !== 'nextPage'), ['nextPage', token]] };
}

/** `GET /hubs/finance/customers`: how a message names a request. */
export function describeRequest(request: Pick<ConsoleRequest, 'method' | 'path'>): string {
  return `${request.method} /${request.path.map(wireSegment).join('/')}`;
}
