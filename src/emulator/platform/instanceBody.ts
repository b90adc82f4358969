/**
 * The instance bodies: `POST /instances` (and `PUT …?reAuthenticate=true`), checked against the
 * element's catalog flow, and the body of an update. Messages name the field, never its value.
 */
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { detectFlow, missingRequired } from '../../core/instanceFile/requirements';
import { ApiError } from '../base/http';
import { describeJsonType, jsonObject } from '../base/jsonBody';
import { stripMarkup } from '../base/sanitize';
import type { ElementDirectory } from '../stores/elements';
import type { InstanceInput } from './instanceInput';

/**
 * Configuration entries whose value is JSON text, which a body may send as the JSON object
 * itself: the provisioning guide sends `event.poller.configuration` as an object (devportal
 * `docs/guides/event-management/provisioning-apis.md`, "Polling Configuration"), and the platform
 * keeps it as a string (the element's entry is a `TEXTAREA` holding the JSON text,
 * `docs/guides/elements/events.md`, "Advanced Polling").
 */
const JSON_TEXT_ENTRIES: ReadonlySet<string> = new Set(['event.poller.configuration']);

/**
 * An object of string values. Like the service (whose JSON binding coerces scalars), a number
 * or boolean is taken as its string (`true` → "true") and null as unset; an object given for
 * an entry in `jsonText` is taken as its JSON text; any other object or array is refused,
 * naming the entry.
 */
function stringMap(value: unknown, what: string, jsonText: ReadonlySet<string> = new Set()): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const object = jsonObject(value);
  if (!object) throw new ApiError(400, `${what} must be an object of string values, not ${describeJsonType(value)}.`);
  const strings: Record<string, string> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (entry === null) continue;
    if (typeof entry === 'string') strings[key] = entry;
    else if (typeof entry === 'boolean' || typeof entry === 'number') strings[key] = String(entry);
    else if (jsonText.has(key) && jsonObject(entry)) strings[key] = JSON.stringify(entry);
    else throw new ApiError(400, `${what} entry '${key}' must be a string, not ${describeJsonType(entry)}.`);
  }
  return strings;
}

function stringList(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new ApiError(400, `${what} must be an array of strings.`);
  }
  return value as string[];
}

/** Tags with their markup stripped, as the service stores them (see base/sanitize.ts); empty ones and repeats dropped. */
function sanitizedTags(value: unknown): string[] | undefined {
  const tags = stringList(value, 'tags');
  return tags && [...new Set(tags.map(stripMarkup).filter((tag) => tag.trim() !== ''))];
}

function optionalName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ApiError(400, 'name must be a non-empty string.');
  // Stored without markup, as the service stores it (see base/sanitize.ts).
  const name = stripMarkup(value);
  if (name.trim() === '') throw new ApiError(400, 'name must have some text besides markup (tags are removed from names).');
  return name;
}

/** The element a body's `"element": {"key"}` or `{"id"}` names (404 when unknown, 400 when malformed). */
export function elementReference(value: unknown, elements: ElementDirectory): ElementDefinition {
  const reference = jsonObject(value);
  const key = reference?.key;
  const id = reference?.id;
  if (typeof key === 'string' && key !== '') return elements.require(key);
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return elements.require(String(id));
  throw new ApiError(400, 'Missing element: the body needs "element": {"key": "<element key>"}, e.g. {"key": "xero"}.');
}

export interface InstanceBodyOptions {
  nameRequired: boolean;
  /**
   * Configuration entries the authorization already carries (an OAuth 1 request token's calls),
   * taken when the body leaves them out.
   */
  granted?: (element: ElementDefinition, flow: FlowDefinition, providerData: Record<string, string> | undefined) => Record<string, string>;
}

