/**
 * `GET /elements/{keyOrId}/oauth/token` (OAuth 1 request token) and
 * `GET /elements/{keyOrId}/oauth/url` (the provider's authorize URL), validated against the
 * element's catalog flow. Documented with "HTTP Header: None": no account auth needed.
 */
import type { OAuthUrlResponse, OAuthTokenResponse } from '../core/api/types';
import type { ElementDefinition, FlowDefinition, QueryParam } from '../core/catalog/types';
import { redirectAllowed } from './apps';
import { appendQuery, isAbsoluteUrl } from './callbackUrl';
import type { EmulatorServices, Handler } from './context';
import { flowThrough, type FakeProvider } from './flowTypes';
import { ApiError, jsonReply } from './http';
import { parseJsonBody } from './validation';

/** A query value by exact name, else case-insensitively (`Signature` / `signature`); empty counts as absent. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const exact = query.get(name);
  if (exact !== null) return exact === '' ? undefined : exact;
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted && value !== '') return value;
  return undefined;
}

function requireParams(element: ElementDefinition, flow: FlowDefinition, params: QueryParam[], query: URLSearchParams): void {
  const missing = params.filter((param) => param.required && queryValue(query, param.name) === undefined).map((param) => param.name);
  if (missing.length > 0) {
    throw new ApiError(400, `Missing required query parameters for ${element.key} (${flow.label}): ${missing.join(', ')}.`);
  }
  const callbackUrl = queryValue(query, 'callbackUrl');
  if (callbackUrl !== undefined && !isAbsoluteUrl(callbackUrl)) {
    throw new ApiError(400, 'callbackUrl must be an absolute URL such as https://www.mycoolapp.com/auth.');
  }
}

/**
 * The configuration entries an OAuth call's query carries, by the catalog's parameter → key
 * mapping, except the app's key and secret, which `POST /instances` must send itself.
 */
function callConfiguration(params: QueryParam[], query: URLSearchParams): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const param of params) {
    if (param.source.from !== 'config' || param.name === 'apiKey' || param.name === 'apiSecret') continue;
    const value = queryValue(query, param.name);
    if (value !== undefined) entries[param.source.key] = value;
  }
  return entries;
}

function oauthFlowsOf(element: ElementDefinition): { oauth1?: FlowDefinition; oauth2?: FlowDefinition } {
  const oauth1 = flowThrough(element, 'oauth1');
  const oauth2 = flowThrough(element, 'oauth2');
  return { ...(oauth1 && { oauth1 }), ...(oauth2 && { oauth2 }) };
}

function notOAuth(element: ElementDefinition): ApiError {
  const flows = element.flows.map((flow) => flow.label).join(', ');
  return new ApiError(400, `Element '${element.key}' does not use OAuth (its flows: ${flows}); create the instance with POST /instances directly.`);
}

/**
 * OAuth 1.0a: the provider checks the oauth_callback when Cloud Elements asks it for a request
 * token; a consumer key registered with the emulator takes only its registered callback (domain),
 * else the call fails with the provider's problem as providerMessage.
 */
function checkOAuth1Callback(services: EmulatorServices, element: ElementDefinition, apiKey: string, callbackUrl: string | undefined): void {
  if (callbackUrl === undefined) return;
  const allowed = redirectAllowed(services.apps, element.key, 'oauth1', apiKey, callbackUrl);
  if (allowed.ok) return;
  const provider = allowed.rules.sources.length > 0 ? allowed.rules.provider : element.name;
  throw new ApiError(400, `${provider} refused the callbackUrl: it is not registered for this consumer key.`, allowed.rules.refusal.lines.join(' '));
}

export function oauthTokenHandler(services: EmulatorServices): Handler {
  return (request) => {
    const element = services.elements.require(request.params.keyOrId!);
    const { oauth1, oauth2 } = oauthFlowsOf(element);
    if (!oauth1) {
      if (oauth2) {
        throw new ApiError(400, `Element '${element.key}' uses OAuth 2, which has no request-token step: call GET /elements/${element.key}/oauth/url directly.`);
      }
      throw notOAuth(element);
    }
    const params = oauth1.oauth?.token?.params ?? [];
    const query = withDocumentedDefaults(oauth1, params, request.query);
    requireParams(element, oauth1, params, query);
    checkOAuth1Callback(services, element, queryValue(query, 'apiKey') ?? '', queryValue(query, 'callbackUrl'));
    const grant = services.grants.issueRequestToken({
      element: element.key,
      apiKey: queryValue(query, 'apiKey') ?? '',
      apiSecret: queryValue(query, 'apiSecret') ?? '',
      callbackUrl: queryValue(query, 'callbackUrl') ?? '',
      configuration: callConfiguration(params, query),
    });
    const body: OAuthTokenResponse = { token: grant.token, secret: grant.secret };
    return jsonReply(200, body);
  };
}

/** Builds a fake provider's authorize URL for `GET /oauth/url`, remembering what its page needs. */
type AuthorizeUrl = (services: EmulatorServices, origin: string, element: ElementDefinition, query: URLSearchParams, flow: FlowDefinition) => string;

