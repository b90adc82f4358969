/**
 * An instance's configuration as a list of entries, for `GET /instances/{id}/configuration`,
 * `GET`/`PATCH …/configuration/{configId}` and the same through the Element token without an
 * id (churros `src/test/platform/elements/instances.js`: entries with `id`, `key` and
 * `propertyValue`; a PATCH sends the entry back with a new `propertyValue`). Secret values are
 * masked as in every instance response.
 */
import type { ElementDefinition } from '../../core/catalog/types';
import type { Handlers } from '../base/context';
import { fnv1a } from '../base/hash';
import { ApiError, jsonReply } from '../base/http';
import { jsonObject, parseJsonBody } from '../base/jsonBody';
import { MASKED_VALUE } from '../base/shapes';
import { instanceOfRequest, type InstanceLookup } from '../platform/instanceCalls';
import { configurationFields } from '../stores/elements';
import type { StoredInstance } from '../stores/instances';

export interface ConfigurationEntry {
  /** Stable for the key (its hash), so an entry keeps its id whatever else changes. */
  id: number;
  key: string;
  name: string;
  propertyValue: string | null;
  description: string;
  required: boolean;
}

/** A hash of the key, positive and below 2^31. */
export function entryId(key: string): number {
  return (fnv1a(key) % 0x7ffffffe) + 1;
}

function configurationEntries(record: StoredInstance, element: ElementDefinition | undefined, secretKeys: ReadonlySet<string>): ConfigurationEntry[] {
  const fields = new Map((element ? configurationFields(element) : []).map((field) => [field.key, field]));
  const flow = element?.flows.find((candidate) => candidate.type === record.flow);
  return Object.keys(record.configuration)
    .sort()
    .map((key) => {
      const value = record.configuration[key] ?? null;
      const field = fields.get(key);
      return {
        id: entryId(key),
        key,
        name: field?.label ?? key,
        propertyValue: value !== null && secretKeys.has(key) ? MASKED_VALUE : value,
        description: field?.description ?? field?.label ?? key,
        required: flow?.configuration.some((candidate) => candidate.key === key && candidate.required) ?? false,
      };
    });
}

function requireEntry(entries: readonly ConfigurationEntry[], idText: string, record: StoredInstance): ConfigurationEntry {
  const entry = /^\d{1,10}$/.test(idText) ? entries.find((candidate) => candidate.id === Number(idText)) : undefined;
  if (!entry) throw new ApiError(404, `Instance ${record.id} has no configuration entry with that id; GET /instances/${record.id}/configuration lists them.`);
  return entry;
}

/**
 * The new value of an entry from a PATCH body: the entry as the GET showed it with another
 * `propertyValue` (a string, or null to unset; a number or boolean is taken as its string).
 */
function patchedValue(body: unknown, entry: ConfigurationEntry): string | null {
  const object = jsonObject(body);
  if (!object) throw new ApiError(400, 'The request body must be the configuration entry as a JSON object, with its new propertyValue.');
  const { key, propertyValue } = object;
  if (key !== undefined && key !== entry.key) throw new ApiError(400, `The body's key is not the key of configuration entry ${entry.id} (${entry.key}).`);
  if (propertyValue === undefined) throw new ApiError(400, 'The body has no propertyValue: send the entry with its new propertyValue.');
  if (propertyValue === null) {
    if (entry.required) throw new ApiError(400, `${entry.key} is required by the instance's flow; it cannot be unset.`);
    return null;
  }
  if (typeof propertyValue === 'string') return propertyValue;
  if (typeof propertyValue === 'number' || typeof propertyValue === 'boolean') return String(propertyValue);
  throw new ApiError(400, 'propertyValue must be a string (or null to unset it).');
}

/**
 * `GET /instances/{id}/configuration`, `GET`/`PATCH …/configuration/{configId}`, and the same as
 * `/instances/configuration…` for the Element token's instance.
 */
export function configurationRoutes(stores: InstanceLookup): Handlers<'list' | 'get' | 'patch'> {
  const { elements, instances } = stores;
  const entriesOf = (record: StoredInstance) => configurationEntries(record, elements.find(record.element.key), elements.secretKeys(record.element.key));
  return {
    list: (request) => jsonReply(200, entriesOf(instanceOfRequest(stores, request))),
    get: (request) => {
      const record = instanceOfRequest(stores, request);
      return jsonReply(200, requireEntry(entriesOf(record), request.params.configId!, record));
    },
    /** The entry with a new propertyValue. */
    patch: async (request) => {
      const record = instanceOfRequest(stores, request);
      const entry = requireEntry(entriesOf(record), request.params.configId!, record);
      const value = patchedValue(parseJsonBody(await request.body()), entry);
      const updated = instances.update(record.id, (target) => (target.configuration = { ...target.configuration, [entry.key]: value }));
      return jsonReply(200, requireEntry(entriesOf(updated), request.params.configId!, updated));
    },
  };
}
