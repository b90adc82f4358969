/**
 * `/hubs/{hub}/{resource}[/{id}]` on one instance (`Authorization: User …, Organization …,
 * Element <token>`; `User …, Element …` as the element pages write it): list (`recordQuery.ts`),
 * get, create, update (PATCH), replace (PUT) and delete, in memory (`hubRecords.ts`), starting
 * from the instance's deterministic sample records. The Element token picks the instance, and the
 * instance its hub: the hub in the path is not used (Cloud Elements' own test "should ignore any
 * provided hub", churros `src/test/platform/elements/instances.js`). Every answer carries
 * `Elements-Element-Instance-Id` (its "should return element-instance-id on headers").
 */
import type { Handlers, RequestContext } from '../base/context';
import { ApiError, apiErrorReply, emptyJsonReply, jsonReply } from '../base/http';
import type { HubChangeListener, HubEventType } from '../platform/hubChanges';
import { hubOf, instanceForHubCall, withInstanceId } from '../platform/instanceCalls';
import type { ElementDirectory } from '../stores/elements';
import type { InstanceStore } from '../stores/instances';
import { findResource, resourcesOf, type ResourceSpec } from './hubModel';
import type { HubRecords, Table } from './hubRecords';
import { recordBody } from './recordBody';
import { queryRecords } from './recordQuery';
import { recordId, type HubRecord } from './sampleData';

/** A resource keeps at most this many records per instance: the emulator's memory is not a test of patience. */
export const MAX_RECORDS = 1000;

export interface RecordStores {
  elements: ElementDirectory;
  instances: InstanceStore;
  /** The console's own store of hub records. */
  records: HubRecords;
  /** Told of every create, update and delete (the events group turns them into events). */
  onChange?: HubChangeListener;
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

function now(): string {
  return new Date().toISOString();
}

export function recordRoutes({ elements, instances, records, onChange }: RecordStores): Handlers<'list' | 'get' | 'create' | 'update' | 'replace' | 'delete'> {
  const context = (request: RequestContext) => {
    const instance = instanceForHubCall(instances, request);
    const hub = hubOf(elements, instance);
    const spec = resourceOf(hub, request.params.resource!);
    return { instance, hub, spec, table: records.table(instance, spec) };
  };
  const changed = (context: { instance: Parameters<HubChangeListener>[0]['instance']; hub: string; spec: ResourceSpec }, eventType: HubEventType, record: HubRecord) =>
    onChange?.({ instance: context.instance, hub: context.hub, resource: context.spec.name, objectId: String(record.id), eventType, record });

  /** PATCH merges the given fields; PUT replaces every field but the id and created date. */
  const update = (replace: boolean) => async (request: RequestContext) => {
    const found = context(request);
    const { instance, spec, table } = found;
    const id = request.params.id!;
    const existing = requireRecord(table, spec, id);
    const fields = await recordBody(request, spec, { complete: replace });
    const kept = replace ? { id: existing.id, createdDate: existing.createdDate } : existing;
    const record: HubRecord = Object.fromEntries([...Object.entries(kept), ...Object.entries(fields), ['modifiedDate', now()]]);
    table.records.set(id, { position: table.records.get(id)!.position, record });
    changed(found, 'UPDATED', record);
    return withInstanceId(jsonReply(200, record), instance);
  };

  return {
    list: (request) => {
      const { instance, spec, table } = context(request);
      const { items, headers } = queryRecords(table.records.values(), spec, request.query);
      return withInstanceId(jsonReply(200, items, headers), instance);
    },

    get: (request) => {
      const { instance, spec, table } = context(request);
      return withInstanceId(jsonReply(200, requireRecord(table, spec, request.params.id!)), instance);
    },

    create: async (request) => {
      if (request.params.resource === 'ping') {
        // As before these routes existed: /hubs/{hub}/ping answers GET only.
        const reply = apiErrorReply(405, `${request.method} is not supported on ${request.path} (use GET).`, request.requestId);
        return { ...reply, headers: { ...reply.headers, Allow: 'GET' } };
      }
      const found = context(request);
      const { instance, spec, table } = found;
      const fields = await recordBody(request, spec, { complete: true });
      if (table.records.size >= MAX_RECORDS) throw new ApiError(400, `This instance already has ${MAX_RECORDS} ${spec.name}, the emulator's limit; delete some first.`);
      const sequence = table.nextSequence++;
      const id = recordId(sequence);
      const at = now();
      const record: HubRecord = Object.fromEntries([['id', id], ...Object.entries(fields), ['createdDate', at], ['modifiedDate', at]]);
      table.records.set(id, { position: sequence, record });
      changed(found, 'CREATED', record);
      return withInstanceId(jsonReply(200, record), instance);
    },

    update: update(false),
    replace: update(true),

    delete: (request) => {
      const found = context(request);
      const { instance, spec, table } = found;
      const record = requireRecord(table, spec, request.params.id!);
      table.records.delete(request.params.id!);
      changed(found, 'DELETED', record);
      return withInstanceId(emptyJsonReply(200), instance);
    },
  };
}
