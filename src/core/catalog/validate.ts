/**
 * Invariants the rest of the product relies on when it reads an element definition: templates,
 * the flow engine (OAuth calls, providerData), the linter and the emulator.
 */
import { FLOW_TYPES, type AuthorizationStep } from './flowTypes';
import type { ConfigRole, ElementDefinition, FlowDefinition, OAuthCall, OAuthDefinition } from './types';

const ELEMENT_KEY = /^[a-z0-9][a-z0-9_.-]*$/i;
const CONFIG_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const OAUTH_ROLES: readonly ConfigRole[] = ['apiKey', 'apiSecret', 'callbackUrl'];
const STANDARD_PARAMS = ['apiKey', 'apiSecret', 'callbackUrl'];

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function callProblems(flow: FlowDefinition, name: string, call: OAuthCall): string[] {
  const problems: string[] = [];
  const configKeys = new Set(flow.configuration.map((field) => field.key));
  for (const duplicate of duplicates(call.params.map((param) => param.name))) {
    problems.push(`${name} call repeats query parameter ${duplicate}`);
  }
  for (const param of call.params) {
    if (isBlank(param.name)) problems.push(`${name} call has a query parameter without a name`);
    if (param.source.from === 'config' && !configKeys.has(param.source.key)) {
      problems.push(`${name} call parameter ${param.name} reads configuration key ${param.source.key}, which the flow does not define`);
    }
    const source = param.source.from === 'config' ? param.source.key : undefined;
    if (param.required && flow.configuration.some((field) => field.key === source && field.defaultSource !== undefined)) {
      problems.push(`${name} call parameter ${param.name} has a documented default, so it cannot be required`);
    }
  }
  for (const standard of STANDARD_PARAMS) {
    if (!call.params.some((param) => param.name === standard)) problems.push(`${name} call lacks the ${standard} parameter`);
  }
  return problems;
}

/** What every flow with a browser step needs, then what its own step needs (`stepProblems`). */
function oauthProblems(flow: FlowDefinition, stepProblems: (flow: FlowDefinition, oauth: OAuthDefinition) => string[]): string[] {
  const problems: string[] = [];
  const roles = flow.configuration.map((field) => field.role).filter((role) => role !== undefined);
  for (const role of OAUTH_ROLES) {
    if (!roles.includes(role)) problems.push(`has no configuration field with the ${role} role`);
  }
  if (!flow.oauth?.url) return [...problems, 'has no oauth/url call'];
  problems.push(...callProblems(flow, 'url', flow.oauth.url));
  if (flow.oauth.token) problems.push(...callProblems(flow, 'token', flow.oauth.token));
  return [...problems, ...stepProblems(flow, flow.oauth)];
}

function oauth2Problems(flow: FlowDefinition, oauth: OAuthDefinition): string[] {
  const problems: string[] = [];
  if (oauth.token) problems.push('has a token call, which only OAuth 1 uses');
  const code = flow.providerData.find((field) => field.key === 'code');
  if (!code || code.source.from !== 'callback' || code.source.param !== 'code') {
    problems.push('has no providerData code taken from the callback');
  }
  return problems;
}

function oauth1Problems(flow: FlowDefinition, oauth: OAuthDefinition): string[] {
  const problems: string[] = [];
  if (!oauth.token) problems.push('has no oauth/token call');
  if (!oauth.url.params.some((param) => param.source.from === 'requestToken')) {
    problems.push('url call has no requestToken parameter');
  }
  if (!flow.providerData.some((field) => field.source.from === 'requestSecret')) {
    problems.push('has no providerData field from the request-token secret');
  }
  return problems;
}

function noStepProblems(flow: FlowDefinition): string[] {
  const problems: string[] = [];
  if (flow.providerData.length > 0) problems.push('has providerData but no authorization step');
  if (flow.oauth) problems.push('has OAuth calls but is not an OAuth flow');
  return problems;
}

/** What a definition needs for the browser step its type takes (`FLOW_TYPES`). */
const STEP_PROBLEMS: Readonly<Record<AuthorizationStep, (flow: FlowDefinition) => string[]>> = {
  oauth2: (flow) => oauthProblems(flow, oauth2Problems),
  oauth1: (flow) => oauthProblems(flow, oauth1Problems),
  none: noStepProblems,
};

function externalAuthenticationProblems(flow: FlowDefinition): string[] {
  const required = FLOW_TYPES[flow.type].externalAuthentication;
  if (required !== undefined && flow.externalAuthentication !== required) {
    return [`is token based but lacks externalAuthentication "${required}"`];
  }
  if (required === undefined && flow.externalAuthentication !== undefined) return ['sets externalAuthentication but is not token based'];
  return [];
}

