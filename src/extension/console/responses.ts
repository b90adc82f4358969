/**
 * Response documents: read-only JSON editors on the `cloud-elements-response:` scheme (a content
 * provider, like Open Instance as JSON) with the status, the time it took, the headers and the
 * body, and the request for the next page when the answer had an `Elements-Next-Page-Token`.
 * Kept in memory for the window's life (the last ones only); never the request's headers, so
 * never its secrets, and every known secret value is masked in what the server sent back.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { requestUrl, type ConsoleRequest } from '../../core/console/request';
import type { ConsoleResponse } from '../../core/console/answer';
import { redactUrl } from '../../core/redact';
import { RESPONSE_SCHEME } from './contract';

/** How many responses a window keeps; an older one's editor then says it is gone. */
const KEPT = 50;

export interface KeptResponse {
  text: string;
  request: ConsoleRequest;
  response: Pick<ConsoleResponse, 'status' | 'statusText' | 'durationMs'>;
  /** The same request for the page after this one. */
  nextPage?: ConsoleRequest;
  page: number;
  /** Whether the answer is a page of a list (a GET answered with records): only then is it labelled "page N". */
  paged: boolean;
  environment: EnvironmentId;
  environmentLabel: string;
  baseUrl: string;
}

/** The document's name: method and the path's last words, e.g. `GET-customers` (`-page-2` after the first page). */
function documentName(request: ConsoleRequest, page: number): string {
  const words = request.path.filter((segment) => segment !== '' && !/^\d+$/.test(segment)).slice(-1);
  const base = [request.method, ...words].join('-').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60);
  return page > 1 ? `${base}-page-${page}` : base;
}

/** Response headers as one object (a repeated header's values joined as HTTP does). */
function headerObject(headers: ConsoleResponse['headers']): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [name, value] of headers) object[name] = name in object ? `${object[name]}, ${value}` : value;
  return object;
}

export interface ResponseView {
  request: ConsoleRequest;
  response: ConsoleResponse;
  baseUrl: string;
  page: number;
  /** The console's message when the answer was an error. */
  problem?: string;
}

/**
 * Whether an answer is a page of a list: a successful GET whose body is an array, or any answer
 * that carries the next page's token, or a page after the first. A refused POST is no "page 1".
 */
export function isPaged(request: Pick<ConsoleRequest, 'method'>, response: Pick<ConsoleResponse, 'status' | 'json' | 'nextPage'>, page: number): boolean {
  if (page > 1 || response.nextPage !== undefined) return true;
  return request.method === 'GET' && response.status >= 200 && response.status < 300 && Array.isArray(response.json);
}

/** The document's JSON text, before masking. */
export function responseJson({ request, response, baseUrl, page, problem }: ResponseView): string {
  const view = {
    request: `${request.method} ${redactUrl(requestUrl(baseUrl, request))}`,
    status: response.status,
    statusText: response.statusText,
    timeMs: response.durationMs,
    ...(response.attempts > 1 && { attempts: response.attempts }),
    ...(isPaged(request, response, page) && { page }),
    ...(response.requestId !== undefined && { requestId: response.requestId }),
    ...(problem !== undefined && { problem }),
    ...(response.truncated && { truncated: 'The body was longer than the console reads and was cut: below is its beginning, as text.' }),
    headers: headerObject(response.headers),
    body: response.json !== undefined && !response.truncated ? response.json : response.text,
  };
  return `${JSON.stringify(view, null, 2)}\n`;
}

export class ResponseStore {
  private readonly kept = new Map<string, KeptResponse>();
  /** The document of each request (`source`: its request document and block, and the page), so sending again reuses it. */
  private readonly bySource = new Map<string, vscode.Uri>();
  private count = 0;

  /**
   * Keeps a response and returns its document's URI: the one this `source` had before (its editor
   * then shows the new answer: `changed` is true), else a new one.
   */
  add(entry: KeptResponse, source?: string): { uri: vscode.Uri; changed: boolean } {
    const known = source === undefined ? undefined : this.bySource.get(source);
    const reuse = known !== undefined && this.kept.has(known.toString()) && known.path.endsWith(`/${documentName(entry.request, entry.page)}.json`) && known.path.startsWith(`/${entry.environment}/`);
    const uri = reuse ? known : vscode.Uri.parse(`${RESPONSE_SCHEME}:/${entry.environment}/${++this.count}/${documentName(entry.request, entry.page)}.json`);
    this.kept.delete(uri.toString()); // re-added last: the newest are kept
    this.kept.set(uri.toString(), entry);
    if (source !== undefined) this.bySource.set(source, uri);
    for (const key of this.kept.keys()) {
      if (this.kept.size <= KEPT) break;
      this.kept.delete(key);
    }
    for (const [key, value] of this.bySource) if (!this.kept.has(value.toString())) this.bySource.delete(key);
    return { uri, changed: reuse };
  }

  get(uri: vscode.Uri): KeptResponse | undefined {
    return uri.scheme === RESPONSE_SCHEME ? this.kept.get(uri.toString()) : undefined;
  }
}
