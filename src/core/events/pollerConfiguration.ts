/**
 * A JSON poller configuration as a value: read from what an instance holds (a JSON string, or the
 * object the docs' requests send: "Accept both on input", both in devportal
 * docs/guides/event-management/provisioning-apis.md L41-74 and the stored defaultValue of
 * docs/guides/elements/events.md L85-101), and generated from chosen resources.
 */
import { parseJsonTree } from '../instanceFile/jsonTree';
import { datePatternProblem } from './dateFormat';
import { checkPollerConfiguration } from './pollerChecks';
import type { EventProblem } from './problems';

export interface PolledResource {
  name: string;
  url: string;
  idField?: string;
  /** Default true ("This field defaults to true": _archive/events/polling.md L48). */
  filterByUpdatedDate: boolean;
  /** Default false: the docs call it optional and describe only what true does. */
  filterByCurrentDate: boolean;
  createdCheckTolerance?: number;
  pageSize?: number;
  /** Default 0 ("defaults to 0": _archive/events/polling.md L59). */
  pollDelay: number;
  dates: {
    updatedDateField?: string;
    updatedDateFormat?: string;
    updatedDateTimezone?: string;
    createdDateField?: string;
    createdDateFormat?: string;
    createdDateTimezone?: string;
  };
}

export type PollerConfigurationRead =
  /** `resources`: those with a url; `problems`: everything the lint rules would say, in `text`. */
  | { ok: true; text: string; resources: PolledResource[]; problems: EventProblem[] }
  | { ok: false; message: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (object: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
const string = (value: unknown) => (typeof value === 'string' ? value : undefined);
const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/** Reads `event.poller.configuration` as an instance holds it. Never throws. */
export function readPollerConfiguration(value: unknown): PollerConfigurationRead {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (isObject(value)) {
    try {
      text = JSON.stringify(value);
    } catch {
      return { ok: false, message: 'event.poller.configuration cannot be written as JSON' };
    }
  } else return { ok: false, message: 'event.poller.configuration is a JSON object, or a string holding one' };
  const tree = parseJsonTree(text);
  const error = tree.errors[0];
  if (error) return { ok: false, message: `event.poller.configuration is not valid JSON (first error at character ${error.offset + 1})` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'event.poller.configuration is not valid JSON' };
  }
  if (typeof parsed === 'string' && parsed.trim().startsWith('{')) return { ok: false, message: 'event.poller.configuration is JSON encoded twice: a string of JSON whose value is itself a string of JSON' };
  if (!isObject(parsed)) return { ok: false, message: 'event.poller.configuration is an object of polled resources' };
  const problems = checkPollerConfiguration(text, tree.root, (object) => tree.properties.of(object));
  const resources: PolledResource[] = [];
  // In the text's order (Object.entries would put names like "0" first).
  const names = tree.root?.type === 'object' ? tree.properties.of(tree.root).unique().map((property) => property.key.value) : [];
  for (const name of names) {
    const resource = own(parsed, name);
    if (!isObject(resource)) continue;
    const url = string(own(resource, 'url'));
    if (url === undefined) continue;
    const dates = own(resource, 'datesConfiguration');
    const date = (field: string) => (isObject(dates) ? string(own(dates, field)) : undefined);
    const optional = {
      idField: string(own(resource, 'idField')),
      createdCheckTolerance: count(own(resource, 'createdCheckTolerance')),
      pageSize: count(own(resource, 'pageSize')),
    };
    const datesRead = {
      updatedDateField: date('updatedDateField'),
      updatedDateFormat: date('updatedDateFormat'),
      updatedDateTimezone: date('updatedDateTimezone'),
      createdDateField: date('createdDateField'),
      createdDateFormat: date('createdDateFormat'),
      createdDateTimezone: date('createdDateTimezone'),
    };
    resources.push({
      name,
      url,
      ...withoutUndefined(optional),
      filterByUpdatedDate: own(resource, 'filterByUpdatedDate') !== false,
      filterByCurrentDate: own(resource, 'filterByCurrentDate') === true,
      pollDelay: count(own(resource, 'pollDelay')) ?? 0,
      dates: withoutUndefined(datesRead),
    });
  }
  return { ok: true, text, resources, problems };
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** A resource to poll, as the wizard offers it. */
export interface ResourceChoice {
  /** The resource's key in the configuration, e.g. `contacts`. */
  name: string;
  /** The hub path of its find API, e.g. `/hubs/crm/contacts`. */
  path: string;
  /** The JSON path of each record's id; default `id`. */
  idField?: string;
  dates?: {
    /** The JSON path of the updated date in each record. */
    updatedField: string;
    createdField?: string;
    /** How both dates are written: a Java date pattern or `milliseconds`; default yyyy-MM-dd'T'HH:mm:ssXXX. */
    format?: string;
    /** The query field the url compares with the last poll time; without it the url has no where clause. */
    whereField?: string;
  };
}

export const DEFAULT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ssXXX";

const PATH = /^\/[^\s'?#{}$]*$/;
const FIELD = /^[A-Za-z_][\w.]*$/;

/**
 * The JSON poller configuration for the chosen resources, as the platform stores it (a compact
 * JSON string). Without a where field the url has no where clause: "Enter the URL without a
 * where clause. Cloud Elements will check the response 20 records at a time, and look for records
 * updated after the last polling time" (devportal docs/guides/elements/events.md L206-209). With
 * one, the url compares it with `${gmtDate:<format>}`, as the docs recommend. Throws a RangeError
 * naming the choice that cannot be written.
 */
export function generatePollerConfiguration(choices: readonly ResourceChoice[]): string {
  const configuration = new Map<string, Record<string, unknown>>();
  for (const choice of choices) {
    const name = choice.name;
    if (name.trim() === '') throw new RangeError('A polled resource needs a name');
    if (configuration.has(name)) throw new RangeError(`The resource "${name}" is chosen twice`);
    if (!PATH.test(choice.path)) throw new RangeError(`The path of "${name}" must be a hub path such as /hubs/crm/contacts, without spaces, quotes or a query`);
    const idField = choice.idField ?? 'id';
    if (!FIELD.test(idField)) throw new RangeError(`The id field of "${name}" must be a JSON path such as id or data.id`);
    const resource: Record<string, unknown> = { url: choice.path, idField };
    const dates = choice.dates;
    if (dates) {
      const format = dates.format ?? DEFAULT_DATE_FORMAT;
      if (format !== 'milliseconds' && datePatternProblem(format)) throw new RangeError(`The date format of "${name}" is not a Java date pattern or milliseconds`);
      for (const field of [dates.updatedField, dates.createdField, dates.whereField]) {
        if (field !== undefined && !FIELD.test(field)) throw new RangeError(`The date fields of "${name}" must be JSON paths such as updated_at or _info.lastUpdated`);
      }
      if (dates.whereField) {
        // An epoch is a number, compared unquoted; a formatted date is quoted, as in every docs example.
        resource.url = `${choice.path}?where=${dates.whereField}>=${format === 'milliseconds' ? '${epoch}' : `'\${gmtDate:${format}}'`}`;
      }
      resource.datesConfiguration = {
        updatedDateField: dates.updatedField,
        updatedDateFormat: format,
        ...(dates.createdField && { createdDateField: dates.createdField, createdDateFormat: format }),
      };
    }
    configuration.set(name, resource);
  }
  // Written out in the chosen order (an object would put names like "0" first), "__proto__" as any other name.
  return `{${[...configuration].map(([name, resource]) => `${JSON.stringify(name)}:${JSON.stringify(resource)}`).join(',')}}`;
}
