/**
 * `/instances` and `/elements/{keyOrId}/instances`: create, list (paged, `tags[]`), read, update
 * (`PUT` without `reAuthenticate=true`, `PATCH`), re-authenticate (`PUT …?reAuthenticate=true`),
 * delete, enable and disable, the configuration entries; and the same through the Element token
 * without an id (`PUT`/`PATCH /instances`, `/instances/enabled`, `/instances/configuration`).
 */
import { missingRequired } from '../core/instanceFile/requirements';
import { credentialsOf, INVALID_AUTH_MESSAGE } from './auth';
import type { EmulatorServices, Handler, RequestContext } from './context';
import { EMULATED_FLOWS } from './flowTypes';
import { ApiError, emptyJsonReply, jsonReply, jsonTextReply } from './http';
import { configurationEntries, patchedValue, requireEntry } from './instanceConfiguration';
import { toPublicInstance, type StoredInstance } from './instances';
import { booleanParameter, PAGING_PARAMETERS, pageHeaders, pageOfSorted, refuseUnknownParameters } from './paging';
import { buildInstance, externalAuthenticationOf, instanceConfiguration, type Authorization } from './provisioning';
import { stripMarkup } from './sanitize';
import { elementReference, parseJsonBody, validateInstanceBody, validatePatch, type InstanceBodyOptions, type InstanceInput } from './validation';

/** The documented public shape, the element described as the catalog has it now, secrets masked. */
export function publicInstance(services: EmulatorServices, record: StoredInstance) {
  const element = services.elements.find(record.element.key);
  return toPublicInstance(record, element && services.elements.summary(element), services.elements.secretKeys(record.element.key));
}

/**
 * An instance's public JSON, written once per stored record: a change replaces the record (the
 * store never changes one in place), so a list serializes only records it has not shown yet.
 */
const publicJson = new WeakMap<StoredInstance, string>();

function publicInstanceJson(services: EmulatorServices, record: StoredInstance): string {
  let json = publicJson.get(record);
  if (json === undefined) publicJson.set(record, (json = JSON.stringify(publicInstance(services, record))));
  return json;
}

function instanceReply(services: EmulatorServices, record: StoredInstance) {
  return jsonTextReply(200, publicInstanceJson(services, record));
}

async function jsonBody(request: RequestContext): Promise<unknown> {
  return parseJsonBody(await request.body());
}

/** What the authorization's earlier calls carried (an OAuth 1 request token's), by the flow's type. */
function grantedConfiguration(services: EmulatorServices): NonNullable<InstanceBodyOptions['granted']> {
  return (element, flow, providerData) => EMULATED_FLOWS[flow.type].granted(services.grants, element, providerData);
}

function authorize(services: EmulatorServices, input: InstanceInput): Authorization {
  return EMULATED_FLOWS[input.flow.type].authorize(input, services.grants);
}

/**
 * The instance a request is about: the Element token's (routes without an id), else the path's
 * id — under `/elements/{keyOrId}/instances/{id}` only an instance of that element.
 */
export function instanceOfRequest(services: EmulatorServices, request: RequestContext): StoredInstance {
  if (request.params.id === undefined) return tokenInstance(services, request);
  const record = services.instances.require(request.params.id);
  if (request.params.keyOrId !== undefined) {
    const element = services.elements.require(request.params.keyOrId);
    if (record.element.key !== element.key) throw new ApiError(404, `No ${element.key} instance found with id '${record.id}'.`);
  }
  return record;
}

/** The instance whose token is the `Element <token>` part of Authorization (with the account's User and Organization). */
function tokenInstance(services: EmulatorServices, request: RequestContext): StoredInstance {
  const { element: token } = credentialsOf(request.headers.authorization);
  if (token === undefined) {
    throw new ApiError(401, `${INVALID_AUTH_MESSAGE} A call without an instance id needs the instance's token: Authorization: User …, Organization …, Element <instance token>.`);
  }
  const record = services.instances.byToken(token);
  if (!record) throw new ApiError(401, INVALID_AUTH_MESSAGE);
  return record;
}

