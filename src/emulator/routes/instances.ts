/**
 * `/instances` and `/elements/{keyOrId}/instances`: create, list (paged, `tags[]`), read, update
 * (`PUT` without `reAuthenticate=true`, `PATCH`), re-authenticate (`PUT …?reAuthenticate=true`),
 * delete, enable and disable; and the same through the Element token without an id (`PUT`/`PATCH
 * /instances`, `/instances/enabled`). The configuration entries are `configuration.ts`.
 */
import { missingRequired } from '../../core/instanceFile/requirements';
import type { Handlers, RequestContext } from '../base/context';
import { ApiError, emptyJsonReply, jsonTextReply } from '../base/http';
import { jsonObject, parseJsonBody } from '../base/jsonBody';
import { PAGING_PARAMETERS, pageHeaders, pageOfSorted } from '../base/paging';
import { booleanParameter, refuseUnknownParameters } from '../base/query';
import { stripMarkup } from '../base/sanitize';
import { EMULATED_FLOWS } from '../platform/flowTypes';
import { elementReference, validateInstanceBody, validatePatch, type InstanceBodyOptions } from '../platform/instanceBody';
import { instanceOfRequest } from '../platform/instanceCalls';
import type { InstanceInput } from '../platform/instanceInput';
import { buildInstance, externalAuthenticationOf, instanceConfiguration } from '../platform/instanceRecord';
import type { ElementDirectory } from '../stores/elements';
import type { OAuthGrants } from '../stores/grants';
import { toPublicInstance, type InstanceStore, type StoredInstance } from '../stores/instances';

export interface InstanceStores {
  elements: ElementDirectory;
  instances: InstanceStore;
  /** The fake providers' codes and request tokens, which a create or a re-authentication exchanges. */
  grants: OAuthGrants;
}

/** `GET /instances` takes these, and nothing it would ignore (a parameter it cannot honour is a 400 naming it). */
export const INSTANCE_LIST_PARAMETERS = ['tags[]', 'hydrate', ...PAGING_PARAMETERS] as const;

async function jsonBody(request: RequestContext): Promise<unknown> {
  return parseJsonBody(await request.body());
}

