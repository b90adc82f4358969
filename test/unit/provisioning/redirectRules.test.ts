/**
 * The providers' redirect rules (issue 18, item 11): the catalog's table is held to the catalog,
 * each sourced rule to its documentation's own examples (table tests), and the checks to an
 * independent reading of generated URIs (properties).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import { DEFAULT_REDIRECT_RULES, redirectRulesFor, sourcedRedirectFlows, type RedirectRules, type RuleName } from '../../../src/core/catalog/redirectRules';
import { hasBrowserStep } from '../../../src/core/catalog/flowTypes';
import { hostKindOf, redirectMatches, registrationProblems, type RedirectProblemCode } from '../../../src/core/provisioning/redirectCheck';

const RULE_NAMES: readonly RuleName[] = ['http', 'ipHosts', 'customSchemes', 'query', 'match'];
const VSCODE_CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';

const codes = (rules: RedirectRules, uri: string, development = false): RedirectProblemCode[] =>
  registrationProblems(rules, uri, { development }).map((problem) => problem.code);

describe('redirect rules: the catalog table', () => {
  it('every sourced flow is an OAuth flow of a catalog element, with at least one https source that quotes its documentation', () => {
    const sourced = sourcedRedirectFlows();
    assert.ok(sourced.length >= 26, `${sourced.length} sourced flows`);
    for (const { elementKey, flowType, rules } of sourced) {
      const element = catalog.get(elementKey);
      assert.ok(element, `${elementKey} is in the catalog`);
      assert.ok(element.flows.some((flow) => flow.type === flowType && hasBrowserStep(flow.type)), `${elementKey} has an ${flowType} flow`);
      assert.ok(rules.sources.length > 0, `${elementKey}: sourced`);
      for (const source of rules.sources) {
        assert.match(source.url, /^https:\/\//);
        assert.ok(source.section.length > 0 && source.says.length > 20, `${elementKey}: ${source.url} says what it says`);
      }
      for (const name of rules.assumed) assert.ok(RULE_NAMES.includes(name));
      assert.ok(rules.assumed.length < RULE_NAMES.length, `${elementKey}: its documentation states at least one rule`);
      assert.ok(rules.refusal.title !== '' && rules.refusal.lines.length > 0, `${elementKey}: a refusal`);
    }
  });

  it('every other OAuth flow of the catalog gets the default: https only, no IP address, no custom scheme, no query, exact; all of it assumed', () => {
    let defaults = 0;
    for (const element of catalog.elements) {
      for (const flow of element.flows.filter((candidate) => hasBrowserStep(candidate.type))) {
        const rules = redirectRulesFor(element.key, flow.type);
        if (rules === DEFAULT_REDIRECT_RULES) defaults++;
        assert.ok(rules.refusal.lines.length > 0);
      }
    }
    assert.ok(defaults > 40, `${defaults} flows on the default`);
    assert.deepEqual(
      { http: DEFAULT_REDIRECT_RULES.http, ipHosts: DEFAULT_REDIRECT_RULES.ipHosts, customSchemes: DEFAULT_REDIRECT_RULES.customSchemes, query: DEFAULT_REDIRECT_RULES.query, match: DEFAULT_REDIRECT_RULES.match },
      { http: 'never', ipHosts: 'never', customSchemes: false, query: false, match: 'exact' },
    );
    assert.deepEqual([...DEFAULT_REDIRECT_RULES.assumed].sort(), [...RULE_NAMES].sort());
  });

  it('the default is at least as strict as every sourced provider: what it takes, each of them takes', () => {
    const sample = ['https://you.github.io/elements-callback/', 'https://auth.example.com/cb', 'https://example.com:8443/a/b'];
    for (const uri of sample) {
      assert.deepEqual(codes(DEFAULT_REDIRECT_RULES, uri), []);
      for (const { elementKey, rules } of sourcedRedirectFlows()) {
        const found = codes(rules, uri).filter((code) => code !== 'http-development-only');
        assert.deepEqual(found, [], `${elementKey} takes ${uri}`);
      }
    }
  });
});

describe('redirect rules: what each provider documents', () => {
  const intuit = redirectRulesFor('quickbooks', 'oauth2');
  const xero = redirectRulesFor('xero', 'oauth2');

  const table: Array<[string, RedirectRules, string, RedirectProblemCode[], boolean?]> = [
    // Intuit: "can only redirect to URIs beginning with https. IP addresses aren't allowed." Localhost (no https) for sandbox.
    ['Intuit: an https host name', intuit, 'https://you.github.io/elements-callback/', []],
    ['Intuit: vscode:// is not https', intuit, VSCODE_CALLBACK, ['custom-scheme']],
    ['Intuit: http://127.0.0.1 on a random port: not https, and an IP address', intuit, 'http://127.0.0.1:53682/callback', ['http', 'ip-address']],
    ['Intuit: https://127.0.0.1: an IP address', intuit, 'https://127.0.0.1/callback', ['ip-address']],
    ['Intuit: http://localhost with production keys', intuit, 'http://localhost:53682/callback', ['http-development-only']],
    ['Intuit: http://localhost with development (sandbox) keys', intuit, 'http://localhost:53682/callback', [], true],
    ['Intuit: code-server on 127.0.0.1 (the URI handler in a browser)', intuit, 'http://127.0.0.1:8080/callback?vscode-reqid=1&vscode-scheme=code-oss', ['http', 'ip-address']],
    ['Xero: http://localhost (Xero\'s own sample registers http://localhost:5000)', xero, 'http://localhost:5000', []],
    ['Xero: vscode://', xero, VSCODE_CALLBACK, ['custom-scheme']],
    ['FreshBooks (OAuth 2): no query string', redirectRulesFor('freshbooksv2', 'oauth2'), 'https://app.example.com/cb?x=1', ['query']],
    ['FreshBooks (OAuth 2): https even on localhost', redirectRulesFor('freshbooksv2', 'oauth2'), 'http://localhost:5000/cb', ['http']],
    ['Sage: http on a local host', redirectRulesFor('sageoneus', 'oauth2'), 'http://localhost:3333', []],
    ['Google: localhost IP addresses are exempt', redirectRulesFor('gmail', 'oauth2'), 'http://127.0.0.1:8080/cb', []],
    ['Google: other raw IP addresses are not', redirectRulesFor('gmail', 'oauth2'), 'https://192.168.1.20/cb', ['ip-address']],
    ['Salesforce: a custom URI scheme', redirectRulesFor('sfdc', 'oauth2'), VSCODE_CALLBACK, []],
    ['Salesforce: https or a custom scheme, not http', redirectRulesFor('sfdc', 'oauth2'), 'http://localhost:8080/cb', ['http']],
    ['every provider: no #fragment', xero, 'https://app.example.com/cb#x', ['fragment']],
    ['every provider: an absolute URL', xero, '/callback', ['not-absolute']],
  ];
  for (const [what, rules, uri, expected, development] of table) {
    it(what, () => assert.deepEqual(codes(rules, uri, development), expected));
  }

  it("GitHub's documented table: exact when wildcard matching is off; a loopback callback on any port", () => {
    const github = redirectRulesFor('github', 'oauth2');
    const registered = ['https://example.com/path'];
    assert.equal(redirectMatches(github, registered, 'https://example.com/path'), true);
    for (const fail of ['https://example.com/bar', 'https://example.com/', 'https://example.com:8080/path', 'https://oauth.example.com:8080/path', 'https://example.org', 'https://example.com/path/subdir/other']) {
      assert.equal(redirectMatches(github, registered, fail), false, fail);
    }
    assert.equal(redirectMatches(github, ['http://127.0.0.1/path'], 'http://127.0.0.1:1234/path'), true);
    assert.equal(redirectMatches(github, ['http://127.0.0.1/path'], 'http://127.0.0.1:1234/other'), false);
  });

  it('Box: exact, except the port of localhost and loopback addresses', () => {
    const box = redirectRulesFor('box', 'oauth2');
    assert.equal(redirectMatches(box, ['http://localhost:3000/callback'], 'http://localhost:53682/callback'), true);
    assert.equal(redirectMatches(box, ['https://app.example.com:3000/callback'], 'https://app.example.com:4000/callback'), false);
    assert.equal(redirectMatches(box, ['http://localhost:3000/callback?a=1'], 'http://localhost:3001/callback'), false, 'the query must match');
  });

  it('Intuit and Xero: exact, so a random loopback port never matches the registered one', () => {
    for (const rules of [intuit, xero]) {
      assert.equal(redirectMatches(rules, ['http://localhost:53682/callback'], 'http://localhost:53682/callback'), true);
      assert.equal(redirectMatches(rules, ['http://localhost:53682/callback'], 'http://localhost:41234/callback'), false);
      assert.equal(redirectMatches(rules, ['https://a.example.com/cb'], 'https://a.example.com/cb/'), false, 'not even a trailing slash');
    }
  });

  it('Xero OAuth 1: the registered callback domain, its subdomains, localhost and 127.0.0.1', () => {
    const rules = redirectRulesFor('xero', 'oauth1');
    assert.equal(rules.match, 'callback-domain');
    assert.equal(redirectMatches(rules, ['xero.com'], 'https://api.xero.com/oauth/cb'), true);
    assert.equal(redirectMatches(rules, ['xero.com'], 'https://developer.xero.com/x'), true);
    assert.equal(redirectMatches(rules, ['xero.com'], 'https://notxero.com/x'), false);
    assert.equal(redirectMatches(rules, ['localhost'], 'http://localhost:5000/cb'), true);
    assert.equal(redirectMatches(rules, ['127.0.0.1'], 'http://127.0.0.1:5000/cb'), true);
    assert.equal(redirectMatches(rules, ['localhost'], VSCODE_CALLBACK), false);
  });
});

// ── Properties over generated URIs and rules ───────────────────────────────────

interface Parts {
  scheme: string;
  host: string;
  port: string;
  path: string;
  query: string;
  fragment: string;
}

const hostArb = fc.oneof(
  fc.constantFrom('localhost', '127.0.0.1', '127.1.2.3', '[::1]', '192.168.1.20', '10.0.0.1', '[2001:db8::1]'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}(\.[a-z][a-z0-9-]{0,8}){0,2}\.(com|io|dev)$/),
);
const partsArb: fc.Arbitrary<Parts> = fc.record({
  scheme: fc.constantFrom('https', 'http', 'vscode', 'vscode-insiders', 'myapp'),
  host: hostArb,
  port: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 65535 }).map(String)),
  path: fc.stringMatching(/^(\/[a-z0-9_-]{1,8}){0,3}\/?$/),
  query: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/)),
  fragment: fc.oneof(fc.constant(''), fc.constant('frag')),
});

function build(parts: Parts): string {
  return `${parts.scheme}://${parts.host}${parts.port ? `:${parts.port}` : ''}${parts.path}${parts.query ? `?${parts.query}` : ''}${parts.fragment ? `#${parts.fragment}` : ''}`;
}

const rulesArb: fc.Arbitrary<RedirectRules> = fc.record({
  provider: fc.constant('Provider'),
  http: fc.constantFrom('never', 'localhost', 'loopback', 'anywhere'),
  httpDevelopmentOnly: fc.boolean(),
  ipHosts: fc.constantFrom('never', 'loopback'),
  customSchemes: fc.boolean(),
  query: fc.boolean(),
  match: fc.constantFrom('exact', 'exact-any-loopback-port'),
  assumed: fc.subarray([...RULE_NAMES]),
  sources: fc.constant([]),
  refusal: fc.constant(DEFAULT_REDIRECT_RULES.refusal),
}) as fc.Arbitrary<RedirectRules>;

/** The rules read off the generated parts, independently of registrationProblems' parsing. */
function expectedCodes(rules: RedirectRules, parts: Parts, development: boolean): RedirectProblemCode[] {
  const kind = hostKindOf(parts.host);
  const loopback = kind === 'localhost' || kind === 'loopback-ip';
  const web = parts.scheme === 'https' || parts.scheme === 'http';
  const expected: RedirectProblemCode[] = [];
  if (parts.fragment) expected.push('fragment');
  if (!web && !rules.customSchemes) expected.push('custom-scheme');
  if (parts.scheme === 'http') {
    const allowed = rules.http === 'anywhere' || (rules.http === 'loopback' && loopback) || (rules.http === 'localhost' && kind === 'localhost');
    if (!allowed) expected.push('http');
    else if (rules.httpDevelopmentOnly && !development) expected.push('http-development-only');
  }
  if (web && (kind === 'ip' || (kind === 'loopback-ip' && rules.ipHosts === 'never'))) expected.push('ip-address');
  if (parts.query && !rules.query) expected.push('query');
  return expected;
}

