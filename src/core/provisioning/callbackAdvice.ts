/**
 * Before the browser opens: will the provider send it back to the callback the toolkit is about
 * to use, and what to tell the user — the exact redirect URI to register, or why the provider
 * refuses this callback and which ways back work with it. Decided from the provider's redirect
 * rules (src/core/catalog/redirectRules.ts) and the callback mode. Pure: table- and
 * property-tested in test/unit/provisioning/callbackAdvice.test.ts.
 */
import type { RedirectRules } from '../catalog/redirectRules';
import { parseRedirect, registrationProblems, type RedirectProblem } from './redirectCheck';

/** The loopback mode's callback path (`http://localhost:<port>/callback`). */
export const LOOPBACK_CALLBACK_PATH = '/callback';

/** How the browser is to come back, as the callback mode and its settings make it. */
export type CallbackWay =
  /**
   * VS Code's URI handler at `callbackUrl`, as the browser reaches it (`vscode://…` on the
   * desktop; VS Code in a browser gives an address of its own). `changesEachTime`: the address
   * is made for this sign-in (code-server's `…/callback?vscode-reqid=N`), so it cannot be registered.
   */
  | { readonly mode: 'uriHandler'; readonly callbackUrl: string; readonly changesEachTime: boolean }
  /** A loopback server on `http://localhost:<port>/callback`; `port` undefined: a free port each time. */
  | { readonly mode: 'loopback'; readonly port: number | undefined }
  /** The https forwarding page the user hosts, at `pageUrl`. */
  | { readonly mode: 'forwardingPage'; readonly pageUrl: string }
  /** The user's own registered URL; they paste the address they land on. */
  | { readonly mode: 'paste'; readonly registeredUrl: string };

export type CallbackVerdict = 'accepted' | 'development-keys-only' | 'refused';

export interface CallbackAdvice {
  /** `accepted` once registered; `development-keys-only`: with the provider's development (sandbox) keys only; `refused`: never. */
  readonly verdict: CallbackVerdict;
  /** The provider's documentation does not state a rule the verdict rests on: the toolkit assumed it. */
  readonly assumed: boolean;
  /** The exact redirect URI to register with the provider (undefined when none can be: it changes each time). */
  readonly register: string | undefined;
  readonly problems: readonly RedirectProblem[];
  /** What the wizard says, before the browser opens. */
  readonly text: string;
}

/** `http://localhost:<port>/callback`, or with `<port>` when it changes each time. */
export function loopbackCallbackUrl(port: number | undefined): string {
  return `http://localhost:${port ?? '<port>'}${LOOPBACK_CALLBACK_PATH}`;
}

/** The URI the way sends as the callback (with `<port>` for a loopback server on a free port). */
export function callbackUrlOf(way: CallbackWay): string {
  switch (way.mode) {
    case 'uriHandler':
      return way.callbackUrl;
    case 'loopback':
      return loopbackCallbackUrl(way.port);
    case 'forwardingPage':
      return way.pageUrl;
    case 'paste':
      return way.registeredUrl;
  }
}

/**
 * The callback as the wizard says it: whole, except an address made for one sign-in, whose
 * per-sign-in query (`?vscode-reqid=…&vscode-scheme=…`) says nothing a user can act on.
 */
export function shownCallback(way: CallbackWay): string {
  const url = callbackUrlOf(way);
  if (way.mode !== 'uriHandler' || !way.changesEachTime) return url;
  const queryAt = url.indexOf('?');
  return queryAt < 0 ? url : `${url.slice(0, queryAt)}?…`;
}

/** Why a callback that changes each time never matches (undefined when the provider does not need a match). */
function changingProblem(rules: RedirectRules, way: CallbackWay): RedirectProblem | undefined {
  const matchAssumed = rules.assumed.includes('match');
  if (way.mode === 'loopback' && way.port === undefined && rules.match !== 'exact-any-loopback-port' && rules.match !== 'callback-domain') {
    return {
      code: 'changes-each-time',
      rule: 'match',
      assumed: matchAssumed,
      reason: 'it matches registered redirect URIs exactly, so a loopback callback on a new port each time never matches (set cloudElements.loopbackPort and register that port)',
    };
  }
  if (way.mode === 'uriHandler' && way.changesEachTime && rules.match !== 'callback-domain') {
    return {
      code: 'changes-each-time',
      rule: 'match',
      assumed: matchAssumed,
      reason: "it matches registered redirect URIs exactly, and this window's VS Code callback address is made anew for each sign-in",
    };
  }
  return undefined;
}

