/**
 * Which flow an instance body is written for, and which required entries it lacks.
 * Shared by the linter (diagnostics) and the emulator (400 responses), so both agree.
 */
import type { ElementDefinition, FlowDefinition, FlowType } from '../catalog/types';

/** The parts of a parsed instance body the requirement checks read; anything else is ignored. */
export interface InstanceLike {
  providerData?: unknown;
  configuration?: unknown;
  externalAuthentication?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function hasAny(record: Record<string, unknown> | undefined, keys: string[]): boolean {
  return record !== undefined && keys.some((key) => key in record);
}

/**
 * The flow whose `authentication.type` entry has the value the body declares (`oauth2` for
 * QuickBooks OAuth 2, `basic` / `custom` / `apiKey` for elements with several such flows).
 */
function declaredFlow(element: ElementDefinition, configuration: Record<string, unknown> | undefined): FlowDefinition | undefined {
  const declared = configuration?.['authentication.type'];
  if (typeof declared !== 'string' || declared.trim() === '') return undefined;
  const wanted = declared.trim().toLowerCase();
  return element.flows.find((flow) =>
    flow.configuration.some(
      (field) => field.key === 'authentication.type' && [field.default, field.placeholder].some((value) => value?.toLowerCase() === wanted),
    ),
  );
}

/**
 * The flow a body is meant for: `externalAuthentication: "initial"` means token based, a
 * `code` means OAuth 2, `oauth_token`/`oauth_verifier` mean OAuth 1; then the flow the
 * configuration's `authentication.type` names; a body without providerData prefers a flow
 * without a browser step. Falls back to the preferred flow.
 */
export function detectFlow(element: ElementDefinition, body: InstanceLike): FlowDefinition {
  const providerData = asRecord(body.providerData);
  const byType = (type: FlowType) => element.flows.find((flow) => flow.type === type);
  const candidates: Array<FlowDefinition | undefined> = [];
  if (body.externalAuthentication === 'initial') candidates.push(byType('token'));
  if (hasAny(providerData, ['code'])) candidates.push(byType('oauth2'));
  if (hasAny(providerData, ['oauth_token', 'oauth_verifier'])) candidates.push(byType('oauth1'));
  candidates.push(declaredFlow(element, asRecord(body.configuration)));
  if (!providerData || Object.keys(providerData).length === 0) {
    candidates.push(element.flows.find((flow) => !flow.oauth));
  }
  return candidates.find((flow) => flow !== undefined) ?? element.flows[0]!;
}

function isMissing(record: Record<string, unknown> | undefined, key: string): boolean {
  const value = record?.[key];
  return value === undefined || value === null || value === '';
}

export interface MissingEntries {
  configuration: string[];
  providerData: string[];
}

export function missingRequired(flow: FlowDefinition, body: InstanceLike): MissingEntries {
  const configuration = asRecord(body.configuration);
  const providerData = asRecord(body.providerData);
  return {
    configuration: flow.configuration
      .filter((field) => field.required && isMissing(configuration, field.key))
      .map((field) => field.key),
    providerData: flow.providerData
      .filter((field) => field.required && isMissing(providerData, field.key))
      .map((field) => field.key),
  };
}
