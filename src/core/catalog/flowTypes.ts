/**
 * What the catalog knows about each flow type, in one exhaustive map. A type added to `FlowType`
 * fails to compile here until it is described; `validate.ts` then holds every definition of that
 * type to its description. The other layers keep their own map (CONTRIBUTING.md, "Adding a flow type").
 */
import type { FlowType } from './types';

/**
 * The browser step a flow takes before `POST /instances`: `oauth2`, the provider's authorize page
 * returns a `code`; `oauth1`, a request token first (`GET /oauth/token`), then the page returns an
 * `oauth_verifier`; `none`, the credentials sit in the configuration.
 */
export type AuthorizationStep = 'oauth2' | 'oauth1' | 'none';

export interface FlowTypeTraits {
  /** The label of a flow curated from a documentation page that names none (scripts/curate-catalog.ts). */
  label: string;
  authorization: AuthorizationStep;
  /**
   * The `externalAuthentication` every flow of this type sends (`initial`: tokens the user already
   * holds); flows of the other types send none.
   */
  externalAuthentication?: 'initial';
}

export const FLOW_TYPES: Readonly<Record<FlowType, FlowTypeTraits>> = {
  oauth2: { label: 'OAuth 2', authorization: 'oauth2' },
  oauth1: { label: 'OAuth 1', authorization: 'oauth1' },
  token: { label: 'Token based (quick provision)', authorization: 'none', externalAuthentication: 'initial' },
  basic: { label: 'Basic', authorization: 'none' },
  custom: { label: 'Custom', authorization: 'none' },
};

/** Whether flows of this type have a browser step (OAuth calls, providerData from the provider). */
export function hasBrowserStep(type: FlowType): boolean {
  return FLOW_TYPES[type].authorization !== 'none';
}
