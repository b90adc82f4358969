/**
 * What the catalog's FlowDefinition says to send: the configuration in the documentation's order,
 * the entries the flow cannot go without, each OAuth call's query (values from the configuration,
 * the flow's state, the OAuth 1 request token), the providerData the callback fills in, and the
 * `POST /instances` body. Every kind of value source is handled here, or this fails to compile.
 */
import type { CreateInstanceRequest, OAuthQuery } from '../api/types';
import type { ElementDefinition, FlowDefinition, OAuthCall, ProviderDataSource, QueryParamSource } from '../catalog/types';
import { isTemplatePlaceholder } from '../instanceFile/values';
import type { CallbackParams } from './callbackUrl';
import { FlowError } from './errors';

export interface ProvisionInputs {
  /** Configuration values by key; `oauth.callback.url` is set by the engine for OAuth flows. */
  configuration: Record<string, string>;
  name: string;
  tags?: string[];
}

const CALLBACK_URL_KEY = 'oauth.callback.url';

/** Configuration in the catalog's (the documentation's) key order, then any extra keys; empty values dropped. */
export function buildConfiguration(
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

/**
 * Throws `missing-input` (before any call) when an entry the flow needs is absent: a required
 * configuration field, a configuration value an OAuth call takes, the callback URL of an OAuth
 * flow, the instance's name.
 */
export function checkInputs(element: ElementDefinition, flow: FlowDefinition, inputs: ProvisionInputs, callbackUrl: string | undefined, configuration: Record<string, string>): void {
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
  if (flow.oauth && (callbackUrl === undefined || callbackUrl.trim() === '')) {
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

/** The query of an OAuth call, each parameter from where the catalog says it comes. */
export function buildQuery(
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

/** The instance's providerData from the callback (and the OAuth 1 request secret), as the flow maps them. */
export function buildProviderData(
  element: ElementDefinition,
  flow: FlowDefinition,
  params: CallbackParams,
  requestSecret: string | undefined,
): Record<string, string> {
  const providerData: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of flow.providerData) {
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
      `The callback from ${element.name} lacks ${missing.join(', ')}, so no instance was created. Try the sign-in again; if you pasted the callback address, paste all of it.`,
      { step: 'wait-callback', missing },
    );
  }
  return providerData;
}

/** The POST /instances body, keys in the documentation's order. */
export function buildRequest(
  element: ElementDefinition,
  flow: FlowDefinition,
  inputs: ProvisionInputs,
  configuration: Record<string, string>,
  providerData: Record<string, string> | undefined,
): CreateInstanceRequest {
  return {
    element: { key: element.key },
    ...(providerData !== undefined && { providerData }),
    configuration,
    ...(inputs.tags !== undefined && inputs.tags.length > 0 && { tags: [...inputs.tags] }),
    name: inputs.name.trim(),
    ...(flow.externalAuthentication !== undefined && { externalAuthentication: flow.externalAuthentication }),
  };
}
