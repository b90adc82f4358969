/**
 * The console's own store: the instances' hub records, by instance token (ids are reused after a
 * reset; tokens are not), then by resource. A resource's records are created on first use from
 * {@link sampleRecords}; they live in memory until the emulator stops.
 */
import type { StoredInstance } from '../stores/instances';
import type { ResourceSpec } from './hubModel';
import { sampleRecords, type HubRecord } from './sampleData';

/** A record and its place in creation order (the position a page's cursor names). */
export interface Entry {
  position: number;
  record: HubRecord;
}

/** One resource of one instance: its records by id. */
export interface Table {
  records: Map<string, Entry>;
  nextSequence: number;
}

export class HubRecords {
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
