/**
 * Every text a provisioning run shows: its progress, its outcome, the callback mode's notes,
 * why a callback was refused, the buttons. Plain strings from FlowErrors, plans and registry
 * answers; showing them is showOutcome.ts's and the other steps' job. No `vscode` here. None of
 * these texts carries a secret or a state value.
 */
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { parseCallbackUrl } from '../../core/provisioning/callbackUrl';
import type { WriteOutcome } from '../../core/provisioning/errors';
import { isFlowError, type FlowError } from '../../core/provisioning/errors';
import { UndecidedLookup } from '../../core/provisioning/instanceWrites';
import { stepText, type FlowAction } from '../../core/provisioning/steps';
import type { ConnectionCheck } from '../console/contract';
import { errorText } from '../errorText';
import type { Severity } from '../notify';
import type { CallbackAdvice } from '../../core/provisioning/callbackAdvice';
import type { CallbackPlan } from './callbackPlans';

export type { FlowAction };

export interface OutcomeContext {
  elementName: string;
  action: FlowAction;
  /** How long the authorization wait was, for the "expired" text. */
  timeoutMs: number;
}

export type { Severity };

export interface FailureText {
  severity: Severity;
  message: string;
  /** The final write may have happened: offer to refresh the Instances view and look. */
  offerRefresh?: boolean;
}

function nothingHappened(action: FlowAction): string {
  return action === 'create' ? 'Nothing was created.' : 'The instance was not changed.';
}

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
export function writeOutcome(error: FlowError): WriteOutcome {
  return error.outcome ?? (error.apiError !== undefined && !error.apiError.definitive ? 'unknown' : 'not-applied');
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
  const { elementName, action } = context;
  const none = nothingHappened(action);
  const verb = action === 'create' ? 'Provisioning' : 'Re-authorizing';
  if (!isFlowError(error)) {
    const reason = errorText(error);
    return { severity: 'error', message: `${verb} ${elementName} failed: ${reason} ${none}` };
  }
  const atCreate = error.step === 'create-instance';
  const outcome = atCreate ? writeOutcome(error) : 'not-applied';
  if (outcome !== 'not-applied' && error.code === 'cancelled') {
    const checkFailed = error.lookupError ? ` ${lookupNote(error.lookupError).replace(/ too:/, ':')}` : '';
    return {
      severity: 'warning',
      message:
        outcome === 'not-found'
          ? `${verb} ${elementName} was cancelled while the request was under way. ${uncertainty(error, action, outcome)}`
          : `${verb} ${elementName} was cancelled while the request was under way. If it had reached Cloud Elements, the change may have happened: refresh the Instances view.${checkFailed}`,
      offerRefresh: true,
    };
  }
  if (outcome !== 'not-applied') {
    return { severity: 'error', message: `${error.message} ${uncertainty(error, action, outcome)}`, offerRefresh: true };
  }
  switch (error.code) {
    case 'denied':
      return { severity: 'warning', message: `${elementName} refused the authorization${error.denial ? `: ${error.denial.replace(/\.$/, '')}` : ''}. ${none}` };
    case 'expired':
      return {
        severity: 'warning',
        message: `The authorization of ${elementName} timed out: no callback arrived within ${formatDuration(context.timeoutMs)}. ${none} Run the command again when you are ready to authorize in the browser.`,
      };
    case 'cancelled':
      return { severity: 'info', message: `${verb} ${elementName} was cancelled. ${none}` };
    case 'state-mismatch':
      return { severity: 'warning', message: `The callback did not belong to this sign-in (state mismatch). ${none}` };
    case 'invalid-callback':
      return { severity: 'warning', message: `${error.message} ${none}` };
    case 'missing-callback-params':
      return { severity: 'error', message: `${error.message}${action === 'create' ? '' : ` ${none}`}` };
    case 'missing-input':
      return { severity: 'error', message: error.message };
    case 'timeout':
    case 'api':
      return { severity: 'error', message: `${error.message} ${none}` };
  }
}

