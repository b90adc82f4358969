/** Account auth, instance validation, CRUD, re-authentication, enable/disable, ping and paging. */
import assert from 'node:assert/strict';
import type { ApiErrorBody, ElementSummary, Instance } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { accountAuth, api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

const CALLBACK = 'https://www.mycoolapp.com/auth';

const tokenBody = quickbooksTokenBody;

describe('emulator: instances API', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, userSecret: 'user-secret', orgSecret: 'org-secret' });
  });
  afterEach(() => emulator.close());

  async function create(name = 'QBO Token', extra: Record<string, unknown> = {}): Promise<Instance> {
    const response = await api<Instance>(emulator, '/instances', { body: tokenBody(name, extra) });
    assert.equal(response.status, 200, response.text);
    return response.json;
  }

  describe('account auth', () => {
    const invalid = 'Invalid Organization or User secret, or invalid Element token provided.';
    for (const [label, header] of [
      ['missing', false],
      ['wrong user secret', 'User nope, Organization org-secret'],
      ['only the user part', 'User user-secret'],
    ] as const) {
      it(`401 when the header is ${label}`, async () => {
        const response = await api<ApiErrorBody>(emulator, '/instances', { auth: header });
        assert.equal(response.status, 401);
        assert.equal(response.json.message, invalid);
        assert.ok(response.json.requestId);
        assert.doesNotMatch(response.text, /user-secret|org-secret/);
      });
    }

    it('accepts the parts in any order and with loose spacing', async () => {
      const response = await api(emulator, '/instances', { auth: ' Organization   org-secret ,User user-secret' });
      assert.equal(response.status, 200);
    });

    it('POST /instances without auth → 401 before looking at the body', async () => {
      const response = await api(emulator, '/instances', { rawBody: '{not json', auth: false });
      assert.equal(response.status, 401);
    });
  });

  describe('POST /instances validation', () => {
    it('missing required configuration → 400 naming the entries', async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', {
        body: { element: { key: 'xero' }, providerData: { code: 'c' }, configuration: { 'oauth.api.key': 'k' }, name: 'n' },
      });
      assert.equal(response.status, 400);
      assert.match(response.json.message, /^Missing required configuration entries: oauth\.api\.secret, oauth\.callback\.url /);
    });

    it('missing providerData → 400 naming the entries', async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', {
        body: {
          element: { key: 'freshbooks' },
          providerData: { oauth_token: 't' },
          configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'freshbooks.site.address': 'x' },
          name: 'n',
        },
      });
      assert.equal(response.status, 400);
      assert.match(response.json.message, /Missing required providerData entries: oauth_verifier, secret/);
    });

    it('malformed JSON → 400 saying the body is not valid JSON, without echoing it', async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', { rawBody: 'secret-value-123 {' });
      assert.equal(response.status, 400);
      assert.match(response.json.message, /^The request body is not valid JSON/);
      assert.doesNotMatch(response.json.message, /secret-value-123/);
    });

    it('curly quotes get a hint', async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', { rawBody: '{“element”: {}}' });
      assert.match(response.json.message, /curly quotes/);
    });

    it('numbers and booleans are taken as strings, as the service does (the docs send "filter.response.nulls": true); objects → 400 naming the entry', async () => {
      const body = tokenBody('n');
      const coerced = await api<Instance>(emulator, '/instances', {
        body: { ...body, configuration: { ...body.configuration, 'oauth.user.refresh_interval': 3600, 'filter.response.nulls': false, 'event.notification.callback.url': null } },
      });
      assert.equal(coerced.status, 200, coerced.text);
      assert.equal(coerced.json.configuration?.['oauth.user.refresh_interval'], '3600');
      assert.equal(coerced.json.configuration?.['filter.response.nulls'], 'false');
      const nested = await api<ApiErrorBody>(emulator, '/instances', {
        body: { ...body, configuration: { ...body.configuration, 'oauth.user.refresh_interval': { seconds: 3600 } } },
      });
      assert.equal(nested.status, 400);
      assert.match(nested.json.message, /'oauth\.user\.refresh_interval' must be a string, not an object/);
    });

    it('unknown element key → 404 with a suggestion, never repeating the key', async () => {
      const response = await api<ApiErrorBody>(emulator, '/instances', { body: { ...tokenBody('n'), element: { key: 'quickbook' } } });
      assert.equal(response.status, 404);
      assert.equal(response.json.message, "No element found with that key or id. Did you mean 'quickbooks'?", 'the key given is not repeated');
    });

    it('missing element or name → 400', async () => {
      const { element: _element, ...withoutElement } = tokenBody('n');
      assert.equal((await api(emulator, '/instances', { body: withoutElement })).status, 400);
      const { name: _name, ...withoutName } = tokenBody('n');
      const response = await api<ApiErrorBody>(emulator, '/instances', { body: withoutName });
      assert.equal(response.status, 400);
      assert.match(response.json.message, /name/);
    });

    it('accepts the element by numeric id', async () => {
      const response = await api<Instance>(emulator, '/instances', { body: { ...tokenBody('by id'), element: { id: 39 } } });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.json.element.key, 'quickbooks');
    });
  });

  describe('read, update, delete', () => {
    it('GET /instances/{id}, unknown id → 404', async () => {
      const created = await create();
      const read = await api<Instance>(emulator, `/instances/${created.id}`);
      assert.deepEqual(read.json, created);
      assert.equal((await api(emulator, '/instances/999')).status, 404);
      assert.equal((await api(emulator, '/instances/abc')).status, 404);
    });

    it('PATCH changes name, tags, disabled and merges configuration; validates types', async () => {
      const created = await create();
      const patched = await api<Instance>(emulator, `/instances/${created.id}`, {
        method: 'PATCH',
        body: { name: 'Renamed', tags: ['a', 'b'], disabled: true, configuration: { 'quickbooks.realm.id': '456', extra: 'x' } },
      });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.json.name, 'Renamed');
      assert.deepEqual(patched.json.tags, ['a', 'b']);
      assert.equal(patched.json.disabled, true);
      assert.equal(patched.json.configuration?.['quickbooks.realm.id'], '456');
      assert.equal(patched.json.configuration?.extra, 'x');
      assert.equal(patched.json.configuration?.['oauth.user.token'], '********', 'other entries stay (a secret one masked)');
      const stored = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as Array<{ configuration: Record<string, string> }>;
      assert.equal(stored[0]!.configuration['oauth.user.token'], 't');
      assert.equal(patched.json.token, created.token);

      const badType = await api<ApiErrorBody>(emulator, `/instances/${created.id}`, { method: 'PATCH', body: { disabled: 'yes' } });
      assert.equal(badType.status, 400);
      const emptied = await api<ApiErrorBody>(emulator, `/instances/${created.id}`, {
        method: 'PATCH',
        body: { configuration: { 'quickbooks.realm.id': '' } },
      });
      assert.equal(emptied.status, 400);
      assert.match(emptied.json.message, /quickbooks\.realm\.id/);
      assert.equal((await api(emulator, '/instances/999', { method: 'PATCH', body: {} })).status, 404);
    });

    it('DELETE → 200 with an empty body, then 404', async () => {
      const created = await create();
      const deleted = await api(emulator, `/instances/${created.id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 200);
      assert.equal(deleted.text, '');
      assert.match(deleted.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal((await api(emulator, `/instances/${created.id}`)).status, 404);
      assert.equal((await api(emulator, `/instances/${created.id}`, { method: 'DELETE' })).status, 404);
    });

    it('PUT /instances/{id}/enabled and DELETE …/enabled return the instance', async () => {
      const created = await create();
      const disabled = await api<Instance>(emulator, `/instances/${created.id}/enabled`, { method: 'DELETE' });
      assert.equal(disabled.status, 200);
      assert.equal(disabled.json.disabled, true);
      const enabled = await api<Instance>(emulator, `/instances/${created.id}/enabled`, { method: 'PUT' });
      assert.equal(enabled.json.disabled, false);
      assert.equal((await api(emulator, '/instances/999/enabled', { method: 'PUT' })).status, 404);
    });
  });

  describe('PUT /instances/{id}?reAuthenticate=true', () => {
    async function xeroCode(apiKey: string): Promise<string> {
      const url = await api<{ oauthUrl: string }>(
        emulator,
        `/elements/xero/oauth/url?${query({ apiKey, apiSecret: 's', callbackUrl: CALLBACK, state: 'x' })}`,
        { auth: false },
      );
      return callbackParams((await decide(url.json.oauthUrl, 'allow')).location).get('code')!;
    }
    const xeroBody = (code: string, apiKey = 'k') => ({
      element: { key: 'xero' },
      providerData: { code },
      configuration: { 'oauth.api.key': apiKey, 'oauth.api.secret': 's', 'oauth.callback.url': CALLBACK },
      name: 'Xero',
    });

    it('re-validates the code, keeps id and token, marks the instance valid', async () => {
      const created = await api<Instance>(emulator, '/instances', { body: xeroBody(await xeroCode('k')) });
      assert.equal(created.status, 200, created.text);
      const id = created.json.id;

      // Without reAuthenticate=true a PUT updates: the name changes, the authorization does not (the code is not exchanged).
      const without = await api<Instance>(emulator, `/instances/${id}`, { method: 'PUT', body: { ...xeroBody('x'), name: 'Xero renamed' } });
      assert.equal(without.status, 200, without.text);
      assert.equal(without.json.name, 'Xero renamed');
      assert.equal(without.json.token, created.json.token);

      const badCode = await api<ApiErrorBody>(emulator, `/instances/${id}?reAuthenticate=true`, { method: 'PUT', body: xeroBody('nope') });
      assert.equal(badCode.status, 400);
      assert.equal(badCode.json.providerMessage, 'invalid_grant');

      const otherElement = await api<ApiErrorBody>(emulator, `/instances/${id}?reAuthenticate=true`, { method: 'PUT', body: tokenBody('q') });
      assert.equal(otherElement.status, 400);
      assert.match(otherElement.json.message, /xero instance/);

      const again = await api<Instance>(emulator, `/instances/${id}?reAuthenticate=true`, { method: 'PUT', body: xeroBody(await xeroCode('k9'), 'k9') });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.id, id);
      assert.equal(again.json.token, created.json.token);
      assert.equal(again.json.valid, true);
      const [stored] = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as Array<{ configuration: Record<string, string> }>;
      assert.equal(stored!.configuration['oauth.api.key'], 'k9');
      assert.equal(again.json.configuration?.['oauth.api.key'], '********', 'masked in the response');
      assert.equal((await api(emulator, `/instances/999?reAuthenticate=true`, { method: 'PUT', body: xeroBody('x') })).status, 404);
    });
  });

  describe('GET /hubs/{hub}/ping', () => {
    const ping = (instanceToken: string | undefined, hub = 'finance') =>
      api<{ endpoint: string; dateTime: string } & ApiErrorBody>(emulator, `/hubs/${hub}/ping`, {
        auth: `${instanceToken ? `Element ${instanceToken}, ` : ''}User user-secret, Organization org-secret`,
      });

    it('answers {endpoint, dateTime} for a valid Element token', async () => {
      const created = await create();
      const response = await ping(created.token);
      assert.equal(response.status, 200, response.text);
      assert.equal(response.json.endpoint, 'quickbooks');
      assert.ok(!Number.isNaN(Date.parse(response.json.dateTime)));
    });

    it('401 without or with a wrong Element token, or without account secrets', async () => {
      const created = await create();
      assert.equal((await ping(undefined)).status, 401);
      assert.equal((await ping('wrong-token')).status, 401);
      const noAccount = await api(emulator, '/hubs/finance/ping', { auth: `Element ${created.token}` });
      assert.equal(noAccount.status, 401);
    });

    it("403 with a clear message for a disabled instance; another hub's path answers as the instance's own hub", async () => {
      const created = await create();
      await api(emulator, `/instances/${created.id}/enabled`, { method: 'DELETE' });
      const disabled = await ping(created.token);
      assert.equal(disabled.status, 403);
      assert.match(disabled.json.message, /disabled/);
      await api(emulator, `/instances/${created.id}/enabled`, { method: 'PUT' });
      const crm = await ping(created.token, 'crm');
      assert.equal(crm.status, 200, crm.text);
      assert.equal(crm.json.endpoint, 'quickbooks');
    });
  });

  describe('paging', () => {
    it('walks GET /instances page by page with the Elements-Next-Page-Token header', async () => {
      for (let i = 1; i <= 7; i++) await create(`instance ${i}`);
      const names: string[] = [];
      let nextPage: string | undefined;
      let pages = 0;
      do {
        const response = await api<Instance[]>(emulator, `/instances?${query({ pageSize: '3', ...(nextPage && { nextPage }) })}`);
        assert.equal(response.status, 200);
        names.push(...response.json.map((instance) => instance.name));
        nextPage = response.headers.get('elements-next-page-token') ?? undefined;
        pages++;
      } while (nextPage);
      assert.equal(pages, 3);
      assert.deepEqual(names, [1, 2, 3, 4, 5, 6, 7].map((i) => `instance ${i}`));
    });

    it('default page size 200, pageSize capped at 500, no next-page header on the last page', async () => {
      await Promise.all(Array.from({ length: 205 }, (_, i) => create(`bulk ${i}`)));
      const first = await api<Instance[]>(emulator, '/instances');
      assert.equal(first.json.length, 200);
      const token = first.headers.get('elements-next-page-token');
      assert.ok(token);
      const last = await api<Instance[]>(emulator, `/instances?nextPage=${encodeURIComponent(token)}`);
      assert.equal(last.json.length, 5);
      assert.equal(last.headers.get('elements-next-page-token'), null);
      const capped = await api<Instance[]>(emulator, '/instances?pageSize=1000');
      assert.equal(capped.json.length, 205);
      const exact = await api<Instance[]>(emulator, '/instances?pageSize=205');
      assert.equal(exact.headers.get('elements-next-page-token'), null);
    });

    it('stays correct when an instance of the next page is deleted meanwhile', async () => {
      const created = [];
      for (let i = 0; i < 4; i++) created.push(await create(`i${i}`));
      const first = await api<Instance[]>(emulator, '/instances?pageSize=2');
      await api(emulator, `/instances/${created[2]!.id}`, { method: 'DELETE' });
      const token = first.headers.get('elements-next-page-token')!;
      const second = await api<Instance[]>(emulator, `/instances?pageSize=2&nextPage=${token}`);
      assert.deepEqual(second.json.map((instance) => instance.name), ['i3']);
    });

    it('bad nextPage token or pageSize → 400', async () => {
      assert.equal((await api(emulator, '/instances?nextPage=garbage')).status, 400);
      assert.equal((await api(emulator, '/instances?pageSize=0')).status, 400);
      assert.equal((await api(emulator, '/instances?pageSize=ten')).status, 400);
      const elementsPage = await api(emulator, '/elements?pageSize=1');
      const elementsToken = elementsPage.headers.get('elements-next-page-token')!;
      assert.equal((await api(emulator, `/instances?nextPage=${elementsToken}`)).status, 400, 'a token of another listing');
    });

    it('GET /elements pages through the whole catalog; GET /elements/{keyOrId} by key or id', async () => {
      const keys: string[] = [];
      const pageSize = String(Math.ceil(catalog.elements.length / 3));
      let nextPage: string | undefined;
      let pages = 0;
      do {
        const response = await api<ElementSummary[]>(emulator, `/elements?${query({ pageSize, ...(nextPage && { nextPage }) })}`);
        keys.push(...response.json.map((element) => element.key));
        nextPage = response.headers.get('elements-next-page-token') ?? undefined;
        pages++;
      } while (nextPage);
      assert.equal(pages, 3);
      assert.equal(keys.length, catalog.elements.length);
      assert.ok(['xero', 'freshbooks', 'sageoneus', 'quickbooks'].every((key) => keys.includes(key)));
      assert.equal(new Set(keys).size, keys.length);

      const byKey = await api<ElementSummary>(emulator, '/elements/sageoneus');
      assert.equal(byKey.json.id, 653);
      assert.equal(byKey.json.authentication?.type, 'oauth2');
      const byId = await api<ElementSummary>(emulator, '/elements/653');
      assert.deepEqual(byId.json, byKey.json);
      assert.equal((await api(emulator, '/elements/nope')).status, 404);
      assert.equal((await api(emulator, '/elements', { auth: false })).status, 200, 'the Element APIs need no authorization');
    });
  });

  it('unknown routes → 404 JSON; wrong method → 405', async () => {
    const unknown = await api<ApiErrorBody>(emulator, '/nothing/here');
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(unknown.json.requestId);
    const outside = await fetch(`${emulator.url}/other`, { headers: { Authorization: accountAuth(emulator) } });
    assert.equal(outside.status, 404);
    assert.match(outside.headers.get('content-type') ?? '', /^application\/json/);
    const wrongMethod = await api(emulator, '/instances', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
  });
});
