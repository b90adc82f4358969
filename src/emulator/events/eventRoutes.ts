/**
 * The events group's routes: the event API (`GET /instances[/{id}]/events[/{eventId}]`, churros
 * src/test/platform/events/events.js L55-64), the platform's inbound provider webhooks
 * (`POST /events/{elementKey}`), and asynchronous hub calls (`Elements-Async-Request: true`,
 * devportal docs/guides/event-management/tips.md L56-140). src/emulator/README.md, "Events", says
 * what each does and which points are the emulator's own choice.
 */
import type { Handler, Handlers, RequestContext } from '../base/context';
import { ApiError, jsonReply } from '../base/http';
import { parseJsonBody } from '../base/jsonBody';
import { PAGING_PARAMETERS, pageHeaders, pageOfSorted } from '../base/paging';
import { refuseUnknownParameters } from '../base/query';
import { instanceForHubCall } from '../platform/instanceCalls';
import type { ElementDirectory } from '../stores/elements';
import type { InstanceStore, StoredInstance } from '../stores/instances';
import type { EventEmitter, NormalizedEvent } from './emitter';
import { eventSettings, instanceCallbackUrl } from './eventConfig';
import { toPublicEvent, type EventRecord, type EventStore } from './eventStore';
import { callbackUrlProblem } from './outbound';

export interface EventRouteStores {
  elements: ElementDirectory;
  instances: InstanceStore;
  events: EventStore;
  emitter: EventEmitter;
}

const NOT_FOUND = 'No event found with the id in the path.';
/** At most this many events are taken from one inbound webhook body. */
export const MAX_INBOUND_EVENTS = 1000;
const INSTANCES_HEADER = 'element-instances';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (object: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined);

