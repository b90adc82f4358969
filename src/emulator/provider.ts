/**
 * The fake providers behind the oauthUrl: an authorize page per element and protocol, and
 * the decision endpoint that redirects the browser to the app's callback URL the way the
 * real provider (and, for OAuth 1, Cloud Elements) would.
 */
import type { ElementDefinition, FlowDefinition } from '../core/catalog/types';
import type { RedirectRules } from '../core/catalog/redirectRules';
import { redirectAllowed } from './apps';
import { appendQuery } from './callbackUrl';
import type { EmulatorServices, Handler } from './context';
import { flowThrough } from './flowTypes';
import { htmlReply, PageError, redirectReply, type Reply } from './http';
import { renderAuthorizePage, renderProviderRefusal } from './providerHtml';
import { randomAlphanumeric } from './random';
import { Router } from './router';

type Pairs = Array<[string, string]>;

/** Callback parameters the flow itself sets; everything else in providerData comes from the element. */
const PROTOCOL_PARAMS = new Set(['code', 'state', 'error', 'oauth_token', 'oauth_verifier']);

/** The element's extra callback parameters (realmId, dataSource, org, refresh_token…): the catalog example, else random. */
export function callbackExtras(flow: FlowDefinition | undefined): Pairs {
  const extras: Pairs = [];
  for (const field of flow?.providerData ?? []) {
    if (field.source.from !== 'callback' || PROTOCOL_PARAMS.has(field.source.param)) continue;
    extras.push([field.source.param, field.example ?? randomAlphanumeric(24)]);
  }
  return extras;
}

function elementOf(services: EmulatorServices, key: string): ElementDefinition {
  const element = services.elements.find(key);
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
  const provider = rules.sources.length > 0 ? rules.provider : element.name;
  return htmlReply(rules.refusal.status, renderProviderRefusal(provider, rules.refusal));
}

function decisionAction(element: ElementDefinition): string {
  return `/provider/${encodeURIComponent(element.key)}/authorize`;
}

function oauth2AuthorizePage(services: EmulatorServices): Handler {
  return (request) => {
    const element = elementOf(services, request.params.key!);
    if (request.query.get('response_type') !== 'code') {
      throw new PageError(400, 'unsupported_response_type', 'The authorize URL must ask for response_type=code.');
    }
    const clientId = required(request.query, 'client_id');
    const redirectUri = required(request.query, 'redirect_uri');
    const app = services.grants.app(element.key, clientId);
    if (!app) {
      throw new PageError(
        400,
        'Unknown application',
        `${element.name} does not know this client_id: get the authorize URL from GET /elements/${element.key}/oauth/url.`,
      );
    }
    // The provider's own check first: an app registered with it takes its registered redirect URIs only.
    const allowed = redirectAllowed(services.apps, element.key, 'oauth2', clientId, redirectUri);
    if (!allowed.ok) return refusalReply(allowed.rules, element);
    if (!app.callbackUrls.has(redirectUri)) {
      throw new PageError(400, 'redirect_uri mismatch', 'The redirect_uri is not the callbackUrl given to GET /oauth/url.');
    }
    const state = request.query.get('state') ?? undefined;
    const handle = services.grants.beginAuthorization({
      flow: 'oauth2',
      element: element.key,
      apiKey: clientId,
      callbackUrl: redirectUri,
      ...(state !== undefined && { state }),
    });
    return htmlReply(
      200,
      renderAuthorizePage({
        elementName: element.name,
        clientId,
        protocol: 'OAuth 2',
        callbackUrl: redirectUri,
        action: decisionAction(element),
        handle,
      }),
    );
  };
}

function expiredToken(): PageError {
  return new PageError(400, 'Invalid or expired token', 'This oauth_token is unknown or has expired; start the authorization again from your application.');
}

function oauth1AuthorizePage(services: EmulatorServices): Handler {
  return (request) => {
    const element = elementOf(services, request.params.key!);
    const grant = services.grants.requestToken(required(request.query, 'oauth_token'));
    if (!grant || grant.element !== element.key) throw expiredToken();
    const handle = services.grants.beginAuthorization({ flow: 'oauth1', element: element.key, requestToken: grant.token });
    return htmlReply(
      200,
      renderAuthorizePage({
        elementName: element.name,
        clientId: grant.apiKey,
        protocol: 'OAuth 1',
        callbackUrl: grant.callbackUrl,
        action: decisionAction(element),
        handle,
      }),
    );
  };
}

function decision(services: EmulatorServices): Handler {
  return async (request) => {
    const element = elementOf(services, request.params.key!);
    const form = new URLSearchParams(await request.body());
    const choice = form.get('decision');
    if (choice !== 'allow' && choice !== 'deny') {
      throw new PageError(400, 'Invalid decision', 'Choose Allow or Deny on the authorize page.');
    }
    const pending = services.grants.takeAuthorization(form.get('request') ?? '');
    if (!pending || pending.element !== element.key) {
      throw new PageError(400, 'Authorization request expired', 'This authorization request is unknown, expired or was already answered; start again from your application.');
    }
    const allowed = choice === 'allow';

    if (pending.flow === 'oauth2') {
      const state: Pairs = pending.state !== undefined ? [['state', pending.state]] : [];
      if (!allowed) return redirectReply(appendQuery(pending.callbackUrl, [['error', 'access_denied'], ...state]));
      const app = services.grants.app(element.key, pending.apiKey);
      if (!app) throw new PageError(400, 'Unknown application', 'The application is no longer registered; start again.');
      const code = services.grants.issueCode({
        element: element.key,
        apiKey: app.apiKey,
        apiSecret: app.apiSecret,
        callbackUrl: pending.callbackUrl,
      });
      const flow = flowThrough(element, 'oauth2');
      return redirectReply(appendQuery(pending.callbackUrl, [['code', code.code], ...state, ...callbackExtras(flow)]));
    }

    const grant = services.grants.requestToken(pending.requestToken);
    if (!grant) throw expiredToken();
    const state: Pairs = [['state', grant.state ?? element.key]];
    if (!allowed) return redirectReply(appendQuery(grant.callbackUrl, [['error', 'access_denied'], ...state]));
    const verifier = services.grants.authorizeRequestToken(grant);
    const flow = flowThrough(element, 'oauth1');
    // Order as in the QuickBooks page's example: state (added by Cloud Elements) first.
    return redirectReply(
      appendQuery(grant.callbackUrl, [...state, ['oauth_token', grant.token], ['oauth_verifier', verifier], ...callbackExtras(flow)]),
    );
  };
}

export function providerRouter(services: EmulatorServices): Router<Handler> {
  return new Router<Handler>()
    .add('GET', '/provider/:key/oauth2/authorize', oauth2AuthorizePage(services))
    .add('GET', '/provider/:key/oauth1/authorize', oauth1AuthorizePage(services))
    .add('POST', '/provider/:key/authorize', decision(services));
}
