/**
 * The words of starting, asking and progress in a provisioning run: sign in first, why a run could
 * not start, the wizard's prompts and titles, durations. The outcome's words are outcomeTexts.ts's,
 * the callback's callbackTexts.ts's; the decisions behind them are the core's
 * (core/provisioning/outcome.ts). No `vscode` here, and no secret or state value in any text.
 */
import type { FlowAction } from '../../core/provisioning/steps';

export type { FlowAction };

export function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes >= 1 && Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.round(minutes * 10) / 10} minutes` : `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** `m:ss` left until `expiresAt`. */
export function formatRemaining(expiresAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What is known of the final write's effect (a FlowError built without it: from its API error). */
// ── Starting ────────────────────────────────────────────────────────────────

export function couldNotStartText(title: string, reason: string): string {
  return `Could not start ${title}: ${reason} Nothing was sent.`;
}

export const NO_INSTANCE_TO_REAUTHORIZE = 'No instance to re-authorize in this account.';

export function notInCatalogText(instanceId: number, elementKey: string | undefined): string {
  return `Instance #${instanceId} is a ${elementKey ?? 'unknown'} instance, which the toolkit's catalog does not describe, so it cannot be re-authorized here.`;
}

export function readFailedText(what: string, reason: string): string {
  return `${what} failed: ${reason}`;
}

// ── Asking ──────────────────────────────────────────────────────────────────

/** A `${keychain:NAME}` answer whose entry this environment's keychain does not hold. */
export function missingReferenceText(name: string, environmentLabel: string): string {
  return `\${keychain:${name}} is not in the keychain (${environmentLabel}): type the value instead.`;
}

/** Under the Instance name box: a re-authorization sends the name too, so changing it renames the instance. */
export function instanceNamePrompt(action: FlowAction): string {
  return action === 'create' ? 'The name of the new instance in Cloud Elements.' : "The instance's name in Cloud Elements: keep it, or change it to rename the instance.";
}

/** The review's first item: what choosing it does. */
export function reviewGoText(action: FlowAction, elementName: string, environmentLabel: string, browser: boolean): { label: string; description: string } {
  const then = browser ? ', after you authorize in the browser' : '';
  return action === 'create'
    ? { label: 'Provision', description: `create the ${elementName} instance in ${environmentLabel}${then}` }
    : { label: 'Re-authorize', description: `update the instance in ${environmentLabel}${then}` };
}

// ── Progress ────────────────────────────────────────────────────────────────

export function progressTitle(action: FlowAction, elementName: string, flowLabel: string): string {
  return `${action === 'create' ? 'Provisioning' : 'Re-authorizing'} ${elementName} (${flowLabel})`;
}

/** The wizard's title: "Provision Xero (OAuth 2)" or "Re-authorize "Books" (OAuth 2)". */
export function runTitle(action: FlowAction, elementName: string, flowLabel: string, instanceName?: string): string {
  return action === 'create' ? `Provision ${elementName} (${flowLabel})` : `Re-authorize "${instanceName ?? elementName}" (${flowLabel})`;
}
