/**
 * The providers' redirect (callback) URI rules, as data: which schemes and hosts a provider lets
 * an app register, and how it matches the `redirect_uri` of an authorization against what was
 * registered. One record per provider, with the documentation each rule comes from; an element's
 * OAuth flows name their provider below. A flow whose provider's rules could not be sourced gets
 * {@link DEFAULT_REDIRECT_RULES}, the strictest rules the sourced providers have, and says so.
 *
 * Read by the provisioning wizard (what the provider will accept, said before the browser opens:
 * src/core/provisioning/redirects.ts) and by the emulator's provider pages (an app's registered
 * redirect URIs, refused as the provider refuses them).
 */
import type { FlowType } from './types';

/** Where plain `http://` is accepted: nowhere, `localhost` only, any loopback host (localhost, 127.0.0.1, [::1]), or anywhere. */
export type HttpRule = 'never' | 'localhost' | 'loopback' | 'anywhere';

/**
 * How the provider compares an authorization's `redirect_uri` with the registered ones:
 * `exact`, character for character; `exact-any-loopback-port`, exact except the port of a
 * loopback address (RFC 8252 §7.3); `callback-domain`, OAuth 1.0a's registered callback
 * domain: the callback's host must be that domain or a subdomain of it.
 */
export type MatchRule = 'exact' | 'exact-any-loopback-port' | 'callback-domain';

/** The rules a record states; `assumed` lists those its provider's documentation does not state. */
export type RuleName = 'http' | 'ipHosts' | 'customSchemes' | 'query' | 'match';

export interface DocSource {
  url: string;
  /** Where on the page (heading, or what the source is). */
  section: string;
  /** What it says, quoted. */
  says: string;
}

/** What the provider shows when an authorization's redirect_uri is not registered (the emulator's provider page answers with it). */
export interface ProviderRefusal {
  /** The HTTP status the emulator answers with. */
  status: number;
  /** The page's heading. */
  title: string;
  /** The page's text, as the provider words it. */
  lines: readonly string[];
  /** Undefined: the emulator's own words, for a provider whose error page could not be sourced. */
  source?: DocSource;
}

export interface RedirectRules {
  /** Who decides, for messages: "Intuit", "Xero". */
  provider: string;
  http: HttpRule;
  /** `http` applies only to development (sandbox) keys; production keys take https only (Intuit). */
  httpDevelopmentOnly?: boolean;
  /** Hosts written as IP addresses: never, or only loopback ones (127.0.0.1, [::1]). */
  ipHosts: 'never' | 'loopback';
  /** Whether an app may register a custom scheme such as `vscode://`. */
  customSchemes: boolean;
  /** Whether a registered redirect URI may carry a query string. */
  query: boolean;
  match: MatchRule;
  /** The rules not stated by the sources: the toolkit assumes the strict answer. */
  assumed: readonly RuleName[];
  sources: readonly DocSource[];
  refusal: ProviderRefusal;
}

const ALL_RULES: readonly RuleName[] = ['http', 'ipHosts', 'customSchemes', 'query', 'match'];

/**
 * For providers whose rules could not be sourced: https only, a host name (no IP address), no
 * custom scheme, no query, matched exactly — what Intuit, the strictest documented provider,
 * demands, so a callback that passes these passes every provider sourced here.
 */
export const DEFAULT_REDIRECT_RULES: RedirectRules = {
  provider: 'the provider',
  http: 'never',
  ipHosts: 'never',
  customSchemes: false,
  query: false,
  match: 'exact',
  assumed: ALL_RULES,
  sources: [],
  refusal: {
    status: 400,
    title: 'redirect_uri_mismatch',
    lines: ['The redirect_uri of this authorization is not one of the redirect URIs registered for the application.'],
  },
};

const INTUIT: RedirectRules = {
  provider: 'Intuit',
  http: 'localhost',
  httpDevelopmentOnly: true,
  ipHosts: 'never',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['query'],
  sources: [
    {
      url: 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/set-redirect-uri',
      section: 'Set app redirect URIs: Note, and the development tip',
      says:
        "HTTP redirect URIs must be protected with TLS security. The Intuit OAuth 2.0 Server can only redirect to URIs beginning with https. IP addresses aren't allowed. … Tip: You can add localhost (no HTTPS) as a URI for sandbox environments.",
    },
    {
      url: 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq',
      section: 'FAQ: What is a redirect URI and why is it required?',
      says: 'The Intuit OAuth 2.0 service redirects users to registered URIs, only … the service will only redirect to URIs beginning with https.',
    },
  ],
  refusal: {
    status: 400,
    title: 'Invalid redirect_uri',
    lines: ["The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab and matches it exactly."],
    source: {
      url: 'https://appcenter.intuit.com/connect/oauth2',
      section: "Intuit's authorize page for an unregistered redirect_uri, its sentence as developers quote it in their bug reports (the heading is the emulator's)",
      says: "The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab and matches it exactly.",
    },
  },
};

