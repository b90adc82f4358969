/**
 * What Cloud Elements does with a checked instance body before it keeps the instance: exchange
 * the OAuth code or the authorized request token with the (fake) provider. A refused exchange is
 * a 400 carrying the provider's own words in `providerMessage`. Which exchange a flow type gets
 * is decided in `flowTypes.ts`; the record is built in `instanceRecord.ts`.
 */
import type { ConfigRole, ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { ApiError } from '../base/http';
import { newUserToken } from '../base/random';
import type { OAuthGrants } from '../stores/grants';
import type { InstanceInput } from './instanceInput';

const OAUTH2_REFRESH_INTERVAL_SECONDS = '3600';

function configKey(flow: FlowDefinition, role: ConfigRole, fallback: string): string {
  return flow.configuration.find((field) => field.role === role)?.key ?? fallback;
}

function refused(input: InstanceInput, reason: string, providerMessage: string): ApiError {
  return new ApiError(400, `${input.element.name} refused the authorization: ${reason}.`, providerMessage);
}

/** What the provider grants: the entries Cloud Elements adds, and the step that uses up the code or token. */
export interface Authorization {
  entries: Record<string, string>;
  /** Called once the instance is saved, so a failed save leaves the code or token usable. */
  consume(): void;
}

/** The user's tokens an OAuth 2 exchange adds to the configuration (also the seed instances'). */
export function oauth2UserTokens(): Record<string, string> {
  return {
    'oauth.user.token': newUserToken(),
    'oauth.user.refresh_token': newUserToken(),
    'oauth.user.refresh_interval': OAUTH2_REFRESH_INTERVAL_SECONDS,
    'oauth.user.refresh_time': String(Date.now()),
  };
}

/** OAuth 2: the providerData `code`, issued for this element, app and callback URL, unused. */
export function exchangeCode(input: InstanceInput, grants: OAuthGrants): Authorization {
  const { flow, configuration, element } = input;
  const code = grants.code(input.providerData?.code ?? '');
  if (!code || code.used || code.element !== element.key) {
    throw refused(input, 'the providerData code is unknown, expired, already used or was issued for another element', 'invalid_grant');
  }
  const apiKey = configuration[configKey(flow, 'apiKey', 'oauth.api.key')];
  const apiSecret = configuration[configKey(flow, 'apiSecret', 'oauth.api.secret')];
  if (apiKey !== code.apiKey || apiSecret !== code.apiSecret) {
    throw refused(input, 'the API key or secret is not the one used to request the code (GET /oauth/url)', 'invalid_client');
  }
  const callbackUrl = configuration[configKey(flow, 'callbackUrl', 'oauth.callback.url')];
  if (callbackUrl !== undefined && callbackUrl !== code.callbackUrl) {
    throw refused(input, 'oauth.callback.url is not the callbackUrl used to request the code (redirect_uri mismatch)', 'invalid_grant');
  }
  return { entries: oauth2UserTokens(), consume: () => (code.used = true) };
}

/** OAuth 1: the authorized request token, its verifier and secret, and the app that asked for it. */
export function exchangeRequestToken(input: InstanceInput, grants: OAuthGrants): Authorization {
  const { flow, configuration, element } = input;
  const providerData = input.providerData ?? {};
  const grant = grants.requestToken(providerData.oauth_token ?? '');
  if (!grant || grant.element !== element.key) {
    throw refused(input, 'the oauth_token is unknown, expired, already used or was issued for another element', 'oauth_problem=token_rejected');
  }
  if (grant.verifier === undefined) {
    throw refused(input, 'the user has not authorized this request token yet', 'oauth_problem=permission_unknown');
  }
  if (providerData.oauth_verifier !== grant.verifier) {
    throw refused(input, 'the oauth_verifier does not match the one returned to the callback', 'oauth_problem=verifier_invalid');
  }
  const secretKey = flow.providerData.find((field) => field.source.from === 'requestSecret')?.key ?? 'secret';
  if (providerData[secretKey] !== grant.secret) {
    throw refused(input, `providerData ${secretKey} is not the secret returned by GET /oauth/token`, 'oauth_problem=signature_invalid');
  }
  if (configuration[configKey(flow, 'apiKey', 'oauth.api.key')] !== grant.apiKey) {
    throw refused(input, 'the API key is not the one used to request the token (GET /oauth/token)', 'oauth_problem=consumer_key_rejected');
  }
  if (configuration[configKey(flow, 'apiSecret', 'oauth.api.secret')] !== grant.apiSecret) {
    throw refused(input, 'the API secret is not the one used to request the token (GET /oauth/token)', 'oauth_problem=signature_invalid');
  }
  return {
    entries: { 'oauth.user.token': newUserToken(), 'oauth.user.token.secret': newUserToken() },
    consume: () => grants.consumeRequestToken(grant.token),
  };
}

/** Flows without a browser step carry their credentials in the configuration: nothing to exchange. */
export function acceptAsSent(): Authorization {
  return { entries: {}, consume: () => undefined };
}

/**
 * OAuth 1: what the calls of the body's request token carried (`oauth_token`), which Cloud
 * Elements keeps on the instance when the body leaves it out.
 */
export function requestTokenConfiguration(
  grants: OAuthGrants,
  element: ElementDefinition,
  providerData: Record<string, string> | undefined,
): Record<string, string> {
  const grant = grants.requestToken(providerData?.oauth_token ?? '');
  return grant && grant.element === element.key ? grant.configuration : {};
}
