/**
 * `/hubs/{hub}/{resource}[/{id}]` on one instance (`Authorization: Element <token>, User …,
 * Organization …`): list with paging and a simple `where`, get, create, update (PATCH), replace
 * (PUT) and delete, in memory, starting from the instance's deterministic sample records.
 */
import { INVALID_AUTH_MESSAGE, parseAuthorization } from '../auth';
import type { EmulatorServices, RequestContext } from '../context';
import { ApiError, apiErrorReply, emptyJsonReply, jsonReply, type Reply } from '../http';
import type { StoredInstance } from '../instances';
import { pageHeaders, paginate } from '../paging';
import { parseJsonBody } from '../validation';
import { findResource, READ_ONLY_FIELDS, resourcesOf, type FieldSpec, type ResourceSpec } from './hubModel';
import { recordId, sampleRecords, type HubRecord } from './sampleData';
import { matchesWhere, parseWhere } from './where';

/** A resource keeps at most this many records per instance: the emulator's memory is not a test of patience. */
export const MAX_RECORDS = 1000;
/** Bodies nested deeper than this are refused, so nothing later recurses without bound. */
const MAX_BODY_DEPTH = 20;

interface Table {
  records: Map<string, { position: number; record: HubRecord }>;
  nextSequence: number;
}

/**
 * The instances' hub records, by instance token (ids are reused after a reset; tokens are not),
 * then by resource. Created on first use from {@link sampleRecords}.
 */
export class HubData {
  private readonly tables = new Map<string, Map<string, Table>>();

  table(instance: StoredInstance, spec: ResourceSpec): Table {
    let byResource = this.tables.get(instance.token);
    if (!byResource) this.tables.set(instance.token, (byResource = new Map()));
    let table = byResource.get(spec.name);
    if (!table) {
      const records = sampleRecords(spec, `${instance.element.key}#${instance.id}`);
      table = { records: new Map(records.map((record, i) => [String(record.id), { position: i + 1, record }])), nextSequence: records.length + 1 };
      byResource.set(spec.name, table);
    }
    return table;
  }
}

/** The instance the Element token names, checked like `GET /hubs/{hub}/ping`: 401, 404 other hub, 403 disabled, 401 invalid. */
export function instanceForHubCall(services: EmulatorServices, request: RequestContext): StoredInstance {
  const { element: token } = parseAuthorization(request.headers.authorization);
  const instance = token ? services.instances.byToken(token) : undefined;
  if (!instance) throw new ApiError(401, INVALID_AUTH_MESSAGE);
  const hub = request.params.hub!;
  const instanceHub = hubOf(services, instance);
  if (instanceHub !== hub) {
    throw new ApiError(404, `The ${instance.element.key} instance belongs to the '${instanceHub}' hub; call /hubs/${instanceHub}/….`);
  }
  if (instance.disabled) throw new ApiError(403, `Instance ${instance.id} is disabled; enable it with PUT /instances/${instance.id}/enabled.`);
  if (!instance.valid) {
    throw new ApiError(
      401,
      `Instance ${instance.id} is not valid: its authorization with ${instance.element.name} has expired; re-authorize it with PUT /instances/${instance.id}?reAuthenticate=true.`,
      'invalid_token: the access token has expired',
    );
  }
  return instance;
}

export function hubOf(services: EmulatorServices, instance: StoredInstance): string {
  return instance.element.hub ?? services.elements.find(instance.element.key)?.hub ?? 'general';
}

function resourceOf(hub: string, name: string): ResourceSpec {
  const spec = findResource(hub, name);
  if (spec) return spec;
  throw new ApiError(404, `The ${hub} hub has no resource by the name in the path; its resources are ${resourcesOf(hub).map((r) => r.name).join(', ')}.`);
}

function requireRecord(table: Table, spec: ResourceSpec, id: string): HubRecord {
  const entry = table.records.get(id);
  if (!entry) throw new ApiError(404, `No ${spec.singular} found with the id in the path.`);
  return entry.record;
}

