/**
 * The provisioning flow engine: OAuth 2, OAuth 1 and direct (token / basic / custom) flows,
 * driven entirely by the catalog's FlowDefinition — which query parameters each OAuth call
 * takes and where their values come from, how callback parameters map into providerData,
 * and whether the body carries `externalAuthentication` (flowRequest.ts). No element has code of
 * its own. This file runs the steps: the OAuth calls, the browser, the wait for the callback, the
 * final write, and what each failure becomes.
 */
import { isApiError } from '../api/errors';
import type {
  CreateInstanceRequest,
  Instance,
  OAuthQuery,
  OAuthTokenResponse,
  OAuthUrlResponse,
} from '../api/types';
import type { ElementDefinition, FlowDefinition, OAuthDefinition } from '../catalog/types';
import type { CallbackParams } from './callbackUrl';
import { FlowError, isFlowError, type FlowErrorDetails, type ProvisionStep } from './errors';
import { buildConfiguration, buildProviderData, buildQuery, buildRequest, checkInputs, type ProvisionInputs } from './flowRequest';
import { WriteFailure, writeOnce } from './instanceWrites';
import type { InstanceWrite } from './instanceWrites';
import type { PendingFlow, PendingFlowRegistry } from './pendingFlows';
import { stepText } from './steps';

/** The part of the API client the engine uses; tests hand in a fake. */
export interface ProvisioningApi {
  getOAuthToken(keyOrId: string, params: OAuthQuery, signal?: AbortSignal): Promise<OAuthTokenResponse>;
  getOAuthUrl(keyOrId: string, params: OAuthQuery, signal?: AbortSignal): Promise<OAuthUrlResponse>;
  createInstance(body: CreateInstanceRequest, signal?: AbortSignal): Promise<Instance>;
}

/** What the UI may show with a step: the authorization URL (to copy if no browser opens), the wait's deadline. */
export interface StepInfo {
  oauthUrl?: string;
  expiresAt?: number;
}

export interface ProvisionOptions {
  element: ElementDefinition;
  flow: FlowDefinition;
  inputs: ProvisionInputs;
  /** Where the provider sends the browser back (e.g. the extension's URI handler). Required for OAuth flows. */
  callbackUrl?: string;
  /**
   * Set when `callbackUrl` is the https forwarding page: where the page forwards to (VS Code's
   * URI handler as the browser reaches it), carried in the flow's state.
   */
  returnTo?: string;
  api: ProvisioningApi;
  registry: PendingFlowRegistry;
  openUrl: (url: string) => Promise<void>;
  signal?: AbortSignal;
  onStep?: (step: ProvisionStep, info: StepInfo) => void;
  /** How long to wait for the callback. Default: the registry's (10 minutes). */
  ttlMs?: number;
  /**
   * How the final request is sent and, when its answer is lost, checked (instanceWrites.ts).
   * Default: `api.createInstance`, unchecked (such a failure then has `outcome: 'unknown'`).
   */
  write?: InstanceWrite;
}

export interface ProvisionResult {
  instance: Instance;
  /** The body that was posted (it holds secrets: never log it). */
  request: CreateInstanceRequest;
  /** Set when the write's answer was lost (this failure) and the account showed the write had happened. */
  lostAnswer?: Error;
}

/**
 * Provisions one instance. Throws a FlowError: `missing-input` before any call when an entry
 * the flow needs is absent; `denied`, `expired`, `cancelled`, `missing-callback-params`
 * during authorization; `api` / `timeout` / `cancelled` when a call fails (with the body on
 * `request` and what is known of its effect on `outcome` when the final write failed).
 */
export async function provision(options: ProvisionOptions): Promise<ProvisionResult> {
  const { flow, inputs } = options;
  throwIfCancelled(options, undefined);
  const configuration = buildConfiguration(flow, inputs.configuration, flow.oauth ? options.callbackUrl : undefined);
  checkInputs(options.element, flow, inputs, options.callbackUrl, configuration);

  const providerData = flow.oauth ? await authorize(options, flow.oauth, configuration) : undefined;
  const request = buildRequest(options.element, flow, inputs, configuration, providerData);

  throwIfCancelled(options, 'create-instance', request);
  report(options, 'create-instance');
  return writeInstance(options, request);
}

/**
 * Sends the final request once. Only the API's own refusal (or not sending at all) proves that
 * nothing happened; after any other failure the account is looked at before anything is said.
 */