describe('redirect rules: properties over generated URIs and rules', () => {
  it('registrationProblems finds exactly the rules the URI breaks', () => {
    fc.assert(
      fc.property(rulesArb, partsArb, fc.boolean(), (rules, parts, development) => {
        assert.deepEqual(codes(rules, build(parts), development), expectedCodes(rules, parts, development));
      }),
    );
  });

  it('a problem is marked assumed exactly when its rule is one the provider does not document', () => {
    fc.assert(
      fc.property(rulesArb, partsArb, (rules, parts) => {
        for (const problem of registrationProblems(rules, build(parts))) {
          assert.equal(problem.assumed, problem.rule !== 'absolute' && rules.assumed.includes(problem.rule));
        }
      }),
    );
  });

  it('exact match is string equality; a registered URI always matches itself', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(partsArb, { maxLength: 4 }), partsArb, (rules, registeredParts, parts) => {
        const registered = registeredParts.map(build);
        const uri = build(parts);
        const matched = redirectMatches(rules, registered, uri);
        if (registered.includes(uri)) assert.equal(matched, true);
        if (rules.match === 'exact') assert.equal(matched, registered.includes(uri));
      }),
    );
  });

  it('exact-any-loopback-port: another port matches on a loopback host only', () => {
    fc.assert(
      fc.property(partsArb, fc.integer({ min: 1, max: 65535 }), (parts, port) => {
        const rules: RedirectRules = { ...DEFAULT_REDIRECT_RULES, match: 'exact-any-loopback-port' };
        const registered = build({ ...parts, fragment: '' });
        const other = build({ ...parts, fragment: '', port: String(port) });
        const kind = hostKindOf(parts.host);
        const loopback = kind === 'localhost' || kind === 'loopback-ip';
        const samePort = new URL(registered).port === new URL(other).port;
        assert.equal(redirectMatches(rules, [registered], other), samePort || loopback);
      }),
    );
  });
});
