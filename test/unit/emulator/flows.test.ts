/** Each seed flow end to end over HTTP: OAuth calls, the fake provider page, the callback, POST /instances. */
import assert from 'node:assert/strict';
import type { ApiErrorBody, Instance, OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import type { StoredInstance } from '../../../src/emulator/stores/instances';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

const CALLBACK = 'https://www.mycoolapp.com/auth';

describe('emulator: provisioning flows end to end', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  async function oauthUrl(key: string, params: Record<string, string>): Promise<string> {
    const response = await api<OAuthUrlResponse>(emulator, `/elements/${key}/oauth/url?${query(params)}`, { auth: false });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.element, key);
    return response.json.oauthUrl;
  }

  async function requestToken(key: string, params: Record<string, string>): Promise<OAuthTokenResponse> {
    const response = await api<OAuthTokenResponse>(emulator, `/elements/${key}/oauth/token?${query(params)}`, { auth: false });
    assert.equal(response.status, 200, response.text);
    return response.json;
  }

  async function storedRecord(id: number): Promise<StoredInstance> {
    const records = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredInstance[];
    const record = records.find((candidate) => candidate.id === id);
    assert.ok(record, `instance ${id} is stored`);
    return record;
  }

  /** url → Allow → the callback's code, for an OAuth 2 element. */
  async function oauth2Code(key: string, params: Record<string, string>, callbackUrl = CALLBACK): Promise<string> {
    const url = await oauthUrl(key, { ...params, callbackUrl });
    const { location } = await decide(url, 'allow');
    const code = callbackParams(location).get('code');
    assert.ok(code);
    return code;
  }

  it('Xero OAuth 2: url → authorize page → callback with code and state → POST /instances', async () => {
    const url = await oauthUrl('xero', { apiKey: 'xero-key', apiSecret: 'xero-secret', callbackUrl: CALLBACK, state: 'xero' });
    const { html, location } = await decide(url, 'allow');
    assert.match(html, /Xero/);
    assert.match(html, /<code id="client-id">xero-key<\/code>/);
    assert.ok(location.startsWith(`${CALLBACK}?code=`), location);
    const params = callbackParams(location);
    assert.equal(params.get('state'), 'xero');
    const code = params.get('code')!;

    const body = {
      element: { key: 'xero' },
      providerData: { code },
      configuration: { 'oauth.api.key': 'xero-key', 'oauth.api.secret': 'xero-secret', 'oauth.callback.url': CALLBACK, 'xero.partner': 'true' },
      name: 'My Xero',
    };
    const created = await api<Instance>(emulator, '/instances', { body });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.name, 'My Xero');
    assert.equal(created.json.valid, true);
    assert.equal(created.json.externalAuthentication, 'none');
    assert.equal(created.json.element.key, 'xero');
    assert.equal(created.json.element.authentication?.type, 'oauth2');
    assert.equal(created.json.configuration?.['xero.partner'], 'true');
    assert.ok(created.json.configuration?.['oauth.user.token'], 'the user token is added');
    assert.equal((await storedRecord(created.json.id)).providerData?.code, code);

    const reused = await api<ApiErrorBody>(emulator, '/instances', { body });
    assert.equal(reused.status, 400);
    assert.equal(reused.json.providerMessage, 'invalid_grant');
    assert.doesNotMatch(reused.json.message, new RegExp(code), 'the code is not echoed');
  });

  it('Xero OAuth 1: token → url with requestToken → callback with oauth_token, oauth_verifier, org and state=xero', async () => {
    const token = await requestToken('xero', { apiKey: 'k1', apiSecret: 's1', callbackUrl: CALLBACK });
    const url = await oauthUrl('xero', { apiKey: 'k1', apiSecret: 's1', callbackUrl: CALLBACK, requestToken: token.token });
    assert.equal(url, `${emulator.url}/provider/xero/oauth1/authorize?oauth_token=${token.token}`);
    const { html, location } = await decide(url, 'allow');
    assert.match(html, /OAuth 1/);
    const params = callbackParams(location);
    assert.equal(params.get('state'), 'xero', 'without a state, Cloud Elements passes the element key');
    assert.equal(params.get('oauth_token'), token.token);
    assert.equal(params.get('org'), 'kfN8Ch1HUqBPwVA6sKaSLw');
    const verifier = params.get('oauth_verifier');
    assert.ok(verifier);

    const created = await api<Instance>(emulator, '/instances', {
      body: {
        element: { key: 'xero' },
        providerData: { oauth_token: token.token, oauth_verifier: verifier, secret: token.secret, org: params.get('org') },
        configuration: { 'oauth.api.key': 'k1', 'oauth.api.secret': 's1', 'oauth.callback.url': CALLBACK, 'xero.partner': 'false' },
        name: 'Xero OAuth 1',
      },
    });
    assert.equal(created.status, 200, created.text);
    assert.ok(created.json.configuration?.['oauth.user.token.secret']);
    assert.equal((await storedRecord(created.json.id)).providerData?.org, 'kfN8Ch1HUqBPwVA6sKaSLw');
  });

  it('FreshBooks OAuth 1: siteAddress on both calls, refresh_token in the callback', async () => {
    const base = { apiKey: 'mycompany', apiSecret: 'fb-secret', callbackUrl: CALLBACK };
    const missing = await api<ApiErrorBody>(emulator, `/elements/freshbooks/oauth/token?${query(base)}`, { auth: false });
    assert.equal(missing.status, 400);
    assert.match(missing.json.message, /siteAddress/);

    const token = await requestToken('freshbooks', { ...base, siteAddress: 'targetcompany' });
    const noSite = await api<ApiErrorBody>(emulator, `/elements/freshbooks/oauth/url?${query({ ...base, requestToken: token.token })}`, { auth: false });
    assert.equal(noSite.status, 400);
    assert.match(noSite.json.message, /siteAddress/);

    const url = await oauthUrl('freshbooks', { ...base, requestToken: token.token, siteAddress: 'targetcompany' });
    const params = callbackParams((await decide(url, 'allow')).location);
    assert.equal(params.get('state'), 'freshbooks');
    const refreshToken = params.get('refresh_token');
    assert.match(refreshToken ?? '', /^[A-Za-z0-9]{24}$/);

    const created = await api<Instance>(emulator, '/instances', {
      body: {
        element: { key: 'freshbooks' },
        providerData: { oauth_token: token.token, oauth_verifier: params.get('oauth_verifier'), secret: token.secret, refresh_token: refreshToken },
        configuration: { 'oauth.api.key': 'mycompany', 'oauth.api.secret': 'fb-secret', 'freshbooks.site.address': 'targetcompany' },
        tags: ['books'],
        name: 'FreshBooks',
      },
    });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(created.json.tags, ['books']);
    assert.equal((await storedRecord(created.json.id)).providerData?.refresh_token, refreshToken);
  });

  it('Sage One US OAuth 2 with Signature', async () => {
    const code = await oauth2Code('sageoneus', { apiKey: 'sage-id', apiSecret: 'sage-secret', Signature: 'sig', state: 'sageoneus' });
    const created = await api<Instance>(emulator, '/instances', {
      body: {
        element: { key: 'sageoneus' },
        providerData: { code },
        configuration: { 'oauth.api.key': 'sage-id', 'oauth.api.secret': 'sage-secret', signature: 'sig', 'oauth.callback.url': CALLBACK },
        tags: ['sage'],
        name: 'Sage',
      },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.element.hub, 'sage');
  });

  it('QuickBooks Online OAuth 1a: the callback looks like the page’s example, realmId and dataSource included', async () => {
    const base = { apiKey: 'qb-key', apiSecret: 'qb-secret', callbackUrl: 'http://demonstrab.ly/' };
    const token = await requestToken('quickbooks', base);
    const url = await oauthUrl('quickbooks', { ...base, requestToken: token.token, state: 'quickbooks' });
    const { location } = await decide(url, 'allow');
    const verifier = callbackParams(location).get('oauth_verifier')!;
    assert.equal(
      location,
      `http://demonstrab.ly/?state=quickbooks&oauth_token=${token.token}&oauth_verifier=${verifier}&realmId=12345678910&dataSource=QBO`,
    );
    const created = await api<Instance>(emulator, '/instances', {
      body: {
        element: { key: 'quickbooks' },
        providerData: {
          oauth_token: token.token,
          realmId: '12345678910',
          oauth_verifier: verifier,
          secret: token.secret,
          state: 'quickbooks',
          dataSource: 'QBO',
        },
        configuration: { 'oauth.api.key': 'qb-key', 'oauth.api.secret': 'qb-secret', 'oauth.callback.url': 'http://demonstrab.ly/' },
        tags: ['qbo'],
        name: 'QuickBooks',
      },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.externalAuthentication, 'none');
  });

  it('QuickBooks Online OAuth 2, as its Authenticate page documents it: no state, scope and authentication.type=oauth2; code and realmId on the callback', async () => {
    const url = await oauthUrl('quickbooks', {
      apiKey: 'fake_api_key',
      apiSecret: 'fake_api_secret',
      callbackUrl: CALLBACK,
      scope: 'com.intuit.quickbooks.accounting',
      'authentication.type': 'oauth2',
    });
    const authorize = new URL(url);
    assert.equal(authorize.pathname, '/provider/quickbooks/oauth2/authorize');
    assert.equal(authorize.searchParams.get('scope'), 'com.intuit.quickbooks.accounting');
    assert.equal(authorize.searchParams.get('state'), 'quickbooks', 'state defaults to the element key');
    const { html, location } = await decide(url, 'allow');
    assert.match(html, /QuickBooks Online/);
    assert.match(html, /OAuth 2/);
    const callback = callbackParams(location);
    assert.deepEqual([...callback.keys()], ['code', 'state', 'realmId']);
    assert.equal(callback.get('state'), 'quickbooks');
    assert.equal(callback.get('realmId'), '12345678910');

    const body = {
      element: { key: 'quickbooks' },
      providerData: { code: callback.get('code')!, realmId: callback.get('realmId')! },
      configuration: {
        'oauth.callback.url': CALLBACK,
        'oauth.api.key': 'fake_api_key',
        'oauth.api.secret': 'fake_api_secret',
        'quickbooks.minorversion': '23',
        'authentication.type': 'oauth2',
        use_sandbox: 'true',
        scope: 'com.intuit.quickbooks.accounting openid profile email phone address',
      },
      tags: ['Docs'],
      name: 'API Instance',
    };
    const created = await api<Instance>(emulator, '/instances', { body });
    assert.equal(created.status, 200, created.text);
    assert.equal((await storedRecord(created.json.id)).flow, 'oauth2');
    assert.ok(created.json.configuration?.['oauth.user.refresh_token'], 'OAuth 2 tokens added');

    const denied = await oauthUrl('quickbooks', { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, scope: 'x', 'authentication.type': 'oauth2' });
    assert.equal((await decide(denied, 'deny')).location, `${CALLBACK}?error=access_denied&state=quickbooks`);
  });

  it('QuickBooks Online: authentication.type picks the flow; anything but oauth1/oauth2 is a 400', async () => {
    const base = { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, scope: 'x' };
    const bogus = await api<ApiErrorBody>(emulator, `/elements/quickbooks/oauth/url?${query({ ...base, 'authentication.type': 'oauth3' })}`, { auth: false });
    assert.equal(bogus.status, 400);
    assert.match(bogus.json.message, /authentication\.type must be oauth2 or oauth1/);
    const oauth2WithoutType = await api<ApiErrorBody>(emulator, `/elements/quickbooks/oauth/url?${query(base)}`, { auth: false });
    assert.equal(oauth2WithoutType.status, 400, 'the documented authentication.type is required for OAuth 2');
    assert.match(oauth2WithoutType.json.message, /Missing required query parameters for quickbooks \(OAuth 2\): authentication\.type\./);
    const xeroAsOAuth1 = await api<ApiErrorBody>(emulator, `/elements/sageoneus/oauth/url?${query({ ...base, 'authentication.type': 'oauth1' })}`, { auth: false });
    assert.equal(xeroAsOAuth1.status, 400);
    assert.match(xeroAsOAuth1.json.message, /uses OAuth 2/);
  });

  it('QuickBooks Online token based: accepted without a browser step', async () => {
    const created = await api<Instance>(emulator, '/instances', { body: quickbooksTokenBody('QBO Token', { tags: ['QBO Token'] }) });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.externalAuthentication, 'initial');
    assert.equal((await storedRecord(created.json.id)).configuration['oauth.user.token'], 't', 'the given tokens are kept');
    assert.equal(created.json.configuration?.['oauth.user.token'], '********', 'and masked in the response');
  });

  it('Deny → error=access_denied with the state (OAuth 2 and OAuth 1)', async () => {
    const url2 = await oauthUrl('xero', { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, state: 'random-state' });
    assert.equal((await decide(url2, 'deny')).location, `${CALLBACK}?error=access_denied&state=random-state`);

    const token = await requestToken('quickbooks', { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK });
    const url1 = await oauthUrl('quickbooks', { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, requestToken: token.token, state: 'st' });
    assert.equal((await decide(url1, 'deny')).location, `${CALLBACK}?error=access_denied&state=st`);
  });

  it('keeps an existing query string on the callback URL and supports custom schemes', async () => {
    const withQuery = 'http://127.0.0.1:9000/callback?vscode-reqid=1&vscode-scheme=code-oss';
    const url = await oauthUrl('xero', { apiKey: 'k', apiSecret: 's', callbackUrl: withQuery, state: 'abc' });
    const { location } = await decide(url, 'allow');
    assert.ok(location.startsWith(`${withQuery}&code=`), location);
    assert.ok(location.endsWith('&state=abc'), location);

    const custom = 'vscode://elements-dev.elements-toolkit/callback';
    const token = await requestToken('freshbooks', { apiKey: 'k', apiSecret: 's', callbackUrl: custom, siteAddress: 'x' });
    const url1 = await oauthUrl('freshbooks', { apiKey: 'k', apiSecret: 's', callbackUrl: custom, requestToken: token.token, siteAddress: 'x', state: 's1' });
    const location1 = (await decide(url1, 'allow')).location;
    assert.ok(location1.startsWith(`${custom}?state=s1&oauth_token=${token.token}&oauth_verifier=`), location1);
  });

  it('refuses a code for another callback URL, API key or element', async () => {
    const config = { 'oauth.api.key': 'k2', 'oauth.api.secret': 's2', 'oauth.callback.url': CALLBACK };
    const code = await oauth2Code('xero', { apiKey: 'k2', apiSecret: 's2', state: 'x' });
    const post = (configuration: Record<string, string>, key = 'xero') =>
      api<ApiErrorBody>(emulator, '/instances', { body: { element: { key }, providerData: { code }, configuration, name: 'n' } });

    const otherCallback = await post({ ...config, 'oauth.callback.url': 'https://elsewhere.example/cb' });
    assert.equal(otherCallback.status, 400);
    assert.equal(otherCallback.json.providerMessage, 'invalid_grant');
    assert.match(otherCallback.json.message, /redirect_uri/);
    const otherKey = await post({ ...config, 'oauth.api.key': 'other' });
    assert.equal(otherKey.json.providerMessage, 'invalid_client');
    const otherElement = await post({ ...config, signature: 'sig' }, 'sageoneus');
    assert.equal(otherElement.json.providerMessage, 'invalid_grant');
    assert.equal((await post(config)).status, 200, 'the failed attempts did not use the code up');
  });

  it('checks the OAuth 1 verifier, secret and that the user authorized', async () => {
    const base = { apiKey: 'k3', apiSecret: 's3', callbackUrl: CALLBACK };
    const token = await requestToken('quickbooks', base);
    const post = (providerData: Record<string, string>) =>
      api<ApiErrorBody>(emulator, '/instances', {
        body: {
          element: { key: 'quickbooks' },
          providerData: { oauth_token: token.token, realmId: '1', dataSource: 'QBO', secret: token.secret, oauth_verifier: 'v', ...providerData },
          configuration: { 'oauth.api.key': 'k3', 'oauth.api.secret': 's3', 'oauth.callback.url': CALLBACK },
          name: 'n',
        },
      });
    assert.equal((await post({})).json.providerMessage, 'oauth_problem=permission_unknown');

    const url = await oauthUrl('quickbooks', { ...base, requestToken: token.token, state: 'quickbooks' });
    const verifier = callbackParams((await decide(url, 'allow')).location).get('oauth_verifier')!;
    assert.equal((await post({ oauth_verifier: 'wrong' })).json.providerMessage, 'oauth_problem=verifier_invalid');
    assert.equal((await post({ oauth_verifier: verifier, secret: 'wrong' })).json.providerMessage, 'oauth_problem=signature_invalid');
    assert.equal((await post({ oauth_verifier: verifier })).status, 200);
    assert.equal((await post({ oauth_verifier: verifier })).json.providerMessage, 'oauth_problem=token_rejected', 'single use');
  });

  it('OAuth call errors: unknown element (with a suggestion), OAuth 1 step on an OAuth 2 element, bad callbackUrl', async () => {
    const unknown = await api<ApiErrorBody>(emulator, '/elements/xer0/oauth/url?apiKey=a', { auth: false });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.message, "No element found with that key or id. Did you mean 'xero'?", 'the key given is not repeated');

    const sageToken = await api<ApiErrorBody>(emulator, `/elements/sageoneus/oauth/token?${query({ apiKey: 'a', apiSecret: 'b', callbackUrl: CALLBACK })}`, { auth: false });
    assert.equal(sageToken.status, 400);
    assert.match(sageToken.json.message, /OAuth 2/);

    const badCallback = await api<ApiErrorBody>(emulator, `/elements/xero/oauth/url?${query({ apiKey: 'a', apiSecret: 'b', callbackUrl: 'not a url', state: 's' })}`, { auth: false });
    assert.equal(badCallback.status, 400);
    assert.match(badCallback.json.message, /callbackUrl must be an absolute URL/);

    const noToken = await api<ApiErrorBody>(
      emulator,
      `/elements/quickbooks/oauth/url?${query({ apiKey: 'a', apiSecret: 'b', callbackUrl: CALLBACK, state: 's', 'authentication.type': 'oauth1' })}`,
      { auth: false },
    );
    assert.equal(noToken.status, 400);
    assert.match(noToken.json.message, /requestToken/);
  });

  it('provider pages: unknown client, unknown token and a replayed decision get an HTML 400', async () => {
    const unknownClient = await fetch(`${emulator.url}/provider/xero/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await unknownClient.text(), /Unknown application/);

    const unknownToken = await fetch(`${emulator.url}/provider/quickbooks/oauth1/authorize?oauth_token=nope`);
    assert.equal(unknownToken.status, 400);
    assert.match(await unknownToken.text(), /expired/);

    const url = await oauthUrl('xero', { apiKey: 'k', apiSecret: 's', callbackUrl: CALLBACK, state: 's' });
    const html = await (await fetch(url)).text();
    const handle = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const submit = () =>
      fetch(`${emulator.url}/provider/xero/authorize`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `request=${handle}&decision=allow`,
        redirect: 'manual',
      });
    assert.equal((await submit()).status, 302);
    const replay = await submit();
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /already answered/);
  });

  it('escapes what it shows on the authorize page', async () => {
    const url = await oauthUrl('xero', { apiKey: '<script>alert(1)</script>', apiSecret: 's', callbackUrl: CALLBACK, state: 's' });
    const html = await (await fetch(url)).text();
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&#60;script&#62;/);
  });
});
