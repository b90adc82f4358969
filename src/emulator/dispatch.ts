/**
 * One request, start to finish: admin hooks, fault injection, routing and authorization,
 * errors as JSON (or HTML on provider pages), latency, writing the reply, and logging.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressPolicy } from './base/addresses';
import { DOCUMENTED_FORM, hasAccountAuth, hasInstanceAuth, INVALID_AUTH_MESSAGE, parseAuthorization, type AccountSecrets } from './base/auth';
import type { ApiRoute, Handler, RequestContext, RouteAuth } from './base/context';
import { ApiError, apiErrorReply, htmlReply, jsonReply, PageError, readBody, sleep, type Reply } from './base/http';
import { renderErrorPage } from './base/providerHtml';
import { newRequestId } from './base/random';
import type { Router } from './base/router';
import { ADMIN_PREFIX, checkAdminCaller, isLoopback } from './routes/admin';
import { API_PREFIX } from './routes/api';
import { applyFault, type FaultRegistry } from './stores/faults';
import { formatLogLine, toRecord, type RequestLog } from './stores/requestLog';

/** The three routers a request can reach: the api-v2, the fake providers' pages, the test hooks. */
export interface Routers {
  api: Router<ApiRoute>;
  provider: Router<Handler>;
  admin: Router<Handler>;
}

export interface DispatchOptions {
  routers: Routers;
  /** The account's secrets, which API routes check. */
  secrets: AccountSecrets;
  /** Injected faults, taken by API and provider requests. */
  faults: FaultRegistry;
  /** Every request but admin ones is kept here (`GET /__admin/requests`); a reset waits for those in flight. */
  requests: RequestLog;
  latencyMs: number;
  log?: (line: string) => void;
  /** The listening origin, used when a request has no Host header. */
  origin: () => string;
  /** The names the emulator answers to (Host and, for admin calls, Origin). */
  addresses: AddressPolicy;
}

type Area = 'api' | 'provider' | 'admin' | 'other';

function areaOf(path: string): Area {
  const within = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (within(API_PREFIX)) return 'api';
  if (within('/provider')) return 'provider';
  if (within(ADMIN_PREFIX)) return 'admin';
  return 'other';
}

function errorReply(error: unknown, request: RequestContext, log: ((line: string) => void) | undefined): Reply {
  if (error instanceof ApiError) return apiErrorReply(error.status, error.message, request.requestId, error.providerMessage);
  if (error instanceof PageError) return htmlReply(error.status, renderErrorPage(error.title, error.message));
  log?.(`internal error on ${request.method} ${request.path}: ${(error as Error)?.message ?? String(error)}`);
  return apiErrorReply(500, 'The emulator failed to handle this request; see its console.', request.requestId);
}

function notFound(request: RequestContext): Reply {
  return apiErrorReply(404, `No route for ${request.method} ${request.path}.`, request.requestId);
}

function methodNotAllowed(request: RequestContext, allowed: string[]): Reply {
  const reply = apiErrorReply(405, `${request.method} is not supported on ${request.path} (use ${allowed.join(', ')}).`, request.requestId);
  return { ...reply, headers: { ...reply.headers, Allow: allowed.join(', ') } };
}

async function runRoute(router: Router<Handler>, path: string, request: RequestContext): Promise<Reply> {
  const match = router.match(request.method, path);
  if (match.kind === 'not-found') return notFound(request);
  if (match.kind === 'method-not-allowed') return methodNotAllowed(request, match.allowed);
  return match.handler({ ...request, params: match.params });
}

/** 401 unless the Authorization header is a documented form (base/auth.ts) with what the route needs. */
function checkAuthorization(auth: RouteAuth, header: string | undefined, secrets: AccountSecrets): void {
  if (auth === 'none') return;
  const parsed = parseAuthorization(header);
  if (!parsed.ok) throw new ApiError(401, `${INVALID_AUTH_MESSAGE} The Authorization header's ${parsed.problem}; the documented form is ${DOCUMENTED_FORM}.`);
  const allowed = auth === 'account' ? hasAccountAuth(parsed.credentials, secrets) : hasInstanceAuth(parsed.credentials, secrets);
  if (!allowed) throw new ApiError(401, INVALID_AUTH_MESSAGE);
}

/**
 * The API answers browsers on any origin, as the service does, and lets them read the paging and
 * request headers (churros `src/test/platform/general/headers.js`). Never the admin endpoints,
 * which refuse web pages altogether (routes/admin.ts), nor the provider pages.
 */
