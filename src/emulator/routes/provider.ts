/**
 * The fake providers behind the oauthUrl: an authorize page per element and provider, and the
 * decision endpoint that redirects the browser to the app's callback URL the way the real provider
 * (and, for OAuth 1, Cloud Elements) would. Each fake provider has its page in `AUTHORIZE_PAGES`
 * and its answer in `decide`: a new provider fails to compile in both until it has them.
 */
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { RedirectRules } from '../../core/catalog/redirectRules';
import { appendQuery } from '../base/callbackUrl';
import type { Handler } from '../base/context';
import { FAKE_PROVIDERS, PROTOCOL_LABELS, unreachable, type FakeProvider } from '../base/fakeProviders';
import { htmlReply, PageError, redirectReply, type Reply } from '../base/http';
import { renderAuthorizePage, renderProviderRefusal } from '../base/providerHtml';
import { randomAlphanumeric } from '../base/random';
import { Router } from '../base/router';
import { flowThrough } from '../platform/flowTypes';
import { providerName, redirectAllowed, type AppRegistry } from '../stores/apps';
import type { ElementDirectory } from '../stores/elements';
import type { OAuthGrants, PendingAuthorization } from '../stores/grants';

export interface ProviderStores {
  elements: ElementDirectory;
  /** What the fake providers remember: apps, codes, request tokens, pages awaiting a decision. */
  grants: OAuthGrants;
  /** Provider apps registered with their redirect URIs. */
  apps: AppRegistry;
}

type Pairs = Array<[string, string]>;

/** Callback parameters the flow itself sets; everything else in providerData comes from the element. */
const PROTOCOL_PARAMS = new Set(['code', 'state', 'error', 'oauth_token', 'oauth_verifier']);

/** The element's extra callback parameters (realmId, dataSource, org, refresh_token…): the catalog example, else random. */
function callbackExtras(flow: FlowDefinition | undefined): Pairs {
  const extras: Pairs = [];
  for (const field of flow?.providerData ?? []) {
    if (field.source.from !== 'callback' || PROTOCOL_PARAMS.has(field.source.param)) continue;
    extras.push([field.source.param, field.example ?? randomAlphanumeric(24)]);
  }
  return extras;
}

function elementOf(elements: ElementDirectory, key: string): ElementDefinition {
  const element = elements.find(key);
  if (!element) throw new PageError(404, 'Unknown provider', 'The emulator has no element with the key in this address.');
  return element;
}

function required(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new PageError(400, 'Invalid authorization request', `The authorize URL has no ${name} parameter.`);
  return value;
}

/** The provider's own page for a redirect_uri its app did not register. */
function refusalReply(rules: RedirectRules, element: ElementDefinition): Reply {
  return htmlReply(rules.refusal.status, renderProviderRefusal(providerName(rules, element.name), rules.refusal));
}

/** The page asking the user to allow or deny, posting the decision with the pending page's handle. */
function authorizePage(provider: FakeProvider, element: ElementDefinition, clientId: string, callbackUrl: string, handle: string): Reply {
  return htmlReply(
    200,
    renderAuthorizePage({
      elementName: element.name,
      clientId,
      protocol: PROTOCOL_LABELS[provider],
      callbackUrl,
      action: `/provider/${encodeURIComponent(element.key)}/authorize`,
      handle,
    }),
  );
}

function expiredToken(): PageError {
  return new PageError(400, 'Invalid or expired token', 'This oauth_token is unknown or has expired; start the authorization again from your application.');
}

