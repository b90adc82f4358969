/**
 * The words of a run's end: what was created (and how that is known), why nothing (or maybe
 * something) happened, the status bar's line. What a failure means — how serious, what is known
 * of the final write, which buttons help — is decided in core/provisioning/outcome.ts; showing
 * it is showOutcome.ts's job. No `vscode` here, and no secret or state value in any text.
 */
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { isFlowError, type FlowError } from '../../core/provisioning/errors';
import { UndecidedLookup } from '../../core/provisioning/instanceWrites';
import { classifyFailure, type FailureOutcome, type Severity } from '../../core/provisioning/outcome';
import type { FlowAction } from '../../core/provisioning/steps';
import type { ConnectionCheck } from '../console/contract';
import { errorText } from '../errorText';
import { formatDuration } from './texts';

export type { Severity };

/** The button that reloads the Instances view, offered when the final write may have happened. */
export const REFRESH_INSTANCES = 'Refresh Instances';

export interface OutcomeContext {
  elementName: string;
  action: FlowAction;
  /** How long the authorization wait was, for the "expired" text. */
  timeoutMs: number;
}

export interface FailureText {
  severity: Severity;
  message: string;
  /** The final write may have happened: offer to refresh the Instances view and look. */
  offerRefresh?: boolean;
}

function nothingHappened(action: FlowAction): string {
  return action === 'create' ? 'Nothing was created.' : 'The instance was not changed.';
}


/** After a lost answer: what the check of the account showed, and what to do before trying again. */
export function lostAnswerText(action: FlowAction, outcome: 'not-found' | 'unknown', instanceName: string, lookupError?: Error): string {
  const check = 'check before retrying: refresh the Instances view.';
  if (outcome === 'not-found') {
    return action === 'create'
      ? `No new instance named "${instanceName}" was in the account when checked just now, but the request may still take effect — ${check}`
      : `The instance showed no change when checked just now, but the re-authorization may still take effect — ${check}`;
  }
  const checkFailed = lookupError ? ` (${lookupNote(lookupError)})` : '';
  return action === 'create'
    ? `The instance may exist — ${check}${checkFailed}`
    : `The re-authorization may have taken effect — ${check}${checkFailed}`;
}

/** An undecided lookup read the account and says what it could not tell; any other error is why the account could not be read. */
function lookupNote(lookupError: Error): string {
  return lookupError instanceof UndecidedLookup ? lookupError.message : `Checking the account failed too: ${lookupError.message}`;
}

function uncertainty(error: FlowError, action: FlowAction, outcome: 'not-found' | 'unknown'): string {
  return lostAnswerText(action, outcome, error.request?.name ?? '', error.lookupError);
}

/** The message for a flow that ended without an instance. `error` is what provision() threw. */
export function failureText(error: unknown, context: OutcomeContext): FailureText {
  const outcome = classifyFailure(error, context.action);
  return { severity: outcome.severity, message: failureMessage(error, outcome, context), ...(outcome.write !== 'not-applied' && { offerRefresh: true }) };
}

/** The words for each kind of failure: a new kind does not compile until it has its own. */
function failureMessage(error: unknown, outcome: FailureOutcome, context: OutcomeContext): string {
  const { elementName, action } = context;
  const none = nothingHappened(action);
  const verb = action === 'create' ? 'Provisioning' : 'Re-authorizing';
  if (!isFlowError(error)) return `${verb} ${elementName} failed: ${errorText(error)} ${none}`;
  const { kind, write } = outcome;
  switch (kind) {
    case 'unexpected':
      return `${verb} ${elementName} failed: ${errorText(error)} ${none}`;
    case 'cancelled-uncertain': {
      if (write === 'not-found') return `${verb} ${elementName} was cancelled while the request was under way. ${uncertainty(error, action, write)}`;
      const checkFailed = error.lookupError ? ` ${lookupNote(error.lookupError).replace(/ too:/, ':')}` : '';
      return `${verb} ${elementName} was cancelled while the request was under way. If it had reached Cloud Elements, the change may have happened: refresh the Instances view.${checkFailed}`;
    }
    case 'uncertain':
      return `${error.message} ${uncertainty(error, action, write === 'not-found' ? 'not-found' : 'unknown')}`;
    case 'denied':
      return `${elementName} refused the authorization${error.denial ? `: ${error.denial.replace(/\.$/, '')}` : ''}. ${none}`;
    case 'expired':
      return `The authorization of ${elementName} timed out: no callback arrived within ${formatDuration(context.timeoutMs)}. ${none} Run the command again when you are ready to authorize in the browser.`;
    case 'cancelled':
      return `${verb} ${elementName} was cancelled. ${none}`;
    case 'state-mismatch':
      return `The callback did not belong to this sign-in (state mismatch). ${none}`;
    case 'invalid-callback':
      return `${error.message} ${none}`;
    case 'missing-callback-params':
      return `${error.message}${action === 'create' ? '' : ` ${none}`}`;
    case 'missing-input':
      return error.message;
    case 'timeout':
    case 'api':
      return `${error.message} ${none}`;
  }
}