export const EXPOSED_HEADERS = 'Elements-Returned-Count, Elements-Total-Count, Elements-Request-Id, Elements-Next-Page-Token, Elements-Trace-Id, Elements-Error, Content-Disposition';

function corsHeaders(request: RequestContext): Record<string, string> {
  return request.headers.origin === undefined ? {} : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
}

function isPreflight(request: RequestContext): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

/** A CORS preflight of an API route: which methods and headers a page may send (no credentials: the API uses none a browser keeps). */
function preflightReply(request: RequestContext, known: boolean): Reply {
  if (!known) return notFound(request);
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      'Access-Control-Max-Age': '600',
    },
    body: '',
  };
}

function write(response: ServerResponse, reply: Reply): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  response.end(reply.body);
}

export function createDispatcher(options: DispatchOptions) {
  const { api, provider, admin } = options.routers;

  async function route(area: Area, request: RequestContext): Promise<Reply> {
    try {
      switch (area) {
        case 'api': {
          const path = request.path.slice(API_PREFIX.length) || '/';
          if (isPreflight(request)) return preflightReply(request, api.match('GET', path).kind !== 'not-found' || api.match('POST', path).kind !== 'not-found');
          const match = api.match(request.method, path);
          if (match.kind === 'not-found') return notFound(request);
          if (match.kind === 'method-not-allowed') return methodNotAllowed(request, match.allowed);
          checkAuthorization(match.handler.auth, request.headers.authorization, options.secrets);
          return await match.handler.handler({ ...request, params: match.params });
        }
        case 'provider':
          return await runRoute(provider, request.path, request);
        case 'admin':
          if (!isLoopback(request.remoteAddress)) throw new ApiError(403, 'The admin endpoints answer loopback clients only.');
          checkAdminCaller(request, options.addresses);
          return await runRoute(admin, request.path, request);
        default:
          if (request.path === '/' && request.method === 'GET') {
            return jsonReply(200, { name: 'Cloud Elements api-v2 emulator', apiBaseUrl: `${request.origin}${API_PREFIX}` });
          }
          return notFound(request);
      }
    } catch (error) {
      return errorReply(error, request, options.log);
    }
  }

  /** The API's own answers name their request (`Elements-Request-Id`); an injected gateway page does not. */
  async function answer(area: Area, request: RequestContext): Promise<Reply> {
    const reply = await route(area, request);
    return area === 'api' ? { ...reply, headers: { ...reply.headers, 'Elements-Request-Id': request.requestId } } : reply;
  }

  /** 421 for a Host that is not the emulator (DNS rebinding); HTML on provider pages, where a browser shows it. */
  function misdirected(request: RequestContext, area: Area): Reply {
    const message = `This request was addressed to a host that is not this emulator; it answers to ${options.addresses.describe()} (start it with --allow-host <name> to add a name).`;
    return area === 'provider'
      ? htmlReply(421, renderErrorPage('Misdirected request', message))
      : apiErrorReply(421, message, request.requestId);
  }

  return async function dispatch(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (incoming.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(incoming.url ?? '/', 'http://emulator.invalid');
    } catch {
      url = new URL('http://emulator.invalid/');
    }
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const host = incoming.headers.host;
    let body: Promise<string> | undefined;
    const request: RequestContext = {
      method,
      path,
      query: url.searchParams,
      headers: incoming.headers,
      params: {},
      requestId: newRequestId(),
      // Checked below: only the emulator's own names get past the Host check.
      origin: host ? `http://${host}` : options.origin(),
      remoteAddress: incoming.socket.remoteAddress,
      body: () => (body ??= readBody(incoming)),
    };
    const area = areaOf(path);

    let reply: Reply;
    if (!options.addresses.acceptsHost(host)) {
      reply = misdirected(request, area);
    } else if (area === 'admin') {
      reply = await route(area, request);
    } else {
      const answered = options.requests.begin();
      try {
        const fault = options.faults.take(method, path);
        const produce = () => answer(area, request);
        reply = fault ? await applyFault(fault, request.requestId, produce) : await produce();
        if (area === 'api' && options.latencyMs > 0) await sleep(options.latencyMs);
      } finally {
        answered();
      }
    }
    if (area === 'api') reply = { ...reply, headers: { ...reply.headers, ...corsHeaders(request) } };
    write(response, reply);

    const ms = Math.round(performance.now() - started);
    options.log?.(formatLogLine(method, path, url.searchParams, reply.status, ms));
    if (area !== 'admin') options.requests.add(toRecord(method, path, url.searchParams, reply.status, ms));
  };
}
