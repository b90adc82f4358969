/**
 * What the emulator does for each flow type, in one exhaustive map: a type added to `FlowType`
 * fails to compile here until it says which fake provider takes it and how `POST /instances`
 * checks its authorization. A new fake provider is a new `FakeProvider`: its authorize page
 * (`provider.ts`), its `GET /oauth/url` (`oauthRoutes.ts`) and its exchange (`provisioning.ts`).
 */
import type { ElementDefinition, FlowDefinition, FlowType } from '../core/catalog/types';
import type { OAuthGrants } from './grants';
import { acceptAsSent, exchangeCode, exchangeRequestToken, requestTokenConfiguration, type Authorization } from './provisioning';
import type { InstanceInput } from './validation';

/** The fake providers the emulator runs: OAuth 2 (authorize page → code) and OAuth 1 (request token → verifier). */
export type FakeProvider = 'oauth2' | 'oauth1';

export interface EmulatedFlow {
  /** The fake provider of the flow's browser step; `none`: no browser step, the OAuth calls refuse the flow. */
  provider: FakeProvider | 'none';
  /** `POST /instances` and re-authentication: checks the body's authorization with the fake provider. */
  authorize(input: InstanceInput, grants: OAuthGrants): Authorization;
  /** Configuration entries the authorization's earlier calls carried, which the body may leave out. */
  granted(grants: OAuthGrants, element: ElementDefinition, providerData: Record<string, string> | undefined): Record<string, string>;
}

const nothingGranted = (): Record<string, string> => ({});

const OAUTH2: EmulatedFlow = { provider: 'oauth2', authorize: exchangeCode, granted: nothingGranted };
const OAUTH1: EmulatedFlow = { provider: 'oauth1', authorize: exchangeRequestToken, granted: requestTokenConfiguration };
/** The credentials sit in the configuration: accepted as sent. */
const AS_SENT: EmulatedFlow = { provider: 'none', authorize: acceptAsSent, granted: nothingGranted };

export const EMULATED_FLOWS: Readonly<Record<FlowType, EmulatedFlow>> = {
  oauth2: OAUTH2,
  oauth1: OAUTH1,
  token: AS_SENT,
  basic: AS_SENT,
  custom: AS_SENT,
};

/** The element's flow whose browser step goes through `provider`. */
export function flowThrough(element: ElementDefinition, provider: FakeProvider): FlowDefinition | undefined {
  return element.flows.find((flow) => EMULATED_FLOWS[flow.type].provider === provider);
}

/** Whether any of the element's flows has a browser step (`typeOauth` in the element summary). */
export function usesOAuth(element: ElementDefinition): boolean {
  return element.flows.some((flow) => EMULATED_FLOWS[flow.type].provider !== 'none');
}
