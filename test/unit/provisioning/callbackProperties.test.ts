/**
 * Property suites for the pending-flow registry (issue 12, item 9): arbitrary query strings and
 * every hostile callback against flows waiting for their browser callback. Nothing is accepted
 * without the flow's own state (or, for a callback with no state at all, the OAuth 1 flow's own
 * request token), and no flow is completed twice.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CALLBACK_LENGTH, parseCallbackUrl } from '../../../src/core/provisioning/callbackUrl';
import { FlowError } from '../../../src/core/provisioning/errors';
import { PendingFlowRegistry, type PendingFlow } from '../../../src/core/provisioning/pendingFlows';
import { FakeClock } from './fakes';

const CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';
const REQUEST_TOKEN = 'request-token-oauth1-0001';
/** The states world() hands out, in order: known up front, so the arbitraries can use them. */
const STATE_OAUTH2 = 'state-1-Zx81kq0Pm3Lw9Rt2Yv6Bn4Hc';
const STATE_OAUTH1 = 'state-2-Zx81kq0Pm3Lw9Rt2Yv6Bn4Hc';
/** VS Code's notifications link `[label](target)` for http(s):, command: and file: targets. */
const NOTIFICATION_LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+/i;

interface World {
  registry: PendingFlowRegistry;
  oauth2: PendingFlow;
  oauth1: PendingFlow;
  /** How many times `complete` accepted a callback for each state. */
  accepted: Map<string, number>;
}

function world(): World {
  let counter = 0;
  const registry = new PendingFlowRegistry({ clock: new FakeClock(), newState: () => `state-${++counter}-Zx81kq0Pm3Lw9Rt2Yv6Bn4Hc` });
  const oauth2 = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
  const oauth1 = registry.begin({ elementKey: 'quickbooks', flowType: 'oauth1' });
  assert.deepEqual([oauth2.state, oauth1.state], [STATE_OAUTH2, STATE_OAUTH1]);
  registry.bindRequestToken(oauth1.state, REQUEST_TOKEN);
  return { registry, oauth2, oauth1, accepted: new Map() };
}

/** All values of `name` in the callback text as a browser would send it: query first, then fragment. */
function valuesOf(text: string, name: string): string[] {
  const input = text.replace(/^["'`<\s]+|["'`>\s]+$/g, '').replace(/\s+/g, '').replace(/&amp;/g, '&');
  const hash = input.indexOf('#');
  const beforeHash = hash < 0 ? input : input.slice(0, hash);
  const query = beforeHash.includes('?') ? beforeHash.slice(beforeHash.indexOf('?') + 1) : /^[a-z][a-z0-9+.-]*:/i.test(beforeHash) || beforeHash.split('=')[0]!.includes('/') ? '' : beforeHash;
  const fragment = hash < 0 ? '' : input.slice(hash + 1);
  return [query, fragment].filter((part) => part.includes('=')).flatMap((part) => new URLSearchParams(part).getAll(name));
}

/** Delivers `text`; returns the state of the flow it completed, or undefined when it was refused. */
function deliver(w: World, text: string): string | undefined {
  let completed: string | undefined;
  try {
    completed = w.registry.complete(text).state;
  } catch (error) {
    assert.ok(error instanceof FlowError, `only FlowErrors, got ${String(error)}`);
    return undefined;
  }
  w.accepted.set(completed, (w.accepted.get(completed) ?? 0) + 1);
  const flow = [w.oauth2, w.oauth1].find((candidate) => candidate.state === completed)!;
  const states = valuesOf(text, 'state');
  const tokens = valuesOf(text, 'oauth_token');
  const byState = states.length === 1 && states[0] === flow.state && (tokens.length === 0 || flow.requestToken === undefined || tokens[0] === flow.requestToken);
  const byToken = states.length === 0 && tokens.length === 1 && flow.requestToken !== undefined && tokens[0] === flow.requestToken;
  assert.ok(byState || byToken, `accepted without the flow's own state (or request token): ${text}`);
  assert.ok(text.length <= MAX_CALLBACK_LENGTH, 'an oversized callback was accepted');
  return completed;
}

/** Text with a notification link in it somewhere: `…[label](command:…)…`. */
function withLink(): fc.Arbitrary<string> {
  const target = fc.constantFrom('command:workbench.action.openSettings', 'https://evil.example/x', 'file:///etc/passwd', 'http://a.example');
  return fc
    .tuple(fc.string({ maxLength: 10 }), fc.stringMatching(/^[^\]\s]{1,10}$/), target, fc.string({ maxLength: 10 }))
    .map(([before, label, href, after]) => `${before}[${label}](${href})${after}`);
}

const NAMES = ['state', 'code', 'oauth_token', 'oauth_verifier', 'error', 'error_description', 'realmId', 'x', 'State', 'state[]', ''];

/** Query strings built from the parameters that matter, with values that often are the real ones. */
function queries(): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom(STATE_OAUTH2, STATE_OAUTH1, REQUEST_TOKEN, 'xero', 'quickbooks', '', 'access_denied'),
    fc.string({ maxLength: 12 }),
  );
  const pair = fc.tuple(fc.constantFrom(...NAMES), value, fc.boolean()).map(([name, v, encode]) => `${encode ? encodeURIComponent(name) : name}=${encode ? encodeURIComponent(v) : v}`);
  const params = fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.join('&'));
  const prefix = fc.constantFrom(`${CALLBACK}?`, 'https://www.mycoolapp.com/auth?', '?', '', `${CALLBACK}#`, 'http://127.0.0.1:5000/callback?');
  const fragment = fc.option(params.map((text) => `#${text}`), { nil: '' });
  return fc.tuple(prefix, params, fragment).map(([p, q, f]) => `${p}${q}${f}`);
}