export interface AdviceContext {
  /** The element's name, said for a provider whose rules are the toolkit's default ("QuickBooks Online"). */
  readonly elementName: string;
}

function providerLabel(rules: RedirectRules, context: AdviceContext): string {
  return rules.sources.length > 0 ? rules.provider : context.elementName;
}

function matchClause(rules: RedirectRules): string {
  switch (rules.match) {
    case 'exact':
      return 'it must be registered exactly, character for character';
    case 'exact-any-loopback-port':
      return 'it must be registered exactly (the port of a loopback address may differ)';
    case 'callback-domain':
      return 'its host must be the callback domain registered with the app';
  }
}

/** The ways back that work with this provider, for the advice after a refusal. */
export function workingWays(rules: RedirectRules): string[] {
  const ways = ['an https forwarding page you host (callback mode "forwardingPage"; "Cloud Elements: Save Forwarding Page…" writes it)'];
  if (rules.http !== 'never') {
    const host = rules.http === 'localhost' ? 'http://localhost' : 'http://localhost or 127.0.0.1';
    const keys = rules.httpDevelopmentOnly ? ', development (sandbox) keys only' : '';
    const port = rules.match === 'exact' ? ' on a fixed port you registered (cloudElements.loopbackPort)' : '';
    ways.push(`callback mode "loopback" on ${host}${port}${keys}`);
  }
  ways.push('callback mode "paste" with an https URL you registered');
  return ways;
}

function sentence(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')}; or ${items.at(-1)!}`;
}

/**
 * Whether the provider will send the browser back to `way`'s callback, and what to tell the user
 * about it before the browser opens.
 */
export function adviseCallback(rules: RedirectRules, way: CallbackWay, context: AdviceContext): CallbackAdvice {
  const provider = providerLabel(rules, context);
  const url = callbackUrlOf(way);
  const shown = shownCallback(way);
  // A loopback server on a free port is checked as on any one port: the scheme and host are what count.
  const checked = way.mode === 'loopback' ? loopbackCallbackUrl(way.port ?? 1) : url;
  const problems = [...registrationProblems(rules, checked)];
  const changing = changingProblem(rules, way);
  if (changing) problems.push(changing);
  const refusing = problems.filter((entry) => entry.code !== 'http-development-only');
  const verdict: CallbackVerdict = refusing.length > 0 ? 'refused' : problems.length > 0 ? 'development-keys-only' : 'accepted';
  const register = changing ? undefined : way.mode === 'loopback' && way.port === undefined ? `http://localhost${LOOPBACK_CALLBACK_PATH}` : url;
  const considered = verdict === 'refused' ? refusing : problems;
  const assumed = verdict === 'accepted' ? rules.assumed.includes('match') : considered.some((entry) => entry.assumed);
  const caveat = assumed
    ? ` (${provider}'s documentation does not say${verdict === 'accepted' ? ' how it matches' : ''}: the toolkit assumes the strictest rules)`
    : '';

  let text: string;
  if (verdict === 'refused') {
    const reasons = [...new Set(refusing.map((entry) => entry.reason))].join('; ');
    text = `${provider} will refuse the callback ${shown}: ${reasons}${caveat}. Ways back that work with ${provider}: ${sentence(workingWays(rules))}.`;
  } else {
    const keys = verdict === 'development-keys-only' ? ` It works with ${provider}'s development (sandbox) keys only; production keys need an https callback.` : '';
    const what =
      rules.match === 'callback-domain'
        ? `register ${parseRedirect(checked)?.hostname ?? url} as the callback domain of your ${provider} app`
        : `register ${register === url ? 'exactly this redirect URI' : `${register} (any port)`} with your ${provider} app (${matchClause(rules)})`;
    text = `The browser comes back to ${shown}: ${what}${caveat}.${keys}`;
  }
  return { verdict, assumed, register, problems, text };
}
