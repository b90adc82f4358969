/**
 * Polling: an instance whose events are on with `event.vendor.type` polling is polled every
 * `event.poller.refresh_interval` minutes (a minute lasts `minuteMs`). A poll reads each polled
 * resource through the instance's own hub list route, its url's placeholders expanded with the
 * last poll time (src/core/events/expand.ts), and keeps the records updated since then: "If the
 * Updated date field is not later than the last polling time, we ignore the record … if the times
 * in the Updated date field and Created date field are the same, we know the record was created"
 * (devportal docs/guides/elements/events.md L40; with `filterByUpdatedDate` false the created
 * date is compared instead, L206-209). Each resource with such records is one delivery whose
 * events carry `pollDate` (churros assets/events/single-event-closeio.json).
 */
import { expandPollerUrl } from '../../core/events';
import type { InstanceStore, StoredInstance } from '../stores/instances';
import { eventSettings, type EventSettings } from './eventConfig';
import type { EventEmitter, NormalizedEvent } from './emitter';
import { dateValue, fieldAt, pollTargets, type PollTarget } from './pollTargets';

export interface PollerOptions {
  instances: InstanceStore;
  emitter: EventEmitter;
  minuteMs: number;
  /** GET a hub path (with query) of the instance through the hub's own routes: status and body. */
  find: (instance: StoredInstance, pathAndQuery: string) => Promise<{ status: number; body: string }>;
  /** The resources of a hub (a poll of an instance without a poller configuration reads them all). */
  hubResources: (hub: string) => readonly string[];
  log?: (line: string) => void;
}

export interface PollOutcome {
  instanceId: number;
  /** The ids of the events the poll emitted. */
  events: string[];
  /** A resource that could not be read, and why. */
  problems: string[];
}

export class Poller {
  /** Last poll time per instance token (ids are reused after a reset, tokens are not). */
  private readonly lastPoll = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<string>();

  constructor(private readonly options: PollerOptions) {}

  /** Starts the sweep (every emulated second, at least every 10 ms); unref'd. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), Math.max(10, this.options.minuteMs / 60));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Forgets every last poll time (a reset). */
  clear(): void {
    this.lastPoll.clear();
  }

  /** Polls the polling instances now (or the one given), whatever their interval. */
  async pollNow(instanceId?: number): Promise<PollOutcome[]> {
    const outcomes: PollOutcome[] = [];
    for (const instance of this.options.instances.list()) {
      if (instanceId !== undefined && instance.id !== instanceId) continue;
      const settings = eventSettings(instance);
      if (settings?.mode !== 'polling') continue;
      outcomes.push(await this.poll(instance, settings));
    }
    return outcomes;
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    const seen = new Set<string>();
    for (const instance of this.options.instances.list()) {
      const settings = eventSettings(instance);
      if (settings?.mode !== 'polling' || instance.disabled) continue;
      seen.add(instance.token);
      const last = this.lastPoll.get(instance.token);
      // First seen: its changes count from now.
      if (last === undefined) this.lastPoll.set(instance.token, now);
      else if (now - last >= settings.refreshMinutes * this.options.minuteMs && !this.running.has(instance.token)) await this.poll(instance, settings);
    }
    for (const token of this.lastPoll.keys()) if (!seen.has(token)) this.lastPoll.delete(token);
  }

  private async poll(instance: StoredInstance, settings: EventSettings): Promise<PollOutcome> {
    const outcome: PollOutcome = { instanceId: instance.id, events: [], problems: [] };
    this.running.add(instance.token);
    try {
      const pollTime = Date.now();
      const since = this.lastPoll.get(instance.token) ?? pollTime;
      this.lastPoll.set(instance.token, pollTime);
      const hub = this.options.emitter.hubOf(instance);
      const targets = pollTargets(settings, hub, this.options.hubResources(hub));
      if (!targets.ok) {
        outcome.problems.push(targets.message);
        return outcome;
      }
      for (const target of targets.targets) {
        const found = await this.changedSince(instance, target, since, new Date(pollTime).toISOString());
        if (!found.ok) {
          outcome.problems.push(`${target.name}: ${found.message}`);
          this.options.log?.(`poll of instance ${instance.id}, ${target.name}: ${found.message}`);
          continue;
        }
        if (found.events.length === 0) continue;
        const record = this.options.emitter.emit(instance, settings, found.events, { [target.name]: found.records, objectType: target.name }, 'NEW');
        outcome.events.push(String(record.id));
      }
      return outcome;
    } finally {
      this.running.delete(instance.token);
    }
  }

  private async changedSince(instance: StoredInstance, target: PollTarget, since: number, pollDate: string) {
    const secondMs = this.options.minuteMs / 60;
    const lastPoll = since - target.pollDelay * secondMs;
    const expanded = expandPollerUrl(target.url, new Date(lastPoll));
    // A placeholder the emulator cannot write (`${date}` without a format, an unknown one) would reach the hub as text.
    if (expanded.problems.length > 0) return { ok: false as const, message: `the url cannot be written for a poll: ${expanded.problems.join('; ')}` };
    const url = /[?&]pageSize=/.test(expanded.url) ? expanded.url : `${expanded.url}${expanded.url.includes('?') ? '&' : '?'}pageSize=${target.pageSize ?? 500}`;
    const answer = await this.options.find(instance, url);
    if (answer.status !== 200) return { ok: false as const, message: `the find url answered ${answer.status}` };
    let list: unknown;
    try {
      list = JSON.parse(answer.body);
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list)) return { ok: false as const, message: 'the find url did not answer a JSON array' };
    const events: NormalizedEvent[] = [];
    const records: unknown[] = [];
    for (const record of list) {
      const updated = dateValue(fieldAt(record, target.updatedDateField), target.updatedDateFormat);
      const created = dateValue(fieldAt(record, target.createdDateField), target.createdDateFormat);
      const compared = target.filterByUpdatedDate ? updated : created;
      if (compared === undefined || compared <= lastPoll) continue;
      const isNew = created !== undefined && updated !== undefined && Math.abs(updated - created) <= target.createdCheckTolerance * 1000;
      const id = fieldAt(record, target.idField);
      events.push({
        objectType: target.name,
        objectId: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
        eventType: isNew || (!target.filterByUpdatedDate && updated === undefined) ? 'CREATED' : 'UPDATED',
        elementKey: instance.element.key,
        hubKey: this.options.emitter.hubOf(instance),
        date: new Date(compared).toISOString(),
        pollDate,
      });
      records.push(record);
    }
    return { ok: true as const, events, records };
  }
}
