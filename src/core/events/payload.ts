/**
 * What an event delivery says, read from its body whatever it holds. Two shapes are documented:
 *
 * - `{"message": {"eventId", "instanceId", "events": [{objectType, objectId, eventType,
 *   elementKey, hubKey, date, pollDate}], "raw", "userId"}}`: what Cloud Elements' tests read
 *   (churros src/test/platform/events/events.js L48-49; formulas read
 *   `trigger.body.message.events[0].objectType`/`.eventType`, big-formula.json L13-37; the
 *   per-event fields, assets/events/single-event-closeio.json; polling reads
 *   `message.raw.objectType`, src/core/suite.js L294-297);
 * - `{"eventId", "instanceId", "response": {"events": [...]}, "notificationId"}`: the guides'
 *   (cloud-elements/devportal docs/guides/event-management/triggering.md L53-71, and async
 *   results, tips.md L56-140).
 *
 * A summary never throws and stays small: at most MAX_EVENTS events, each text at most
 * MAX_TEXT characters (the full body is kept by whoever received it).
 */

export const MAX_EVENTS = 100;
export const MAX_TEXT = 256;

export interface DeliveryEvent {
  elementKey?: string;
  hubKey?: string;
  /** The resource, e.g. `contacts`. */
  objectType?: string;
  objectId?: string;
  /** `CREATED`, `UPDATED`, `DELETED` as documented, or whatever the body says. */
  eventType?: string;
  date?: string;
  pollDate?: string;
  /** Documents-hub events and async results name a path instead of an object id. */
  path?: string;
}

export interface DeliverySummary {
  /** `message`: the wrapped shape; `unwrapped`: the guides'; `unknown`: JSON of neither; `not-json`. */
  shape: 'message' | 'unwrapped' | 'unknown' | 'not-json';
  eventId?: string;
  instanceId?: string;
  notificationId?: string;
  userId?: string;
  /** How many events the body lists (more than `events` holds when over MAX_EVENTS). */
  eventCount: number;
  events: DeliveryEvent[];
  /** The first event's, for a one-line view of the delivery (the resource falls back to `raw.objectType`). */
  element?: string;
  resource?: string;
  eventType?: string;
  objectId?: string;
  date?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property (never one inherited from Object.prototype). */
const own = (object: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** A string or finite number as text, cut to MAX_TEXT; anything else is absent. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  if (value.length <= MAX_TEXT) return value;
  const cut = MAX_TEXT - 1 - (isHighSurrogate(value.charCodeAt(MAX_TEXT - 2)) ? 1 : 0);
  return `${value.slice(0, cut)}…`;
}

function event(value: unknown): DeliveryEvent {
  if (!isObject(value)) return {};
  const result: DeliveryEvent = {};
  const fields = ['elementKey', 'hubKey', 'objectType', 'objectId', 'eventType', 'date', 'pollDate', 'path'] as const;
  for (const field of fields) {
    const found = text(own(value, field));
    if (found !== undefined) result[field] = found;
  }
  return result;
}

const decoder = new TextDecoder('utf-8');

/** The summary of a delivery body (the raw bytes, or their text). */
export function summarizeDelivery(body: string | Uint8Array): DeliverySummary {
  let parsed: unknown;
  try {
    const source = typeof body === 'string' ? body : decoder.decode(body);
    parsed = JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  } catch {
    return { shape: 'not-json', eventCount: 0, events: [] };
  }
  return summarizeDeliveryValue(parsed);
}

/** The summary of a delivery body already parsed from JSON. */
export function summarizeDeliveryValue(body: unknown): DeliverySummary {
  if (!isObject(body)) return { shape: 'unknown', eventCount: 0, events: [] };
  const message = own(body, 'message');
  const wrapped = isObject(message);
  const container = wrapped ? message : body;
  const response = own(container, 'response');
  const listed = own(container, 'events') ?? (isObject(response) ? own(response, 'events') : undefined);
  const list = Array.isArray(listed) ? listed : [];
  const events = list.slice(0, MAX_EVENTS).map(event);
  const recognized = wrapped || own(container, 'eventId') !== undefined || Array.isArray(listed) || isObject(response);
  const summary: DeliverySummary = { shape: wrapped ? 'message' : recognized ? 'unwrapped' : 'unknown', eventCount: list.length, events };
  const ids = { eventId: own(container, 'eventId'), instanceId: own(container, 'instanceId'), notificationId: own(container, 'notificationId'), userId: own(container, 'userId') };
  for (const [field, value] of Object.entries(ids) as Array<[keyof typeof ids, unknown]>) {
    const found = text(value);
    if (found !== undefined) summary[field] = found;
  }
  const first = events[0] ?? {};
  const raw = own(container, 'raw');
  const row = {
    element: first.elementKey ?? text(own(container, 'elementKey')),
    resource: first.objectType ?? text(own(container, 'objectType')) ?? (isObject(raw) ? text(own(raw, 'objectType')) : undefined),
    eventType: first.eventType,
    objectId: first.objectId ?? first.path,
    date: first.date,
  };
  for (const [field, value] of Object.entries(row) as Array<[keyof typeof row, string | undefined]>) if (value !== undefined) summary[field] = value;
  return summary;
}