function flowProblems(flow: FlowDefinition): string[] {
  // Catalog data is JSON cast to the types: an unknown type would have no entry in FLOW_TYPES.
  if (!Object.hasOwn(FLOW_TYPES, flow.type)) return [`flow type "${flow.type}" is unknown (known: ${Object.keys(FLOW_TYPES).join(', ')})`];
  const problems: string[] = [];
  if (isBlank(flow.label)) problems.push('has an empty label');
  if (isBlank(flow.template.name)) problems.push('has an empty template name');
  if (flow.template.tags?.some((tag) => isBlank(tag))) problems.push('has an empty template tag');

  const keys = flow.configuration.map((field) => field.key);
  for (const duplicate of duplicates(keys)) problems.push(`repeats configuration key ${duplicate}`);
  for (const field of flow.configuration) {
    if (!CONFIG_KEY.test(field.key)) problems.push(`configuration key "${field.key}" is not a real key`);
    if (isBlank(field.label)) problems.push(`configuration ${field.key} has an empty label`);
    if (isBlank(field.placeholder)) problems.push(`configuration ${field.key} has an empty placeholder`);
    if (field.default !== undefined && isBlank(field.default)) problems.push(`configuration ${field.key} has an empty default`);
    if (field.defaultSource !== undefined && (field.default === undefined || isBlank(field.defaultSource))) {
      problems.push(`configuration ${field.key} names where its default is documented but has no default (or an empty source)`);
    }
    // A default is filled in, never demanded.
    if (field.defaultSource !== undefined && field.required) problems.push(`configuration ${field.key} has a documented default, so it cannot be required`);
    if (field.required && field.inTemplate === false) problems.push(`required configuration ${field.key} is left out of the template`);
  }
  for (const role of OAUTH_ROLES) {
    if (flow.configuration.filter((field) => field.role === role).length > 1) problems.push(`has more than one ${role} field`);
  }

  for (const duplicate of duplicates(flow.providerData.map((field) => field.key))) {
    problems.push(`repeats providerData key ${duplicate}`);
  }
  for (const field of flow.providerData) {
    if (isBlank(field.key)) problems.push('has a providerData field without a key');
    if (isBlank(field.placeholder)) problems.push(`providerData ${field.key} has an empty placeholder`);
    if (field.required && field.inTemplate === false) problems.push(`required providerData ${field.key} is left out of the template`);
    if (field.source.from === 'callback' && isBlank(field.source.param)) {
      problems.push(`providerData ${field.key} names no callback parameter`);
    }
  }

  problems.push(...STEP_PROBLEMS[FLOW_TYPES[flow.type].authorization](flow), ...externalAuthenticationProblems(flow));
  return problems.map((problem) => `${flow.type} flow ${problem}`);
}

/** Problems with an element definition; empty when it is valid. */
export function validateElement(element: ElementDefinition): string[] {
  const problems: string[] = [];
  if (!ELEMENT_KEY.test(element.key)) problems.push(`key "${element.key}" is not a real element key`);
  if (isBlank(element.name)) problems.push('name is empty');
  if (isBlank(element.hub) || /\s/.test(element.hub)) problems.push(`hub "${element.hub}" is empty or has spaces`);
  if (element.id !== undefined && !(Number.isInteger(element.id) && element.id > 0)) problems.push(`id ${element.id} is not a positive integer`);
  if (element.origin !== 'seed' && element.origin !== 'curated') problems.push(`origin "${String(element.origin)}" is unknown`);
  if (element.flows.length === 0) problems.push('has no flow');
  for (const duplicate of duplicates(element.flows.map((flow) => flow.type))) problems.push(`has more than one ${duplicate} flow`);
  if (element.flows[0]?.legacy !== undefined && element.flows.some((flow) => flow.legacy === undefined)) {
    problems.push('prefers a legacy flow (the first flow) over a current one');
  }
  for (const flow of element.flows) {
    if (flow.legacy !== undefined && isBlank(flow.legacy)) problems.push(`${flow.type} flow is legacy without saying why`);
  }
  for (const alias of element.aliases ?? []) {
    if (isBlank(alias) || alias.toLowerCase() === element.key.toLowerCase()) problems.push(`alias "${alias}" is empty or the key itself`);
  }
  if (element.signupUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(element.signupUrl)) problems.push(`signupUrl "${element.signupUrl}" is not an http(s) URL`);
  for (const [key, value] of Object.entries(element.instanceDefaults ?? {})) {
    if (!CONFIG_KEY.test(key)) problems.push(`instance default "${key}" is not a real configuration key`);
    if (value !== null && typeof value !== 'string') problems.push(`instance default ${key} is not a string or null`);
  }
  for (const flow of element.flows) problems.push(...flowProblems(flow));
  return problems;
}