/** The API refused the final request: offer the body that was sent as a file to fix and retry. */
export function offersInstanceFile(error: unknown, action: FlowAction): error is FlowError {
  return (
    action === 'create' &&
    isFlowError(error, 'api') &&
    error.step === 'create-instance' &&
    error.request !== undefined &&
    writeOutcome(error) === 'not-applied'
  );
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


// ── Starting ────────────────────────────────────────────────────────────────

export function signInFirstText(environmentLabel: string, what: string): string {
  return `Sign in to Cloud Elements (${environmentLabel}) to ${what}.`;
}

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

/**
 * The progress notification's message while the flow waits for the browser: how it comes back,
 * how long it may take, and a link to copy the authorization URL (`copyLink`: a command URI) —
 * the notification's own "Copy URL" action. It stays the same for the whole wait, so the link
 * is never re-rendered under the pointer.
 */
export function waitingText(action: FlowAction, hint: string, timeoutMs: number, browserOpened: boolean, copyLink: string): string {
  const link = `[Copy the authorization URL](${copyLink})`;
  const wait = `${stepText('wait-callback', action)}: ${hint} (up to ${formatDuration(timeoutMs)}).`;
  return browserOpened ? `${wait} No browser opened? ${link} and open it yourself.` : `VS Code did not open a browser: ${link} and open it yourself. ${wait}`;
}

/** The status bar's countdown while a flow waits for the browser. */
export function countdownText(action: FlowAction, expiresAt: number, now: number): string {
  return `${stepText('wait-callback', action)} (${formatRemaining(expiresAt, now)} left)`;
}

export const NO_AUTHORIZATION_WAITING = 'No authorization is waiting for the browser: there is no URL to copy.';
export const NOT_WAITING_ANY_MORE = 'That authorization is no longer waiting for the browser: its URL was not copied.';

export function urlCopiedText(elementName: string): string {
  return `Copied the authorization URL for ${elementName}: open it in your browser.`;
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

// ── Callback modes ──────────────────────────────────────────────────────────

/** The plan as the notes need it (a ReadyPlan, or a CallbackPlan before it is ready). */
export type NotedPlan =
  | { readonly mode: 'uriHandler'; readonly instead?: 'loopback' }
  | { readonly mode: 'loopback'; readonly port?: number }
  | { readonly mode: 'paste' }
  | { readonly mode: 'forwardingPage'; readonly pageUrl?: string; readonly returnTo?: string; readonly changesEachTime?: boolean };

/** What the prompts tell the user about the callback mode before anything starts. */
export function planNote(plan: NotedPlan): string | undefined {
  switch (plan.mode) {
    case 'loopback':
      return `Callback mode "loopback": a one-shot server on ${plan.port === undefined ? 'http://localhost on a free port' : `http://localhost:${plan.port}`} receives the redirect at /callback.`;
    case 'paste':
      return 'Callback mode "paste": after authorizing, you paste the address the browser lands on.';
    case 'forwardingPage': {
      const origin = plan.changesEachTime && plan.returnTo ? new URL(plan.returnTo).origin : undefined;
      const listed = origin ? ` This VS Code runs in a browser at ${origin}: the page must list that origin in its elements-toolkit-web-origins meta ("Save Forwarding Page…" run in this window adds it).` : '';
      return `Callback mode "forwardingPage": the provider sends the browser to your page${plan.pageUrl ? ` at ${plan.pageUrl}` : ''}, which hands the redirect on to VS Code.${listed}`;
    }
    case 'uriHandler':
      return plan.instead === 'loopback'
        ? 'Callback mode "loopback" cannot work in this remote window (localhost here is not the machine your browser runs on): the provider redirects to VS Code itself instead.'
        : undefined;
  }
}

/** The local emulator enforces a provider's redirect rules only for apps registered with it. */
export const EMULATOR_REDIRECT_NOTE =
  'The local emulator holds an app to its provider\'s redirect rules only once the app is registered with it (POST /__admin/apps; npm start registers its demo apps): any other client id takes any callback.';

/**
 * Everything the wizard says about the way back before the browser opens: the mode's note, the
 * provider's verdict on the callback (what to register, or why it refuses it and what works),
 * and on the local emulator how far it holds apps to those rules.
 */
export function callbackNotes(plan: NotedPlan, advice: Pick<CallbackAdvice, 'text'>, emulator: boolean): string[] {
  const note = planNote(plan);
  return [...(note ? [note] : []), advice.text, ...(emulator ? [EMULATOR_REDIRECT_NOTE] : [])];
}

/** How the callback comes back, for the waiting message. */
export function waitingHint(mode: CallbackPlan['mode'], callbackUrl: string): string {
  switch (mode) {
    case 'forwardingPage':
      return `the browser returns to VS Code through your page at ${callbackUrl}`;
    case 'uriHandler':
      return 'the browser returns to VS Code when you are done';
    case 'loopback':
      return `the browser returns to ${callbackUrl}`;
    case 'paste':
      return 'paste the address you land on ("Enter Authorization Callback URL…")';
  }
}

// ── Callbacks ───────────────────────────────────────────────────────────────

export const NOT_IN_PROGRESS =
  'This authorization link is not for a sign-in in progress: it is old, already used, or from another window. It was ignored; nothing was created.';

export const NOTHING_WAITING = 'No sign-in is waiting for a callback. Start one with "Cloud Elements: Provision Element…".';

/** The page the loopback server shows the browser once VS Code took (or refused) the callback. */
export function loopbackPage(delivery: { ok: true; outcome: 'authorized' | 'denied' } | { ok: false; message: string }): {
  accepted: boolean;
  title: string;
  message: string;
} {
  if (!delivery.ok) return { accepted: false, title: 'Not accepted', message: delivery.message };
  return delivery.outcome === 'denied'
    ? { accepted: true, title: 'Authorization denied', message: 'The provider reported that access was denied. You can close this tab; VS Code shows what happened.' }
    : { accepted: true, title: 'Authorization received', message: 'You can close this tab and return to VS Code.' };
}

export function tokenCopiedText(instance: Pick<Instance, 'id' | 'name'>): string {
  return `Token copied: the token of "${instance.name}" (#${instance.id}) is on the clipboard.`;
}

export function saveFailedText(elementKey: string, path: string, reason: string): string {
  return `Could not save the instance.json of ${elementKey} to ${path}: ${reason}. Nothing was written.`;
}

/** Why a callback was not taken. */
export function rejectionText(error: FlowError): string {
  switch (error.code) {
    case 'expired':
      return 'This authorization link belongs to a sign-in that has expired. It was ignored; start Provision Element again.';
    case 'cancelled':
      return 'This authorization link belongs to a sign-in that was cancelled. It was ignored; start Provision Element again.';
    case 'missing-callback-params':
      return 'This link carries no authorization parameters (no code, oauth_token or error). It was ignored.';
    case 'invalid-callback':
      return `${error.message} Nothing was created.`;
    default:
      return NOT_IN_PROGRESS;
  }
}

const CALLBACK_PARAMS = ['code', 'oauth_token', 'oauth_verifier', 'error', 'oauth_problem', 'state'];

/** The check of a pasted callback address, for the input box; undefined when it can be used. */
export function validateCallbackText(text: string): string | undefined {
  if (text.trim() === '') return 'Paste the whole address the browser ended on.';
  try {
    const params = parseCallbackUrl(text);
    if (CALLBACK_PARAMS.some((name) => name in params)) return undefined;
    return 'This address has no code, oauth_token, error or state parameter: paste the address the provider sent you back to.';
  } catch (error) {
    return errorText(error);
  }
}