export function instanceRoutes(stores: InstanceStores): Handlers<'create' | 'createForElement' | 'list' | 'get' | 'patch' | 'put' | 'delete' | 'enable' | 'disable'> {
  const { elements, instances, grants } = stores;

  /**
   * An instance's public JSON (the documented shape, the element described as the catalog has it
   * now, secrets masked), written once per stored record: a change replaces the record (the store
   * never changes one in place), so a list serializes only records it has not shown yet.
   */
  const publicJson = new WeakMap<StoredInstance, string>();
  const publicInstanceJson = (record: StoredInstance): string => {
    let json = publicJson.get(record);
    if (json === undefined) {
      const element = elements.find(record.element.key);
      json = JSON.stringify(toPublicInstance(record, element && elements.summary(element), elements.secretKeys(record.element.key)));
      publicJson.set(record, json);
    }
    return json;
  };
  const instanceReply = (record: StoredInstance) => jsonTextReply(200, publicInstanceJson(record));

  /** What the authorization's earlier calls carried (an OAuth 1 request token's), by the flow's type. */
  const granted: NonNullable<InstanceBodyOptions['granted']> = (element, flow, providerData) => EMULATED_FLOWS[flow.type].granted(grants, element, providerData);
  const authorize = (input: InstanceInput) => EMULATED_FLOWS[input.flow.type].authorize(input, grants);

  const create = (body: unknown) => {
    const input = validateInstanceBody(body, elements, { nameRequired: true, granted });
    const authorization = authorize(input);
    const created = instances.add(buildInstance(input, authorization.entries, elements));
    authorization.consume();
    return instanceReply(created);
  };

  /** Name, tags, disabled and configuration (merged, required entries checked): an update, never a re-authorization. */
  const update = (record: StoredInstance, body: unknown): StoredInstance => {
    const patch = validatePatch(body, record, elements);
    if (patch.configuration) {
      const element = elements.find(record.element.key);
      const flow = element && elements.flow(element, record.flow);
      const merged = { ...record.configuration, ...patch.configuration };
      const missing = flow ? missingRequired(flow, { configuration: merged }).configuration : [];
      if (missing.length > 0) throw new ApiError(400, `Missing required configuration entries: ${missing.join(', ')}.`);
    }
    return instances.update(record.id, (target) => {
      if (patch.name !== undefined) target.name = patch.name;
      if (patch.tags !== undefined) target.tags = patch.tags;
      if (patch.disabled !== undefined) target.disabled = patch.disabled;
      if (patch.configuration) target.configuration = { ...target.configuration, ...patch.configuration };
    });
  };

  /** `PUT`/`DELETE /instances/{id}/enabled`, and `/instances/enabled` for the Element token's instance. */
  const setEnabled = (enabled: boolean) => (request: RequestContext) => {
    const record = instanceOfRequest(stores, request);
    return instanceReply(instances.update(record.id, (target) => (target.disabled = !enabled)));
  };

  return {
    create: async (request) => create(await jsonBody(request)),

    /** `POST /elements/{keyOrId}/instances`: the element comes from the path; a body naming another one is refused. */
    createForElement: async (request) => {
      const element = elements.require(request.params.keyOrId!);
      const value = await jsonBody(request);
      const body = jsonObject(value);
      if (!body) return create(value);
      if (body.element !== undefined) {
        const other = elementReference(body.element, elements);
        if (other.key !== element.key) {
          throw new ApiError(400, `The body names element '${other.key}' but the path names '${element.key}': leave "element" out, or make them agree.`);
        }
      }
      return create({ ...body, element: { key: element.key } });
    },

    /**
     * `GET /instances` and `GET /elements/{keyOrId}/instances`: paged by id; `tags[]=a&tags[]=b`
     * keeps the instances that have every tag given (Cloud Elements' own "search tags" test, churros
     * `src/test/platform/elements/instances.js`); `hydrate` is accepted (the emulator's instances are
     * always the documented full shape).
     */
    list: (request) => {
      const route = request.params.keyOrId === undefined ? 'GET /instances' : 'GET /elements/{keyOrId}/instances';
      refuseUnknownParameters(request.query, route, INSTANCE_LIST_PARAMETERS);
      booleanParameter(request.query, 'hydrate');
      const element = request.params.keyOrId === undefined ? undefined : elements.require(request.params.keyOrId);
      const tags = request.query.getAll('tags[]').map(stripMarkup);
      if (tags.some((tag) => tag.trim() === '')) throw new ApiError(400, 'tags[] needs a tag: tags[]=<tag>, once per tag.');
      // Start from the rarest tag's ids: a filtered page reads only the instances that have it.
      const positions = tags.length === 0 ? instances.ids() : tags.map((tag) => instances.idsTagged(tag)).reduce((a, b) => (b.length < a.length ? b : a));
      const accept = (record: StoredInstance) =>
        (element === undefined || record.element.key === element.key) && tags.every((tag) => record.tags?.includes(tag) ?? false);
      const page = pageOfSorted(positions, (id) => instances.get(id), accept, request.query, 'instances');
      return jsonTextReply(200, `[${page.items.map(publicInstanceJson).join(',')}]`, pageHeaders(page, request.query));
    },

    get: (request) => instanceReply(instanceOfRequest(stores, request)),

    /** `PATCH /instances/{id}` (and by the Element token): a partial update. */
    patch: async (request) => {
      if (booleanParameter(request.query, 'reAuthenticate')) {
        throw new ApiError(400, 'PATCH does not re-authorize an instance: send the full instance body with PUT …?reAuthenticate=true.');
      }
      const record = instanceOfRequest(stores, request);
      return instanceReply(update(record, await jsonBody(request)));
    },

    /**
     * `PUT /instances/{id}` (and by the Element token): an update with a new name, tags or
     * configuration (devportal `docs/platform-api/instances/index.md`, "PUT /instances/{id}"); with
     * `reAuthenticate=true`, a new authorization for the same element, keeping the id and token.
     */
    put: async (request) => {
      const record = instanceOfRequest(stores, request);
      const body = await jsonBody(request);
      if (!booleanParameter(request.query, 'reAuthenticate')) return instanceReply(update(record, body));
      const input = validateInstanceBody(body, elements, { nameRequired: false, granted });
      if (input.element.key !== record.element.key) {
        throw new ApiError(400, `Instance ${record.id} is a ${record.element.key} instance; it cannot be re-authorized as '${input.element.key}'.`);
      }
      const authorization = authorize(input);
      const updated = instances.update(record.id, (target) => {
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
      return instanceReply(updated);
    },

    delete: (request) => {
      instances.remove(instanceOfRequest(stores, request).id);
      return emptyJsonReply(200);
    },

    enable: setEnabled(true),
    disable: setEnabled(false),
  };
}
