/** The stored instances: full records (with providerData), ids, and a persistence hook. */
import type { Instance } from '../core/api/types';
import type { FlowType } from '../core/catalog/types';
import { secretEquals } from './auth';
import { ApiError } from './http';

/** What the emulator keeps: the API's Instance plus what the API never returns. */
export interface StoredInstance extends Instance {
  configuration: Record<string, string | null>;
  providerData?: Record<string, string>;
  /** The flow the instance was provisioned with. */
  flow: FlowType;
}

export interface StoreSnapshot {
  nextId: number;
  instances: StoredInstance[];
}

export type NewInstance = Omit<StoredInstance, 'id'>;

/** The public shape, in the documentation's key order, without the stored-only fields. */
export function toPublicInstance(record: StoredInstance): Instance {
  return {
    id: record.id,
    name: record.name,
    token: record.token,
    element: record.element,
    provisionInteractions: record.provisionInteractions,
    valid: record.valid,
    disabled: record.disabled,
    maxCacheSize: record.maxCacheSize,
    cacheTimeToLive: record.cacheTimeToLive,
    configuration: record.configuration,
    eventsEnabled: record.eventsEnabled,
    cachingEnabled: record.cachingEnabled,
    traceLoggingEnabled: record.traceLoggingEnabled ?? false,
    externalAuthentication: record.externalAuthentication ?? 'none',
    tags: record.tags ?? [],
    ...(record.createdDate !== undefined && { createdDate: record.createdDate }),
  };
}

export const FIRST_INSTANCE_ID = 1;

export class InstanceStore {
  private readonly records = new Map<number, StoredInstance>();
  private nextId = FIRST_INSTANCE_ID;

  /** `persist` runs after every change with the full contents. */
  constructor(private readonly persist: (snapshot: StoreSnapshot) => void = () => undefined) {}

  /** Replaces the contents without persisting (loading a data file). */
  load(snapshot: StoreSnapshot): void {
    this.records.clear();
    for (const record of snapshot.instances) this.records.set(record.id, record);
    const highest = Math.max(FIRST_INSTANCE_ID - 1, ...this.records.keys());
    this.nextId = Math.max(snapshot.nextId, highest + 1);
  }

  snapshot(): StoreSnapshot {
    return { nextId: this.nextId, instances: this.list() };
  }

  get size(): number {
    return this.records.size;
  }

  list(): StoredInstance[] {
    return [...this.records.values()].sort((a, b) => a.id - b.id);
  }

  get(id: number): StoredInstance | undefined {
    return this.records.get(id);
  }

  /** The instance named by a path parameter, or a 404. */
  require(idText: string): StoredInstance {
    const record = /^\d+$/.test(idText) ? this.records.get(Number(idText)) : undefined;
    if (!record) throw new ApiError(404, `No instance found with id '${idText}'.`);
    return record;
  }

  byToken(token: string): StoredInstance | undefined {
    let found: StoredInstance | undefined;
    for (const record of this.records.values()) if (secretEquals(token, record.token)) found = record;
    return found;
  }

  add(instance: NewInstance): StoredInstance {
    const record: StoredInstance = { id: this.nextId++, ...instance };
    this.records.set(record.id, record);
    this.changed();
    return record;
  }

  update(id: number, change: (record: StoredInstance) => void): StoredInstance {
    const record = this.records.get(id);
    if (!record) throw new ApiError(404, `No instance found with id '${id}'.`);
    change(record);
    this.changed();
    return record;
  }

  remove(id: number): void {
    if (!this.records.delete(id)) throw new ApiError(404, `No instance found with id '${id}'.`);
    this.changed();
  }

  clear(): void {
    this.records.clear();
    this.nextId = FIRST_INSTANCE_ID;
    this.changed();
  }

  private changed(): void {
    this.persist(this.snapshot());
  }
}
