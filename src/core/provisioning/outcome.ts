/**
 * What a provisioning run's end means, decided without words: how serious a failure is, what is
 * known of the final write, which buttons help next, and whether a pasted callback address can
 * be used. The extension says it (src/extension/provisioning/outcomeTexts.ts, callbackTexts.ts);
 * the decisions are here, pure and unit-tested (test/unit/core/provisioning/outcome.test.ts).
 */
import { isFlowError, type FlowError, type FlowErrorCode, type WriteOutcome } from './errors';
import { parseCallbackUrl } from './callbackUrl';
import type { FlowAction } from './steps';

export type Severity = 'info' | 'warning' | 'error';

/** A button the failure's message offers. */
export type FailureOffer =
  /** Open the body that was sent as an instance file, to fix and send again (a create the API refused). */
  | 'open-instance-file'
  /** Refresh the Instances view and look: the final write may have happened. */
  | 'refresh-instances'
  /** Show the log: an error worth reading about. */
  | 'show-log';

/**
 * What kind of end it was: a FlowError's code when the final write is known not to have
 * happened; `uncertain` / `cancelled-uncertain` when it may have; `unexpected` for anything that
 * is not a FlowError.
 */
export type FailureKind = FlowErrorCode | 'uncertain' | 'cancelled-uncertain' | 'unexpected';

export interface FailureOutcome {
  kind: FailureKind;
  severity: Severity;
  /** What is known of the final write: only the create step's write can be undecided. */
  write: WriteOutcome;
  /** The buttons to offer, in order; `refresh-instances` only helps where the view shows the run's environment. */
  offers: readonly FailureOffer[];
}

/** What is known of the final write's effect (a FlowError built without it: from its API error). */
export function writeOutcome(error: FlowError): WriteOutcome {
  return error.outcome ?? (error.apiError !== undefined && !error.apiError.definitive ? 'unknown' : 'not-applied');
}

const SEVERITY: Readonly<Record<FlowErrorCode, Severity>> = {
  denied: 'warning',
  expired: 'warning',
  cancelled: 'info',
  'state-mismatch': 'warning',
  'invalid-callback': 'warning',
  'missing-callback-params': 'error',
  'missing-input': 'error',
  timeout: 'error',
  api: 'error',
};

function kindOf(error: unknown): Pick<FailureOutcome, 'kind' | 'write'> {
  if (!isFlowError(error)) return { kind: 'unexpected', write: 'not-applied' };
  const write = error.step === 'create-instance' ? writeOutcome(error) : 'not-applied';
  if (write === 'not-applied') return { kind: error.code, write };
  return { kind: error.code === 'cancelled' ? 'cancelled-uncertain' : 'uncertain', write };
}

/** The API refused the final create: the body that was sent can be opened as a file to fix and retry. */
export function offersInstanceFile(error: unknown, action: FlowAction): error is FlowError {
  return action === 'create' && isFlowError(error, 'api') && error.step === 'create-instance' && error.request !== undefined && writeOutcome(error) === 'not-applied';
}

/** A flow that ended without an instance: `error` is what provision() threw. */
export function classifyFailure(error: unknown, action: FlowAction): FailureOutcome {
  const { kind, write } = kindOf(error);
  const severity: Severity = kind === 'unexpected' || kind === 'uncertain' ? 'error' : kind === 'cancelled-uncertain' ? 'warning' : SEVERITY[kind];
  const offers: FailureOffer[] = [
    ...(offersInstanceFile(error, action) ? (['open-instance-file'] as const) : []),
    ...(write !== 'not-applied' ? (['refresh-instances'] as const) : []),
    ...(severity === 'error' ? (['show-log'] as const) : []),
  ];
  return { kind, severity, write, offers };
}

/** Parameters a callback address carries when it is the provider's answer. */
const CALLBACK_PARAMS = ['code', 'oauth_token', 'oauth_verifier', 'error', 'oauth_problem', 'state'];

/** Why a pasted callback address cannot be used, or undefined when it can. */
export type PastedCallbackProblem = { kind: 'empty' } | { kind: 'no-callback-params' } | { kind: 'unreadable'; error: unknown };

export function checkPastedCallback(text: string): PastedCallbackProblem | undefined {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    const params = parseCallbackUrl(text);
    return CALLBACK_PARAMS.some((name) => name in params) ? undefined : { kind: 'no-callback-params' };
  } catch (error) {
    return { kind: 'unreadable', error };
  }
}
