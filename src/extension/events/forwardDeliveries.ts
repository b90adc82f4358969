/**
 * "Forward to…": replays deliveries to the developer's own app, byte for byte with the original
 * signature header (src/core/events/forward.ts), one after another in the order received. The
 * URL is asked once and kept in the workspace state. Each result is reported as it was: the
 * status the app answered, or why no answer came.
 */
import * as vscode from 'vscode';
import type { Delivery } from '../../core/events/delivery';
import { forwardRequest, parseForwardTarget } from '../../core/events/forward';
import { withCancellableProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import type { Log } from '../log';
import { notify } from '../notify';
import type { StateStore } from './eventInbox';

const TARGET_KEY = 'cloudElements.events.forwardTo';
export const FORWARD_TIMEOUT_MS = 15_000;

export interface ForwardResult {
  seq: number;
  /** The app's status, when it answered. */
  status?: number;
  error?: string;
}

/** Sends each delivery to `target`; stops early when `signal` aborts. */
export async function forwardDeliveries(deliveries: readonly Delivery[], target: string, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<ForwardResult[]> {
  const results: ForwardResult[] = [];
  for (const delivery of deliveries) {
    if (signal.aborted) break;
    const request = forwardRequest(delivery, target);
    try {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers.map(([name, value]): [string, string] => [name, value]),
        body: new Uint8Array(request.body),
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(FORWARD_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      results.push({ seq: delivery.seq, status: response.status });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      results.push({ seq: delivery.seq, error: (error as Error).name === 'TimeoutError' ? `no answer within ${FORWARD_TIMEOUT_MS / 1000} s` : errorText(cause ?? error) });
    }
  }
  return results;
}

/** One sentence on the results. */
export function forwardSummary(results: readonly ForwardResult[], total: number, target: string): { ok: boolean; text: string } {
  const ok = results.filter((result) => result.status !== undefined && result.status >= 200 && result.status < 300);
  const failed = results.filter((result) => !ok.includes(result));
  const skipped = total - results.length;
  const statuses = [...new Set(ok.map((result) => result.status))].join(', ');
  const parts = [`Forwarded ${results.length} of ${total} deliver${total === 1 ? 'y' : 'ies'} to ${target}`];
  if (ok.length > 0) parts.push(`${ok.length} answered ${statuses}`);
  if (failed.length > 0) {
    const shown = failed.slice(0, 3).map((result) => `#${result.seq} ${result.status !== undefined ? `answered ${result.status}` : `failed: ${result.error}`}`);
    parts.push(`${failed.length} did not succeed (${shown.join('; ')}${failed.length > 3 ? '; …' : ''})`);
  }
  if (skipped > 0) parts.push(`${skipped} not sent (cancelled)`);
  return { ok: failed.length === 0 && skipped === 0, text: `${parts.join('; ')}.` };
}

async function askTarget(state: StateStore): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Forward events to…',
    prompt: 'Your app\'s webhook endpoint. Each delivery is replayed there with its body and Elements-Webhook-Signature as received.',
    placeHolder: 'http://localhost:3000/webhooks/elements',
    value: state.get<string>(TARGET_KEY) ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseForwardTarget(text);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parseForwardTarget(typed);
  if ('error' in parsed) return undefined;
  await state.update(TARGET_KEY, parsed.url);
  return parsed.url;
}

/** Forwards `deliveries` to the remembered URL (asked when none is). */
export async function forwardCommand(state: StateStore, log: Log, deliveries: readonly Delivery[]): Promise<void> {
  if (deliveries.length === 0) {
    void notify('info', 'Forward to…: the Events view has no delivery to forward yet.');
    return;
  }
  const remembered = state.get<string>(TARGET_KEY);
  const target = remembered || (await askTarget(state));
  if (!target) return;
  const results = await withCancellableProgress(`Forwarding ${deliveries.length} deliver${deliveries.length === 1 ? 'y' : 'ies'} to ${target}…`, (signal) => forwardDeliveries(deliveries, target, signal));
  for (const result of results) log.info(`Forwarded delivery #${result.seq} to ${target}: ${result.status !== undefined ? `answered ${result.status}` : `failed: ${result.error}`}`);
  const summary = forwardSummary(results, deliveries.length, target);
  // Changing the URL sends nothing again: the next Forward to… goes there.
  const choice = await notify(summary.ok ? 'info' : 'warning', summary.text, 'Change URL');
  if (choice === 'Change URL') await askTarget(state);
}
