/** The documented response shapes and routes of issue 9, item 5. */
import assert from 'node:assert/strict';
import type { ApiErrorBody, OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import type { DocumentedInstance } from '../../../src/emulator/base/shapes';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { accountAuth, api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

const CALLBACK = 'https://www.mycoolapp.com/auth';

describe('emulator: documented response shapes', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.close());

  const create = (body: unknown) => api<DocumentedInstance>(emulator, '/instances', { body });

  it('instances carry elementId, user and the configuration entries common to all elements, in every listing', async () => {
    const created = await create(quickbooksTokenBody('QBO'));
    assert.equal(created.status, 200);
    for (const instance of [created.json, (await api<DocumentedInstance>(emulator, `/instances/${created.json.id}`)).json, (await api<DocumentedInstance[]>(emulator, '/instances')).json[0]!]) {
      assert.equal(instance.elementId, 39);
      assert.deepEqual(instance.user, { id: 12345, emailAddress: 'user@emulator.invalid', firstName: 'Emulator', lastName: 'User' });
      assert.equal(instance.configuration['event.notification.enabled'], 'false');
      assert.equal(instance.configuration['event.notification.callback.url'], null);
      assert.equal(instance.configuration['filter.response.nulls'], 'true');
      assert.equal(instance.configuration['quickbooks.realm.id'], '123', 'what the client sent wins');
    }
  });

  it("FreshBooks: the element's documented defaults, and the callback URL of the token step although the body has none", async () => {
    const base = { apiKey: 'mycompany', apiSecret: 'fb-secret', callbackUrl: CALLBACK, siteAddress: 'targetcompany' };
    const token = await api<OAuthTokenResponse>(emulator, `/elements/freshbooks/oauth/token?${query(base)}`, { auth: false });
    const url = await api<OAuthUrlResponse>(emulator, `/elements/freshbooks/oauth/url?${query({ ...base, requestToken: token.json.token })}`, { auth: false });
    const callback = callbackParams((await decide(url.json.oauthUrl, 'allow')).location);
    const created = await create({
      element: { key: 'freshbooks' },
      providerData: { oauth_token: callback.get('oauth_token'), oauth_verifier: callback.get('oauth_verifier'), secret: token.json.secret },
      configuration: { 'oauth.api.key': 'mycompany', 'oauth.api.secret': 'fb-secret', 'freshbooks.site.address': 'targetcompany' },
      name: 'FreshBooks',
    });
    assert.equal(created.status, 200, created.text);
    const configuration = created.json.configuration;
    assert.equal(configuration['oauth.callback.url'], CALLBACK);
    assert.equal(configuration['base.url'], 'https://{site.address}/api/2.1');
    assert.equal(configuration['pagination.type'], 'page');
    assert.equal(configuration['event.vendor.type'], 'webhook');
    assert.ok(configuration['oauth.user.token'] && configuration['oauth.user.token.secret']);
  });

  it('the element summary has every documented field, private false', async () => {
    const element = await api<DocumentedInstance['element']>(emulator, '/elements/dropbox');
    assert.equal(element.status, 200);
    for (const key of ['configDescription', 'transformationsEnabled', 'bulkDownloadEnabled', 'bulkUploadEnabled', 'cloneable', 'extendable', 'beta', 'extended', 'protocolType', 'parameters', 'private']) {
      assert.ok(key in element.json, key);
    }
    assert.equal(element.json.signupURL, 'http://www.dropbox.com');
    assert.equal(element.json.private, false);
  });

  describe('PUT / DELETE /instances/enabled: the instance of the Element token in Authorization', () => {
    it('disables and enables the instance whose token is sent, no other', async () => {
      const first = await create(quickbooksTokenBody('first'));
      const second = await create(quickbooksTokenBody('second'));
      const auth = `Element ${second.json.token}, ${accountAuth(emulator)}`;
      const disabled = await api<DocumentedInstance>(emulator, '/instances/enabled', { method: 'DELETE', auth });
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal(disabled.json.id, second.json.id);
      assert.equal(disabled.json.disabled, true);
      assert.equal((await api<DocumentedInstance>(emulator, `/instances/${first.json.id}`)).json.disabled, false);
      const enabled = await api<DocumentedInstance>(emulator, '/instances/enabled', { method: 'PUT', auth });
      assert.equal(enabled.json.disabled, false);
    });

    it('401 without the Element part or with an unknown token, and without the account secrets', async () => {
      const instance = await create(quickbooksTokenBody('x'));
      const missing = await api<ApiErrorBody>(emulator, '/instances/enabled', { method: 'PUT' });
      assert.equal(missing.status, 401);
      assert.match(missing.json.message, /Element <instance token>/);
      const unknown = await api<ApiErrorBody>(emulator, '/instances/enabled', { method: 'PUT', auth: `Element nope, ${accountAuth(emulator)}` });
      assert.equal(unknown.status, 401);
      const noAccount = await api<ApiErrorBody>(emulator, '/instances/enabled', { method: 'DELETE', auth: `Element ${instance.json.token}` });
      assert.equal(noAccount.status, 401);
      assert.equal((await api<DocumentedInstance>(emulator, `/instances/${instance.json.id}`)).json.disabled, false);
    });
  });

  describe('POST /elements/{keyOrId}/instances', () => {
    it('takes the element from the path (key or id), with or without "element" in the body', async () => {
      const { element: _element, ...withoutElement } = quickbooksTokenBody('by key');
      const byKey = await api<DocumentedInstance>(emulator, '/elements/quickbooks/instances', { body: withoutElement });
      assert.equal(byKey.status, 200, byKey.text);
      assert.equal(byKey.json.element.key, 'quickbooks');
      const byId = await api<DocumentedInstance>(emulator, '/elements/39/instances', { body: quickbooksTokenBody('by id') });
      assert.equal(byId.status, 200, byId.text);
      assert.equal(byId.json.elementId, 39);
    });

    it('400 when the body names another element; 404 for an unknown one; the usual validation', async () => {
      const other = await api<ApiErrorBody>(emulator, '/elements/xero/instances', { body: quickbooksTokenBody('x') });
      assert.equal(other.status, 400);
      assert.match(other.json.message, /names element 'quickbooks' but the path names 'xero'/);
      assert.equal((await api(emulator, '/elements/quickbook/instances', { body: quickbooksTokenBody('x') })).status, 404);
      const noName = await api<ApiErrorBody>(emulator, '/elements/quickbooks/instances', { body: { configuration: {} } });
      assert.equal(noName.status, 400);
      assert.equal((await api<DocumentedInstance[]>(emulator, '/instances')).json.length, 0);
    });
  });
});