function header(request: RequestContext, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * An element event hook's output, `{"events": [{event_type, event_object_id, event_object_type,
 * event_date}]}` (devportal docs/guides/elements/hooks.md L189-221), or the normalized field names.
 * An entry without an event type is not an event.
 */
export function normalizeInbound(body: unknown, elementKey: string, hubKey: string): NormalizedEvent[] {
  const listed = isObject(body) ? own(body, 'events') : undefined;
  if (!Array.isArray(listed)) return [];
  const events: NormalizedEvent[] = [];
  for (const entry of listed.slice(0, MAX_INBOUND_EVENTS)) {
    if (!isObject(entry)) continue;
    const eventType = text(own(entry, 'eventType') ?? own(entry, 'event_type'));
    if (eventType === undefined || eventType.trim() === '') continue;
    events.push({
      objectType: text(own(entry, 'objectType') ?? own(entry, 'event_object_type')) ?? '',
      objectId: text(own(entry, 'objectId') ?? own(entry, 'event_object_id')) ?? '',
      eventType: eventType.toUpperCase(),
      elementKey,
      hubKey,
      date: text(own(entry, 'date') ?? own(entry, 'event_date')) ?? new Date().toISOString(),
    });
  }
  return events;
}

/** An inbound body: JSON, or a form (churros processing.js "should handle POST /events/{key} with form parameter body"). */
function inboundBody(request: RequestContext, raw: string): unknown {
  const type = (header(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  if (type === 'application/json' || type.endsWith('+json') || (type === '' && raw.trim() !== '')) return raw.trim() === '' ? {} : parseJsonBody(raw);
  throw new ApiError(415, 'POST /events/{elementKey} takes a JSON body (application/json) or a form (application/x-www-form-urlencoded).');
}

export function eventRoutes({ elements, instances, events, emitter }: EventRouteStores): Handlers<'list' | 'get' | 'inbound'> {
  /** The instance in the path, if any (404 when there is none by that id). */
  const pathInstance = (request: RequestContext): StoredInstance | undefined => (request.params.id === undefined ? undefined : instances.require(request.params.id));
  const newestFirst = () => [...events.ids()].reverse().map((id) => -id);

  return {
    list: (request) => {
      refuseUnknownParameters(request.query, 'GET /instances/events', PAGING_PARAMETERS);
      const instance = pathInstance(request);
      const accept = (record: EventRecord) => instance === undefined || record.instanceId === instance.id;
      const page = pageOfSorted(newestFirst(), (position) => events.get(-position), accept, request.query, 'events');
      return jsonReply(200, page.items.map(toPublicEvent), pageHeaders(page, request.query));
    },

    get: (request) => {
      const instance = pathInstance(request);
      const record = events.find(request.params.eventId!);
      if (!record || (instance !== undefined && record.instanceId !== instance.id)) throw new ApiError(404, NOT_FOUND);
      return jsonReply(200, toPublicEvent(record));
    },

    inbound: async (request) => {
      const element = elements.require(request.params.elementKey!);
      const listed = header(request, INSTANCES_HEADER);
      if (listed === undefined || listed.trim() === '') {
        throw new ApiError(400, 'The emulator finds the instance of a provider webhook by the Element-Instances header (an instance id, or ids separated by commas); this request has none.');
      }
      const ids = listed.split(',').map((id) => id.trim());
      if (ids.length > 100 || ids.some((id) => !/^\d{1,15}$/.test(id))) throw new ApiError(400, 'The Element-Instances header takes instance ids (digits) separated by commas, at most 100.');
      const targets = ids.map((id) => {
        const instance = instances.get(Number(id));
        if (!instance) throw new ApiError(404, 'No instance found with an id the Element-Instances header names.');
        if (instance.element.key !== element.key) throw new ApiError(404, `An instance the Element-Instances header names is not a ${element.key} instance.`);
        return instance;
      });
      const body = inboundBody(request, await request.body());
      const eventIds: string[] = [];
      for (const instance of new Set(targets)) {
        const settings = eventSettings(instance);
        const hub = emitter.hubOf(instance);
        const record = settings ? emitter.emit(instance, settings, normalizeInbound(body, element.key, hub), body, 'RECEIVED') : emitter.received(instance, body);
        eventIds.push(String(record.id));
      }
      return jsonReply(200, { eventIds });
    },
  };
}

/** `Elements-Async-Request: True` (the docs' curl), any case. */
function isAsyncRequest(request: RequestContext): boolean {
  return header(request, 'elements-async-request')?.trim().toLowerCase() === 'true';
}

export interface AsyncStores {
  instances: InstanceStore;
  emitter: EventEmitter;
}

/** The reply's JSON, else its text (an empty body is null). */
function replyValue(body: string): unknown {
  if (body === '') return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Hub handlers that also run asynchronously: with `Elements-Async-Request: true`, the call is
 * answered `{"eventId", "eventStatus": "dispatched"}` at once, then run, and its answer delivered
 * to `Elements-Async-Callback-Url`, else the instance's callback URL; with neither, "an error
 * will be returned" (tips.md L73-76): 400.
 */
export function withAsyncRequests<Name extends string>(handlers: Handlers<Name>, { instances, emitter }: AsyncStores): Handlers<Name> {
  const wrap =
    (handler: Handler): Handler =>
    async (request) => {
      if (!isAsyncRequest(request)) return handler(request);
      const instance = instanceForHubCall(instances, request);
      const url = header(request, 'elements-async-callback-url')?.trim() || instanceCallbackUrl(instance);
      if (url === undefined) {
        throw new ApiError(400, 'An asynchronous request needs a callback URL: send the Elements-Async-Callback-Url header, or set the instance’s event.notification.callback.url; neither is set.');
      }
      const problem = callbackUrlProblem(url);
      if (problem) throw new ApiError(400, `The asynchronous request cannot be delivered: ${problem}.`);
      const body = await request.body();
      const record = emitter.startAsync(instance);
      void (async () => {
        let value: unknown;
        try {
          const reply = await handler({ ...request, body: () => Promise.resolve(body) });
          value = replyValue(reply.body);
        } catch (error) {
          value = { message: error instanceof ApiError ? error.message : 'The emulator failed to handle this request.', requestId: request.requestId };
        }
        emitter.asyncResult(instance, record, url, value);
      })();
      return jsonReply(200, { eventId: record.id, eventStatus: 'dispatched' });
    };
  return Object.fromEntries(Object.entries<Handler>(handlers).map(([name, handler]) => [name, wrap(handler)])) as Handlers<Name>;
}