const XERO_OAUTH2: RedirectRules = {
  provider: 'Xero',
  http: 'localhost',
  ipHosts: 'never',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['ipHosts', 'customSchemes', 'query'],
  sources: [
    {
      url: 'https://developer.xero.com/faq/oauth2',
      section: 'Can I use a wildcard in my redirect URI?',
      says: 'The OAuth 2.0 spec (section 3.1.2 of RFC 6749) requires that a redirection URI must be an absolute URI. The use of wildcards in redirect URI is not supported.',
    },
    {
      url: 'https://github.com/XeroAPI/xero-node-oauth2-app/blob/02c978dd335d136ee183047e343ec9638fabc45f/README.md',
      section: "Xero's own sample app, Configure with your credentials",
      says: 'Enter your app details (your redirect URI is http://localhost:5000)',
    },
  ],
  refusal: {
    status: 400,
    title: 'Sorry, something went wrong',
    lines: ['Go back and try again.', 'If the issue continues, check out our Status Page.', 'Error code: 500', 'Error: unauthorized_client : Invalid redirect_uri'],
    source: {
      url: 'https://github.com/XeroAPI/xero-node-oauth2-app/issues/58',
      section: "Xero's login page for an unregistered redirect_uri, as quoted in Xero's sample-app issues (also XeroAPI/xero-netstandard-oauth2-samples#5)",
      says: 'Sorry, something went wrong Go back and try again. If the issue continues, check out our Status Page. Error code: 500 Error: unauthorized_client : Invalid redirect_uri',
    },
  },
};

const XERO_OAUTH1: RedirectRules = {
  provider: 'Xero',
  http: 'anywhere',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'callback-domain',
  assumed: ['http', 'query'],
  sources: [
    {
      url: 'https://developer.xero.com/documentation/auth-and-limits/oauth-callback-domains-explained',
      section: 'Configuring your callback domain; Setting a callback URL - OAuth',
      says:
        'a callback domain is not a full url, but a domain name, IP address or hostname: localhost. Examples of acceptable callback domains: xero.com, localhost, 127.0.0.1 … We will check that the oauth_callback parameter is a full url that uses the registered callback domain.',
    },
  ],
  refusal: {
    status: 400,
    title: 'parameter_rejected',
    lines: ['oauth_problem=parameter_rejected&oauth_problem_advice=Callback url is not the registered callback domain'],
    source: {
      url: 'https://developer.xero.com/documentation/auth-and-limits/oauth-callback-domains-explained',
      section: 'Setting a callback URL - OAuth',
      says: 'If the callback URL does not contain a domain match with the callback domain, an OAuth error is returned: oauth_problem = parameter_rejected oauth_problem_advice = Callback url is not the registered callback domain',
    },
  },
};

const SAGE_ACCOUNTING: RedirectRules = {
  provider: 'Sage',
  http: 'localhost',
  ipHosts: 'never',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['ipHosts', 'query', 'match'],
  sources: [
    {
      url: 'https://developer.sage.com/accounting/guides/getting-started/client_app_registration/',
      section: 'How to Create Your First App: Callback URLs',
      says:
        'Callback URLs: The URLs Sage Accounting may redirect users to after allowing or denying access to their data for your app. You can enter up to 100 addresses here … Please note that you must use https:// as scheme except for local hosts, where http:// is allowed as well.',
    },
  ],
  refusal: DEFAULT_REDIRECT_RULES.refusal,
};

const FRESHBOOKS_OAUTH2: RedirectRules = {
  provider: 'FreshBooks',
  http: 'never',
  ipHosts: 'never',
  customSchemes: false,
  query: false,
  match: 'exact',
  assumed: ['ipHosts', 'match'],
  sources: [
    {
      url: 'https://www.freshbooks.com/developers/authentication',
      section: 'Redirect URI Limitations',
      says:
        'For security reasons, redirect URIs must specify HTTPS as their protocol. … Redirect URIs also cannot contain query string parameters. Your application may instead url-encode arbitrary data and pass into an Authorize link via an additional state parameter.',
    },
  ],
  refusal: DEFAULT_REDIRECT_RULES.refusal,
};

