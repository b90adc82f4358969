/**
 * `/hubs/{hub}/{resource}[/{id}]` on one instance (`Authorization: User …, Organization …,
 * Element <token>`; `User …, Element …` as the element pages write it): list with paging, CEQL
 * `where`, `orderBy`, `fields` and `page`; get, create, update (PATCH), replace (PUT) and delete,
 * in memory, starting from the instance's deterministic sample records. The Element token picks
 * the instance, and the instance its hub: the hub in the path is not used (Cloud Elements' own
 * test "should ignore any provided hub", churros `src/test/platform/elements/instances.js`).
 * Every answer carries `Elements-Element-Instance-Id` (its "should return element-instance-id on
 * headers").
 */
import { credentialsOf, INVALID_AUTH_MESSAGE } from '../auth';
import { matchesWhere, parseWhere, type CeqlFields } from '../ceql';
import type { EmulatorServices, RequestContext } from '../context';
import { ApiError, apiErrorReply, emptyJsonReply, jsonReply, type Reply } from '../http';
import type { StoredInstance } from '../instances';
import { cursorAfter, DEFAULT_PAGE_SIZE, PAGING_PARAMETERS, pageHeaders, pageSizeOf, paginate, refuseUnknownParameters } from '../paging';
import { parseJsonBody } from '../validation';
import { findResource, READ_ONLY_FIELDS, resourcesOf, type FieldSpec, type ResourceSpec } from './hubModel';
import { recordId, sampleRecords, type HubRecord } from './sampleData';

export const INSTANCE_ID_HEADER = 'Elements-Element-Instance-Id';

/** The query parameters of a hub list (devportal `_includes/ceql-ref.md`, "Query Reference"), and nothing it would ignore. */
export const HUB_LIST_PARAMETERS = ['where', 'orderBy', 'fields', 'page', ...PAGING_PARAMETERS] as const;

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

/**
 * The instance the Element token names: 401 without one or for an unknown one, 403 disabled,
 * 401 when its authorization expired. Its own hub answers, whatever hub the path names.
 */
export function instanceForHubCall(services: EmulatorServices, request: RequestContext): StoredInstance {
  const { element: token } = credentialsOf(request.headers.authorization);
  const instance = token ? services.instances.byToken(token) : undefined;
  if (!instance) throw new ApiError(401, INVALID_AUTH_MESSAGE);
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

/** A reply of a hub call, with the instance it was answered for. */
export function withInstanceId(reply: Reply, instance: StoredInstance): Reply {
  return { ...reply, headers: { ...reply.headers, [INSTANCE_ID_HEADER]: String(instance.id) } };
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
    const spec = resourceOf(hubOf(services, instance), request.params.resource!);
    return { instance, spec, table: data.table(instance, spec) };
  };

  return {
    list(request: RequestContext): Reply {
      const { instance, spec, table } = context(request);
      refuseUnknownParameters(request.query, 'GET /hubs/{hub}/{resource}', HUB_LIST_PARAMETERS);
      const fields = whereFieldsOf(spec);
      const whereText = request.query.get('where');
      const where = whereText === null || whereText === '' ? undefined : parseWhere(whereText, fields);
      const value = (record: HubRecord) => (field: string) => {
        const item = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
        return typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? item : undefined;
      };
      const matching = [...table.records.values()].filter(({ record }) => !where || matchesWhere(where, value(record), fields));
      const ordered = orderedBy(matching, request.query.get('orderBy'), spec);
      const kind = `hub:${spec.name}:${request.query.get('orderBy') ?? ''}`;
      const page = paginate(ordered.entries, (entry) => ordered.position(entry), withPageOffset(request.query, kind, ordered.entries, (entry) => ordered.position(entry)), kind);
      const selected = selectedFields(request.query.get('fields'), spec);
      const items = page.items.map(({ record }) => (selected ? Object.fromEntries(selected.filter((name) => name in record).map((name) => [name, record[name]])) : record));
      return withInstanceId(jsonReply(200, items, pageHeaders(page, request.query)), instance);
    },

    get(request: RequestContext): Reply {
      const { instance, spec, table } = context(request);
      return withInstanceId(jsonReply(200, requireRecord(table, spec, request.params.id!)), instance);
    },

    async create(request: RequestContext): Promise<Reply> {
      if (request.params.resource === 'ping') {
        // As before these routes existed: /hubs/{hub}/ping answers GET only.
        const reply = apiErrorReply(405, `${request.method} is not supported on ${request.path} (use GET).`, request.requestId);
        return { ...reply, headers: { ...reply.headers, Allow: 'GET' } };
      }
      const { instance, spec, table } = context(request);
      const fields = await recordBody(request, spec, { complete: true });
      if (table.records.size >= MAX_RECORDS) throw new ApiError(400, `This instance already has ${MAX_RECORDS} ${spec.name}, the emulator's limit; delete some first.`);
      const sequence = table.nextSequence++;
      const id = recordId(sequence);
      const record: HubRecord = Object.fromEntries([['id', id], ...Object.entries(fields), ['createdDate', now()], ['modifiedDate', now()]]);
      table.records.set(id, { position: sequence, record });
      return withInstanceId(jsonReply(200, record), instance);
    },

    /** PATCH merges the given fields; PUT replaces every field but the id and created date. */
    update(replace: boolean) {
      return async (request: RequestContext): Promise<Reply> => {
        const { instance, spec, table } = context(request);
        const id = request.params.id!;
        const existing = requireRecord(table, spec, id);
        const fields = await recordBody(request, spec, { complete: replace });
        const kept = replace ? { id: existing.id, createdDate: existing.createdDate } : existing;
        const record: HubRecord = Object.fromEntries([...Object.entries(kept), ...Object.entries(fields), ['modifiedDate', now()]]);
        table.records.set(id, { position: table.records.get(id)!.position, record });
        return withInstanceId(jsonReply(200, record), instance);
      };
    },

    delete(request: RequestContext): Reply {
      const { instance, spec, table } = context(request);
      requireRecord(table, spec, request.params.id!);
      table.records.delete(request.params.id!);
      return withInstanceId(emptyJsonReply(200), instance);
    },
  };
}

