/** The stored instances: full records (with providerData), ids, and a persistence hook. */
import type { Instance } from '../core/api/types';
import type { FlowType } from '../core/catalog/types';
import { secretEquals } from './auth';
import { ApiError } from './http';
import { EMULATOR_USER_ID, type DocumentedElementSummary, type DocumentedInstance } from './shapes';

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

/**
 * The public shape, in the documentation's key order, without the stored-only fields. The
 * element is described afresh (`current`, when the catalog still has it), so instances saved
 * by an older emulator answer with today's documented shape too.
 */
export function toPublicInstance(record: StoredInstance, current?: DocumentedElementSummary): DocumentedInstance {
  const element = current ?? (record.element as DocumentedElementSummary);
  return {
    id: record.id,
    name: record.name,
    ...(record.createdDate !== undefined && { createdDate: record.createdDate }),
    token: record.token,
    element,
    elementId: element.id,
    tags: record.tags ?? [],
    provisionInteractions: record.provisionInteractions,
    valid: record.valid,
    disabled: record.disabled,
    maxCacheSize: record.maxCacheSize,
    cacheTimeToLive: record.cacheTimeToLive,
    configuration: record.configuration,
    eventsEnabled: record.eventsEnabled,
    traceLoggingEnabled: record.traceLoggingEnabled ?? false,
    cachingEnabled: record.cachingEnabled,
    externalAuthentication: record.externalAuthentication ?? 'none',
    user: { id: EMULATOR_USER_ID },
  };
}

export const FIRST_INSTANCE_ID = 1;

/**
 * A change could not be saved to the data file. Nothing changed, in memory or on disk, so
 * the client gets a plain 500 and may retry.
 */
function persistFailed(error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ?? (error instanceof Error ? error.name : 'error');
  return new ApiError(500, `The emulator could not save its data file (${reason}); nothing was changed. See its console.`);
}

/** The id is not named: a request value is never echoed in an error. */
function notFound(): ApiError {
  return new ApiError(404, 'No instance found with the id in the path.');
}

export class InstanceStore {
  private records = new Map<number, StoredInstance>();
  private nextId = FIRST_INSTANCE_ID;

  /**
   * `persist` gets the full contents of every change before it takes effect; when it throws,
   * the change is dropped (memory stays equal to the last saved state) and a 500 is thrown.
   */
  constructor(private readonly persist: (snapshot: StoreSnapshot) => void = () => undefined) {}

  /** Replaces the contents without persisting (loading a data file). */
  load(snapshot: StoreSnapshot): void {
    this.records = new Map(snapshot.instances.map((record) => [record.id, record]));
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
    if (!record) throw notFound();
    return record;
  }

  byToken(token: string): StoredInstance | undefined {
    let found: StoredInstance | undefined;
    for (const record of this.records.values()) if (secretEquals(token, record.token)) found = record;
    return found;
  }

  add(instance: NewInstance): StoredInstance {
    const record: StoredInstance = { id: this.nextId, ...instance };
    this.commit(new Map(this.records).set(record.id, record), this.nextId + 1);
    return record;
  }

  /** Applies `change` to a copy of the record; the copy replaces it once saved. */
  update(id: number, change: (record: StoredInstance) => void): StoredInstance {
    const record = this.records.get(id);
    if (!record) throw notFound();
    const changed = structuredClone(record);
    change(changed);
    this.commit(new Map(this.records).set(id, changed), this.nextId);
    return changed;
  }

  remove(id: number): void {
    if (!this.records.has(id)) throw notFound();
    const remaining = new Map(this.records);
    remaining.delete(id);
    this.commit(remaining, this.nextId);
  }

  /** Forgets every instance and starts the ids again, then adds `instances`: one save. */
  replaceAll(instances: readonly NewInstance[] = []): void {
    let nextId = FIRST_INSTANCE_ID;
    const records = new Map<number, StoredInstance>();
    for (const instance of instances) {
      const record: StoredInstance = { id: nextId++, ...instance };
      records.set(record.id, record);
    }
    this.commit(records, nextId);
  }

  clear(): void {
    this.replaceAll([]);
  }

  private commit(records: Map<number, StoredInstance>, nextId: number): void {
    const instances = [...records.values()].sort((a, b) => a.id - b.id);
    try {
      this.persist({ nextId, instances });
    } catch (error) {
      throw persistFailed(error);
    }
    this.records = records;
    this.nextId = nextId;
  }
}
