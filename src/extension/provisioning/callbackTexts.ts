/**
 * The words of a run's way back from the browser: the callback mode's notes, the wait and its
 * countdown, the loopback page, why a callback was refused or a pasted address cannot be used.
 * Which mode is used is callbackPlans.ts's decision, whether a pasted address can be used the
 * core's (checkPastedCallback). No `vscode` here, and no secret or state value in any text.
 */
import type { CallbackAdvice } from '../../core/provisioning/callbackAdvice';
import type { FlowError } from '../../core/provisioning/errors';
import { checkPastedCallback } from '../../core/provisioning/outcome';
import { stepText, type FlowAction } from '../../core/provisioning/steps';
import { errorText } from '../errorText';
import type { CallbackPlan } from './callbackPlans';
import { formatDuration, formatRemaining } from './texts';

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
    default:
      // A new mode does not compile until it has its note.
      return unnoted(plan);
  }
}

/** Compiles only while every mode of CallbackPlan is a NotedPlan too, so planNote's switch covers each. */
type NoModeLeft<Left extends never> = Left;
export type EveryModeNoted = NoModeLeft<Exclude<CallbackPlan['mode'], NotedPlan['mode']>>;

function unnoted(plan: never): never {
  throw new Error(`No note for callback mode ${JSON.stringify(plan)}.`);
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


/** The check of a pasted callback address, for the input box; undefined when it can be used. */
export function validateCallbackText(text: string): string | undefined {
  const problem = checkPastedCallback(text);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case 'empty':
      return 'Paste the whole address the browser ended on.';
    case 'no-callback-params':
      return 'This address has no code, oauth_token, error or state parameter: paste the address the provider sent you back to.';
    case 'unreadable':
      return errorText(problem.error);
  }
}
