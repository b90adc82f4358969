/**
 * The stored instances: full records (with providerData), ids, indexes and a persistence hook.
 *
 * Indexed for what is listed and looked up, so list and create stay flat as instances grow
 * (issue 18 item 9; `npm run bench` measures it): ids are kept sorted (a page is a binary search
 * from its cursor, then as many records as it shows), each tag has its own sorted ids (`tags[]`),
 * and tokens are found by their SHA-256 (a hub call does not hash every instance's token). A
 * change is applied in place, never by copying the whole store.
 */
import { createHash } from 'node:crypto';
import type { Instance } from '../../core/api/types';
import { EVENTS_ENABLED, isOn } from '../../core/events';
import type { FlowType } from '../../core/catalog/types';
import { secretEquals } from '../base/auth';
import { ApiError } from '../base/http';
import { deleteSorted, insertSorted } from '../base/sorted';
import { EMULATOR_USER, MASKED_VALUE, type DocumentedElementSummary, type DocumentedInstance } from '../base/shapes';

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
 * by an older emulator answer with today's documented shape too. Configuration entries whose
 * keys are in `secretKeys` are masked (`"********"`), as the service masks them (churros
 * `src/test/platform/elements/instances.js`; the element pages' responses, e.g. devportal
 * `docs/elements/intacct/intacct-create-instance.md`); the token is the instance's own.
 */
export function toPublicInstance(record: StoredInstance, current?: DocumentedElementSummary, secretKeys: ReadonlySet<string> = new Set()): DocumentedInstance {
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
    configuration: maskedConfiguration(record.configuration, secretKeys),
    // It mirrors event.notification.enabled (devportal docs/elements/weebly/weebly-create-intance.md L198-200; a 2019 platform response).
    eventsEnabled: isOn(record.configuration[EVENTS_ENABLED]),
    traceLoggingEnabled: record.traceLoggingEnabled ?? false,
    cachingEnabled: record.cachingEnabled,
    externalAuthentication: record.externalAuthentication ?? 'none',
    user: { ...EMULATOR_USER },
  };
}

/** The configuration with every set secret value replaced by `"********"` (an unset one stays null). */
export function maskedConfiguration(configuration: Record<string, string | null>, secretKeys: ReadonlySet<string>): Record<string, string | null> {
  const masked: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(configuration)) masked[key] = value !== null && secretKeys.has(key) ? MASKED_VALUE : value;
  return masked;
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

function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}

export class InstanceStore {
  private records = new Map<number, StoredInstance>();
  /** Every id, ascending. */
  private order: number[] = [];
  private readonly tagged = new Map<string, number[]>();
  private readonly tokens = new Map<string, number>();
  private nextId = FIRST_INSTANCE_ID;

  /**
   * `persist` gets the full contents of every change before it takes effect; when it throws,
   * the change is dropped (memory stays equal to the last saved state) and a 500 is thrown.
   * Without it (no data file) nothing is copied on a change.
   */
  constructor(private readonly persist?: (snapshot: StoreSnapshot) => void) {}

  /** Replaces the contents without persisting (loading a data file). */
  load(snapshot: StoreSnapshot): void {
    this.reindex([...snapshot.instances].sort((a, b) => a.id - b.id));
    const highest = this.order.length > 0 ? this.order[this.order.length - 1]! : FIRST_INSTANCE_ID - 1;
    this.nextId = Math.max(snapshot.nextId, highest + 1);
  }

  snapshot(): StoreSnapshot {
    return { nextId: this.nextId, instances: this.list() };
  }

  get size(): number {
    return this.records.size;
  }

  /** Every record, by id. */
  list(): StoredInstance[] {
    return this.order.map((id) => this.records.get(id)!);
  }

  /** Every id, ascending: the positions a page of `GET /instances` starts from. Do not change it. */
  ids(): readonly number[] {
    return this.order;
  }

  /** The ids of the instances with this tag, ascending. Do not change it. */
  idsTagged(tag: string): readonly number[] {
    return this.tagged.get(tag) ?? [];
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
    const id = this.tokens.get(tokenKey(token));
    const record = id === undefined ? undefined : this.records.get(id);
    return record && secretEquals(token, record.token) ? record : undefined;
  }

  add(instance: NewInstance): StoredInstance {
    const record: StoredInstance = { id: this.nextId, ...instance };
    this.save(() => ({ nextId: this.nextId + 1, instances: [...this.list(), record] }));
    this.records.set(record.id, record);
    this.order.push(record.id);
    this.index(record);
    this.nextId += 1;
    return record;
  }

  /** Applies `change` to a copy of the record; the copy replaces it once saved. */
  update(id: number, change: (record: StoredInstance) => void): StoredInstance {
    const record = this.records.get(id);
    if (!record) throw notFound();
    const changed = structuredClone(record);
    change(changed);
    this.save(() => ({ nextId: this.nextId, instances: this.list().map((item) => (item.id === id ? changed : item)) }));
    this.unindex(record);
    this.records.set(id, changed);
    this.index(changed);
    return changed;
  }

  remove(id: number): void {
    const record = this.records.get(id);
    if (!record) throw notFound();
    this.save(() => ({ nextId: this.nextId, instances: this.list().filter((item) => item.id !== id) }));
    this.records.delete(id);
    deleteSorted(this.order, id);
    this.unindex(record);
  }

  /** Forgets every instance and starts the ids again, then adds `instances`: one save. */
  replaceAll(instances: readonly NewInstance[] = []): void {
    const records = instances.map((instance, index): StoredInstance => ({ id: FIRST_INSTANCE_ID + index, ...instance }));
    const nextId = FIRST_INSTANCE_ID + records.length;
    this.save(() => ({ nextId, instances: records }));
    this.reindex(records);
    this.nextId = nextId;
  }

  clear(): void {
    this.replaceAll([]);
  }

  /** Saves what the store will hold after a change, before the change is made. */
  private save(after: () => StoreSnapshot): void {
    if (!this.persist) return;
    try {
      this.persist(after());
    } catch (error) {
      throw persistFailed(error);
    }
  }

  private reindex(sorted: readonly StoredInstance[]): void {
    this.records = new Map(sorted.map((record) => [record.id, record]));
    this.order = sorted.map((record) => record.id);
    this.tagged.clear();
    this.tokens.clear();
    for (const record of sorted) this.index(record);
  }

  private index(record: StoredInstance): void {
    this.tokens.set(tokenKey(record.token), record.id);
    for (const tag of new Set(record.tags ?? [])) {
      let ids = this.tagged.get(tag);
      if (!ids) this.tagged.set(tag, (ids = []));
      insertSorted(ids, record.id);
    }
  }

  private unindex(record: StoredInstance): void {
    const key = tokenKey(record.token);
    if (this.tokens.get(key) === record.id) this.tokens.delete(key);
    for (const tag of new Set(record.tags ?? [])) {
      const ids = this.tagged.get(tag);
      if (!ids) continue;
      deleteSorted(ids, record.id);
      if (ids.length === 0) this.tagged.delete(tag);
    }
  }
}