const GOOGLE: RedirectRules = {
  provider: 'Google',
  http: 'loopback',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['customSchemes'],
  sources: [
    {
      url: 'https://developers.google.com/identity/protocols/oauth2/web-server#uri-validation',
      section: 'Redirect URI validation rules',
      says:
        'Redirect URIs must use the HTTPS scheme, not plain HTTP. Localhost URIs (including localhost IP address URIs) are exempt from this rule. … Hosts cannot be raw IP addresses. Localhost IP addresses are exempted from this rule.',
    },
  ],
  refusal: {
    status: 400,
    title: 'Error 400: redirect_uri_mismatch',
    lines: ['The redirect_uri passed in the authorization request does not match an authorized redirect URI for the OAuth client ID.'],
    source: {
      url: 'https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors-redirect-uri-mismatch',
      section: 'Authorization errors: redirect_uri_mismatch',
      says:
        'redirect_uri_mismatch: The redirect_uri passed in the authorization request does not match an authorized redirect URI for the OAuth client ID. Review authorized redirect URIs in the Google Cloud Console Clients page.',
    },
  },
};

const MICROSOFT: RedirectRules = {
  provider: 'Microsoft',
  http: 'localhost',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'exact-any-loopback-port',
  assumed: ['customSchemes', 'query'],
  sources: [
    {
      url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reply-url',
      section: 'Redirect URI (reply URL) restrictions and limitations; Localhost exceptions',
      says:
        'Redirect URIs must begin with the scheme https. There are some exceptions for localhost redirect URIs. … Redirect URIs are case-sensitive … the Microsoft identity platform ignores the port component of a localhost redirect URI.',
    },
  ],
  refusal: {
    status: 400,
    title: 'Sign in',
    lines: ['AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application.'],
    source: {
      url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reply-url',
      section: 'Why a redirect URI needs to be added to an app registration',
      says: 'AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application.',
    },
  },
};

const DROPBOX: RedirectRules = {
  provider: 'Dropbox',
  http: 'loopback',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['http', 'ipHosts', 'customSchemes', 'query'],
  sources: [
    {
      url: 'https://www.dropbox.com/developers/documentation/http/documentation#oauth2-authorize',
      section: '/oauth2/authorize: redirect_uri',
      says: "This must be the exact URI registered in the App Console; even 'localhost' must be listed if it is used for testing.",
    },
  ],
  refusal: {
    status: 400,
    title: 'Error (400)',
    lines: ["Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path)."],
    source: {
      url: 'https://github.com/dropbox/dropbox-sdk-python/issues/203',
      section: "Dropbox's authorize page for an unregistered redirect_uri, quoted by Dropbox staff",
      says: "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
    },
  },
};

const BOX: RedirectRules = {
  provider: 'Box',
  http: 'loopback',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'exact-any-loopback-port',
  assumed: ['customSchemes'],
  sources: [
    {
      url: 'https://developer.box.com/guides/authentication/oauth2/oauth2-setup/',
      section: 'Basic configuration: Redirect URI',
      says:
        'This will be an exact match check, meaning the URIs must be exactly the same. Localhost and loopback address redirect URIs will be permitted redirect to any port, but the scheme, domain, path and query parameters must match one of the configured URIs. … These must be valid URIs that are HTTPS, or a less secure HTTP for localhost or loopback address.',
    },
  ],
  refusal: DEFAULT_REDIRECT_RULES.refusal,
};

const GITHUB: RedirectRules = {
  provider: 'GitHub',
  http: 'anywhere',
  ipHosts: 'loopback',
  customSchemes: false,
  query: true,
  match: 'exact-any-loopback-port',
  assumed: ['customSchemes', 'ipHosts', 'query'],
  sources: [
    {
      url: 'https://github.com/github/docs/blob/main/content/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps.md',
      section: 'Redirect URLs; Loopback redirect urls',
      says:
        'When wildcard matching is disabled, the redirect URL must exactly match the callback URL. … If the application specifies a loopback URL and a port, then after authorizing the application users will be redirected to the provided URL and port. The redirect_uri does not need to match the port specified in the callback URL for the app.',
    },
  ],
  refusal: {
    status: 400,
    title: 'redirect_uri_mismatch',
    lines: ['The redirect_uri MUST match the registered callback URL for this application.'],
    source: {
      url: 'https://github.com/github/docs/blob/main/content/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-authorization-request-errors.md',
      section: 'Redirect URI mismatch (GitHub sends it to the registered callback URL as error parameters; the emulator shows it as a page)',
      says: 'error=redirect_uri_mismatch&error_description=The+redirect_uri+MUST+match+the+registered+callback+URL+for+this+application.',
    },
  },
};