function createInstance(services: EmulatorServices, body: unknown) {
  const input = validateInstanceBody(body, services.elements, { nameRequired: true, granted: grantedConfiguration(services) });
  const authorization = authorize(services, input);
  const created = services.instances.add(buildInstance(input, authorization.entries, services.elements));
  authorization.consume();
  return instanceReply(services, created);
}

export function createInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => createInstance(services, await jsonBody(request));
}

/** `POST /elements/{keyOrId}/instances`: the element comes from the path; a body naming another one is refused. */
export function createElementInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const element = services.elements.require(request.params.keyOrId!);
    const body = await jsonBody(request);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return createInstance(services, body);
    const named = (body as { element?: unknown }).element;
    if (named !== undefined) {
      const other = elementReference(named, services.elements);
      if (other.key !== element.key) {
        throw new ApiError(400, `The body names element '${other.key}' but the path names '${element.key}': leave "element" out, or make them agree.`);
      }
    }
    return createInstance(services, { ...body, element: { key: element.key } });
  };
}

/** `GET /instances` takes these, and nothing it would ignore (a parameter it cannot honour is a 400 naming it). */
export const INSTANCE_LIST_PARAMETERS = ['tags[]', 'hydrate', ...PAGING_PARAMETERS] as const;

/**
 * `GET /instances` and `GET /elements/{keyOrId}/instances`: paged by id; `tags[]=a&tags[]=b`
 * keeps the instances that have every tag given (Cloud Elements' own "search tags" test, churros
 * `src/test/platform/elements/instances.js`); `hydrate` is accepted (the emulator's instances are
 * always the documented full shape).
 */
export function listInstancesHandler(services: EmulatorServices): Handler {
  return (request) => {
    const route = request.params.keyOrId === undefined ? 'GET /instances' : 'GET /elements/{keyOrId}/instances';
    refuseUnknownParameters(request.query, route, INSTANCE_LIST_PARAMETERS);
    booleanParameter(request.query, 'hydrate');
    const element = request.params.keyOrId === undefined ? undefined : services.elements.require(request.params.keyOrId);
    const tags = request.query.getAll('tags[]').map(stripMarkup);
    if (tags.some((tag) => tag.trim() === '')) throw new ApiError(400, 'tags[] needs a tag: tags[]=<tag>, once per tag.');
    const { instances } = services;
    // Start from the rarest tag's ids: a filtered page reads only the instances that have it.
    const positions = tags.length === 0 ? instances.ids() : tags.map((tag) => instances.idsTagged(tag)).reduce((a, b) => (b.length < a.length ? b : a));
    const accept = (record: StoredInstance) =>
      (element === undefined || record.element.key === element.key) && tags.every((tag) => record.tags?.includes(tag) ?? false);
    const page = pageOfSorted(positions, (id) => instances.get(id), accept, request.query, 'instances');
    return jsonTextReply(200, `[${page.items.map((record) => publicInstanceJson(services, record)).join(',')}]`, pageHeaders(page, request.query));
  };
}

export function getInstanceHandler(services: EmulatorServices): Handler {
  return (request) => instanceReply(services, instanceOfRequest(services, request));
}

/** Name, tags, disabled and configuration (merged, required entries checked): an update, never a re-authorization. */
function update(services: EmulatorServices, record: StoredInstance, body: unknown): StoredInstance {
  const patch = validatePatch(body, record, services.elements);
  if (patch.configuration) {
    const element = services.elements.find(record.element.key);
    const flow = element && services.elements.flow(element, record.flow);
    const merged = { ...record.configuration, ...patch.configuration };
    const missing = flow ? missingRequired(flow, { configuration: merged }).configuration : [];
    if (missing.length > 0) throw new ApiError(400, `Missing required configuration entries: ${missing.join(', ')}.`);
  }
  return services.instances.update(record.id, (target) => {
    if (patch.name !== undefined) target.name = patch.name;
    if (patch.tags !== undefined) target.tags = patch.tags;
    if (patch.disabled !== undefined) target.disabled = patch.disabled;
    if (patch.configuration) target.configuration = { ...target.configuration, ...patch.configuration };
  });
}

