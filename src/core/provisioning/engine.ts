/**
 * The provisioning flow engine: OAuth 2, OAuth 1 and direct (token / basic / custom) flows,
 * driven entirely by the catalog's FlowDefinition — which query parameters each OAuth call
 * takes and where their values come from, how callback parameters map into providerData,
 * and whether the body carries `externalAuthentication`. No element has code of its own.
 */
import { ApiError } from '../api/errors';
import type {
  CreateInstanceRequest,
  Instance,
  OAuthQuery,
  OAuthTokenResponse,
  OAuthUrlResponse,
} from '../api/types';
import type { ElementDefinition, FlowDefinition, OAuthCall, OAuthDefinition, ProviderDataSource, QueryParamSource } from '../catalog/types';
import { isTemplatePlaceholder } from '../instanceFile/values';
import type { CallbackParams } from './callbackUrl';
import { FlowError, type FlowErrorDetails, type ProvisionStep } from './errors';
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

export interface ProvisionInputs {
  /** Configuration values by key; `oauth.callback.url` is set by the engine for OAuth flows. */
  configuration: Record<string, string>;
  name: string;
  tags?: string[];
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

const CALLBACK_URL_KEY = 'oauth.callback.url';

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
  checkInputs(options, configuration);

  const providerData = flow.oauth ? await authorize(options, flow.oauth, configuration) : undefined;
  const request = buildRequest(options, configuration, providerData);

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
    return buildProviderData(options, params, requestToken?.secret);
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

/** Configuration in the catalog's (the documentation's) key order, then any extra keys; empty values dropped. */
function buildConfiguration(
  flow: FlowDefinition,
  input: Record<string, string>,
  callbackUrl: string | undefined,
): Record<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && value.trim() !== '') values.set(key, value.trim());
  }
  if (callbackUrl !== undefined && callbackUrl.trim() !== '') values.set(CALLBACK_URL_KEY, callbackUrl.trim());

  const configuration: Record<string, string> = {};
  for (const field of flow.configuration) {
    const value = values.get(field.key);
    if (value !== undefined) configuration[field.key] = value;
  }
  for (const [key, value] of values) {
    if (!(key in configuration)) configuration[key] = value;
  }
  return configuration;
}

/** A value still holding a template placeholder such as `<INSERT_XERO_CONSUMER_KEY>` counts as missing. */
function isUnset(value: string | undefined): boolean {
  return value === undefined || value === '' || isTemplatePlaceholder(value);
}

function checkInputs(options: ProvisionOptions, configuration: Record<string, string>): void {
  const { element, flow, inputs } = options;
  const needed = new Map<string, string>();
  for (const field of flow.configuration) {
    if (field.required) needed.set(field.key, field.label);
  }
  for (const oauthCall of [flow.oauth?.token, flow.oauth?.url]) {
    for (const param of oauthCall?.params ?? []) {
      const { source } = param;
      if (param.required && source.from === 'config' && !needed.has(source.key)) {
        const label = flow.configuration.find((field) => field.key === source.key)?.label ?? param.name;
        needed.set(source.key, label);
      }
    }
  }

  const missing = [...needed].filter(([key]) => isUnset(configuration[key]));
  const missingKeys = missing.map(([key]) => key);
  const described = missing.map(([key, label]) => `${key} (${label})`);
  if (flow.oauth && (options.callbackUrl === undefined || options.callbackUrl.trim() === '')) {
    if (!missingKeys.includes(CALLBACK_URL_KEY)) missingKeys.push(CALLBACK_URL_KEY);
    if (!described.some((text) => text.startsWith(`${CALLBACK_URL_KEY} `))) described.push(`${CALLBACK_URL_KEY} (callback URL)`);
  }
  if (inputs.name.trim() === '') {
    missingKeys.push('name');
    described.push('name (instance name)');
  }
  if (missingKeys.length > 0) {
    throw new FlowError(
      'missing-input',
      `Cannot provision ${element.name} (${flow.label}): missing ${described.join(', ')}. Nothing was sent.`,
      { missing: missingKeys },
    );
  }
}

function buildQuery(
  oauthCall: OAuthCall,
  configuration: Record<string, string>,
  state: string,
  requestToken: string | undefined,
): OAuthQuery {
  const query: OAuthQuery = {};
  for (const param of oauthCall.params) {
    const value = queryValue(param.source, configuration, state, requestToken);
    if (value !== undefined && value !== '') {
      query[param.name] = value;
    } else if (param.required) {
      // checkInputs covers configuration; only a catalog defect (requestToken without a token step) lands here.
      throw new FlowError('missing-input', `The catalog's flow needs "${param.name}", which no earlier step provides.`, {
        missing: [param.name],
      });
    }
  }
  return query;
}

/** Where a query parameter's value comes from: every kind of source is handled here, or this fails to compile. */
function queryValue(
  source: QueryParamSource,
  configuration: Record<string, string>,
  state: string,
  requestToken: string | undefined,
): string | undefined {
  switch (source.from) {
    case 'config':
      return configuration[source.key];
    case 'state':
      return state;
    case 'requestToken':
      return requestToken;
    default:
      return unhandled(source);
  }
}

/** Where a providerData value comes from: every kind of source is handled here, or this fails to compile. */
function providerDataValue(source: ProviderDataSource, params: CallbackParams, requestSecret: string | undefined): string | undefined {
  switch (source.from) {
    case 'callback':
      return Object.hasOwn(params, source.param) ? params[source.param] : undefined;
    case 'requestSecret':
      return requestSecret;
    default:
      return unhandled(source);
  }
}

function unhandled(source: never): never {
  throw new Error(`Unknown value source ${JSON.stringify(source)}.`);
}

function buildProviderData(
  options: ProvisionOptions,
  params: CallbackParams,
  requestSecret: string | undefined,
): Record<string, string> {
  const providerData: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of options.flow.providerData) {
    const { source } = field;
    const value = providerDataValue(source, params, requestSecret);
    if (value !== undefined && value !== '') {
      providerData[field.key] = value;
    } else if (field.required) {
      missing.push(source.from === 'callback' ? source.param : field.key);
    }
  }
  if (missing.length > 0) {
    throw new FlowError(
      'missing-callback-params',
      `The callback from ${options.element.name} lacks ${missing.join(', ')}, so no instance was created. Try the sign-in again; if you pasted the callback address, paste all of it.`,
      { step: 'wait-callback', missing },
    );
  }
  return providerData;
}

/** The POST /instances body, keys in the documentation's order. */
function buildRequest(
  options: ProvisionOptions,
  configuration: Record<string, string>,
  providerData: Record<string, string> | undefined,
): CreateInstanceRequest {
  const { element, flow, inputs } = options;
  return {
    element: { key: element.key },
    ...(providerData !== undefined && { providerData }),
    configuration,
    ...(inputs.tags !== undefined && inputs.tags.length > 0 && { tags: [...inputs.tags] }),
    name: inputs.name.trim(),
    ...(flow.externalAuthentication !== undefined && { externalAuthentication: flow.externalAuthentication }),
  };
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
  if (error instanceof FlowError) return error;
  const details = { step, ...(request !== undefined && { request }), ...extra };
  const what = `${stepText(step, options.write?.action)} for ${options.element.name}`;
  if (options.signal?.aborted || (error instanceof ApiError && error.kind === 'cancelled')) {
    return new FlowError('cancelled', `Provisioning ${options.element.name} was cancelled.`, {
      ...details,
      ...(error instanceof ApiError && { apiError: error }),
    });
  }
  if (error instanceof ApiError) {
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
