/** The one error type of the provisioning flow engine and its pending-flow registry. */
import type { ApiError } from '../api/errors';
import type { CreateInstanceRequest } from '../api/types';

export type FlowErrorCode =
  | 'denied'
  | 'expired'
  | 'state-mismatch'
  | 'invalid-callback'
  | 'cancelled'
  | 'timeout'
  | 'missing-input'
  | 'missing-callback-params'
  | 'api';

export type ProvisionStep =
  | 'request-token'
  | 'authorize-url'
  | 'open-browser'
  | 'wait-callback'
  | 'create-instance'
  | 'check-instance';

/**
 * What is known, after the final write (`POST /instances` or `PUT …?reAuthenticate=true`)
 * failed, about whether it took effect:
 * - `not-applied`: certainly not — it was never sent, or the API refused it (4xx with its JSON error body);
 * - `not-found`: the answer was lost, and looking at the account just afterwards showed no trace of it;
 * - `unknown`: the answer was lost and the account could not be checked.
 */
export type WriteOutcome = 'not-applied' | 'not-found' | 'unknown';

export interface FlowErrorDetails {
  /** The step that failed, when the failure belongs to one. */
  step?: ProvisionStep;
  /** The underlying API failure for `api`, `timeout` and `cancelled` during a call. */
  apiError?: ApiError;
  /**
   * The `POST /instances` body that failed, so the UI can offer "Open instance.json" to fix
   * and retry. It holds secrets: never log it.
   */
  request?: CreateInstanceRequest;
  /** `missing-input`: configuration keys (or `name`); `missing-callback-params`: callback parameter names. */
  missing?: string[];
  /** `denied`: what the provider said, shortened: `access_denied (The user said no)`. */
  denial?: string;
  /** Set when the final write failed (step `create-instance`). */
  outcome?: WriteOutcome;
  /** `outcome: 'unknown'`: why the account could not be checked. */
  lookupError?: Error;
}

/** Marks a FlowError whichever bundle's copy of this module made it (the pending-flow registry of extension.js, the engine of provisioning.js). */
const FLOW_ERROR: unique symbol = Symbol.for('elements-toolkit.FlowError') as never;

export class FlowError extends Error {
  override readonly name = 'FlowError';
  readonly [FLOW_ERROR] = true;
  readonly code: FlowErrorCode;
  readonly step: ProvisionStep | undefined;
  readonly apiError: ApiError | undefined;
  readonly request: CreateInstanceRequest | undefined;
  readonly missing: string[] | undefined;
  readonly denial: string | undefined;
  readonly outcome: WriteOutcome | undefined;
  readonly lookupError: Error | undefined;

  constructor(code: FlowErrorCode, message: string, details: FlowErrorDetails = {}) {
    super(message);
    this.code = code;
    this.step = details.step;
    this.apiError = details.apiError;
    this.request = details.request;
    this.missing = details.missing;
    this.denial = details.denial;
    this.outcome = details.outcome;
    this.lookupError = details.lookupError;
  }
}

export function isFlowError(error: unknown, code?: FlowErrorCode): error is FlowError {
  return error instanceof Error && (error as Partial<Record<typeof FLOW_ERROR, unknown>>)[FLOW_ERROR] === true && (code === undefined || (error as FlowError).code === code);
}