/** The `POST /instances` (and `PUT ?reAuthenticate=true`) body, checked against the element's catalog flow. */
export function validateInstanceBody(value: unknown, elements: ElementDirectory, options: InstanceBodyOptions): InstanceInput {
  const body = jsonObject(value);
  if (!body) throw new ApiError(400, `The request body must be a JSON object (an instance.json body), not ${describeJsonType(value)}.`);
  const element = elementReference(body.element, elements);
  if (element.flows.length === 0) throw new ApiError(400, `Element '${element.key}' has no provisioning flow in the catalog.`);
  const name = optionalName(body.name);
  if (options.nameRequired && name === undefined) throw new ApiError(400, 'Missing required field: name (the instance name).');
  const given = stringMap(body.configuration, 'configuration', JSON_TEXT_ENTRIES) ?? {};
  const providerData = stringMap(body.providerData, 'providerData');
  const tags = sanitizedTags(body.tags);
  const externalAuthentication = body.externalAuthentication;
  if (externalAuthentication !== undefined && externalAuthentication !== 'initial' && externalAuthentication !== 'none') {
    throw new ApiError(400, `externalAuthentication must be "initial" or "none", not ${describeJsonType(externalAuthentication)}.`);
  }

  const flow = detectFlow(element, { configuration: given, providerData, externalAuthentication });
  const configuration = { ...options.granted?.(element, flow, providerData), ...given };
  const checked = { configuration, providerData, externalAuthentication };
  const missing = missingRequired(flow, checked);
  const problems = [
    missing.configuration.length > 0 && `Missing required configuration entries: ${missing.configuration.join(', ')}`,
    missing.providerData.length > 0 && `Missing required providerData entries: ${missing.providerData.join(', ')}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new ApiError(400, `${problems.join('. ')} (${element.key}, ${flow.label}).`);

  return {
    element,
    flow,
    configuration,
    ...(name !== undefined && { name }),
    ...(providerData !== undefined && { providerData }),
    ...(tags !== undefined && { tags }),
    ...(externalAuthentication !== undefined && { externalAuthentication }),
  };
}

export interface InstancePatch {
  name?: string;
  tags?: string[];
  disabled?: boolean;
  configuration?: Record<string, string>;
}

/**
 * The body of an update — `PATCH /instances/{id}`, and `PUT /instances/{id}` without
 * `reAuthenticate=true` — by the documented examples (devportal
 * `docs/platform-api/instances/index.md`: `PUT` with a new name and tags; `PATCH` with the id
 * and tags): name, tags, disabled and configuration entries (merged). What a client sends back
 * from a GET (id, token, element, user…) is taken if it agrees with the instance; providerData
 * is not exchanged without re-authentication, so it changes nothing.
 */
export function validatePatch(value: unknown, instance?: { id: number; element: { key: string } }, elements?: ElementDirectory): InstancePatch {
  const body = jsonObject(value);
  if (!body) throw new ApiError(400, `The request body must be a JSON object, not ${describeJsonType(value)}.`);
  if (body.disabled !== undefined && typeof body.disabled !== 'boolean') {
    throw new ApiError(400, `disabled must be true or false, not ${describeJsonType(body.disabled)}.`);
  }
  if (instance && body.id !== undefined && String(body.id) !== String(instance.id)) {
    throw new ApiError(400, `The body's id is not ${instance.id}, the instance this path names: leave "id" out, or make them agree.`);
  }
  if (instance && elements && body.element !== undefined) {
    const named = elementReference(body.element, elements);
    if (named.key !== instance.element.key) {
      throw new ApiError(400, `Instance ${instance.id} is a ${instance.element.key} instance; the emulator cannot switch it to another element ('${named.key}').`);
    }
  }
  const name = optionalName(body.name);
  const tags = sanitizedTags(body.tags);
  const configuration = stringMap(body.configuration, 'configuration', JSON_TEXT_ENTRIES);
  return {
    ...(name !== undefined && { name }),
    ...(tags !== undefined && { tags }),
    ...(typeof body.disabled === 'boolean' && { disabled: body.disabled }),
    ...(configuration !== undefined && { configuration }),
  };
}
