/**
 * Delivering an event to its callback URL, and retrying: "the web hook URL … is retried up to 9
 * times, with the interval using the equation 2^2x where x is the retry attempt … the first
 * attempt will be tried after 4 seconds, the second attempt after 16 seconds and so on. The 9th
 * and final attempt will be made a little under 73 hours after the original failed attempt"
 * (devportal docs/guides/event-management/tips.md L41-43): retry x is 4^x seconds after the
 * original failure. Seconds are compressed as minutes are (`--event-minute-ms`). Every timer is
 * unref'd (it never keeps the process alive) and cancelled by `close()` or `reset()`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { redactUrl } from '../../core/redact';
import { signatureHeader, SIGNATURE_HEADER } from '../../core/events';
import type { EventRecord, EventStore } from './eventStore';
import { sendDelivery, type SendResult } from './outbound';

export const MAX_RETRIES = 9;
export const WEBHOOK_ID_HEADER = 'Elements-Webhook-Id';
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export interface DelivererOptions {
  store: EventStore;
  /** How many milliseconds an emulated minute lasts (60000: real time). */
  minuteMs: number;
  timeoutMs: number;
  ownPort: () => number;
  log?: (line: string) => void;
}

/** What to send: the body, and the key that signs it (none: no signature header). */
export interface Delivery {
  record: EventRecord;
  url: string;
  body: string;
  signatureKey?: string;
}

/** The delay of retry `x` (1-based) after the original failure, in emulated milliseconds. */
export function retryDelayMs(x: number, minuteMs: number): number {
  return (4 ** x * 1000 * minuteMs) / 60_000;
}

export class Deliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private controller = new AbortController();

  constructor(private readonly options: DelivererOptions) {}

  /** Sends now, in the background; on failure, schedules the retries. */
  start(delivery: Delivery): void {
    this.deliver(delivery).catch((error: unknown) => {
      this.options.log?.(`event ${delivery.record.id} could not be sent: ${(error as Error)?.message ?? 'unknown error'}`);
    });
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', [WEBHOOK_ID_HEADER]: randomUUID() };
    if (delivery.signatureKey !== undefined) headers[SIGNATURE_HEADER] = await signatureHeader(delivery.signatureKey, delivery.body);
    this.options.store.setStatus(delivery.record, 'DISPATCHED');
    const failedAt = performance.now();
    const ok = await this.attempt(delivery, headers, 0);
    if (ok !== false) return;
    this.scheduleRetry(delivery, headers, 1, failedAt);
  }

  /** Cancels every pending retry and aborts the sends in flight (a reset). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.controller.abort();
    this.controller = new AbortController();
  }

  private scheduleRetry(delivery: Delivery, headers: Record<string, string>, x: number, failedAt: number): void {
    const due = failedAt + retryDelayMs(x, this.options.minuteMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, headers, x).then((ok) => {
        if (ok === false && x < MAX_RETRIES) this.scheduleRetry(delivery, headers, x + 1, failedAt);
        else if (ok === false) this.options.store.note(delivery.record, delivery.url, { message: `Error delivering event: all ${MAX_RETRIES} retries failed` });
      });
    }, Math.max(0, due - performance.now()));
    timer.unref();
    this.timers.add(timer);
  }

  /** One attempt: true delivered, false failed (retry), undefined refused (no retry). */
  private attempt(delivery: Delivery, headers: Record<string, string>, retry: number): Promise<boolean | undefined> {
    const started = performance.now();
    return sendDelivery(delivery.url, delivery.body, headers, { ownPort: this.options.ownPort, timeoutMs: this.options.timeoutMs, signal: this.controller.signal }).then((result) =>
      this.record(delivery, result, retry, Math.round(performance.now() - started)),
    );
  }

  private record(delivery: Delivery, result: SendResult, retry: number, ms: number): boolean | undefined {
    const { store, log } = this.options;
    const { record, url } = delivery;
    const base = { eventId: String(record.id), instanceId: record.instanceId, url, attempt: retry + 1, ms };
    const label = retry === 0 ? '' : ` (retry ${retry} of ${MAX_RETRIES})`;
    if (result.kind === 'answered') {
      store.addAttempt({ ...base, status: result.status });
      log?.(`event ${record.id} POST ${redactUrl(url)} ${result.status} ${ms}ms${label}`);
      if (result.status >= 200 && result.status < 300) {
        store.note(record, url, { status: result.status, message: 'Delivered' });
        store.setStatus(record, 'NOTIFIED');
        return true;
      }
      store.note(record, url, { status: result.status, message: `Error delivering event: the callback answered ${result.status}` });
      return false;
    }
    store.addAttempt({ ...base, error: result.message });
    log?.(`event ${record.id} POST ${redactUrl(url)} failed: ${result.message}${label}`);
    store.note(record, url, { message: `Error delivering event: ${result.message}${result.kind === 'refused' ? ' (not retried)' : ''}` });
    return result.kind === 'refused' ? undefined : false;
  }
}
