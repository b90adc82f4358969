/**
 * The event records the event API reads (`GET /instances[/{id}]/events[/{eventId}]`) and the
 * delivery attempts the admin endpoint lists. Records are kept by id, ascending; at most
 * MAX_EVENTS (the oldest go first), so a long-running emulator does not grow without end.
 */
import { redactUrl } from '../../core/redact';

/**
 * Cloud Elements' event record (churros src/test/platform/events/assets/event.schema.json:
 * status NEW, RECEIVED, DISPATCHED, CONSUMED, NOTIFIED). CONSUMED is never used here.
 */
export type EventStatus = 'NEW' | 'RECEIVED' | 'DISPATCHED' | 'NOTIFIED';

/** One attempt at delivering, as `notifiedData` shows it. */
export interface NotifiedEntry {
  date: string;
  /** The callback URL, its secret query values `***`. */
  url: string;
  /** The callback's HTTP status, when it answered. */
  status?: number;
  message: string;
}

export interface EventRecord {
  id: number;
  instanceId: number;
  eventDate: string;
  status: EventStatus;
  /** The raw payload, as JSON text. */
  providerData: string;
  notifiedData: NotifiedEntry[];
}

/** The record as the API shows it (the id a string, as the schema has it). */
export interface PublicEventRecord {
  id: string;
  eventDate: string;
  status: EventStatus;
  providerData: string;
  notifiedData: NotifiedEntry[];
}

export interface DeliveryAttempt {
  eventId: string;
  instanceId: number;
  /** The callback URL, its secret query values `***`. */
  url: string;
  attempt: number;
  status?: number;
  error?: string;
  ms: number;
  time: string;
}

export const MAX_EVENTS = 10_000;
export const MAX_ATTEMPTS_KEPT = 1000;

export function toPublicEvent(record: EventRecord): PublicEventRecord {
  return { id: String(record.id), eventDate: record.eventDate, status: record.status, providerData: record.providerData, notifiedData: record.notifiedData.map((entry) => ({ ...entry })) };
}

export class EventStore {
  private readonly records = new Map<number, EventRecord>();
  /** Every id, ascending (ids only grow). */
  private order: number[] = [];
  private attempts: DeliveryAttempt[] = [];
  private nextId = 1;

  create(instanceId: number, status: EventStatus, providerData: string): EventRecord {
    const record: EventRecord = { id: this.nextId++, instanceId, eventDate: new Date().toISOString(), status, providerData, notifiedData: [] };
    this.records.set(record.id, record);
    this.order.push(record.id);
    if (this.order.length > MAX_EVENTS) {
      const dropped = this.order.splice(0, this.order.length - MAX_EVENTS);
      for (const id of dropped) this.records.delete(id);
    }
    return record;
  }

  /** A number for an asynchronous request's `eventId` and `notificationId` (the same sequence as event ids). */
  nextNumber(): number {
    return this.nextId++;
  }

  get(id: number): EventRecord | undefined {
    return this.records.get(id);
  }

  /** The record named by a path parameter (digits only), or undefined. */
  find(idText: string): EventRecord | undefined {
    return /^\d{1,15}$/.test(idText) ? this.records.get(Number(idText)) : undefined;
  }

  /** Every id, ascending. Do not change it. */
  ids(): readonly number[] {
    return this.order;
  }

  setStatus(record: EventRecord, status: EventStatus): void {
    record.status = status;
  }

  note(record: EventRecord, url: string, entry: { status?: number; message: string }): void {
    record.notifiedData.push({ date: new Date().toISOString(), url: redactUrl(url), ...entry });
  }

  addAttempt(attempt: Omit<DeliveryAttempt, 'time' | 'url'> & { url: string }): void {
    this.attempts.push({ ...attempt, url: redactUrl(attempt.url), time: new Date().toISOString() });
    if (this.attempts.length > MAX_ATTEMPTS_KEPT) this.attempts.splice(0, this.attempts.length - MAX_ATTEMPTS_KEPT);
  }

  listAttempts(): DeliveryAttempt[] {
    return this.attempts.map((attempt) => ({ ...attempt }));
  }

  clear(): void {
    this.records.clear();
    this.order = [];
    this.attempts = [];
  }
}
