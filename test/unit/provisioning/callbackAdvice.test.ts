/**
 * adviseCallback(rules, way): whether the provider takes the callback the toolkit is about to
 * use, and what the wizard says before the browser opens (issue 18, item 11). Table-tested on
 * the providers the issue names, property-tested over generated rules and callbacks.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_REDIRECT_RULES, redirectRulesFor, sourcedRedirectFlows, type RedirectRules, type RuleName } from '../../../src/core/catalog/redirectRules';
import { adviseCallback, callbackUrlOf, shownCallback, type CallbackVerdict, type CallbackWay } from '../../../src/core/provisioning/callbackAdvice';

const VSCODE: CallbackWay = { mode: 'uriHandler', callbackUrl: 'vscode://elements-dev.elements-toolkit/callback', changesEachTime: false };
const CODE_SERVER: CallbackWay = {
  mode: 'uriHandler',
  callbackUrl: 'http://127.0.0.1:8080/callback?vscode-reqid=3&vscode-scheme=code-oss&vscode-authority=elements-dev.elements-toolkit&vscode-path=%2Fcallback',
  changesEachTime: true,
};
const RANDOM_LOOPBACK: CallbackWay = { mode: 'loopback', port: undefined };
const FIXED_LOOPBACK: CallbackWay = { mode: 'loopback', port: 53682 };
const PAGE: CallbackWay = { mode: 'forwardingPage', pageUrl: 'https://you.github.io/elements-callback/' };
const PASTE: CallbackWay = { mode: 'paste', registeredUrl: 'https://www.mycoolapp.com/auth' };

const context = { elementName: 'The Element' };

describe('adviseCallback: the providers the issue names', () => {
  const intuit = redirectRulesFor('quickbooks', 'oauth2');
  const xero = redirectRulesFor('xero', 'oauth2');
  const table: Array<[string, RedirectRules, CallbackWay, CallbackVerdict, string | undefined, RegExp]> = [
    ['Intuit refuses vscode://', intuit, VSCODE, 'refused', 'vscode://elements-dev.elements-toolkit/callback', /^Intuit will refuse the callback vscode:\/\/elements-dev\.elements-toolkit\/callback: it does not take custom schemes such as vscode:\/\/\. Ways back that work with Intuit: an https forwarding page/],
    ['Intuit refuses code-server\'s http://127.0.0.1 address (its per-sign-in query not said)', intuit, CODE_SERVER, 'refused', undefined, /^Intuit will refuse the callback http:\/\/127\.0\.0\.1:8080\/callback\?…: it only redirects to https URIs, and to http:\/\/localhost with development \(sandbox\) keys; IP addresses aren't allowed as the host; it matches registered redirect URIs exactly, and this window's VS Code callback address is made anew for each sign-in/],
    ['Intuit refuses a loopback server on a new port each time', intuit, RANDOM_LOOPBACK, 'refused', undefined, /a loopback callback on a new port each time never matches \(set cloudElements\.loopbackPort/],
    ['Intuit takes http://localhost:<fixed port> with development keys only', intuit, FIXED_LOOPBACK, 'development-keys-only', 'http://localhost:53682/callback', /register exactly this redirect URI with your Intuit app .* It works with Intuit's development \(sandbox\) keys only; production keys need an https callback\./],
    ['Intuit takes the https forwarding page', intuit, PAGE, 'accepted', 'https://you.github.io/elements-callback/', /^The browser comes back to https:\/\/you\.github\.io\/elements-callback\/: register exactly this redirect URI with your Intuit app \(it must be registered exactly, character for character\)\.$/],
    ['Intuit takes a registered https URL to paste', intuit, PASTE, 'accepted', 'https://www.mycoolapp.com/auth', /register exactly this redirect URI/],
    ['Xero refuses vscode://', xero, VSCODE, 'refused', 'vscode://elements-dev.elements-toolkit/callback', /^Xero will refuse the callback vscode:.*\(Xero's documentation does not say: the toolkit assumes the strictest rules\)/],
    ['Xero refuses a new port each time', xero, RANDOM_LOOPBACK, 'refused', undefined, /never matches/],
    ['Xero takes http://localhost on the registered port', xero, FIXED_LOOPBACK, 'accepted', 'http://localhost:53682/callback', /register exactly this redirect URI with your Xero app/],
    ['Box takes any loopback port: register it without one', redirectRulesFor('box', 'oauth2'), RANDOM_LOOPBACK, 'accepted', 'http://localhost/callback', /register http:\/\/localhost\/callback \(any port\) with your Box app/],
    ['Salesforce takes vscode://', redirectRulesFor('sfdc', 'oauth2'), VSCODE, 'accepted', 'vscode://elements-dev.elements-toolkit/callback', /register exactly this redirect URI with your Salesforce app/],
    ['a provider without sourced rules: the element\'s name, and the assumption said', DEFAULT_REDIRECT_RULES, VSCODE, 'refused', 'vscode://elements-dev.elements-toolkit/callback', /^The Element will refuse the callback .*\(The Element's documentation does not say: the toolkit assumes the strictest rules\)/],
    ['a provider without sourced rules takes the forwarding page, matched exactly (assumed)', DEFAULT_REDIRECT_RULES, PAGE, 'accepted', 'https://you.github.io/elements-callback/', /\(The Element's documentation does not say how it matches: the toolkit assumes the strictest rules\)/],
  ];
  for (const [what, rules, way, verdict, register, text] of table) {
    it(what, () => {
      const advice = adviseCallback(rules, way, context);
      assert.equal(advice.verdict, verdict);
      assert.equal(advice.register, register);
      assert.match(advice.text, text);
    });
  }

  it('after a refusal it names every way that works: the forwarding page always, loopback where the provider takes http, paste', () => {
    const intuitText = adviseCallback(intuit, VSCODE, context).text;
    assert.match(intuitText, /callback mode "forwardingPage"; "Cloud Elements: Save Forwarding Page…" writes it\); callback mode "loopback" on http:\/\/localhost on a fixed port you registered \(cloudElements\.loopbackPort\), development \(sandbox\) keys only; or callback mode "paste" with an https URL you registered\.$/);
    const freshbooks = adviseCallback(redirectRulesFor('freshbooksv2', 'oauth2'), VSCODE, context).text;
    assert.doesNotMatch(freshbooks, /loopback/, 'FreshBooks takes no http at all');
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────

const RULE_NAMES: RuleName[] = ['http', 'ipHosts', 'customSchemes', 'query', 'match'];
const rulesArb: fc.Arbitrary<RedirectRules> = fc.oneof(
  fc.constantFrom(DEFAULT_REDIRECT_RULES, ...sourcedRedirectFlows().map((flow) => flow.rules)),
  fc.record({
    provider: fc.constant('Generated'),
    http: fc.constantFrom('never', 'localhost', 'loopback', 'anywhere'),
    httpDevelopmentOnly: fc.boolean(),
    ipHosts: fc.constantFrom('never', 'loopback'),
    customSchemes: fc.boolean(),
    query: fc.boolean(),
    match: fc.constantFrom('exact', 'exact-any-loopback-port'),
    assumed: fc.subarray(RULE_NAMES),
    sources: fc.constant([{ url: 'https://docs.example.com', section: 's', says: 'says what it says, quoted' }]),
    refusal: fc.constant(DEFAULT_REDIRECT_RULES.refusal),
  }) as fc.Arbitrary<RedirectRules>,
);

const hostArb = fc.constantFrom('localhost', '127.0.0.1', 'you.github.io', 'auth.example.com', '10.1.2.3');
const wayArb: fc.Arbitrary<CallbackWay> = fc.oneof(
  fc.record({
    mode: fc.constant('uriHandler' as const),
    callbackUrl: fc.constantFrom(VSCODE, CODE_SERVER).map((way) => callbackUrlOf(way)),
    changesEachTime: fc.boolean(),
  }),
  fc.record({ mode: fc.constant('loopback' as const), port: fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }) }),
  fc.record({
    mode: fc.constant('forwardingPage' as const),
    pageUrl: fc.tuple(fc.constantFrom('https', 'http'), hostArb, fc.constantFrom('/', '/cb', '/cb?x=1')).map(([scheme, host, path]) => `${scheme}://${host}${path}`),
  }),
  fc.record({ mode: fc.constant('paste' as const), registeredUrl: fc.tuple(fc.constantFrom('https', 'http'), hostArb).map(([scheme, host]) => `${scheme}://${host}/auth`) }),
);

describe('adviseCallback: properties over generated rules and callbacks', () => {
  it('an https forwarding page on a host name, without a query, works with every provider, sourced, default or generated', () => {
    fc.assert(
      fc.property(rulesArb, fc.constantFrom('you.github.io', 'auth.example.com'), fc.constantFrom('/', '/elements-callback/', '/a/b.html'), (rules, host, path) => {
        const advice = adviseCallback(rules, { mode: 'forwardingPage', pageUrl: `https://${host}${path}` }, context);
        assert.equal(advice.verdict, 'accepted', advice.text);
        assert.equal(advice.register, `https://${host}${path}`);
      }),
    );
  });

  it('the verdict is refused exactly when a refusing problem is found, and the text says what to do either way', () => {
    fc.assert(
      fc.property(rulesArb, wayArb, (rules, way) => {
        const advice = adviseCallback(rules, way, context);
        const refusing = advice.problems.filter((problem) => problem.code !== 'http-development-only');
        assert.equal(advice.verdict === 'refused', refusing.length > 0);
        assert.equal(advice.verdict === 'development-keys-only', refusing.length === 0 && advice.problems.length > 0);
        assert.ok(advice.text.includes(shownCallback(way)), 'the text names the callback');
        if (!(way.mode === 'uriHandler' && way.changesEachTime)) assert.equal(shownCallback(way), callbackUrlOf(way), 'whole, unless made for one sign-in');
        if (advice.verdict === 'refused') {
          assert.match(advice.text, /will refuse the callback/);
          assert.match(advice.text, /callback mode "forwardingPage"/, 'a refusal names the way that always works');
          if (rules.http === 'never') assert.doesNotMatch(advice.text, /callback mode "loopback"/, 'never offers loopback to a provider that takes no http');
        } else {
          assert.match(advice.text, /register /);
        }
      }),
    );
  });

  it('a callback made anew for each sign-in never has a URI to register with an exact-matching provider', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        fc.pre(rules.match !== 'callback-domain'); // OAuth 1.0a callback domains match the host, whatever the rest
        const advice = adviseCallback(rules, { ...CODE_SERVER }, context);
        assert.equal(advice.verdict, 'refused');
        assert.equal(advice.register, undefined);
        const random = adviseCallback(rules, RANDOM_LOOPBACK, context);
        assert.equal(random.verdict === 'refused' || rules.match === 'exact-any-loopback-port', true);
      }),
    );
  });

  it('assumed is said exactly when the verdict rests on a rule the provider does not document', () => {
    fc.assert(
      fc.property(rulesArb, wayArb, (rules, way) => {
        const advice = adviseCallback(rules, way, context);
        assert.equal(/documentation does not say/.test(advice.text), advice.assumed);
      }),
    );
  });
});
