/**
 * The https forwarding page the toolkit ships (media/forwarding-page/index.html) and its contract
 * (src/core/provisioning/forwarding.ts): it forwards a provider's redirect to the toolkit's own
 * callback only, with every parameter and nothing else; it loads nothing, sends no referrer,
 * and its Content-Security-Policy allows exactly its own script and style. The page's script runs
 * here in a VM against the contract's functions on generated inputs (a differential test).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  forwardedUrl,
  forwardingState,
  isWebOrigin,
  MAX_FORWARD_LENGTH,
  targetOfState,
  toolkitTargetKind,
  WEB_ORIGINS_META,
} from '../../../src/core/provisioning/forwarding';
import { PAGE, runPage, SCRIPT, STYLE } from './forwardingPageRunner';

const DESKTOP = 'vscode://elements-dev.elements-toolkit/callback';
const CODE_SERVER_ORIGIN = 'http://127.0.0.1:8080';
const CODE_SERVER = `${CODE_SERVER_ORIGIN}/callback?vscode-reqid=3&vscode-scheme=code-oss&vscode-authority=elements-dev.elements-toolkit&vscode-path=%2Fcallback&vscode-query=`;

function query(pairs: Array<[string, string]>): string {
  return `?${new URLSearchParams(pairs).toString()}`;
}

describe('the forwarding page: what it is made of', () => {
  it('its Content-Security-Policy allows its own inline script and style by hash, and nothing else', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(PAGE)?.[1];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    assert.equal(
      csp,
      `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`,
      'update the hashes in the page after editing its script or style',
    );
  });

  it('loads nothing from anywhere, sends no referrer, is not indexed', () => {
    assert.doesNotMatch(PAGE, /<script[^>]*\bsrc=/i);
    assert.doesNotMatch(PAGE, /<(img|iframe|link|object|embed|form)\b(?![^>]*href="data:,")/i);
    assert.doesNotMatch(PAGE.replace(/<!--[\s\S]*?-->/g, ''), /https?:\/\//i, 'no address in the markup');
    assert.match(PAGE, /<meta name="referrer" content="no-referrer">/);
    assert.match(PAGE, /<meta name="robots" content="noindex">/);
    assert.match(PAGE, /<a id="open" rel="noreferrer">/);
    assert.match(PAGE, new RegExp(`<meta name="${WEB_ORIGINS_META}" content="">`), 'ships with no web origin listed');
    assert.doesNotMatch(SCRIPT, /fetch|XMLHttpRequest|sendBeacon|WebSocket|postMessage|localStorage|document\.cookie|console\./, 'sends the code nowhere but the target');
  });
});

describe('the forwarding page: where it forwards', () => {
  it('a desktop VS Code: to vscode://elements-dev.elements-toolkit/callback with every parameter, and the code leaves its history entry', () => {
    const state = forwardingState('nonce123', DESKTOP);
    const run = runPage(query([['code', 'AB12'], ['state', state], ['realmId', '9130']]));
    assert.equal(run.navigatedTo, `${DESKTOP}?code=AB12&state=${state}&realmId=9130`);
    assert.equal(run.link, run.navigatedTo);
    assert.equal(run.historyUrl, '/elements-callback/');
    assert.equal(run.shown, 'forwarding');
  });

  it('OAuth 1 parameters and a provider\'s refusal are forwarded as they came', () => {
    const state = forwardingState('n', 'vscode-insiders://elements-dev.elements-toolkit/callback');
    assert.equal(
      runPage(query([['state', state], ['oauth_token', 't'], ['oauth_verifier', 'v'], ['org', 'o']])).navigatedTo,
      `vscode-insiders://elements-dev.elements-toolkit/callback?state=${state}&oauth_token=t&oauth_verifier=v&org=o`,
    );
    assert.equal(
      runPage(query([['error', 'access_denied'], ['error_description', 'The user said no'], ['state', state]])).navigatedTo,
      `vscode-insiders://elements-dev.elements-toolkit/callback?error=access_denied&error_description=The+user+said+no&state=${state}`,
    );
  });

  it('a VS Code in a browser: only to an origin the page lists, and a redirect cannot change which handler gets it', () => {
    const state = forwardingState('n', CODE_SERVER);
    const search = query([['code', 'c'], ['state', state], ['vscode-authority', 'evil.extension'], ['vscode-path', '/steal']]);
    assert.equal(runPage(search).navigatedTo, undefined, 'not listed: not forwarded');
    assert.equal(runPage(search).shown, 'refused');
    const forwarded = new URL(runPage(search, `https://other.example ${CODE_SERVER_ORIGIN}`).navigatedTo!);
    assert.equal(forwarded.origin, CODE_SERVER_ORIGIN);
    assert.deepEqual(forwarded.searchParams.getAll('vscode-authority'), ['elements-dev.elements-toolkit']);
    assert.deepEqual(forwarded.searchParams.getAll('vscode-path'), ['/callback']);
    assert.equal(forwarded.searchParams.get('code'), 'c');
  });

  const refused: Array<[string, string]> = [
    ['no state', query([['code', 'c']])],
    ['a state that names nothing (another app\'s)', query([['code', 'c'], ['state', 'opaque-state']])],
    ['two states', query([['code', 'c'], ['state', forwardingState('a', DESKTOP)], ['state', forwardingState('b', DESKTOP)]])],
    ['another extension', query([['code', 'c'], ['state', forwardingState('n', 'vscode://other.extension/callback')]])],
    ['another path of the toolkit', query([['code', 'c'], ['state', forwardingState('n', 'vscode://elements-dev.elements-toolkit/other')]])],
    ['a web page', query([['code', 'c'], ['state', forwardingState('n', 'https://attacker.example/callback?vscode-authority=elements-dev.elements-toolkit&vscode-path=%2Fcallback')]])],
    ['javascript:', query([['code', 'c'], ['state', forwardingState('n', 'javascript:alert(1)')]])],
    ['a target with credentials', query([['code', 'c'], ['state', forwardingState('n', 'vscode://user:pw@elements-dev.elements-toolkit/callback')]])],
    ['a target with a fragment', query([['code', 'c'], ['state', forwardingState('n', `${DESKTOP}#x`)]])],
  ];
  for (const [what, search] of refused) {
    it(`refuses ${what}: shows why and sends nothing anywhere`, () => {
      const run = runPage(search, CODE_SERVER_ORIGIN);
      assert.equal(run.navigatedTo, undefined);
      assert.equal(run.link, undefined);
      assert.equal(run.shown, 'refused');
    });
  }

  it('without a query it says what it is', () => {
    assert.equal(runPage('').shown, 'idle');
  });
});

describe('the forwarding page and the toolkit agree (differential, generated inputs)', () => {
  const targetArb = fc.oneof(
    fc.constantFrom(DESKTOP, 'vscodium://elements-dev.elements-toolkit/callback', 'code-oss://elements-dev.elements-toolkit/callback', CODE_SERVER),
    fc
      .tuple(
        fc.constantFrom('vscode', 'https', 'http', 'javascript', 'data', 'cursor'),
        fc.constantFrom('elements-dev.elements-toolkit', 'other.ext', '127.0.0.1:8080', 'code.example.com', 'user@elements-dev.elements-toolkit'),
        fc.constantFrom('/callback', '/callback/', '/other', '', '/callback?vscode-authority=elements-dev.elements-toolkit&vscode-path=%2Fcallback', '/callback#f'),
      )
      .map(([scheme, host, path]) => `${scheme}://${host}${path}`),
    fc.string({ maxLength: 40 }),
  );
  const stateArb = fc.oneof(
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), targetArb).map(([nonce, target]) => forwardingState(nonce, target)),
    fc.string({ maxLength: 60 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{0,8}\.[A-Za-z0-9_-]{0,30}$/),
  );
  const paramArb = fc.tuple(
    fc.oneof(fc.constantFrom('code', 'realmId', 'oauth_token', 'oauth_verifier', 'error', 'vscode-path', 'VSCODE-authority', 'state'), fc.string({ maxLength: 8 })),
    fc.string({ maxLength: 20 }),
  );
  const originsArb = fc.subarray([CODE_SERVER_ORIGIN, 'https://code.example.com', 'http://evil.example', 'not an origin']);

  it('for any query and listed origins, the page forwards exactly where forwardedUrl() says, or nowhere', () => {
    fc.assert(
      fc.property(stateArb, fc.array(paramArb, { maxLength: 5 }), originsArb, (state, params, origins) => {
        const search = query([['state', state], ...params]);
        const run = runPage(search, origins.join(' '));
        const listed = origins.filter(isWebOrigin);
        const expected = forwardedUrl(search, listed);
        assert.equal(run.navigatedTo, expected);
        if (expected !== undefined) {
          const kind = toolkitTargetKind(targetOfState(new URLSearchParams(search).get('state')!)!, listed);
          assert.ok(kind === 'desktop' || kind === 'web');
          assert.ok(expected.length <= MAX_FORWARD_LENGTH);
          if (kind === 'desktop') assert.match(expected, /^(vscode|vscode-insiders|vscodium|code-oss):\/\/elements-dev\.elements-toolkit\/callback\?/);
          else assert.ok(listed.includes(new URL(expected).origin));
        }
      }),
    );
  });

  it('a forwarding state gives back its target, whatever the (non-empty) target', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (nonce, target) => {
        assert.equal(targetOfState(forwardingState(nonce, target)), target);
      }),
    );
  });
});
