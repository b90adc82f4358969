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

/** What a sign reads: the body's providerData (when an object) and its externalAuthentication. */
interface SignedBody {
  providerData: Record<string, unknown> | undefined;
  externalAuthentication: unknown;
}

/** Whether a body shows, by itself, that it is written for a flow type. */
type BodySign = (body: SignedBody) => boolean;

/**
 * How a body shows the flow type it is written for, tried in this order; `null`: the type has no
 * sign of its own, and a body for it is found by its `authentication.type` or as the flow without
 * a browser step (see detectFlow).
 */
export const BODY_SIGNS: Readonly<Record<FlowType, BodySign | null>> = {
  token: (body) => body.externalAuthentication === 'initial',
  oauth2: (body) => hasAny(body.providerData, ['code']),
  oauth1: (body) => hasAny(body.providerData, ['oauth_token', 'oauth_verifier']),
  basic: null,
  custom: null,
};

/**
 * The flow a body is meant for: the flow of the first type whose sign it shows (BODY_SIGNS:
 * `externalAuthentication: "initial"` means token based, a `code` OAuth 2, `oauth_token`/
 * `oauth_verifier` OAuth 1); then the flow the configuration's `authentication.type` names; a
 * body without providerData prefers a flow without a browser step, the one whose required
 * configuration it holds most of. Falls back to the preferred flow.
 */
export function detectFlow(element: ElementDefinition, body: InstanceLike): FlowDefinition {
  const providerData = asRecord(body.providerData);
  const signed: SignedBody = { providerData, externalAuthentication: body.externalAuthentication };
  const candidates: Array<FlowDefinition | undefined> = [];
  for (const [type, sign] of Object.entries(BODY_SIGNS) as Array<[FlowType, BodySign | null]>) {
    if (sign?.(signed)) candidates.push(element.flows.find((flow) => flow.type === type));
  }
  const configuration = asRecord(body.configuration);
  candidates.push(declaredFlow(element, configuration));
  if (!providerData || Object.keys(providerData).length === 0) {
    candidates.push(bestMatch(element.flows.filter((flow) => !flow.oauth), configuration));
  }
  return candidates.find((flow) => flow !== undefined) ?? element.flows[0]!;
}

/**
 * Of several flows without a browser step (Freshdesk's Basic and API key), the one whose required
 * configuration the body holds most of (its first on a tie): an API-key body is not read as Basic.
 */
function bestMatch(flows: readonly FlowDefinition[], configuration: Record<string, unknown> | undefined): FlowDefinition | undefined {
  let best: FlowDefinition | undefined;
  let bestScore = -Infinity;
  for (const flow of flows) {
    const required = flow.configuration.filter((field) => field.required);
    const score = required.filter((field) => configuration !== undefined && field.key in configuration).length;
    if (score > bestScore) [best, bestScore] = [flow, score];
  }
  return best;
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
