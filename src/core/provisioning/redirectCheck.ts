/**
 * What a provider's redirect rules (src/core/catalog/redirectRules.ts) say about one URI: whether
 * the provider lets an app register it, and whether an authorization's `redirect_uri` matches
 * one of the URIs an app registered. Pure; the wizard's advice (callbackAdvice.ts) and the
 * emulator's provider pages both use it.
 */
import type { RedirectRules, RuleName } from '../catalog/redirectRules';

/** How a URI's host reads: a name, `localhost`, a loopback IP (127.0.0.0/8, ::1), another IP address. */
export type HostKind = 'name' | 'localhost' | 'loopback-ip' | 'ip';

export interface ParsedRedirect {
  /** Without the colon, lower case: `https`, `http`, `vscode`. */
  scheme: string;
  hostname: string;
  /** As written; empty for the scheme's default port. */
  port: string;
  hostKind: HostKind;
  hasQuery: boolean;
  hasFragment: boolean;
  /** The URL without its port: what `exact-any-loopback-port` compares. */
  withoutPort: string;
}

export type RedirectProblemCode =
  | 'not-absolute'
  | 'fragment'
  | 'custom-scheme'
  | 'http'
  | 'http-development-only'
  | 'ip-address'
  | 'query'
  /** The callback is made anew for each sign-in (a free port, a per-sign-in address): an exact match never holds. */
  | 'changes-each-time';

export interface RedirectProblem {
  code: RedirectProblemCode;
  /** The rule it breaks (`fragment` and `not-absolute`: every provider's, RFC 6749 §3.1.2). */
  rule: RuleName | 'absolute';
  /** The rule is the toolkit's assumption, not the provider's documentation. */
  assumed: boolean;
  /** Why, as a clause: "it only redirects to https URIs". */
  reason: string;
}

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function hostKindOf(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return 'localhost';
  if (LOOPBACK_V4.test(host) || host === '::1') return 'loopback-ip';
  if (IPV4.test(host) || host.includes(':')) return 'ip';
  return 'name';
}

/** The parts of `uri` the rules look at; undefined when it is not an absolute URL. */
export function parseRedirect(uri: string): ParsedRedirect | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme === '' || /\s/.test(uri)) return undefined;
  const withoutPort = new URL(url.href);
  withoutPort.port = '';
  return {
    scheme,
    hostname: url.hostname,
    port: url.port,
    hostKind: hostKindOf(url.hostname),
    hasQuery: url.search !== '' || uri.includes('?'),
    hasFragment: uri.includes('#'),
    withoutPort: withoutPort.href,
  };
}

function isLoopback(kind: HostKind): boolean {
  return kind === 'localhost' || kind === 'loopback-ip';
}

/** Whether the rules let plain http name this host (before the development-keys condition). */
function httpAllowedFor(rules: RedirectRules, kind: HostKind): boolean {
  switch (rules.http) {
    case 'never':
      return false;
    case 'localhost':
      return kind === 'localhost';
    case 'loopback':
      return isLoopback(kind);
    case 'anywhere':
      return true;
  }
}

function httpReason(rules: RedirectRules): string {
  switch (rules.http) {
    case 'never':
      return 'it only redirects to https URIs';
    case 'localhost':
      return `it only redirects to https URIs, and to http://localhost${rules.httpDevelopmentOnly ? ' with development (sandbox) keys' : ''}`;
    case 'loopback':
      return 'it only redirects to https URIs, and to http on localhost or a loopback address';
    case 'anywhere':
      return 'it takes http URIs';
  }
}

function problem(rules: RedirectRules, code: RedirectProblemCode, rule: RuleName | 'absolute', reason: string): RedirectProblem {
  return { code, rule, assumed: rule !== 'absolute' && rules.assumed.includes(rule), reason };
}

export interface RegistrationOptions {
  /** The app's keys are development (sandbox) keys; matters only for `httpDevelopmentOnly` rules. */
  development?: boolean;
}

/**
 * Why the provider would not let an app register `uri` as a redirect URI (or would not
 * redirect to it). Empty: the provider takes it. `http-development-only` is a condition: the
 * URI works with development (sandbox) keys only, and is reported unless `development` is set.
 */
export function registrationProblems(rules: RedirectRules, uri: string, options: RegistrationOptions = {}): RedirectProblem[] {
  const parsed = parseRedirect(uri);
  if (!parsed) return [problem(rules, 'not-absolute', 'absolute', 'a redirect URI must be an absolute URL')];
  const problems: RedirectProblem[] = [];
  if (parsed.hasFragment) problems.push(problem(rules, 'fragment', 'absolute', 'a redirect URI cannot have a #fragment'));
  const web = parsed.scheme === 'http' || parsed.scheme === 'https';
  if (!web && !rules.customSchemes) {
    problems.push(problem(rules, 'custom-scheme', 'customSchemes', `it does not take custom schemes such as ${parsed.scheme}://`));
  }
  if (parsed.scheme === 'http') {
    if (!httpAllowedFor(rules, parsed.hostKind)) problems.push(problem(rules, 'http', 'http', httpReason(rules)));
    else if (rules.httpDevelopmentOnly && options.development !== true) {
      problems.push(problem(rules, 'http-development-only', 'http', 'it takes http://localhost only for development (sandbox) keys; production keys need https'));
    }
  }
  if (web && (parsed.hostKind === 'ip' || (parsed.hostKind === 'loopback-ip' && rules.ipHosts === 'never'))) {
    problems.push(
      problem(rules, 'ip-address', 'ipHosts', rules.ipHosts === 'never' ? "IP addresses aren't allowed as the host" : 'an IP address host must be a loopback address'),
    );
  }
  if (parsed.hasQuery && !rules.query) problems.push(problem(rules, 'query', 'query', 'a redirect URI cannot carry a query string'));
  return problems;
}

/** The host a registered OAuth 1 callback domain names: the entry itself, or the host of a URL. */
function callbackDomain(registered: string): string {
  const parsed = /^[a-z][a-z0-9+.-]*:\/\//i.test(registered) ? parseRedirect(registered) : undefined;
  return (parsed?.hostname ?? registered).toLowerCase().replace(/\.$/, '');
}

/**
 * Whether the provider redirects to `uri` for an app that registered `registered`: exactly one
 * of them, character for character; or (`exact-any-loopback-port`) one that differs only in
 * the port of a loopback address; or (`callback-domain`) a URL on a registered domain.
 */
export function redirectMatches(rules: RedirectRules, registered: readonly string[], uri: string): boolean {
  if (registered.includes(uri)) return rules.match !== 'callback-domain' || parseRedirect(uri) !== undefined;
  const parsed = parseRedirect(uri);
  if (!parsed) return false;
  switch (rules.match) {
    case 'exact':
      return false;
    case 'exact-any-loopback-port':
      return (
        isLoopback(parsed.hostKind) &&
        registered.some((entry) => {
          const other = parseRedirect(entry);
          return other !== undefined && isLoopback(other.hostKind) && other.withoutPort === parsed.withoutPort;
        })
      );
    case 'callback-domain': {
      const host = parsed.hostname.toLowerCase();
      return registered.some((entry) => {
        const domain = callbackDomain(entry);
        return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
      });
    }
  }
}
