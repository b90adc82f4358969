/**
 * The deliveries a window received, grouped by instance, newest first, within a bound: at most
 * `capacity` deliveries and `maxBytes` of bodies; past either, the oldest deliveries go first.
 * Adding and evicting cost O(1) amortized, so a full inbox of 10,000 stays cheap to fill.
 */
import type { Delivery } from './delivery';

export const DEFAULT_INBOX_CAPACITY = 1000;
export const DEFAULT_INBOX_BYTES = 64 * 1024 * 1024;

export interface InboxGroup {
  /** What the deliveries share (the instance, as the inbox's `groupOf` names it). */
  readonly key: string;
  /** Newest first. */
  readonly deliveries: readonly Delivery[];
}

/** A queue read from its head without shifting the array each time. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
  /** Oldest first. */
  values(): T[] {
    return this.items.slice(this.head);
  }
}

export interface InboxOptions {
  capacity?: number;
  maxBytes?: number;
  /** The group a delivery belongs to; by default the instance id its body names ('' when none). */
  groupOf?: (delivery: Delivery) => string;
}

export class Inbox {
  readonly capacity: number;
  readonly maxBytes: number;
  private readonly groupOf: (delivery: Delivery) => string;
  private readonly all = new Queue<Delivery>();
  private readonly byGroup = new Map<string, Queue<Delivery>>();
  private readonly bySeq = new Map<number, Delivery>();
  private bytes = 0;

  constructor(options: InboxOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_INBOX_CAPACITY));
    this.maxBytes = Math.max(0, options.maxBytes ?? DEFAULT_INBOX_BYTES);
    this.groupOf = options.groupOf ?? ((delivery) => delivery.summary.instanceId ?? '');
  }

  get size(): number {
    return this.bySeq.size;
  }

  /** Keeps a delivery (newer than every one kept) and returns those evicted to make room, oldest first. */
  add(delivery: Delivery): Delivery[] {
    const key = this.groupOf(delivery);
    let group = this.byGroup.get(key);
    if (!group) this.byGroup.set(key, (group = new Queue()));
    group.push(delivery);
    this.all.push(delivery);
    this.bySeq.set(delivery.seq, delivery);
    this.bytes += delivery.body.length;
    const evicted: Delivery[] = [];
    while (this.size > this.capacity || (this.bytes > this.maxBytes && this.size > 1)) {
      const oldest = this.all.shift();
      if (!oldest) break;
      this.forget(oldest);
      evicted.push(oldest);
    }
    return evicted;
  }

  /** The oldest delivery overall is the oldest of its group: it leaves from the head of both queues. */
  private forget(delivery: Delivery): void {
    const key = this.groupOf(delivery);
    const group = this.byGroup.get(key);
    group?.shift();
    if (group && group.length === 0) this.byGroup.delete(key);
    this.bySeq.delete(delivery.seq);
    this.bytes -= delivery.body.length;
  }

  get(seq: number): Delivery | undefined {
    return this.bySeq.get(seq);
  }

  /** The groups, the one with the newest delivery first; each group's deliveries newest first. */
  groups(): InboxGroup[] {
    const groups = [...this.byGroup].map(([key, queue]) => ({ key, deliveries: queue.values().reverse() }));
    return groups.sort((a, b) => b.deliveries[0]!.seq - a.deliveries[0]!.seq);
  }

  /** One group's deliveries, newest first. */
  deliveriesOf(key: string): Delivery[] {
    return this.byGroup.get(key)?.values().reverse() ?? [];
  }

  /** Every delivery, oldest first (the order to replay them in). */
  oldestFirst(): Delivery[] {
    return this.all.values();
  }

  clear(): void {
    this.all.clear();
    this.byGroup.clear();
    this.bySeq.clear();
    this.bytes = 0;
  }
}