export function hubHandlers(services: EmulatorServices, data: HubData) {
  const context = (request: RequestContext) => {
    const instance = instanceForHubCall(services, request);
    const spec = resourceOf(request.params.hub!, request.params.resource!);
    return { spec, table: data.table(instance, spec) };
  };

  return {
    list(request: RequestContext): Reply {
      const { spec, table } = context(request);
      const where = parseWhere(request.query.get('where') ?? '', spec);
      const matching = [...table.records.values()].filter(({ record }) => matchesWhere(record, where)).sort((a, b) => a.position - b.position);
      const page = paginate(matching, (entry) => entry.position, request.query, `hub:${spec.name}`);
      return jsonReply(200, page.items.map((entry) => entry.record), { ...pageHeaders(page), 'Elements-Returned-Count': String(page.items.length) });
    },

    get(request: RequestContext): Reply {
      const { spec, table } = context(request);
      return jsonReply(200, requireRecord(table, spec, request.params.id!));
    },

    async create(request: RequestContext): Promise<Reply> {
      if (request.params.resource === 'ping') {
        // As before these routes existed: /hubs/{hub}/ping answers GET only.
        const reply = apiErrorReply(405, `${request.method} is not supported on ${request.path} (use GET).`, request.requestId);
        return { ...reply, headers: { ...reply.headers, Allow: 'GET' } };
      }
      const { spec, table } = context(request);
      const fields = await recordBody(request, spec, { complete: true });
      if (table.records.size >= MAX_RECORDS) throw new ApiError(400, `This instance already has ${MAX_RECORDS} ${spec.name}, the emulator's limit; delete some first.`);
      const sequence = table.nextSequence++;
      const id = recordId(sequence);
      const record: HubRecord = Object.fromEntries([['id', id], ...Object.entries(fields), ['createdDate', now()], ['modifiedDate', now()]]);
      table.records.set(id, { position: sequence, record });
      return jsonReply(200, record);
    },

    /** PATCH merges the given fields; PUT replaces every field but the id and created date. */
    update(replace: boolean) {
      return async (request: RequestContext): Promise<Reply> => {
        const { spec, table } = context(request);
        const id = request.params.id!;
        const existing = requireRecord(table, spec, id);
        const fields = await recordBody(request, spec, { complete: replace });
        const kept = replace ? { id: existing.id, createdDate: existing.createdDate } : existing;
        const record: HubRecord = Object.fromEntries([...Object.entries(kept), ...Object.entries(fields), ['modifiedDate', now()]]);
        table.records.set(id, { position: table.records.get(id)!.position, record });
        return jsonReply(200, record);
      };
    },

    delete(request: RequestContext): Reply {
      const { spec, table } = context(request);
      requireRecord(table, spec, request.params.id!);
      table.records.delete(request.params.id!);
      return emptyJsonReply(200);
    },
  };
}

function now(): string {
  return new Date().toISOString();
}

/** The fields of a body: a JSON object; known fields type-checked; read-only fields dropped; `complete` requires the required ones. */
async function recordBody(request: RequestContext, spec: ResourceSpec, options: { complete: boolean }): Promise<HubRecord> {
  const text = await request.body();
  if (text.trim() === '') throw new ApiError(400, `The request body is empty: send the ${spec.singular} as a JSON object.`);
  const value = parseJsonBody(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, `The request body must be a JSON object (a ${spec.singular}).`);
  if (depthOf(value) > MAX_BODY_DEPTH) throw new ApiError(400, `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
  const readOnly = new Set(READ_ONLY_FIELDS.map((field) => field.name));
  const entries = Object.entries(value as HubRecord).filter(([name]) => !readOnly.has(name));
  for (const [name, item] of entries) {
    const field = spec.fields.find((candidate) => candidate.name === name);
    if (field) checkField(field, item, spec);
  }
  if (options.complete) {
    const missing = spec.fields.filter((field) => field.required && !entries.some(([name, item]) => name === field.name && item !== null && item !== ''));
    if (missing.length > 0) throw new ApiError(400, `Missing required field${missing.length > 1 ? 's' : ''} of the ${spec.singular}: ${missing.map((field) => field.name).join(', ')}.`);
  }
  return Object.fromEntries(entries);
}

function checkField(field: FieldSpec, value: unknown, spec: ResourceSpec): void {
  if (value === null) return;
  const expected = ((): string => {
    switch (field.kind) {
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'address':
        return 'object';
      default:
        return 'string';
    }
  })();
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (actual !== expected || (field.kind === 'integer' && !Number.isInteger(value))) {
    throw new ApiError(400, `Field '${field.name}' of the ${spec.singular} must be ${field.kind === 'integer' ? 'a whole number' : `a ${expected}`}, not ${actual === 'object' ? 'an object' : `a ${actual}`}.`);
  }
  if (field.values && !field.values.includes(value as string)) {
    throw new ApiError(400, `Field '${field.name}' of the ${spec.singular} must be one of ${field.values.join(', ')}.`);
  }
}

/** How deeply a parsed JSON value nests, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}