async function writeInstance(options: ProvisionOptions, request: CreateInstanceRequest): Promise<ProvisionResult> {
  const { api, signal } = options;
  const write: InstanceWrite = options.write ?? { action: 'create', send: (body, sendSignal) => api.createInstance(body, sendSignal) };
  try {
    const { instance, lostAnswer } = await writeOnce(write, request, signal, () => report(options, 'check-instance'));
    return { instance, request, ...(lostAnswer && { lostAnswer }) };
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    throw asFlowError(options, error.error, 'create-instance', request, {
      outcome: error.outcome,
      ...(error.lookupError && { lookupError: error.lookupError }),
    });
  }
}

async function authorize(
  options: ProvisionOptions,
  oauth: OAuthDefinition,
  configuration: Record<string, string>,
): Promise<Record<string, string>> {
  const { element, flow, api, registry, signal } = options;
  const pending = registry.begin({
    elementKey: element.key,
    flowType: flow.type,
    ...(options.ttlMs !== undefined && { ttlMs: options.ttlMs }),
    ...(options.returnTo !== undefined && { returnTo: options.returnTo }),
  });
  try {
    let requestToken: OAuthTokenResponse | undefined;
    if (oauth.token) {
      report(options, 'request-token');
      const query = buildQuery(oauth.token, configuration, pending.state, undefined);
      requestToken = await call(options, 'request-token', () => api.getOAuthToken(element.key, query, signal));
      registry.bindRequestToken(pending.state, requestToken.token);
    }

    report(options, 'authorize-url');
    const query = buildQuery(oauth.url, configuration, pending.state, requestToken?.token);
    const { oauthUrl } = await call(options, 'authorize-url', () => api.getOAuthUrl(element.key, query, signal));

    throwIfCancelled(options, 'open-browser');
    report(options, 'open-browser', { oauthUrl });
    await options.openUrl(oauthUrl);

    throwIfCancelled(options, 'wait-callback');
    report(options, 'wait-callback', { oauthUrl, expiresAt: pending.expiresAt });
    const params = await waitForCallback(options, pending);

    throwIfCancelled(options, 'create-instance');
    return buildProviderData(element, flow, params, requestToken?.secret);
  } finally {
    // Releases the state on every failure path; a no-op once the callback arrived.
    registry.cancel(pending.state);
  }
}

async function waitForCallback(options: ProvisionOptions, pending: PendingFlow): Promise<CallbackParams> {
  const { signal, registry } = options;
  const onAbort = () => registry.cancel(pending.state, `Provisioning ${options.element.name} was cancelled.`);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await pending.callback;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function call<T>(options: ProvisionOptions, step: ProvisionStep, run: () => Promise<T>): Promise<T> {
  throwIfCancelled(options, step);
  try {
    return await run();
  } catch (error) {
    throw asFlowError(options, error, step, undefined);
  }
}

function asFlowError(
  options: ProvisionOptions,
  error: unknown,
  step: ProvisionStep,
  request: CreateInstanceRequest | undefined,
  extra: Pick<FlowErrorDetails, 'outcome' | 'lookupError'> = {},
): FlowError {
  if (isFlowError(error)) return error;
  const details = { step, ...(request !== undefined && { request }), ...extra };
  const what = `${stepText(step, options.write?.action)} for ${options.element.name}`;
  if (options.signal?.aborted || (isApiError(error) && error.kind === 'cancelled')) {
    return new FlowError('cancelled', `Provisioning ${options.element.name} was cancelled.`, {
      ...details,
      ...(isApiError(error) && { apiError: error }),
    });
  }
  if (isApiError(error)) {
    const code = error.kind === 'timeout' ? 'timeout' : 'api';
    return new FlowError(code, `${what} failed: ${error.message}`, { ...details, apiError: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FlowError('api', `${what} failed: ${message}`, details);
}

function throwIfCancelled(options: ProvisionOptions, step: ProvisionStep | undefined, request?: CreateInstanceRequest): void {
  if (!options.signal?.aborted) return;
  throw new FlowError('cancelled', `Provisioning ${options.element.name} was cancelled.`, {
    ...(step !== undefined && { step }),
    ...(request !== undefined && { request }),
  });
}

function report(options: ProvisionOptions, step: ProvisionStep, info: StepInfo = {}): void {
  try {
    options.onStep?.(step, info);
  } catch {
    // A progress display must not break provisioning.
  }
}
