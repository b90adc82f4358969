/** `/instances`: create, list, read, patch, delete, re-authenticate, enable and disable. */
import { missingRequired } from '../core/instanceFile/requirements';
import { INVALID_AUTH_MESSAGE, parseAuthorization } from './auth';
import type { EmulatorServices, Handler, RequestContext } from './context';
import { EMULATED_FLOWS } from './flowTypes';
import { ApiError, emptyJsonReply, jsonReply } from './http';
import { toPublicInstance, type StoredInstance } from './instances';
import { pageHeaders, paginate } from './paging';
import { buildInstance, externalAuthenticationOf, instanceConfiguration, type Authorization } from './provisioning';
import { elementReference, parseJsonBody, validateInstanceBody, validatePatch, type InstanceBodyOptions, type InstanceInput } from './validation';

/** The documented public shape, the element described as the catalog has it now. */
function publicInstance(services: EmulatorServices, record: StoredInstance) {
  const element = services.elements.find(record.element.key);
  return toPublicInstance(record, element && services.elements.summary(element));
}

function instanceReply(services: EmulatorServices, record: StoredInstance) {
  return jsonReply(200, publicInstance(services, record));
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

/**
 * `PUT` / `DELETE /instances/enabled`: enables or disables the instance whose token is the
 * `Element <token>` part of the Authorization header (with the account's User and Organization).
 */
export function setEnabledByTokenHandler(services: EmulatorServices, enabled: boolean): Handler {
  return (request) => {
    const { element: token } = parseAuthorization(request.headers.authorization);
    if (token === undefined) {
      throw new ApiError(401, `${INVALID_AUTH_MESSAGE} ${request.method} /instances/enabled needs the instance's token: Authorization: Element <instance token>, User …, Organization ….`);
    }
    const record = services.instances.byToken(token);
    if (!record) throw new ApiError(401, INVALID_AUTH_MESSAGE);
    return instanceReply(services, services.instances.update(record.id, (target) => (target.disabled = !enabled)));
  };
}

export function listInstancesHandler(services: EmulatorServices): Handler {
  return (request) => {
    const page = paginate(services.instances.list(), (record) => record.id, request.query, 'instances');
    return jsonReply(200, page.items.map((record) => publicInstance(services, record)), pageHeaders(page));
  };
}

export function getInstanceHandler(services: EmulatorServices): Handler {
  return (request) => instanceReply(services, services.instances.require(request.params.id!));
}

export function patchInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const record = services.instances.require(request.params.id!);
    const patch = validatePatch(await jsonBody(request));
    if (patch.configuration) {
      const element = services.elements.find(record.element.key);
      const flow = element && services.elements.flow(element, record.flow);
      const merged = { ...record.configuration, ...patch.configuration };
      const missing = flow ? missingRequired(flow, { configuration: merged }).configuration : [];
      if (missing.length > 0) throw new ApiError(400, `Missing required configuration entries: ${missing.join(', ')}.`);
    }
    const updated = services.instances.update(record.id, (target) => {
      if (patch.name !== undefined) target.name = patch.name;
      if (patch.tags !== undefined) target.tags = patch.tags;
      if (patch.disabled !== undefined) target.disabled = patch.disabled;
      if (patch.configuration) target.configuration = { ...target.configuration, ...patch.configuration };
    });
    return instanceReply(services, updated);
  };
}

export function deleteInstanceHandler(services: EmulatorServices): Handler {
  return (request) => {
    services.instances.remove(services.instances.require(request.params.id!).id);
    return emptyJsonReply(200);
  };
}

/** `PUT /instances/{id}?reAuthenticate=true`: a new authorization for the same element; id and token stay. */
export function reauthenticateHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const record = services.instances.require(request.params.id!);
    if (request.query.get('reAuthenticate') !== 'true') {
      throw new ApiError(400, 'PUT /instances/{id} re-authorizes an instance: add the query parameter reAuthenticate=true.');
    }
    const input = validateInstanceBody(await jsonBody(request), services.elements, { nameRequired: false, granted: grantedConfiguration(services) });
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

export function setEnabledHandler(services: EmulatorServices, enabled: boolean): Handler {
  return (request) => {
    const record = services.instances.require(request.params.id!);
    return instanceReply(services, services.instances.update(record.id, (target) => (target.disabled = !enabled)));
  };
}
