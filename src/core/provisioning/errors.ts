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

export type ProvisionStep = 'request-token' | 'authorize-url' | 'open-browser' | 'wait-callback' | 'create-instance';

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
}

export class FlowError extends Error {
  override readonly name = 'FlowError';
  readonly code: FlowErrorCode;
  readonly step: ProvisionStep | undefined;
  readonly apiError: ApiError | undefined;
  readonly request: CreateInstanceRequest | undefined;
  readonly missing: string[] | undefined;

  constructor(code: FlowErrorCode, message: string, details: FlowErrorDetails = {}) {
    super(message);
    this.code = code;
    this.step = details.step;
    this.apiError = details.apiError;
    this.request = details.request;
    this.missing = details.missing;
  }
}

export function isFlowError(error: unknown, code?: FlowErrorCode): error is FlowError {
  return error instanceof FlowError && (code === undefined || error.code === code);
}
