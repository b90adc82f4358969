/** The seed pages' own example requests, answered with the documented shapes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorBody, Instance, OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api } from './helpers';

const seeds = join(__dirname, '../../fixtures/seeds');
const seedBody = (file: string) => readFileSync(join(seeds, file), 'utf8');

describe('emulator: the seed pages’ example requests', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  it('Xero OAuth 2: GET /elements/xero/oauth/url (the page’s URL, `&&` included) → {oauthUrl, element}', async () => {
    const response = await api<OAuthUrlResponse>(
      emulator,
      '/elements/xero/oauth/url?apiKey=fake_xero_client_id&apiSecret=fake_xero_client_secret&&callbackUrl=https://www.mycoolapp.com/auth&state=xero',
      { auth: false },
    );
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(response.json).sort(), ['element', 'oauthUrl']);
    assert.equal(response.json.element, 'xero');
    const url = new URL(response.json.oauthUrl);
    assert.equal(`${url.origin}${url.pathname}`, `${emulator.url}/provider/xero/oauth2/authorize`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'fake_xero_client_id');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://www.mycoolapp.com/auth');
    assert.equal(url.searchParams.get('state'), 'xero');
  });

  const tokenExamples: Array<[string, string]> = [
    ['Xero OAuth 1', '/elements/xero/oauth/token?apiKey=insert_api_key&apiSecret=insert_api_secret&callbackUrl=https%3A%2F%2Fwww.mycoolapp.com%2Fauth'],
    [
      'FreshBooks',
      '/elements/freshbooks/oauth/token?apiKey=insert_api_key&apiSecret=insert_api_secret&callbackUrl=https%3A%2F%2Fwww.mycoolapp.com%2Fauth&siteAddress=insert_freshbooks_site_address',
    ],
    ['QuickBooks Online', '/elements/quickbooks/oauth/token?apiKey=insert_fake_api_key&apiSecret=insert_fake_api_secret&callbackUrl=http://www.demonstrab.ly'],
  ];
  for (const [label, path] of tokenExamples) {
    it(`${label}: GET …/oauth/token → {token, secret} shaped like the page’s`, async () => {
      const response = await api<OAuthTokenResponse>(emulator, path, { auth: false });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(Object.keys(response.json).sort(), ['secret', 'token']);
      assert.match(response.json.token, /^[A-Za-z0-9]{44}$/);
      assert.match(response.json.secret, /^[A-Za-z0-9]{36}$/);
    });
  }

  it('QuickBooks Online: GET …/oauth/url with the requestToken and state=quickbooks → {element, oauthUrl}', async () => {
    const token = await api<OAuthTokenResponse>(emulator, tokenExamples[2]![1], { auth: false });
    const response = await api<OAuthUrlResponse>(
      emulator,
      `/elements/quickbooks/oauth/url?apiKey=insert_fake_api_key&apiSecret=insert_fake_api_secret&callbackUrl=http://www.demonstrab.ly&requestToken=${token.json.token}&state=quickbooks`,
      { auth: false },
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.element, 'quickbooks');
    assert.equal(response.json.oauthUrl, `${emulator.url}/provider/quickbooks/oauth1/authorize?oauth_token=${token.json.token}`);
  });

  it('QuickBooks Online: the page’s placeholder requestToken is refused with a clear 400', async () => {
    const response = await api<ApiErrorBody>(
      emulator,
      '/elements/quickbooks/oauth/url?apiKey=insert_fake_api_key&apiSecret=insert_fake_api_secret&callbackUrl=http://www.demonstrab.ly&requestToken=insert_fake_request_token&state=quickbooks',
      { auth: false },
    );
    assert.equal(response.status, 400);
    assert.match(response.json.message, /requestToken/);
    assert.match(response.json.requestId, /^[0-9a-f]{24}$/);
  });

  it('Sage One US: the page’s URL plus Signature → an OAuth 2 authorize URL like the page’s', async () => {
    const response = await api<OAuthUrlResponse>(
      emulator,
      '/elements/sageoneus/oauth/url?apiKey=fake_SageOneUS_api_key&apiSecret=fake_SageOneUS_api_secret&Signature=fake_signature&callbackUrl=https://www.mycoolapp.com/auth&state=sageoneus',
      { auth: false },
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.element, 'sageoneus');
    assert.equal(
      response.json.oauthUrl,
      `${emulator.url}/provider/sageoneus/oauth2/authorize?response_type=code&client_id=fake_SageOneUS_api_key&redirect_uri=https%3A%2F%2Fwww.mycoolapp.com%2Fauth&state=sageoneus`,
    );
  });

  it('Sage One US: the page’s own example, without Signature → 200 (issue 9, item 3: it was a 400)', async () => {
    const response = await api<OAuthUrlResponse>(
      emulator,
      '/elements/sageoneus/oauth/url?apiKey=fake_SageOneUS_api_key&apiSecret=fake_SageOneUS_api_secret&callbackUrl=https://www.mycoolapp.com/auth&state=sageoneus',
      { auth: false },
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.element, 'sageoneus');
    assert.equal(new URL(response.json.oauthUrl).searchParams.get('state'), 'sageoneus');
  });

  for (const key of ['xero', 'sageoneus', 'dropbox']) {
    it(`${key}: OAuth 2 oauth/url without state → 200, state defaults to the element key (issue 9, item 1)`, async () => {
      const response = await api<OAuthUrlResponse>(
        emulator,
        `/elements/${key}/oauth/url?apiKey=fake_api_key&apiSecret=fake_api_secret&callbackUrl=https://www.mycoolapp.com/auth`,
        { auth: false },
      );
      assert.equal(response.status, 200, response.text);
      assert.equal(new URL(response.json.oauthUrl).searchParams.get('state'), key);
    });
  }

  it('the OAuth calls also accept account auth', async () => {
    const response = await api(emulator, tokenExamples[2]![1]);
    assert.equal(response.status, 200);
  });

  for (const file of ['xero-oauth2.instance.json', 'sageoneus-oauth2.instance.json']) {
    it(`POST /instances with the page’s ${file} (code "Code on Return the URL") → 400 invalid_grant`, async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', { rawBody: seedBody(file) });
      assert.equal(response.status, 400);
      assert.equal(response.json.providerMessage, 'invalid_grant');
      assert.match(response.json.message, /refused the authorization/);
    });
  }

  for (const file of ['xero-oauth1.instance.json', 'freshbooks-oauth1.instance.json', 'quickbooks-oauth1.instance.json']) {
    it(`POST /instances with the page’s ${file} (placeholder oauth_token) → 400 token_rejected`, async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', { rawBody: seedBody(file) });
      assert.equal(response.status, 400);
      assert.equal(response.json.providerMessage, 'oauth_problem=token_rejected');
    });
  }

  it('POST /instances with the vandalised Xero OAuth 1 page body (missing comma) → 400 "not valid JSON" with the position', async () => {
    const response = await api<ApiErrorBody>(emulator, '/instances', { rawBody: seedBody('xero-oauth1.page.json') });
    assert.equal(response.status, 400);
    assert.match(response.json.message, /not valid JSON: .*position \d+ \(line 9, column 5\)/);
  });

  it('POST /instances with the QuickBooks quick-provision body → 200 shaped like the page’s successful response', async () => {
    const response = await api<Instance>(emulator, '/instances', { rawBody: seedBody('quickbooks-token.instance.json') });
    assert.equal(response.status, 200, response.text);
    const instance = response.json;
    assert.equal(typeof instance.id, 'number');
    assert.equal(instance.name, 'QBO Token');
    assert.match(instance.token, /^[A-Za-z0-9+/]{40,}=*$/);
    assert.deepEqual(
      { ...instance.element, id: 0 },
      {
        id: 0,
        name: 'QuickBooks Online',
        hookName: 'QuickBooksOnline',
        key: 'quickbooks',
        description: instance.element.description,
        image: 'elements/provider_quickbooks.png',
        active: true,
        deleted: false,
        typeOauth: true,
        trialAccount: false,
        existingAccountDescription: 'Give your application access to your existing QuickBooks Online account.',
        configDescription: 'If you do not have a QuickBooks Online account, you can create one at http://quickbooks.intuit.com/signup/.',
        signupURL: 'http://quickbooks.intuit.com/signup/',
        resources: [],
        defaultTransformations: [],
        objectMetadata: [],
        transformationsEnabled: false,
        bulkDownloadEnabled: false,
        bulkUploadEnabled: false,
        cloneable: false,
        extendable: false,
        beta: false,
        authentication: { type: 'oauth2' },
        extended: false,
        hub: 'finance',
        protocolType: 'http',
        parameters: [],
        private: false,
      },
      'every field of the documented element summary (issue 9, item 5: it had only eleven)',
    );
    assert.equal((instance as { elementId?: number }).elementId, instance.element.id);
    assert.deepEqual((instance as { user?: unknown }).user, { id: 12345, emailAddress: 'user@emulator.invalid', firstName: 'Emulator', lastName: 'User' });
    assert.equal(instance.configuration?.['event.notification.enabled'], 'false', 'the entries common to all elements');
    assert.equal(instance.configuration?.['filter.response.nulls'], 'true');
    assert.deepEqual(instance.provisionInteractions, []);
    assert.equal(instance.valid, true);
    assert.equal(instance.disabled, false);
    assert.equal(instance.maxCacheSize, 0);
    assert.equal(instance.cacheTimeToLive, 0);
    assert.equal(instance.eventsEnabled, false);
    assert.equal(instance.cachingEnabled, false);
    assert.equal(instance.traceLoggingEnabled, false);
    assert.equal(instance.externalAuthentication, 'initial');
    assert.deepEqual(instance.tags, ['QBO Token']);
    assert.equal(instance.configuration?.['quickbooks.realm.id'], '<INSERT_REALM_ID>');
    assert.ok(!Number.isNaN(Date.parse(instance.createdDate ?? '')));
    assert.equal('providerData' in instance, false, 'providerData is never returned');
  });
});
