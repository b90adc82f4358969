/**
 * The provider apps registered with the emulator, as a user registers an app with the real
 * provider: its element, client id (consumer key) and redirect URIs (OAuth 1: callback domains).
 * A registration the provider's developer portal would refuse (src/core/catalog/redirectRules.ts)
 * is refused here too. The provider pages then send the browser only to a registered redirect
 * URI, matched as that provider matches, and refuse anything else with the provider's own error.
 * A client id nobody registered keeps the emulator's convenience: any callback is taken.
 */
import { FLOW_TYPES, hasBrowserStep } from '../../core/catalog/flowTypes';
import type { ElementDefinition, FlowType } from '../../core/catalog/types';
import { redirectRulesFor, type RedirectRules } from '../../core/catalog/redirectRules';
import { registrationProblems, redirectMatches } from '../../core/provisioning/redirectCheck';
import { ApiError } from '../base/http';
import { jsonObject } from '../base/jsonBody';
import type { ElementDirectory } from './elements';

/** A flow type with a browser step (`oauth2`, `oauth1`): the ones a provider app is registered for. */
export type AppFlow = FlowType;

/** The flow types with a browser step, in the catalog's order (OAuth 2 first). */
const APP_FLOWS: readonly AppFlow[] = (Object.keys(FLOW_TYPES) as FlowType[]).filter(hasBrowserStep);

export interface RegisteredApp {
  element: string;
  /** OAuth 2 client id, or OAuth 1 consumer key (`apiKey` of the OAuth calls). */
  clientId: string;
  /** The flow the app is for: the element's OAuth 2 flow by default, else its OAuth 1 flow. */
  flow: AppFlow;
  /** Registered redirect URIs (OAuth 1 `callback-domain` providers: domains, or URLs on them). */
  redirectUris: string[];
  /** Development (sandbox) keys: the providers that take http://localhost only for those (Intuit) take it. */
  development: boolean;
}

const MAX_REDIRECT_URIS = 100;

function text(value: unknown, field: string, max = 2048): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ApiError(400, `${field} must be a non-empty string.`);
  if (value.length > max) throw new ApiError(400, `${field} is longer than ${max} characters.`);
  return value.trim();
}

function isAppFlow(value: unknown): value is AppFlow {
  return typeof value === 'string' && (APP_FLOWS as readonly string[]).includes(value);
}

function oauthFlows(element: ElementDefinition): AppFlow[] {
  return APP_FLOWS.filter((type) => element.flows.some((flow) => flow.type === type));
}

/** How a provider's messages name it: by its sourced redirect rules, else by the element's name (`fallback`). */
export function providerName(rules: RedirectRules, fallback: string): string {
  return rules.sources.length > 0 ? rules.provider : fallback;
}

function isHostName(value: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value) || /^\d{1,3}(\.\d{1,3}){3}$/.test(value);
}

/** Why the provider's portal would refuse `uri` for this app; undefined when it takes it. */
function refusal(rules: RedirectRules, uri: string, development: boolean): string | undefined {
  if (rules.match === 'callback-domain' && !/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    return isHostName(uri) ? undefined : 'a callback domain is a domain name, an IP address or localhost, not a full URL';
  }
  const problems = registrationProblems(rules, uri, { development });
  return problems.length === 0 ? undefined : problems.map((problem) => problem.reason).join('; ');
}

/** A registration from JSON (`POST /__admin/apps`, `startEmulator({ apps })`); 400 for anything the provider would refuse. */
export function parseAppRegistration(value: unknown, elements: ElementDirectory): RegisteredApp {
  const registration = jsonObject(value);
  if (!registration) throw new ApiError(400, 'An app registration is a JSON object: {"element", "clientId", "redirectUris": [...], "flow"?, "development"?}.');
  const element = elements.require(text(registration.element, 'element', 200));
  const clientId = text(registration.clientId, 'clientId', 500);
  const flows = oauthFlows(element);
  if (flows.length === 0) throw new ApiError(400, `Element '${element.key}' has no OAuth flow: it has no provider app to register.`);
  const flow = registration.flow === undefined ? flows[0]! : registration.flow;
  if (!isAppFlow(flow)) throw new ApiError(400, `flow must be ${APP_FLOWS.map((type) => `"${type}"`).join(' or ')}.`);
  if (!flows.includes(flow)) throw new ApiError(400, `Element '${element.key}' has no ${flow} flow (its OAuth flows: ${flows.join(', ')}).`);
  if (registration.development !== undefined && typeof registration.development !== 'boolean') throw new ApiError(400, 'development must be true or false.');
  const development = registration.development === true;
  if (!Array.isArray(registration.redirectUris) || registration.redirectUris.length === 0 || registration.redirectUris.length > MAX_REDIRECT_URIS) {
    throw new ApiError(400, `redirectUris must list 1 to ${MAX_REDIRECT_URIS} redirect URIs.`);
  }
  const rules = redirectRulesFor(element.key, flow);
  const redirectUris = registration.redirectUris.map((uri, index) => text(uri, `redirectUris[${index}]`));
  for (const [index, uri] of redirectUris.entries()) {
    const reason = refusal(rules, uri, development);
    if (reason !== undefined) {
      const provider = providerName(rules, `${element.name} (the toolkit's default rules)`);
      throw new ApiError(400, `${provider} does not take redirectUris[${index}] as a redirect URI: ${reason}.`);
    }
  }
  return { element: element.key, clientId, flow, redirectUris: [...new Set(redirectUris)], development };
}

/** The apps registered, by element, flow and client id. `reset()` goes back to those given at start. */
export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  constructor(private readonly initial: readonly RegisteredApp[] = []) {
    this.reset();
  }

  private static id(element: string, flow: AppFlow, clientId: string): string {
    return `${element}\n${flow}\n${clientId}`;
  }

  /** Adds the app, or replaces the registration of the same client id. */
  register(app: RegisteredApp): RegisteredApp {
    this.apps.set(AppRegistry.id(app.element, app.flow, app.clientId), app);
    return app;
  }

  find(element: string, flow: AppFlow, clientId: string): RegisteredApp | undefined {
    return this.apps.get(AppRegistry.id(element, flow, clientId));
  }

  list(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  /** Forgets every registration; `initial` ones come back. Returns how many were forgotten. */
  reset(): number {
    const before = this.apps.size;
    this.apps.clear();
    for (const app of this.initial) this.register(app);
    return before;
  }
}

/**
 * Whether the provider sends the browser to `redirectUri` for this client: yes when nobody
 * registered the client (the emulator's convenience), else only to a registered redirect URI
 * as the provider matches it. `rules` is the app's provider's, for the refusal.
 */
export function redirectAllowed(apps: AppRegistry, element: string, flow: AppFlow, clientId: string, redirectUri: string): { ok: true } | { ok: false; rules: RedirectRules } {
  const app = apps.find(element, flow, clientId);
  if (!app) return { ok: true };
  const rules = redirectRulesFor(element, flow);
  return redirectMatches(rules, app.redirectUris, redirectUri) ? { ok: true } : { ok: false, rules };
}
