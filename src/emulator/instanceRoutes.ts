/** `/instances`: create, list, read, patch, delete, re-authenticate, enable and disable. */
import { missingRequired } from '../core/instanceFile/requirements';
import type { EmulatorServices, Handler, RequestContext } from './context';
import { ApiError, emptyJsonReply, jsonReply } from './http';
import { toPublicInstance, type StoredInstance } from './instances';
import { pageHeaders, paginate } from './paging';
import { authorize, buildInstance, externalAuthenticationOf } from './provisioning';
import { parseJsonBody, validateInstanceBody, validatePatch } from './validation';

function instanceReply(record: StoredInstance) {
  return jsonReply(200, toPublicInstance(record));
}

async function jsonBody(request: RequestContext): Promise<unknown> {
  return parseJsonBody(await request.body());
}

export function createInstanceHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const input = validateInstanceBody(await jsonBody(request), services.elements, { nameRequired: true });
    const authorization = authorize(input, services.grants);
    const created = services.instances.add(buildInstance(input, authorization.entries, services.elements));
    authorization.consume();
    return instanceReply(created);
  };
}

export function listInstancesHandler(services: EmulatorServices): Handler {
  return (request) => {
    const page = paginate(services.instances.list(), (record) => record.id, request.query, 'instances');
    return jsonReply(200, page.items.map(toPublicInstance), pageHeaders(page));
  };
}

export function getInstanceHandler(services: EmulatorServices): Handler {
  return (request) => instanceReply(services.instances.require(request.params.id!));
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
    return instanceReply(updated);
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
    const input = validateInstanceBody(await jsonBody(request), services.elements, { nameRequired: false });
    if (input.element.key !== record.element.key) {
      throw new ApiError(400, `Instance ${record.id} is a ${record.element.key} instance; it cannot be re-authorized as '${input.element.key}'.`);
    }
    const authorization = authorize(input, services.grants);
    const updated = services.instances.update(record.id, (target) => {
      if (input.name !== undefined) target.name = input.name;
      if (input.tags !== undefined) target.tags = input.tags;
      target.configuration = { ...input.configuration, ...authorization.entries };
      if (input.providerData !== undefined) target.providerData = input.providerData;
      else delete target.providerData;
      target.flow = input.flow.type;
      target.externalAuthentication = externalAuthenticationOf(input);
      target.valid = true;
    });
    authorization.consume();
    return instanceReply(updated);
  };
}

export function setEnabledHandler(services: EmulatorServices, enabled: boolean): Handler {
  return (request) => {
    const record = services.instances.require(request.params.id!);
    return instanceReply(services.instances.update(record.id, (target) => (target.disabled = !enabled)));
  };
}