/** Each fake provider's authorize page, `GET /provider/{key}/{provider}/authorize`. */
export const AUTHORIZE_PAGES: Readonly<Record<FakeProvider, (stores: ProviderStores) => Handler>> = {
  oauth2: ({ elements, grants, apps }) => (request) => {
    const element = elementOf(elements, request.params.key!);
    if (request.query.get('response_type') !== 'code') {
      throw new PageError(400, 'unsupported_response_type', 'The authorize URL must ask for response_type=code.');
    }
    const clientId = required(request.query, 'client_id');
    const redirectUri = required(request.query, 'redirect_uri');
    const app = grants.app(element.key, clientId);
    if (!app) {
      throw new PageError(
        400,
        'Unknown application',
        `${element.name} does not know this client_id: get the authorize URL from GET /elements/${element.key}/oauth/url.`,
      );
    }
    // The provider's own check first: an app registered with it takes its registered redirect URIs only.
    const allowed = redirectAllowed(apps, element.key, 'oauth2', clientId, redirectUri);
    if (!allowed.ok) return refusalReply(allowed.rules, element);
    if (!app.callbackUrls.has(redirectUri)) {
      throw new PageError(400, 'redirect_uri mismatch', 'The redirect_uri is not the callbackUrl given to GET /oauth/url.');
    }
    const state = request.query.get('state') ?? undefined;
    const handle = grants.beginAuthorization({
      flow: 'oauth2',
      element: element.key,
      apiKey: clientId,
      callbackUrl: redirectUri,
      ...(state !== undefined && { state }),
    });
    return authorizePage('oauth2', element, clientId, redirectUri, handle);
  },

  oauth1: ({ elements, grants }) => (request) => {
    const element = elementOf(elements, request.params.key!);
    const grant = grants.requestToken(required(request.query, 'oauth_token'));
    if (!grant || grant.element !== element.key) throw expiredToken();
    const handle = grants.beginAuthorization({ flow: 'oauth1', element: element.key, requestToken: grant.token });
    return authorizePage('oauth1', element, grant.apiKey, grant.callbackUrl, handle);
  },
};

/** Where the browser goes after the user's decision on a pending page: the provider's callback, with a code, a verifier or an error. */
function decide(grants: OAuthGrants, element: ElementDefinition, pending: PendingAuthorization, allowed: boolean): Reply {
  switch (pending.flow) {
    case 'oauth2': {
      const state: Pairs = pending.state !== undefined ? [['state', pending.state]] : [];
      if (!allowed) return redirectReply(appendQuery(pending.callbackUrl, [['error', 'access_denied'], ...state]));
      const app = grants.app(element.key, pending.apiKey);
      if (!app) throw new PageError(400, 'Unknown application', 'The application is no longer registered; start again.');
      const code = grants.issueCode({ element: element.key, apiKey: app.apiKey, apiSecret: app.apiSecret, callbackUrl: pending.callbackUrl });
      return redirectReply(appendQuery(pending.callbackUrl, [['code', code.code], ...state, ...callbackExtras(flowThrough(element, 'oauth2'))]));
    }
    case 'oauth1': {
      const grant = grants.requestToken(pending.requestToken);
      if (!grant) throw expiredToken();
      const state: Pairs = [['state', grant.state ?? element.key]];
      if (!allowed) return redirectReply(appendQuery(grant.callbackUrl, [['error', 'access_denied'], ...state]));
      const verifier = grants.authorizeRequestToken(grant);
      // Order as in the QuickBooks page's example: state (added by Cloud Elements) first.
      return redirectReply(
        appendQuery(grant.callbackUrl, [...state, ['oauth_token', grant.token], ['oauth_verifier', verifier], ...callbackExtras(flowThrough(element, 'oauth1'))]),
      );
    }
    default:
      return unreachable(pending);
  }
}

/** `POST /provider/{key}/authorize`: the user's Allow or Deny on a pending page. */
function decision({ elements, grants }: ProviderStores): Handler {
  return async (request) => {
    const element = elementOf(elements, request.params.key!);
    const form = new URLSearchParams(await request.body());
    const choice = form.get('decision');
    if (choice !== 'allow' && choice !== 'deny') {
      throw new PageError(400, 'Invalid decision', 'Choose Allow or Deny on the authorize page.');
    }
    const pending = grants.takeAuthorization(form.get('request') ?? '');
    if (!pending || pending.element !== element.key) {
      throw new PageError(400, 'Authorization request expired', 'This authorization request is unknown, expired or was already answered; start again from your application.');
    }
    return decide(grants, element, pending, choice === 'allow');
  };
}

export function providerRouter(stores: ProviderStores): Router<Handler> {
  const router = new Router<Handler>();
  for (const provider of FAKE_PROVIDERS) router.add('GET', `/provider/:key/${provider}/authorize`, AUTHORIZE_PAGES[provider](stores));
  return router.add('POST', '/provider/:key/authorize', decision(stores));
}
