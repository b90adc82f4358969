/**
 * Making an event and sending it: the record the event API shows, the delivery body, its
 * delivery. Three sources: a change through the hub resources (webhook-mode instances), a poll
 * (poller.ts) and a provider's webhook (`POST /events/{elementKey}`); plus the results of
 * asynchronous requests, in the guides' other shape. The body shapes are in src/emulator/README.md
 * ("The delivery").
 */
import type { HubChange } from '../platform/hubChanges';
import type { StoredInstance } from '../stores/instances';
import type { Deliverer } from './deliverer';
import { deliverySettings, eventSettings, type EventSettings } from './eventConfig';
import type { EventRecord, EventStatus, EventStore } from './eventStore';

/** One normalized event of `message.events`. */
export interface NormalizedEvent {
  objectType: string;
  objectId: string;
  eventType: string;
  elementKey: string;
  hubKey: string;
  date: string;
  pollDate?: string;
}

export interface EmitterOptions {
  store: EventStore;
  deliverer: Deliverer;
  /** The hub an instance's calls go to. */
  hubOf: (instance: StoredInstance) => string;
}

export class EventEmitter {
  constructor(private readonly options: EmitterOptions) {}

  /** A hub change: an event at once for an instance whose events are on and that is not polled. */
  hubChanged = (change: HubChange): void => {
    const settings = eventSettings(change.instance);
    if (!settings || settings.mode !== 'webhook') return;
    const event: NormalizedEvent = {
      objectType: change.resource,
      objectId: change.objectId,
      eventType: change.eventType,
      elementKey: change.instance.element.key,
      hubKey: change.hub,
      date: new Date().toISOString(),
    };
    this.emit(change.instance, settings, [event], { [change.resource]: [change.record], objectType: change.resource }, 'NEW');
  };

  /** The hub an instance's calls go to. */
  hubOf(instance: StoredInstance): string {
    return this.options.hubOf(instance);
  }

  /**
   * Records the event and starts its delivery in the background (`{"message": {eventId,
   * instanceId, events, raw}}`); the record's status and notifiedData follow it.
   */
  emit(instance: StoredInstance, settings: EventSettings, events: readonly NormalizedEvent[], raw: unknown, status: EventStatus): EventRecord {
    const { store, deliverer } = this.options;
    const record = store.create(instance.id, status, JSON.stringify(raw) ?? 'null');
    const body = JSON.stringify({ message: { eventId: String(record.id), instanceId: instance.id, events, raw } });
    deliverer.start({ record, url: settings.callbackUrl, body, ...(settings.signatureKey !== undefined && { signatureKey: settings.signatureKey }) });
    return record;
  }

  /** A provider's webhook for an instance whose events are off: kept, not delivered. */
  received(instance: StoredInstance, raw: unknown): EventRecord {
    return this.options.store.create(instance.id, 'RECEIVED', JSON.stringify(raw) ?? 'null');
  }

  /** An asynchronous request taken: its event record, whose id is the `eventId` the call answers. */
  startAsync(instance: StoredInstance): EventRecord {
    return this.options.store.create(instance.id, 'NEW', 'null');
  }

  /**
   * An asynchronous request's result, in the documented shape `{eventId, instanceId, response,
   * notificationId}` (devportal docs/guides/event-management/tips.md L56-140), to `url`.
   */
  asyncResult(instance: StoredInstance, record: EventRecord, url: string, response: unknown): void {
    const { store, deliverer } = this.options;
    record.providerData = JSON.stringify(response) ?? 'null';
    const body = JSON.stringify({ eventId: record.id, instanceId: instance.id, response, notificationId: store.nextNumber() });
    const { signatureKey } = deliverySettings(instance);
    deliverer.start({ record, url, body, ...(signatureKey !== undefined && { signatureKey }) });
  }
}
