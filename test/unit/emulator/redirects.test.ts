/**
 * The emulator's provider pages model an app with registered redirect URIs (issue 18, item 11):
 * an app is registered as with the real provider (its portal's rules apply), the authorize page
 * sends the browser only to a registered redirect URI, matched as that provider matches, and
 * refuses anything else with the provider's own error. A client id nobody registered takes any
 * callback, as before.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiErrorBody, OAuthUrlResponse } from '../../../src/core/api/types';
import { redirectRulesFor } from '../../../src/core/catalog/redirectRules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api, callbackParams, decide, query, resetEmulator } from './helpers';

const VSCODE_CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';
const PAGE = 'https://you.github.io/elements-callback/';

async function registerApp(emulator: RunningEmulator, app: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${emulator.url}/__admin/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(app),
  });
  return { status: response.status, json: await response.json() };
}

async function oauthUrl(emulator: RunningEmulator, key: string, params: Record<string, string>): Promise<string> {
  const response = await api<OAuthUrlResponse>(emulator, `/elements/${key}/oauth/url?${query(params)}`, { auth: false });
  assert.equal(response.status, 200, response.text);
  return response.json.oauthUrl;
}

const quickbooks = (clientId: string, callbackUrl: string) => ({
  apiKey: clientId,
  apiSecret: 'qb-secret',
  callbackUrl,
  'authentication.type': 'oauth2',
  scope: 'com.intuit.quickbooks.accounting',
});

describe('emulator: registered apps and the providers\' redirect rules', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0, apps: [{ element: 'xero', clientId: 'xero-at-start', redirectUris: ['http://localhost:5000/callback'] }] });
  });
  after(() => emulator.close());
  afterEach(() => resetEmulator(emulator));

  describe('registering an app: what the provider\'s portal takes', () => {
    const refused: Array<[string, Record<string, unknown>, RegExp]> = [
      ['Intuit: vscode://', { element: 'quickbooks', clientId: 'q', redirectUris: [VSCODE_CALLBACK] }, /^Intuit does not take redirectUris\[0\] as a redirect URI: it does not take custom schemes such as vscode:\/\/\.$/],
      ['Intuit: http on 127.0.0.1', { element: 'quickbooks', clientId: 'q', redirectUris: [PAGE, 'http://127.0.0.1:53682/callback'] }, /redirectUris\[1\] .*it only redirects to https URIs, and to http:\/\/localhost with development \(sandbox\) keys; IP addresses aren't allowed as the host/],
      ['Intuit: http://localhost with production keys', { element: 'quickbooks', clientId: 'q', redirectUris: ['http://localhost:53682/callback'] }, /it takes http:\/\/localhost only for development \(sandbox\) keys; production keys need https\.$/],
      ['FreshBooks (OAuth 2): a query string', { element: 'freshbooksv2', clientId: 'f', redirectUris: ['https://app.example.com/cb?x=1'] }, /^FreshBooks does not take .*query string/],
      ['a provider without sourced rules: the default, said as such', { element: 'freshbooks', clientId: 'f', redirectUris: ['http://localhost:5000/cb'] }, /^FreshBooks \(the toolkit's default rules\) does not take/],
      ['an element without OAuth', { element: 'zuorav2', clientId: 'z', redirectUris: [PAGE] }, /has no OAuth flow/],
      ['a flow the element does not have', { element: 'sageoneus', clientId: 's', flow: 'oauth1', redirectUris: [PAGE] }, /has no oauth1 flow/],
      ['no redirect URI', { element: 'xero', clientId: 'x', redirectUris: [] }, /redirectUris must list 1 to 100/],
      ['an unknown element', { element: 'nosuch', clientId: 'x', redirectUris: [PAGE] }, /No element found with that key or id/],
    ];
    for (const [what, app, message] of refused) {
      it(`refused: ${what}`, async () => {
        const { status, json } = await registerApp(emulator, app);
        assert.ok(status === 400 || status === 404, `status ${status}`);
        assert.match((json as ApiErrorBody).message, message);
      });
    }

    it('taken: http://localhost with Intuit development (sandbox) keys; an https page; listed back', async () => {
      const dev = await registerApp(emulator, { element: 'quickbooks', clientId: 'dev-keys', development: true, redirectUris: ['http://localhost:53682/callback'] });
      assert.equal(dev.status, 201, JSON.stringify(dev.json));
      const page = await registerApp(emulator, { element: 'quickbooks', clientId: 'prod-keys', redirectUris: [PAGE] });
      assert.equal(page.status, 201);
      assert.deepEqual(page.json, { element: 'quickbooks', clientId: 'prod-keys', flow: 'oauth2', redirectUris: [PAGE], development: false });
      const listed = (await (await fetch(`${emulator.url}/__admin/apps`)).json()) as Array<{ clientId: string }>;
      assert.deepEqual(listed.map((app) => app.clientId).sort(), ['dev-keys', 'prod-keys', 'xero-at-start']);
    });

    it('a reset forgets the apps registered since the start, not those given at start', async () => {
      await registerApp(emulator, { element: 'quickbooks', clientId: 'prod-keys', redirectUris: [PAGE] });
      await resetEmulator(emulator);
      const listed = (await (await fetch(`${emulator.url}/__admin/apps`)).json()) as Array<{ clientId: string }>;
      assert.deepEqual(listed.map((app) => app.clientId), ['xero-at-start']);
    });

    it('a start with an app the provider would refuse stops with the reason', async () => {
      await assert.rejects(
        startEmulator({ port: 0, apps: [{ element: 'quickbooks', clientId: 'q', redirectUris: [VSCODE_CALLBACK] }] }),
        /^Error: apps\[0\]: Intuit does not take redirectUris\[0\] as a redirect URI: it does not take custom schemes such as vscode:\/\/\.$/,
      );
    });

    it('hostile registrations get 400 or 404 with a plain message, never a crash (generated bodies)', async () => {
      const appArb = fc.record(
        {
          element: fc.oneof(fc.constantFrom('quickbooks', 'xero', 'freshbooks', 'zuorav2'), fc.string({ maxLength: 20 }), fc.integer()),
          clientId: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(''), fc.integer(), fc.constant('x'.repeat(600))),
          flow: fc.oneof(fc.constantFrom('oauth2', 'oauth1', 'token'), fc.anything()),
          development: fc.oneof(fc.boolean(), fc.string({ maxLength: 5 })),
          redirectUris: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 }), fc.constant(VSCODE_CALLBACK), fc.integer()), { maxLength: 4 }), fc.anything()),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(appArb, fc.jsonValue()), async (body) => {
          const { status, json } = await registerApp(emulator, body as Record<string, unknown>);
          assert.ok([201, 400, 404].includes(status), `${status}: ${JSON.stringify(json)}`);
          if (status !== 201) {
            const message = (json as ApiErrorBody).message;
            assert.equal(typeof message, 'string');
            assert.doesNotMatch(message, /\n\s+at |TypeError|undefined/);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('a web page cannot register an app', async () => {
      const response = await fetch(`${emulator.url}/__admin/apps`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: 'https://attacker.example' },
        body: JSON.stringify({ element: 'quickbooks', clientId: 'q', redirectUris: [PAGE] }),
      });
      assert.equal(response.status, 403);
    });
  });

  describe('the authorize page of a registered app', () => {
    it('QuickBooks: vscode:// is refused with Intuit\'s own error; the registered https page gets the code', async () => {
      await registerApp(emulator, { element: 'quickbooks', clientId: 'qb-app', redirectUris: [PAGE] });
      // Cloud Elements hands out the URL; the provider refuses it when the browser gets there.
      const refusedUrl = await oauthUrl(emulator, 'quickbooks', quickbooks('qb-app', VSCODE_CALLBACK));
      const refused = await fetch(refusedUrl);
      const html = await refused.text();
      assert.equal(refused.status, 400);
      assert.match(html, /<h1 id="provider-error">Invalid redirect_uri<\/h1>/);
      assert.match(html, /The redirect_uri query parameter value is invalid\. Make sure it is listed in the Redirect URIs section on your app&#39;s keys tab and matches it exactly\./);
      assert.match(html, /<p class="badge" id="provider">Intuit<\/p>/);
      assert.doesNotMatch(html, /id="allow"/, 'no Allow button');

      const { location } = await decide(await oauthUrl(emulator, 'quickbooks', quickbooks('qb-app', PAGE)), 'allow');
      assert.ok(location.startsWith(`${PAGE}?code=`), location);
      assert.ok(callbackParams(location).get('realmId'));
    });

    it('Xero: a loopback port other than the registered one is refused with "Invalid redirect_uri"', async () => {
      const refused = await fetch(await oauthUrl(emulator, 'xero', { apiKey: 'xero-at-start', apiSecret: 's', callbackUrl: 'http://localhost:41234/callback' }));
      const html = await refused.text();
      assert.equal(refused.status, 400);
      assert.match(html, /<h1 id="provider-error">Sorry, something went wrong<\/h1>/);
      assert.match(html, /Error: unauthorized_client : Invalid redirect_uri/);
      const { location } = await decide(await oauthUrl(emulator, 'xero', { apiKey: 'xero-at-start', apiSecret: 's', callbackUrl: 'http://localhost:5000/callback' }), 'allow');
      assert.ok(location.startsWith('http://localhost:5000/callback?code='));
    });

    it('a client id nobody registered takes any callback (the emulator\'s convenience), vscode:// included', async () => {
      const { location } = await decide(await oauthUrl(emulator, 'quickbooks', quickbooks('unregistered', VSCODE_CALLBACK)), 'allow');
      assert.ok(location.startsWith(`${VSCODE_CALLBACK}?code=`));
    });

    it('Deny is refused the same way: an unregistered redirect never gets the browser, not even with an error', async () => {
      await registerApp(emulator, { element: 'quickbooks', clientId: 'qb-app', redirectUris: [PAGE] });
      const response = await fetch(await oauthUrl(emulator, 'quickbooks', quickbooks('qb-app', 'https://attacker.example/cb')), { redirect: 'manual' });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
    });

    it('for generated redirect URIs, the page shows Allow exactly for a registered one, else Intuit\'s error', async () => {
      const registered = [PAGE, 'https://auth.example.com/cb', 'http://localhost:53682/callback'];
      await registerApp(emulator, { element: 'quickbooks', clientId: 'qb-prop', development: true, redirectUris: registered });
      const uriArb = fc.oneof(
        fc.constantFrom(...registered),
        fc.constantFrom(...registered).map((uri) => `${uri}/`),
        fc.constantFrom(...registered).map((uri) => uri.toUpperCase()),
        fc.constantFrom('http://localhost:53683/callback', 'http://127.0.0.1:53682/callback', VSCODE_CALLBACK, 'https://you.github.io/elements-callback', 'https://auth.example.com/cb?x=1'),
      );
      await fc.assert(
        fc.asyncProperty(uriArb, async (uri) => {
          const response = await fetch(await oauthUrl(emulator, 'quickbooks', quickbooks('qb-prop', uri)));
          const html = await response.text();
          if (registered.includes(uri)) {
            assert.equal(response.status, 200, uri);
            assert.match(html, /id="allow"/);
          } else {
            assert.equal(response.status, redirectRulesFor('quickbooks', 'oauth2').refusal.status, uri);
            assert.match(html, /The redirect_uri query parameter value is invalid/);
          }
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('OAuth 1: the callback is checked when the request token is asked for', () => {
    it('Xero OAuth 1: a callback off the registered callback domain fails with Xero\'s oauth_problem; on it, the flow goes on', async () => {
      const registration = await registerApp(emulator, { element: 'xero', clientId: 'xero-oauth1', flow: 'oauth1', redirectUris: ['localhost'] });
      assert.equal(registration.status, 201, JSON.stringify(registration.json));
      const refused = await api<ApiErrorBody>(emulator, `/elements/xero/oauth/token?${query({ apiKey: 'xero-oauth1', apiSecret: 's', callbackUrl: 'https://attacker.example/cb' })}`, { auth: false });
      assert.equal(refused.status, 400);
      assert.equal(refused.json.providerMessage, 'oauth_problem=parameter_rejected&oauth_problem_advice=Callback url is not the registered callback domain');
      assert.match(refused.json.message, /^Xero refused the callbackUrl/);
      const taken = await api(emulator, `/elements/xero/oauth/token?${query({ apiKey: 'xero-oauth1', apiSecret: 's', callbackUrl: 'http://localhost:5000/cb' })}`, { auth: false });
      assert.equal(taken.status, 200, taken.text);
    });
  });
});
