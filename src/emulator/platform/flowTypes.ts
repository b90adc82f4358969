/**
 * What the emulator does for each flow type, in one exhaustive map: a type added to `FlowType`
 * fails to compile here until it says which fake provider takes it, and so how `POST /instances`
 * checks its authorization. What each fake provider does is an exhaustive map keyed by
 * `FakeProvider` (`base/fakeProviders.ts` lists them all): a new provider fails to compile in
 * `PROVIDER_FLOWS` below until it has an exchange.
 */
import type { ElementDefinition, FlowDefinition, FlowType } from '../../core/catalog/types';
import type { FakeProvider } from '../base/fakeProviders';
import type { OAuthGrants } from '../stores/grants';
import { acceptAsSent, exchangeCode, exchangeRequestToken, requestTokenConfiguration, type Authorization } from './exchange';
import type { InstanceInput } from './instanceInput';

export interface EmulatedFlow {
  /** The fake provider of the flow's browser step; `none`: no browser step, the OAuth calls refuse the flow. */
  provider: FakeProvider | 'none';
  /** `POST /instances` and re-authentication: checks the body's authorization with the fake provider. */
  authorize(input: InstanceInput, grants: OAuthGrants): Authorization;
  /** Configuration entries the authorization's earlier calls carried, which the body may leave out. */
  granted(grants: OAuthGrants, element: ElementDefinition, providerData: Record<string, string> | undefined): Record<string, string>;
}

const nothingGranted = (): Record<string, string> => ({});

/** Each fake provider's exchange, and `none`: the credentials sit in the configuration, accepted as sent. */
export const PROVIDER_FLOWS: Readonly<{ [P in FakeProvider | 'none']: EmulatedFlow & { provider: P } }> = {
  oauth2: { provider: 'oauth2', authorize: exchangeCode, granted: nothingGranted },
  oauth1: { provider: 'oauth1', authorize: exchangeRequestToken, granted: requestTokenConfiguration },
  none: { provider: 'none', authorize: acceptAsSent, granted: nothingGranted },
};

export const EMULATED_FLOWS: Readonly<Record<FlowType, EmulatedFlow>> = {
  oauth2: PROVIDER_FLOWS.oauth2,
  oauth1: PROVIDER_FLOWS.oauth1,
  token: PROVIDER_FLOWS.none,
  basic: PROVIDER_FLOWS.none,
  custom: PROVIDER_FLOWS.none,
};

/** The element's flow whose browser step goes through `provider`. */
export function flowThrough(element: ElementDefinition, provider: FakeProvider): FlowDefinition | undefined {
  return element.flows.find((flow) => EMULATED_FLOWS[flow.type].provider === provider);
}
