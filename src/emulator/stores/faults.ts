/**
 * Fault injection for tests: a matching request gets a delay, an error status, an HTML
 * gateway page, a truncated or empty body, or any JSON body instead of the normal reply.
 */
import { STATUS_CODES } from 'node:http';
import { ApiError, apiErrorReply, HTML_CONTENT_TYPE, jsonReply, sleep, type Reply } from '../base/http';
import { jsonObject } from '../base/jsonBody';
import { renderGatewayErrorPage } from '../base/providerHtml';

export interface FaultSpec {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Substring of the request path, or a regular expression when it starts with `^`. */
  path: string;
  status?: number;
  delayMs?: number;
  /** `'html'`, `'truncated'`, `'empty'`, or any JSON value to send as the body. */
  body?: unknown;
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  /** How many requests it applies to; 0 = until cleared. */
  times: number;
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

const MAX_DELAY_MS = 120_000;

function fail(message: string): never {
  throw new ApiError(400, `Invalid fault: ${message}`);
}

function optionalInteger(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function parseFaultSpec(value: unknown): FaultSpec {
  const spec = jsonObject(value) ?? fail('send a JSON object.');
  if (typeof spec.path !== 'string' || spec.path === '') fail('path (a substring of the request path, or a ^regex) is required.');
  if (spec.path.startsWith('^')) {
    try {
      new RegExp(spec.path);
    } catch {
      // Not the engine's message: it quotes the pattern.
      fail('path is not a valid regular expression.');
    }
  }
  if (spec.method !== undefined && (typeof spec.method !== 'string' || spec.method === '')) fail('method must be a string such as "GET".');
  const status = optionalInteger(spec.status, 'status', 100, 599);
  const delayMs = optionalInteger(spec.delayMs, 'delayMs', 0, MAX_DELAY_MS);
  const times = optionalInteger(spec.times, 'times', 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const headers = spec.headers;
  if (headers !== undefined) {
    const object = jsonObject(headers);
    if (!object || Object.values(object).some((header) => typeof header !== 'string')) fail('headers must be an object of strings.');
  }
  if (status === undefined && delayMs === undefined && spec.body === undefined) fail('give at least one of status, delayMs or body.');
  return {
    path: spec.path,
    times,
    ...(typeof spec.method === 'string' && { method: spec.method.toUpperCase() }),
    ...(status !== undefined && { status }),
    ...(delayMs !== undefined && { delayMs }),
    ...(spec.body !== undefined && { body: spec.body }),
    ...(headers !== undefined && { headers: headers as Record<string, string> }),
  };
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.startsWith('^') ? new RegExp(pattern).test(path) : path.includes(pattern);
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { id: this.nextId++, hits: 0, ...spec };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Removes all faults; returns how many there were. */
  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  /** The first fault matching the request, counted as used (and dropped once used up). */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) => (candidate.method === undefined || candidate.method === method.toUpperCase()) && pathMatches(candidate.path, path),
    );
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times > 0 && fault.hits >= fault.times) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return { ...fault };
  }
}

function injectedError(status: number, requestId: string): Reply {
  return apiErrorReply(status, `Injected fault: ${status} ${STATUS_CODES[status] ?? 'Error'}.`, requestId);
}

function withHeaders(reply: Reply, headers: Record<string, string> | undefined): Reply {
  return headers ? { ...reply, headers: { ...reply.headers, ...headers } } : reply;
}

/**
 * The reply for a request hit by `fault`. `produce` computes the normal reply; it runs only
 * when the fault keeps the real response (a delay alone, or `truncated`/`empty` without a status).
 */
export async function applyFault(fault: Fault, requestId: string, produce: () => Promise<Reply>): Promise<Reply> {
  if (fault.delayMs) await sleep(fault.delayMs);
  const { body, status } = fault;
  if (body === 'html') {
    const htmlStatus = status ?? 502;
    return withHeaders({ status: htmlStatus, headers: { 'Content-Type': HTML_CONTENT_TYPE }, body: renderGatewayErrorPage(htmlStatus) }, fault.headers);
  }
  if (body === 'truncated' || body === 'empty') {
    const base = status !== undefined ? injectedError(status, requestId) : await produce();
    const cut = body === 'empty' ? '' : base.body.slice(0, Math.floor(base.body.length / 2));
    return withHeaders({ ...base, body: cut }, fault.headers);
  }
  if (body !== undefined) return jsonReply(status ?? 500, body, fault.headers);
  if (status !== undefined) return withHeaders(injectedError(status, requestId), fault.headers);
  return withHeaders(await produce(), fault.headers);
}
