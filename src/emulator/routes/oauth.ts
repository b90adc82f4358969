/**
 * `GET /elements/{keyOrId}/oauth/token` (OAuth 1 request token) and
 * `GET`/`POST /elements/{keyOrId}/oauth/url` (the provider's authorize URL), validated against the
 * element's catalog flow. Documented with "HTTP Header: None": no account auth needed.
 */
import type { OAuthTokenResponse, OAuthUrlResponse } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition, QueryParam } from '../../core/catalog/types';
import { appendQuery, isAbsoluteUrl } from '../base/callbackUrl';
import type { Handlers } from '../base/context';
import { FAKE_PROVIDERS, isFakeProvider, PROTOCOL_LABELS, type FakeProvider } from '../base/fakeProviders';
import { ApiError, jsonReply } from '../base/http';
import { jsonObject, parseJsonBody } from '../base/jsonBody';
import { queryValue } from '../base/query';
import { flowThrough } from '../platform/flowTypes';
import { providerName, redirectAllowed, type AppRegistry } from '../stores/apps';
import type { ElementDirectory } from '../stores/elements';
import type { OAuthGrants } from '../stores/grants';

export interface OAuthStores {
  elements: ElementDirectory;
  /** What the fake providers remember: app registrations, request tokens. */
  grants: OAuthGrants;
  /** Provider apps registered with their redirect URIs: a request token's callback is held to them. */
  apps: AppRegistry;
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

/** The element's first flow with a browser step, by the providers' order (OAuth 2 first). */
function firstOAuthFlow(element: ElementDefinition): { provider: FakeProvider; flow: FlowDefinition } | undefined {
  for (const provider of FAKE_PROVIDERS) {
    const flow = flowThrough(element, provider);
    if (flow) return { provider, flow };
  }
  return undefined;
}

function notOAuth(element: ElementDefinition): ApiError {
  const flows = element.flows.map((flow) => flow.label).join(', ');
  return new ApiError(400, `Element '${element.key}' does not use OAuth (its flows: ${flows}); create the instance with POST /instances directly.`);
}

/** What an `oauth/url` call hands a fake provider's step. */
interface UrlCall {
  stores: OAuthStores;
  origin: string;
  element: ElementDefinition;
  query: URLSearchParams;
  flow: FlowDefinition;
}

/** What each fake provider does in `oauth/url` (exhaustive: a new provider fails to compile until it has an entry). */
interface UrlStep {
  /** Whether a query that does not declare `authentication.type` asks for this provider (OAuth 1: it carries a request token). */
  claims(query: URLSearchParams): boolean;
  /** How a client asks for this provider, for a call that asked for another one the element lacks. */
  howToAsk(element: ElementDefinition, declared: boolean): string;
  /** The provider's authorize URL, remembering what its page needs. */
  authorizeUrl(call: UrlCall): string;
}

/**
 * OAuth 1.0a: the provider checks the oauth_callback when Cloud Elements asks it for a request
 * token; a consumer key registered with the emulator takes only its registered callback (domain),
 * else the call fails with the provider's problem as providerMessage.
 */
function checkOAuth1Callback(apps: AppRegistry, element: ElementDefinition, apiKey: string, callbackUrl: string | undefined): void {
  if (callbackUrl === undefined) return;
  const allowed = redirectAllowed(apps, element.key, 'oauth1', apiKey, callbackUrl);
  if (allowed.ok) return;
  throw new ApiError(400, `${providerName(allowed.rules, element.name)} refused the callbackUrl: it is not registered for this consumer key.`, allowed.rules.refusal.lines.join(' '));
}

export const URL_STEPS: Readonly<Record<FakeProvider, UrlStep>> = {
  oauth2: {
    claims: () => false,
    howToAsk: (_element, declared) => `leave out requestToken${declared ? ' and use authentication.type=oauth2' : ''}`,
    authorizeUrl({ stores, origin, element, query }) {
      const apiKey = queryValue(query, 'apiKey') ?? '';
      const callbackUrl = queryValue(query, 'callbackUrl') ?? '';
      const state = queryValue(query, 'state') ?? element.key;
      const scope = queryValue(query, 'scope');
      stores.grants.registerApp(element.key, apiKey, queryValue(query, 'apiSecret') ?? '', callbackUrl);
      return appendQuery(`${origin}/provider/${encodeURIComponent(element.key)}/oauth2/authorize`, [
        ['response_type', 'code'],
        ['client_id', apiKey],
        ['redirect_uri', callbackUrl],
        ...(scope !== undefined ? [['scope', scope] as const] : []),
        ['state', state],
      ]);
    },
  },
  oauth1: {
    claims: (query) => queryValue(query, 'requestToken') !== undefined,
    howToAsk: (element) => `call GET /elements/${element.key}/oauth/token first and pass its token as requestToken`,
    authorizeUrl({ stores, origin, element, query, flow }) {
      const requestToken = queryValue(query, 'requestToken') ?? '';
      const grant = stores.grants.requestToken(requestToken);
      if (!grant || grant.element !== element.key) {
        throw new ApiError(
          400,
          `Unknown or expired requestToken for element '${element.key}': call GET /elements/${element.key}/oauth/token first and pass the token it returns.`,
        );
      }
      checkOAuth1Callback(stores.apps, element, grant.apiKey, queryValue(query, 'callbackUrl'));
      grant.callbackUrl = queryValue(query, 'callbackUrl') ?? grant.callbackUrl;
      grant.configuration = { ...grant.configuration, ...callConfiguration(flow.oauth?.url.params ?? [], query) };
      // Like Cloud Elements: without a state, the element key is passed back to the callback.
      grant.state = queryValue(query, 'state') ?? element.key;
      return appendQuery(`${origin}/provider/${encodeURIComponent(element.key)}/oauth1/authorize`, [['oauth_token', grant.token]]);
    },
  },
};

/**
 * Which fake provider an `oauth/url` call asks for: `authentication.type=oauth2|oauth1` when given
 * (QuickBooks documents it for OAuth 2), else the one the query claims (OAuth 1: a requestToken),
 * else the element's first OAuth flow (OAuth 2 when it has one).
 */
function requestedFlow(element: ElementDefinition, query: URLSearchParams): { provider: FakeProvider; flow: FlowDefinition } {
  const declared = queryValue(query, 'authentication.type')?.toLowerCase();
  if (declared !== undefined && !isFakeProvider(declared)) {
    throw new ApiError(400, `authentication.type must be ${FAKE_PROVIDERS.join(' or ')} on GET /elements/${element.key}/oauth/url.`);
  }
  const first = firstOAuthFlow(element);
  const provider = declared ?? FAKE_PROVIDERS.find((candidate) => URL_STEPS[candidate].claims(query)) ?? first?.provider;
  if (!first || !provider) throw notOAuth(element);
  const flow = flowThrough(element, provider);
  if (flow) return { provider, flow };
  // The element takes another provider: say how to ask for it.
  throw new ApiError(400, `Element '${element.key}' uses ${PROTOCOL_LABELS[first.provider]}: ${URL_STEPS[first.provider].howToAsk(element, declared !== undefined)}.`);
}

export function oauthRoutes(stores: OAuthStores): Handlers<'token' | 'url' | 'urlPost'> {
  const { elements, grants, apps } = stores;

  const oauthUrl = (origin: string, element: ElementDefinition, given: URLSearchParams): OAuthUrlResponse => {
    const { provider, flow } = requestedFlow(element, given);
    const params = flow.oauth?.url.params ?? [];
    const query = withDocumentedDefaults(flow, params, given);
    requireParams(element, flow, params, query);
    return { oauthUrl: URL_STEPS[provider].authorizeUrl({ stores, origin, element, query, flow }), element: element.key };
  };

  return {
    /** `GET /elements/{keyOrId}/oauth/token`: the OAuth 1 request token. */
    token: (request) => {
      const element = elements.require(request.params.keyOrId!);
      const oauth1 = flowThrough(element, 'oauth1');
      if (!oauth1) {
        const other = firstOAuthFlow(element);
        if (other) {
          throw new ApiError(400, `Element '${element.key}' uses ${PROTOCOL_LABELS[other.provider]}, which has no request-token step: call GET /elements/${element.key}/oauth/url directly.`);
        }
        throw notOAuth(element);
      }
      const params = oauth1.oauth?.token?.params ?? [];
      const query = withDocumentedDefaults(oauth1, params, request.query);
      requireParams(element, oauth1, params, query);
      checkOAuth1Callback(apps, element, queryValue(query, 'apiKey') ?? '', queryValue(query, 'callbackUrl'));
      const grant = grants.issueRequestToken({
        element: element.key,
        apiKey: queryValue(query, 'apiKey') ?? '',
        apiSecret: queryValue(query, 'apiSecret') ?? '',
        callbackUrl: queryValue(query, 'callbackUrl') ?? '',
        configuration: callConfiguration(params, query),
      });
      const body: OAuthTokenResponse = { token: grant.token, secret: grant.secret };
      return jsonReply(200, body);
    },

    /** `GET /elements/{keyOrId}/oauth/url`. */
    url: (request) => jsonReply(200, oauthUrl(request.origin, elements.require(request.params.keyOrId!), request.query)),

    /**
     * `POST /elements/{keyOrId}/oauth/url`: the same parameters in a JSON body instead of the query
     * (churros `src/test/platform/elements/elements.js`, "testOAuthUrlPost"). A number or boolean is
     * taken as its string, as in an instance body.
     */
    urlPost: async (request) => {
      const element = elements.require(request.params.keyOrId!);
      const text = await request.body();
      const body = jsonObject(text.trim() === '' ? {} : parseJsonBody(text));
      if (!body) throw new ApiError(400, 'The request body must be a JSON object of the oauth/url parameters (apiKey, apiSecret, callbackUrl, …).');
      const query = new URLSearchParams(request.query);
      for (const [name, value] of Object.entries(body)) {
        if (value === null || value === undefined) continue;
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          throw new ApiError(400, `The oauth/url parameter ${/^[A-Za-z0-9_.-]{1,40}$/.test(name) ? name : 'in the body'} must be a string.`);
        }
        query.set(name, String(value));
      }
      return jsonReply(200, oauthUrl(request.origin, element, query));
    },
  };
}