export interface SuccessContext {
  action: FlowAction;
  instance: Pick<Instance, 'id' | 'name'>;
  /** The write's answer was lost; the instance was found in the account afterwards. */
  lostAnswer?: Error;
  /** The environment the run was bound to, when the window has switched to another one meanwhile. */
  otherEnvironment?: string;
  /** The connection test run right after (the instance console's Test Connection). */
  connection?: ConnectionCheck;
}

/** How a created instance is known when the answer to the request was lost. */
export function foundAfterLostAnswerText(lostAnswer: Error): string {
  return isApiError(lostAnswer) && lostAnswer.kind === 'cancelled'
    ? 'The request had reached Cloud Elements before it was cancelled: the account shows it.'
    : `The answer to the request was lost (${lostAnswer.message.replace(/\.$/, '')}), but the account shows it.`;
}

/** "Created and connected: Books (#7) answered in 9 ms." or "Created Books (#7), but the connection test failed: …". */
export function connectionSentence(verb: string, named: string, connection: ConnectionCheck): string {
  switch (connection.outcome) {
    case 'connected':
      return `${verb} and connected: ${named} answered in ${connection.ms} ms.`;
    case 'failed':
      return `${verb} ${named}, but the connection test failed: ${connection.message}`;
    case 'cancelled':
      return `${verb} ${named}; its connection test was cancelled.`;
  }
}

/** "Created Books (#7)." — and, when it applies, how that is known and where it lives. */
export function successText(context: SuccessContext): string {
  const { action, instance, lostAnswer, otherEnvironment, connection } = context;
  const verb = action === 'create' ? 'Created' : 'Re-authorized';
  const named = `${instance.name} (#${instance.id})${otherEnvironment ? ` in ${otherEnvironment}` : ''}`;
  const parts = [connection ? connectionSentence(verb, named, connection) : `${verb} ${named}.`];
  if (lostAnswer) parts.push(foundAfterLostAnswerText(lostAnswer));
  if (otherEnvironment) parts.push('Its token is kept for that environment; the Instances view shows the one you switched to.');
  return parts.join(' ');
}

/** Outside text in the status bar: `$(name)` there would become an icon. */
function noIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

/** A status bar line that keeps a run's outcome in sight after its notification went to the notification centre. */
export function outcomeLine(outcome: { ok: true; action: FlowAction; instance: Pick<Instance, 'id' | 'name'> } | { ok: false; failure: FailureText }): string {
  if (outcome.ok) return `$(check) ${outcome.action === 'create' ? 'Created' : 'Re-authorized'} ${noIcons(outcome.instance.name)} (#${outcome.instance.id})`;
  const first = noIcons(/^(.*?\.)(\s|$)/.exec(outcome.failure.message)?.[1] ?? outcome.failure.message);
  const icon = outcome.failure.severity === 'error' ? 'error' : outcome.failure.severity === 'warning' ? 'warning' : 'info';
  return `$(${icon}) ${first.length > 100 ? `${first.slice(0, 99)}…` : first}`;
}

export function tokenCopiedText(instance: Pick<Instance, 'id' | 'name'>): string {
  return `Token copied: the token of "${instance.name}" (#${instance.id}) is on the clipboard.`;
}

export function saveFailedText(elementKey: string, path: string, reason: string): string {
  return `Could not save the instance.json of ${elementKey} to ${path}: ${reason}. Nothing was written.`;
}