const HUBSPOT: RedirectRules = {
  provider: 'HubSpot',
  http: 'localhost',
  ipHosts: 'never',
  customSchemes: false,
  query: true,
  match: 'exact',
  assumed: ['ipHosts', 'customSchemes', 'query'],
  sources: [
    {
      url: 'https://developers.hubspot.com/changelog/upcoming-public-apps-will-require-a-redirect-url-in-the-auth-settings',
      section: 'Upcoming: Public apps will require a Redirect URL in the auth settings',
      says:
        'The redirect_uri is validated against the redirect URL set in the auth settings for the app. … URLs using http://localhost/ URLs will still be supported for testing while you’re building your app.',
    },
  ],
  refusal: DEFAULT_REDIRECT_RULES.refusal,
};

const SALESFORCE: RedirectRules = {
  provider: 'Salesforce',
  http: 'never',
  ipHosts: 'never',
  customSchemes: true,
  query: true,
  match: 'exact',
  assumed: ['ipHosts', 'query'],
  sources: [
    {
      url: 'https://developer.salesforce.com/docs/atlas.en-us.218.0.api_rest.meta/api_rest/intro_defining_remote_access_applications.htm',
      section: 'Defining Connected Apps',
      says: 'Enter a Callback URL. … As this URL is used for some OAuth flows to pass an access token, the URL must use secure HTTP (HTTPS) or a custom URI scheme.',
    },
  ],
  refusal: {
    status: 400,
    title: 'OAuth Error',
    lines: ['error=redirect_uri_mismatch&error_description=redirect_uri must match configuration'],
  },
};

/** The OAuth flows whose provider's rules are sourced, by element key and flow type. The rest get the default. */
const RULES_BY_ELEMENT: Readonly<Record<string, Partial<Record<FlowType, RedirectRules>>>> = {
  quickbooks: { oauth2: INTUIT },
  xero: { oauth2: XERO_OAUTH2, oauth1: XERO_OAUTH1 },
  sageone: { oauth2: SAGE_ACCOUNTING },
  sageoneus: { oauth2: SAGE_ACCOUNTING },
  sageoneuk: { oauth2: SAGE_ACCOUNTING },
  freshbooksv2: { oauth2: FRESHBOOKS_OAUTH2 },
  gmail: { oauth2: GOOGLE },
  googlecalendar: { oauth2: GOOGLE },
  googledrive: { oauth2: GOOGLE },
  googlesheets: { oauth2: GOOGLE },
  googlesuite: { oauth2: GOOGLE },
  microsoftgraph: { oauth2: MICROSOFT },
  onedrivev2: { oauth2: MICROSOFT },
  onedrivebusiness: { oauth2: MICROSOFT },
  outlookemail: { oauth2: MICROSOFT },
  onenote: { oauth2: MICROSOFT },
  dropbox: { oauth2: DROPBOX },
  dropboxbusiness: { oauth2: DROPBOX },
  box: { oauth2: BOX },
  github: { oauth2: GITHUB },
  hubspot: { oauth2: HUBSPOT },
  hubspotcrm: { oauth2: HUBSPOT },
  sfdc: { oauth2: SALESFORCE },
  sfdcservicecloud: { oauth2: SALESFORCE },
  sfdcdocuments: { oauth2: SALESFORCE },
  sfdclibraries: { oauth2: SALESFORCE },
};

/** The sourced rules of an element's flow, or undefined (then {@link redirectRulesFor} gives the default). */
export function sourcedRedirectRules(elementKey: string, flowType: FlowType): RedirectRules | undefined {
  return Object.hasOwn(RULES_BY_ELEMENT, elementKey) ? RULES_BY_ELEMENT[elementKey]![flowType] : undefined;
}

/** The redirect rules of an element's OAuth flow: its provider's, else the conservative default. */
export function redirectRulesFor(elementKey: string, flowType: FlowType): RedirectRules {
  return sourcedRedirectRules(elementKey, flowType) ?? DEFAULT_REDIRECT_RULES;
}

/** Every element flow with sourced rules, for the tests that hold the table to the catalog. */
export function sourcedRedirectFlows(): Array<{ elementKey: string; flowType: FlowType; rules: RedirectRules }> {
  return Object.entries(RULES_BY_ELEMENT).flatMap(([elementKey, byFlow]) =>
    Object.entries(byFlow).map(([flowType, rules]) => ({ elementKey, flowType: flowType as FlowType, rules })),
  );
}
