/**
 * `/__admin/*`: test hooks (faults, stored records, request log, reset). Loopback clients only,
 * no CE auth, and never on behalf of a web page: see {@link checkAdminCaller}.
 */
import type { AddressPolicy } from '../base/addresses';
import { isLoopbackAddress } from '../base/outboundAddress';
import type { Handler, RequestContext } from '../base/context';
import { ApiError, jsonReply } from '../base/http';
import { parseJsonBody } from '../base/jsonBody';
import { Router } from '../base/router';
import type { Deliverer } from '../events/deliverer';
import type { EventStore } from '../events/eventStore';
import type { Poller } from '../events/poller';
import { seedInstances } from '../platform/seed';
import { parseAppRegistration, type AppRegistry } from '../stores/apps';
import type { ElementDirectory } from '../stores/elements';
import { parseFaultSpec, type FaultRegistry } from '../stores/faults';
import type { OAuthGrants } from '../stores/grants';
import type { InstanceStore } from '../stores/instances';
import type { RequestLog } from '../stores/requestLog';

export const ADMIN_PREFIX = '/__admin';

/** Whether a client's address is this machine's loopback (the same test events use for their callbacks). */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && isLoopbackAddress(address);
}

function header(request: RequestContext, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function hasBody(request: RequestContext): boolean {
  const length = header(request, 'content-length');
  return header(request, 'transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * Refuses an admin call a browser page could have made. Browsers send `Origin` (and
 * `Sec-Fetch-Site`) with every cross-origin call that can change something, and cannot send
 * `Content-Type: application/json` across origins without a CORS preflight, which the emulator
 * never grants. So: a foreign Origin or a cross-site fetch is refused (403), and a call that
 * changes state must carry `application/json`, unless it has neither a body nor an Origin, as
 * the project's own Node clients send it (415 otherwise).
 */
export function checkAdminCaller(request: RequestContext, addresses: AddressPolicy): void {
  const origin = header(request, 'origin');
  if (origin !== undefined && !addresses.isOwnOrigin(origin)) {
    throw new ApiError(403, 'The admin endpoints refuse calls from web pages: this request carries an Origin that is not the emulator.');
  }
  const site = header(request, 'sec-fetch-site')?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ApiError(403, `The admin endpoints refuse calls from web pages: this request comes from ${site === 'cross-site' || site === 'same-site' ? `a ${site}` : 'another'} page.`);
  }
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const contentType = header(request, 'content-type');
  if (isJsonContentType(contentType)) return;
  if (contentType !== undefined || hasBody(request) || origin !== undefined) {
    throw new ApiError(415, `${request.method} ${request.path} takes Content-Type: application/json (or no body at all, from a non-browser client).`);
  }
}

/** Everything a reset puts back: the admin endpoints are the one place that reaches every store. */
export interface EmulatorState {
  elements: ElementDirectory;
  instances: InstanceStore;
  grants: OAuthGrants;
  apps: AppRegistry;
  faults: FaultRegistry;
  requests: RequestLog;
  /** Whether a reset puts the seed instances back. */
  seed: boolean;
  /** The events group: its records, its deliveries' retries, its polls. */
  events: EventStore;
  deliverer: Deliverer;
  poller: Poller;
}

/** Back to the start state: no instances (or the seed ones), no OAuth grants, faults, request records or apps registered since the start. */
export function resetEmulator(state: EmulatorState): void {
  // First, in one save: when the data file cannot be written, nothing at all is reset.
  state.instances.replaceAll(state.seed ? seedInstances(state.elements) : []);
  state.grants.clear();
  state.apps.reset();
  state.faults.clear();
  state.requests.clear();
  state.deliverer.cancelAll();
  state.events.clear();
  state.poller.clear();
}

/** `{"instanceId": n}` or nothing: which instance a poll is for. */
function pollTarget(body: string): number | undefined {
  if (body.trim() === '') return undefined;
  const value = parseJsonBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'POST /__admin/events/poll takes no body, or {"instanceId": <number>}.');
  const id = (value as Record<string, unknown>).instanceId;
  if (id === undefined) return undefined;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new ApiError(400, 'instanceId must be a whole number.');
  return id;
}

export function adminRouter(state: EmulatorState): Router<Handler> {
  const { elements, instances, apps, faults, requests, events, poller } = state;
  return new Router<Handler>()
    .add('POST', `${ADMIN_PREFIX}/faults`, async (request) => {
      const fault = faults.add(parseFaultSpec(parseJsonBody(await request.body())));
      return jsonReply(201, fault);
    })
    .add('GET', `${ADMIN_PREFIX}/faults`, () => jsonReply(200, faults.list()))
    .add('DELETE', `${ADMIN_PREFIX}/faults`, () => jsonReply(200, { cleared: faults.clear() }))
    .add('POST', `${ADMIN_PREFIX}/apps`, async (request) => {
      const app = apps.register(parseAppRegistration(parseJsonBody(await request.body()), elements));
      return jsonReply(201, app);
    })
    .add('GET', `${ADMIN_PREFIX}/apps`, () => jsonReply(200, apps.list()))
    .add('DELETE', `${ADMIN_PREFIX}/apps`, () => jsonReply(200, { cleared: apps.reset() }))
    .add('GET', `${ADMIN_PREFIX}/instances`, () => jsonReply(200, instances.list()))
    .add('GET', `${ADMIN_PREFIX}/requests`, () => jsonReply(200, requests.list()))
    .add('GET', `${ADMIN_PREFIX}/events/deliveries`, () => jsonReply(200, events.listAttempts()))
    .add('POST', `${ADMIN_PREFIX}/events/poll`, async (request) => {
      const outcomes = await poller.pollNow(pollTarget(await request.body()));
      return jsonReply(200, { polled: outcomes.length, events: outcomes.flatMap((outcome) => outcome.events), problems: outcomes.flatMap((outcome) => outcome.problems.map((problem) => `instance ${outcome.instanceId}: ${problem}`)) });
    })
    .add('POST', `${ADMIN_PREFIX}/reset`, async () => {
      // A request still being handled (a fault's delay) would change the fresh state, or land in
      // the fresh request list, after the reset: it finishes first.
      await requests.idle();
      resetEmulator(state);
      return jsonReply(200, { instances: instances.size });
    });
}
