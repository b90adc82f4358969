/**
 * Response documents: read-only JSON editors on the `cloud-elements-response:` scheme (a content
 * provider, like Open Instance as JSON) with the status, the time it took, the headers and the
 * body, and the request for the next page when the answer had an `Elements-Next-Page-Token`.
 * Kept in memory for the window's life (the last ones only); never the request's headers, so
 * never its secrets, and every known secret value is masked in what the server sent back.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { requestUrl, type ConsoleRequest } from '../../core/console/httpDocument';
import type { ConsoleResponse } from '../../core/console/send';
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

/** The document's JSON text, before masking. */
export function responseJson({ request, response, baseUrl, page, problem }: ResponseView): string {
  const view = {
    request: `${request.method} ${redactUrl(requestUrl(baseUrl, request))}`,
    status: response.status,
    statusText: response.statusText,
    timeMs: response.durationMs,
    ...(response.attempts > 1 && { attempts: response.attempts }),
    page,
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
  private count = 0;

  /** Keeps a response and returns its document's URI. */
  add(entry: KeptResponse): vscode.Uri {
    const uri = vscode.Uri.parse(`${RESPONSE_SCHEME}:/${entry.environment}/${++this.count}/${documentName(entry.request, entry.page)}.json`);
    this.kept.set(uri.toString(), entry);
    for (const key of this.kept.keys()) {
      if (this.kept.size <= KEPT) break;
      this.kept.delete(key);
    }
    return uri;
  }

  get(uri: vscode.Uri): KeptResponse | undefined {
    return uri.scheme === RESPONSE_SCHEME ? this.kept.get(uri.toString()) : undefined;
  }
}