describe('pending-flow registry: property suites', () => {
  it('arbitrary strings: only FlowErrors, nothing accepted', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { maxLength: 8 }), (texts) => {
        const w = world();
        for (const text of texts) assert.equal(deliver(w, text), undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('query strings over the real states and token, delivered in any order: accepted only with the flow\'s own state, each flow completed at most once', () => {
    fc.assert(
      fc.property(fc.array(queries(), { minLength: 1, maxLength: 25 }), (texts) => {
        const w = world();
        for (const text of texts) deliver(w, text);
        for (const count of w.accepted.values()) assert.ok(count <= 1, 'a flow was completed twice');
      }),
      { numRuns: 400 },
    );
  });

  describe('hostile variants of a genuine callback are refused; the flow keeps waiting, then takes its own callback once', () => {
    type Hostile = (genuine: { state: string; query: string }) => string;
    const extra = fc.array(fc.tuple(fc.constantFrom('realmId', 'dataSource', 'x', 'scope'), fc.string({ maxLength: 8 })), { maxLength: 3 }).map((pairs) =>
      pairs.map(([name, value]) => `&${name}=${encodeURIComponent(value)}`).join(''),
    );
    type Type = 'oauth2' | 'oauth1';
    const both: Type[] = ['oauth2', 'oauth1'];
    const hostile: Array<[string, Type[], Hostile]> = [
      ['the state repeated with another value', both, ({ query }) => `${CALLBACK}?${query}&state=forged`],
      ['the state repeated, forged first', both, ({ query }) => `${CALLBACK}?state=forged&${query}`],
      ['the state repeated with the same value', both, ({ state, query }) => `${CALLBACK}?${query}&state=${state}`],
      ['the code repeated', ['oauth2'], ({ query }) => `${CALLBACK}?${query}&code=forged-code`],
      ['the oauth_token repeated', ['oauth1'], ({ query }) => `${CALLBACK}?${query}&oauth_token=forged-token`],
      ['the oauth_verifier repeated', ['oauth1'], ({ query }) => `${CALLBACK}?${query}&oauth_verifier=forged`],
      ['a fragment trying to override the state', both, ({ query }) => `${CALLBACK}?${query}#state=forged`],
      ['a fragment trying to override the code', ['oauth2'], ({ query }) => `${CALLBACK}?${query}#code=forged-code`],
      ['a fragment trying to override the oauth_token', ['oauth1'], ({ query }) => `${CALLBACK}?${query}#oauth_token=forged-token`],
      ['a wrong state in the query, the right one in the fragment', both, ({ state, query }) => `${CALLBACK}?${query.replace(state, 'forged')}#state=${state}`],
      ['a wrong explicit state (the element key) with the genuine oauth_token', ['oauth1'], () => `${CALLBACK}?state=quickbooks&oauth_token=${REQUEST_TOKEN}&oauth_verifier=v`],
      ['an empty explicit state with the genuine oauth_token', ['oauth1'], () => `${CALLBACK}?state=&oauth_token=${REQUEST_TOKEN}&oauth_verifier=v`],
      ['the right state with another oauth_token', ['oauth1'], ({ state }) => `${CALLBACK}?state=${state}&oauth_token=other-token&oauth_verifier=v`],
      ['an oversized callback', both, ({ query }) => `${CALLBACK}?${query}&pad=${'a'.repeat(MAX_CALLBACK_LENGTH)}`],
      ['the state in another case', both, ({ state, query }) => `${CALLBACK}?${query.replace(state, state.toUpperCase())}`],
      // Without any `state`, only an OAuth 1 flow's own request token could match; an OAuth 2 flow has none.
      ['the state parameter renamed', ['oauth2'], ({ query }) => `${CALLBACK}?${query.replace('state=', 'State=')}`],
    ];

    for (const [what, types, make] of hostile) {
      it(`${what} (${types.join(', ')})`, () => {
        fc.assert(
          fc.property(fc.constantFrom(...types), extra, (type, more) => {
            const w = world();
            const flow = type === 'oauth2' ? w.oauth2 : w.oauth1;
            const query = type === 'oauth2' ? `code=genuine-code&state=${flow.state}${more}` : `state=${flow.state}&oauth_token=${REQUEST_TOKEN}&oauth_verifier=genuine${more}`;
            const forged = make({ state: flow.state, query });
            assert.equal(deliver(w, forged), undefined, `accepted: ${forged.slice(0, 200)}`);
            assert.ok(w.registry.isPending(flow.state), 'the flow keeps waiting');
            assert.equal(deliver(w, `${CALLBACK}?${query}`), flow.state);
            assert.equal(deliver(w, `${CALLBACK}?${query}`), undefined, 'a replay is refused');
          }),
          { numRuns: 20 },
        );
      });
    }
  });

  it('a callback that lost its state entirely still matches an OAuth 1 flow by its request token, once', () => {
    const w = world();
    assert.equal(deliver(w, `${CALLBACK}?oauth_token=${REQUEST_TOKEN}&oauth_verifier=v&realmId=1`), w.oauth1.state);
    assert.equal(deliver(w, `${CALLBACK}?oauth_token=${REQUEST_TOKEN}&oauth_verifier=v&realmId=1`), undefined);
  });

  it('property: a provider\'s error and error_description reach the denial message as plain text, never as a link', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(withLink(), fc.string({ maxLength: 60 })), fc.oneof(withLink(), fc.string({ maxLength: 30 })), async (description, denial) => {
        const w = world();
        const url = `${CALLBACK}?error=${encodeURIComponent(denial || 'access_denied')}&error_description=${encodeURIComponent(description)}&state=${w.oauth2.state}`;
        assert.equal(w.registry.complete(url).outcome, 'denied');
        const error = await w.oauth2.callback.then(
          () => assert.fail('a denial resolves nothing'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof FlowError && error.code === 'denied');
        assert.doesNotMatch(error.message, NOTIFICATION_LINK);
      }),
      { numRuns: 200 },
    );
  });

  it('parseCallbackUrl: the query always wins over the fragment, and repeats of state/code/oauth_token/oauth_verifier are refused', () => {
    const name = fc.constantFrom('state', 'code', 'oauth_token', 'oauth_verifier', 'x', 'realmId');
    const pairs = fc.array(fc.tuple(name, fc.stringMatching(/^[A-Za-z0-9_-]{0,6}$/)), { maxLength: 5 });
    fc.assert(
      fc.property(pairs, pairs, (queryPairs, fragmentPairs) => {
        const text = `${CALLBACK}?${queryPairs.map(([n, v]) => `${n}=${v}`).join('&')}#${fragmentPairs.map(([n, v]) => `${n}=${v}`).join('&')}`;
        const all = [...queryPairs, ...fragmentPairs];
        const repeated = ['state', 'code', 'oauth_token', 'oauth_verifier'].some((key) => all.filter(([n]) => n === key).length > 1);
        let params: Record<string, string>;
        try {
          params = parseCallbackUrl(text);
        } catch (error) {
          assert.ok(error instanceof FlowError);
          assert.ok(repeated || all.length === 0, `refused without a repeat: ${text} (${error.message})`);
          return;
        }
        assert.ok(!repeated, `a repeat was read: ${text}`);
        for (const [n] of all) {
          const first = (queryPairs.find(([name]) => name === n) ?? fragmentPairs.find(([name]) => name === n))!;
          assert.equal(params[n], first[1], `${n}: the query's first value wins`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