function oauth2Url(services: EmulatorServices, origin: string, element: ElementDefinition, query: URLSearchParams): string {
  const apiKey = queryValue(query, 'apiKey') ?? '';
  const callbackUrl = queryValue(query, 'callbackUrl') ?? '';
  const state = queryValue(query, 'state') ?? element.key;
  const scope = queryValue(query, 'scope');
  services.grants.registerApp(element.key, apiKey, queryValue(query, 'apiSecret') ?? '', callbackUrl);
  return appendQuery(`${origin}/provider/${encodeURIComponent(element.key)}/oauth2/authorize`, [
    ['response_type', 'code'],
    ['client_id', apiKey],
    ['redirect_uri', callbackUrl],
    ...(scope !== undefined ? [['scope', scope] as const] : []),
    ['state', state],
  ]);
}

function oauth1Url(services: EmulatorServices, origin: string, element: ElementDefinition, query: URLSearchParams, flow: FlowDefinition): string {
  const requestToken = queryValue(query, 'requestToken') ?? '';
  const grant = services.grants.requestToken(requestToken);
  if (!grant || grant.element !== element.key) {
    throw new ApiError(
      400,
      `Unknown or expired requestToken for element '${element.key}': call GET /elements/${element.key}/oauth/token first and pass the token it returns.`,
    );
  }
  checkOAuth1Callback(services, element, grant.apiKey, queryValue(query, 'callbackUrl'));
  grant.callbackUrl = queryValue(query, 'callbackUrl') ?? grant.callbackUrl;
  grant.configuration = { ...grant.configuration, ...callConfiguration(flow.oauth?.url.params ?? [], query) };
  // Like Cloud Elements: without a state, the element key is passed back to the callback.
  grant.state = queryValue(query, 'state') ?? element.key;
  return appendQuery(`${origin}/provider/${encodeURIComponent(element.key)}/oauth1/authorize`, [['oauth_token', grant.token]]);
}

const AUTHORIZE_URLS: Readonly<Record<FakeProvider, AuthorizeUrl>> = { oauth2: oauth2Url, oauth1: oauth1Url };

/**
 * Which OAuth flow an `oauth/url` call asks for: `authentication.type=oauth2|oauth1` when given
 * (QuickBooks documents it for OAuth 2), else OAuth 1 when a requestToken is sent, else the
 * element's OAuth 2 flow when it has one.
 */
function requestedFlow(element: ElementDefinition, query: URLSearchParams): { provider: FakeProvider; flow: FlowDefinition } {
  const { oauth1, oauth2 } = oauthFlowsOf(element);
  const declared = queryValue(query, 'authentication.type')?.toLowerCase();
  if (declared !== undefined && declared !== 'oauth1' && declared !== 'oauth2') {
    throw new ApiError(400, `authentication.type must be oauth2 or oauth1 on GET /elements/${element.key}/oauth/url.`);
  }
  const wantsOAuth1 = declared === 'oauth1' || (declared === undefined && (queryValue(query, 'requestToken') !== undefined || !oauth2));
  const provider: FakeProvider = wantsOAuth1 ? 'oauth1' : 'oauth2';
  const flow = wantsOAuth1 ? oauth1 : oauth2;
  if (flow) return { provider, flow };
  if (!oauth1 && !oauth2) throw notOAuth(element);
  throw new ApiError(
    400,
    wantsOAuth1
      ? `Element '${element.key}' uses OAuth 2: leave out requestToken${declared ? ' and use authentication.type=oauth2' : ''}.`
      : `Element '${element.key}' uses OAuth 1: call GET /elements/${element.key}/oauth/token first and pass its token as requestToken.`,
  );
}

/**
 * The query with the documented default of every parameter left out (QuickBooks' `scope`): a
 * default is filled in, never demanded (issue 18 item 1; the catalog's `defaultSource`).
 */
function withDocumentedDefaults(flow: FlowDefinition, params: QueryParam[], query: URLSearchParams): URLSearchParams {
  const filled = new URLSearchParams(query);
  for (const param of params) {
    if (param.source.from !== 'config' || queryValue(query, param.name) !== undefined) continue;
    const key = param.source.key;
    const field = flow.configuration.find((candidate) => candidate.key === key);
    if (field?.defaultSource !== undefined && field.default !== undefined) filled.set(param.name, field.default);
  }
  return filled;
}

function oauthUrl(services: EmulatorServices, origin: string, element: ElementDefinition, given: URLSearchParams): OAuthUrlResponse {
  const { provider, flow } = requestedFlow(element, given);
  const params = flow.oauth?.url.params ?? [];
  const query = withDocumentedDefaults(flow, params, given);
  requireParams(element, flow, params, query);
  return { oauthUrl: AUTHORIZE_URLS[provider](services, origin, element, query, flow), element: element.key };
}

export function oauthUrlHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, oauthUrl(services, request.origin, services.elements.require(request.params.keyOrId!), request.query));
}

/**
 * `POST /elements/{keyOrId}/oauth/url`: the same parameters in a JSON body instead of the query
 * (churros `src/test/platform/elements/elements.js`, "testOAuthUrlPost"). A number or boolean is
 * taken as its string, as in an instance body.
 */
export function oauthUrlPostHandler(services: EmulatorServices): Handler {
  return async (request) => {
    const element = services.elements.require(request.params.keyOrId!);
    const text = await request.body();
    const body = text.trim() === '' ? {} : parseJsonBody(text);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(400, 'The request body must be a JSON object of the oauth/url parameters (apiKey, apiSecret, callbackUrl, …).');
    }
    const query = new URLSearchParams(request.query);
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new ApiError(400, `The oauth/url parameter ${/^[A-Za-z0-9_.-]{1,40}$/.test(name) ? name : 'in the body'} must be a string.`);
      }
      query.set(name, String(value));
    }
    return jsonReply(200, oauthUrl(services, request.origin, element, query));
  };
}
