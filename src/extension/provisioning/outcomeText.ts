/**
 * What the user reads when a provisioning flow ends or a callback arrives: plain texts from
 * FlowErrors and registry answers. No `vscode` here. None of these texts carries a secret or
 * a state value.
 */
import { parseCallbackUrl } from '../../core/provisioning/callbackUrl';
import type { ProvisionStep } from '../../core/provisioning/errors';
import { FlowError, isFlowError } from '../../core/provisioning/errors';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';

export type FlowAction = 'create' | 'reauthorize';

export interface OutcomeContext {
  elementName: string;
  action: FlowAction;
  /** How long the authorization wait was, for the "expired" text. */
  timeoutMs: number;
}

export type Severity = 'info' | 'warning' | 'error';

export interface FailureText {
  severity: Severity;
  message: string;
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

/** The message for a flow that ended without an instance. `error` is what provision() threw. */
export function failureText(error: unknown, context: OutcomeContext): FailureText {
  const { elementName, action } = context;
  const none = nothingHappened(action);
  const verb = action === 'create' ? 'Provisioning' : 'Re-authorizing';
  if (!isFlowError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return { severity: 'error', message: `${verb} ${elementName} failed: ${reason} ${none}` };
  }
  const atCreate = error.step === 'create-instance';
  switch (error.code) {
    case 'denied':
      return { severity: 'warning', message: `Authorization denied: ${error.message} ${none}` };
    case 'expired':
      return {
        severity: 'warning',
        message: `The authorization of ${elementName} timed out: no callback arrived within ${formatDuration(context.timeoutMs)}. ${none} Run the command again when you are ready to authorize in the browser.`,
      };
    case 'cancelled':
      return atCreate && error.apiError !== undefined
        ? {
            severity: 'warning',
            message: `${verb} ${elementName} was cancelled while the request was under way. If it had reached Cloud Elements, the change may have happened: refresh the Instances view.`,
          }
        : { severity: 'info', message: `${verb} ${elementName} was cancelled. ${none}` };
    case 'state-mismatch':
      return { severity: 'warning', message: `The callback did not belong to this sign-in (state mismatch). ${none}` };
    case 'invalid-callback':
      return { severity: 'warning', message: `${error.message} ${none}` };
    case 'missing-callback-params':
      return { severity: 'error', message: `${error.message}${action === 'create' ? '' : ` ${none}`}` };
    case 'missing-input':
      return { severity: 'error', message: error.message };
    case 'timeout':
      return {
        severity: 'error',
        message: atCreate
          ? `${error.message} The instance may exist anyway: refresh the Instances view before trying again.`
          : `${error.message} ${none}`,
      };
    case 'api':
      return { severity: 'error', message: `${error.message} ${none}` };
  }
}

/** The API refused the final request: offer the body that was sent as a file to fix and retry. */
export function offersInstanceFile(error: unknown, action: FlowAction): error is FlowError {
  return action === 'create' && isFlowError(error, 'api') && error.step === 'create-instance' && error.request !== undefined;
}

const STEP_TEXT: Record<ProvisionStep, string> = {
  'request-token': 'Getting an OAuth request token…',
  'authorize-url': 'Getting the authorization URL…',
  'open-browser': 'Opening the browser…',
  'wait-callback': 'Waiting for you to authorize in the browser',
  'create-instance': 'Creating the instance…',
  'check-instance': 'The answer was lost: checking the account…',
};

export function stepText(step: ProvisionStep, action: FlowAction): string {
  return step === 'create-instance' && action === 'reauthorize' ? 'Re-authorizing the instance…' : STEP_TEXT[step];
}

export type Delivery =
  | { ok: true; outcome: 'authorized' | 'denied'; elementKey: string }
  | { ok: false; code: FlowError['code']; message: string };

export const NOT_IN_PROGRESS =
  'This authorization link is not for a sign-in in progress: it is old, already used, or from another window. It was ignored; nothing was created.';

/** Hands a callback (URL or pasted text) to the registry; a rejected one becomes a message. */
export function deliverCallback(registry: PendingFlowRegistry, input: string): Delivery {
  try {
    const completed = registry.complete(input);
    return { ok: true, outcome: completed.outcome, elementKey: completed.elementKey };
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    return { ok: false, code: error.code, message: rejectionText(error) };
  }
}

function rejectionText(error: FlowError): string {
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
    return error instanceof Error ? error.message : String(error);
  }
}