/** `PATCH /instances/{id}` (and by the Element token): a partial update. */
export function patchInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => {
    if (booleanParameter(request.query, 'reAuthenticate')) {
      throw new ApiError(400, 'PATCH does not re-authorize an instance: send the full instance body with PUT …?reAuthenticate=true.');
    }
    const record = instanceOfRequest(services, request);
    return instanceReply(services, update(services, record, await jsonBody(request)));
  };
}

/**
 * `PUT /instances/{id}` (and by the Element token): an update with a new name, tags or
 * configuration (devportal `docs/platform-api/instances/index.md`, "PUT /instances/{id}"); with
 * `reAuthenticate=true`, a new authorization for the same element, keeping the id and token.
 */
export function putInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const record = instanceOfRequest(services, request);
    const body = await jsonBody(request);
    if (!booleanParameter(request.query, 'reAuthenticate')) return instanceReply(services, update(services, record, body));
    const input = validateInstanceBody(body, services.elements, { nameRequired: false, granted: grantedConfiguration(services) });
    if (input.element.key !== record.element.key) {
      throw new ApiError(400, `Instance ${record.id} is a ${record.element.key} instance; it cannot be re-authorized as '${input.element.key}'.`);
    }
    const authorization = authorize(services, input);
    const updated = services.instances.update(record.id, (target) => {
      if (input.name !== undefined) target.name = input.name;
      if (input.tags !== undefined) target.tags = input.tags;
      target.configuration = instanceConfiguration(input, authorization.entries);
      if (input.providerData !== undefined) target.providerData = input.providerData;
      else delete target.providerData;
      target.flow = input.flow.type;
      target.externalAuthentication = externalAuthenticationOf(input);
      target.valid = true;
    });
    authorization.consume();
    return instanceReply(services, updated);
  };
}

export function deleteInstanceHandler(services: EmulatorServices): Handler {
  return (request) => {
    services.instances.remove(instanceOfRequest(services, request).id);
    return emptyJsonReply(200);
  };
}

/** `PUT`/`DELETE /instances/{id}/enabled`, and `/instances/enabled` for the Element token's instance. */
export function setEnabledHandler(services: EmulatorServices, enabled: boolean): Handler {
  return (request) => {
    const record = instanceOfRequest(services, request);
    return instanceReply(services, services.instances.update(record.id, (target) => (target.disabled = !enabled)));
  };
}

function entriesOf(services: EmulatorServices, record: StoredInstance) {
  return configurationEntries(record, services.elements.find(record.element.key), services.elements.secretKeys(record.element.key));
}

/** `GET /instances/{id}/configuration` (and `/instances/configuration` by the Element token). */
export function listConfigurationHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, entriesOf(services, instanceOfRequest(services, request)));
}

/** `GET /instances/{id}/configuration/{configId}`. */
export function getConfigurationHandler(services: EmulatorServices): Handler {
  return (request) => {
    const record = instanceOfRequest(services, request);
    return jsonReply(200, requireEntry(entriesOf(services, record), request.params.configId!, record));
  };
}

/** `PATCH /instances/{id}/configuration/{configId}`: the entry with a new propertyValue. */
export function patchConfigurationHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const record = instanceOfRequest(services, request);
    const entry = requireEntry(entriesOf(services, record), request.params.configId!, record);
    const value = patchedValue(await jsonBody(request), entry);
    const updated = services.instances.update(record.id, (target) => (target.configuration = { ...target.configuration, [entry.key]: value }));
    return jsonReply(200, requireEntry(entriesOf(services, updated), request.params.configId!, updated));
  };
}