/** What `where` can filter a resource on: its fields and the read-only ones (exact, case-sensitive). */
function whereFieldsOf(spec: ResourceSpec): CeqlFields {
  return { what: spec.name, names: [...READ_ONLY_FIELDS, ...spec.fields].map((field) => field.name) };
}

type Entry = { position: number; record: HubRecord };

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The entries in `orderBy` order (`field [asc|desc]`, comma separated), else by creation. With an
 * order, a page's position is its place in that order.
 */
function orderedBy(entries: Entry[], orderBy: string | null, spec: ResourceSpec): { entries: Entry[]; position: (entry: Entry) => number } {
  const byCreation = [...entries].sort((a, b) => a.position - b.position);
  if (orderBy === null || orderBy.trim() === '') return { entries: byCreation, position: (entry) => entry.position };
  const names = [...READ_ONLY_FIELDS, ...spec.fields].map((field) => field.name);
  const keys = orderBy.split(',').map((part, index) => {
    const [name, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    if (!name || !names.includes(name) || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      throw new ApiError(400, `orderBy takes field [asc|desc], comma separated, on the ${spec.name}' fields (${names.join(', ')}); part ${index + 1} is not one.`);
    }
    return { name, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === undefined || a === null) return 1;
    if (b === undefined || b === null) return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
  };
  const sorted = byCreation.sort((a, b) => {
    for (const key of keys) {
      const order = compare(a.record[key.name], b.record[key.name]);
      if (order !== 0) return order * key.sign;
    }
    return a.position - b.position;
  });
  const places = new Map(sorted.map((entry, index) => [entry, index + 1]));
  return { entries: sorted, position: (entry) => places.get(entry)! };
}

/**
 * `page=<n>` (1-based, with pageSize): the documented offset paging, as the cursor of the page
 * before it. Not together with nextPage.
 */
function withPageOffset(query: URLSearchParams, kind: string, entries: Entry[], position: (entry: Entry) => number): URLSearchParams {
  const page = query.get('page');
  if (page === null || page === '') return query;
  if (!/^\d{1,9}$/.test(page) || Number(page) < 1) throw new ApiError(400, 'page must be a page number from 1 (with pageSize).');
  if (query.get('nextPage')) throw new ApiError(400, 'Give page or nextPage, not both.');
  const skip = (Number(page) - 1) * (query.get('pageSize') ? pageSizeOf(query) : DEFAULT_PAGE_SIZE);
  const adjusted = new URLSearchParams(query);
  adjusted.delete('page');
  if (skip === 0) return adjusted;
  const before = entries[Math.min(skip, entries.length) - 1];
  adjusted.set('nextPage', cursorAfter(kind, before ? position(before) : 0));
  return adjusted;
}

/** `fields=a,b`: only those fields of each record; undefined for all. */
function selectedFields(fields: string | null, spec: ResourceSpec): string[] | undefined {
  if (fields === null || fields.trim() === '') return undefined;
  const names = [...READ_ONLY_FIELDS, ...spec.fields].map((field) => field.name);
  const selected = fields.split(',').map((name) => name.trim());
  const unknown = selected.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    const shown = unknown.every((name) => FIELD_NAME.test(name) && name.length <= 40) ? unknown.join(', ') : `${unknown.length} names`;
    throw new ApiError(400, `fields names ${shown}, which the ${spec.name} do not have (${names.join(', ')}).`);
  }
  return selected;
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
