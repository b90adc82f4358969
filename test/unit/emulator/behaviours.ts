/**
 * The platform behaviours of issue 18, one test each, keyed by the `id` of
 * `scripts/catalog-source/api-examples.json` → `behaviours`, which names the pages and Cloud
 * Elements' own tests (churros) that show them. `contract.test.ts` runs them and checks that
 * every listed behaviour has a test here and every test here is listed.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudElementsClient } from '../../../src/core/api/client';
import type { ApiErrorBody, ElementSummary, Instance, OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition, QueryParam } from '../../../src/core/catalog/types';
import { detectFlow } from '../../../src/core/instanceFile/requirements';
import { provision } from '../../../src/core/provisioning/engine';
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import type { RunningEmulator } from '../../../src/emulator/server';
import { EVENT_BEHAVIOURS } from './eventBehaviours';
import { accountAuth, api, callbackParams, decide, query, quickbooksTokenBody, rawRequest, storedInstances, type ApiResponse } from './helpers';

const CALLBACK = 'https://www.mycoolapp.com/auth';
const MASK = '********';
const QBO_SCOPE = 'com.intuit.quickbooks.accounting';

export type Behaviour = (emulator: RunningEmulator) => Promise<void>;

type PublicInstance = Instance & { configuration: Record<string, string | null>; tags: string[] };

interface ConfigurationEntry {
  id: number;
  key: string;
  propertyValue: string | null;
}

async function created(emulator: RunningEmulator, body: unknown): Promise<PublicInstance> {
  const response = await api<PublicInstance>(emulator, '/instances', { body });
  assert.equal(response.status, 200, response.text);
  return response.json;
}

const elementAuth = (emulator: RunningEmulator, token: string) => `${accountAuth(emulator)}, Element ${token}`;

/** A QuickBooks OAuth 2 instance through the emulator's provider page, as a provisioning app would make it. */
async function quickbooksOAuth2(emulator: RunningEmulator, configuration: Record<string, string>, name = 'QuickBooks'): Promise<ApiResponse<PublicInstance>> {
  const url = await api<OAuthUrlResponse>(emulator, `/elements/quickbooks/oauth/url?${query({ apiKey: configuration['oauth.api.key']!, apiSecret: configuration['oauth.api.secret']!, callbackUrl: CALLBACK, 'authentication.type': 'oauth2' })}`, { auth: false });
  assert.equal(url.status, 200, url.text);
  const callback = callbackParams((await decide(url.json.oauthUrl, 'allow')).location);
  return api<PublicInstance>(emulator, '/instances', {
    body: { element: { key: 'quickbooks' }, providerData: { code: callback.get('code'), realmId: callback.get('realmId') }, configuration: { 'oauth.callback.url': CALLBACK, ...configuration }, name },
  });
}

// ── Provisioning any catalog element and flow, with chosen configuration values ───────────────

function sampleValue(flow: FlowDefinition, key: string, index: number, seed: string): string {
  const field = flow.configuration.find((candidate) => candidate.key === key)!;
  if (key === 'authentication.type') return field.default ?? field.placeholder;
  if (field.role === 'callbackUrl') return CALLBACK;
  if (field.kind === 'url') return `https://site-${index}.example.test/`;
  if (field.kind === 'boolean') return 'true';
  if (field.kind === 'number') return String(100 + index);
  return `${field.secret ? 'sekret' : 'value'}-${index}-${seed}`;
}

/** The element's OAuth dance and POST /instances, every configuration field given; the values sent. */
async function provisionWith(emulator: RunningEmulator, element: ElementDefinition, flow: FlowDefinition, seed: string): Promise<{ instance: ApiResponse<PublicInstance>; values: Record<string, string> }> {
  const values = Object.fromEntries(flow.configuration.map((field, index) => [field.key, sampleValue(flow, field.key, index, seed)]));
  const paramsOf = (params: readonly QueryParam[], requestToken?: string) => {
    const search = new URLSearchParams();
    for (const param of params) {
      if (param.source.from === 'config' && values[param.source.key] !== undefined) search.set(param.name, values[param.source.key]!);
      if (param.source.from === 'requestToken' && requestToken) search.set(param.name, requestToken);
    }
    return search.toString();
  };
  let providerData: Record<string, string> | undefined;
  if (flow.oauth) {
    let token: OAuthTokenResponse | undefined;
    if (flow.oauth.token) token = (await api<OAuthTokenResponse>(emulator, `/elements/${element.key}/oauth/token?${paramsOf(flow.oauth.token.params)}`, { auth: false })).json;
    const url = await api<OAuthUrlResponse>(emulator, `/elements/${element.key}/oauth/url?${paramsOf(flow.oauth.url.params, token?.token)}`, { auth: false });
    assert.equal(url.status, 200, `${element.key} ${flow.type} oauth/url: ${url.text}`);
    const callback = callbackParams((await decide(url.json.oauthUrl, 'allow')).location);
    providerData = {};
    for (const field of flow.providerData) {
      const value = field.source.from === 'requestSecret' ? token?.secret : callback.get(field.source.param);
      if (value) providerData[field.key] = value;
    }
  }
  const body = {
    element: { key: element.key },
    configuration: values,
    ...(providerData && { providerData }),
    ...(flow.externalAuthentication && { externalAuthentication: flow.externalAuthentication }),
    name: `${element.key} ${flow.type}`,
  };
  return { instance: await api<PublicInstance>(emulator, '/instances', { body }), values };
}

/** Every element and flow whose generated body the emulator reads as that flow. */
function provisionable(): Array<[ElementDefinition, FlowDefinition]> {
  return catalog.elements.flatMap((element) =>
    element.flows
      .filter((flow) => {
        const body = { configuration: Object.fromEntries(flow.configuration.map((field) => [field.key, field.key === 'authentication.type' ? field.default ?? field.placeholder : 'x'])), ...(flow.oauth && { providerData: Object.fromEntries(flow.providerData.map((field) => [field.key, 'x'])) }), ...(flow.externalAuthentication && { externalAuthentication: flow.externalAuthentication }) };
        return detectFlow(element, body) === flow;
      })
      .map((flow): [ElementDefinition, FlowDefinition] => [element, flow]),
  );
}

function secretKeysOf(element: ElementDefinition): Set<string> {
  return new Set(element.flows.flatMap((flow) => flow.configuration.filter((field) => field.secret).map((field) => field.key)));
}

// ── The behaviours ───────────────────────────────────────────────────────────────────────────

export const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  ...EVENT_BEHAVIOURS,
  'defaults: QuickBooks OAuth 2 oauth/url without scope': async (emulator) => {
    // The provisioning app's configuration (issue 18 item 1): no scope.
    const params = { apiKey: 'qbo-app', apiSecret: 'qbo-secret', callbackUrl: CALLBACK, use_sandbox: 'true', 'authentication.type': 'oauth2' };
    const url = await api<OAuthUrlResponse>(emulator, `/elements/quickbooks/oauth/url?${query(params)}`, { auth: false });
    assert.equal(url.status, 200, url.text);
    assert.equal(new URL(url.json.oauthUrl).searchParams.get('scope'), QBO_SCOPE);
    const withScope = await api<OAuthUrlResponse>(emulator, `/elements/quickbooks/oauth/url?${query({ ...params, scope: 'openid' })}`, { auth: false });
    assert.equal(new URL(withScope.json.oauthUrl).searchParams.get('scope'), 'openid', 'a given scope wins');
    const empty = await api<OAuthUrlResponse>(emulator, `/elements/quickbooks/oauth/url?${query({ ...params, scope: '' })}`, { auth: false });
    assert.equal(new URL(empty.json.oauthUrl).searchParams.get('scope'), QBO_SCOPE, 'an empty scope is none');
  },

  'defaults: a real client provisions QuickBooks OAuth 2 without scope': async (emulator) => {
    // 1. A provisioning app over plain HTTP, as the one does.
    const app = await quickbooksOAuth2(emulator, { 'oauth.api.key': 'qbo-app', 'oauth.api.secret': 'qbo-secret', use_sandbox: 'true', 'authentication.type': 'oauth2' }, 'Provisioning app');
    assert.equal(app.status, 200, app.text);
    assert.equal(app.json.configuration.scope, QBO_SCOPE);
    // 2. The toolkit's own flow engine and API client, the user leaving the scope empty.
    const client = new CloudElementsClient({ baseUrl: emulator.apiBaseUrl, credentials: { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret } });
    const registry = new PendingFlowRegistry();
    try {
      const element = catalog.get('quickbooks')!;
      const flow = catalog.flow(element, 'oauth2')!;
      const { instance, request } = await provision({
        element,
        flow,
        inputs: { configuration: { 'oauth.api.key': 'qbo-app', 'oauth.api.secret': 'qbo-secret', 'authentication.type': 'oauth2', use_sandbox: 'true' }, name: 'Toolkit', tags: [] },
        callbackUrl: CALLBACK,
        api: client,
        registry,
        openUrl: async (oauthUrl) => {
          assert.equal(new URL(oauthUrl).searchParams.get('scope'), QBO_SCOPE);
          registry.complete((await decide(oauthUrl, 'allow')).location);
        },
      });
      assert.equal(request.configuration.scope, undefined, 'the toolkit did not demand or send a scope');
      assert.equal(instance.valid, true);
      assert.equal((instance.configuration as Record<string, string>).scope, QBO_SCOPE);
    } finally {
      registry.dispose();
    }
  },

  'defaults: every documented default is filled in, never demanded': async (emulator) => {
    const defaulted = provisionable().filter(([, flow]) => flow.configuration.some((field) => field.defaultSource !== undefined));
    assert.ok(defaulted.length >= 20, `${defaulted.length} flows with documented defaults`);
    for (const [element, flow] of defaulted) {
      const fields = flow.configuration.filter((field) => field.defaultSource !== undefined);
      assert.ok(fields.every((field) => !field.required), `${element.key}: a documented default is not required`);
      // A body without the defaulted entries: accepted, and the defaults filled in.
      const without = await provisionWithout(emulator, element, flow, fields.map((field) => field.key));
      assert.equal(without.status, 200, `${element.key} ${flow.type} without ${fields.map((field) => field.key).join(', ')}: ${without.text}`);
      for (const field of fields) {
        const shown = without.json.configuration[field.key];
        assert.equal(shown, field.secret ? MASK : field.default, `${element.key}: ${field.key}`);
      }
      const configuration = await api<Array<{ key: string; defaultValue: string | null }>>(emulator, `/elements/${element.key}/configuration`, { auth: false });
      for (const field of fields) assert.equal(configuration.json.find((entry) => entry.key === field.key)?.defaultValue, field.default);
    }
  },

  'update: PUT without reAuthenticate updates': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO', { tags: ['a'] }));
    const before = (await storedInstances(emulator))[0]!;
    // The page's update-instance.json: a name and tags, nothing else.
    const put = await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { name: 'SFDC Updated Instance', tags: ['sandbox', '08/21/2014', 'new-tag'] } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.id, instance.id);
    assert.equal(put.json.token, instance.token);
    assert.equal(put.json.name, 'SFDC Updated Instance');
    assert.deepEqual(put.json.tags, ['sandbox', '08/21/2014', 'new-tag']);
    assert.ok(put.json.element && put.json.configuration, 'the whole instance');
    const after = (await storedInstances(emulator))[0]!;
    assert.deepEqual(after.configuration, before.configuration, 'the authorization is untouched');
    // Configuration entries are merged; a required one cannot be emptied.
    const merged = await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { configuration: { 'quickbooks.realm.id': '999' } } });
    assert.equal(merged.json.configuration['quickbooks.realm.id'], '999');
    assert.equal(merged.json.name, 'SFDC Updated Instance');
    assert.equal((await api(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { configuration: { 'quickbooks.realm.id': '' } } })).status, 400);
    // The body a client read with GET, sent back: accepted (its masked secrets replace the real ones, as on the service).
    const roundTrip = await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PUT', body: put.json });
    assert.equal(roundTrip.status, 200, roundTrip.text);
    assert.equal((await storedInstances(emulator))[0]!.configuration['oauth.api.secret'], MASK, 'what "********" round-tripped does');
    // reAuthenticate=true re-runs the exchange; anything but true/false is refused.
    const again = await api<PublicInstance>(emulator, `/instances/${instance.id}?reAuthenticate=true`, { method: 'PUT', body: quickbooksTokenBody('Re-authorized') });
    assert.equal(again.status, 200, again.text);
    assert.equal((await storedInstances(emulator))[0]!.configuration['oauth.api.secret'], 's', 'the real secret again');
    assert.equal((await api(emulator, `/instances/${instance.id}?reAuthenticate=yes`, { method: 'PUT', body: {} })).status, 400);
    // Not another element, not another id.
    assert.equal((await api(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { element: { key: 'xero' } } })).status, 400);
    assert.equal((await api(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { id: instance.id + 1, name: 'x' } })).status, 400);
  },

  'update: PATCH is partial': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO', { tags: ['old'] }));
    const patched = await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PATCH', body: { id: instance.id, tags: ['tag1', 'tag2', 'tag3'] } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.tags, ['tag1', 'tag2', 'tag3']);
    assert.equal(patched.json.name, 'QBO');
    const byToken = await api<PublicInstance>(emulator, '/instances', { method: 'PATCH', body: { tags: ['churros-testing'] }, auth: elementAuth(emulator, instance.token) });
    assert.equal(byToken.status, 200, byToken.text);
    assert.deepEqual(byToken.json.tags, ['churros-testing']);
    assert.deepEqual((await api<PublicInstance>(emulator, `/instances/${instance.id}`)).json.tags, ['churros-testing']);
    assert.equal((await api(emulator, `/instances/${instance.id}?reAuthenticate=true`, { method: 'PATCH', body: {} })).status, 400, 'PATCH never re-authorizes');
  },

  'update: configuration entries': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const list = await api<ConfigurationEntry[]>(emulator, `/instances/${instance.id}/configuration`);
    assert.equal(list.status, 200, list.text);
    const entry = (key: string, entries = list.json) => entries.find((candidate) => candidate.key === key)!;
    assert.equal(entry('filter.response.nulls').propertyValue, 'true');
    assert.equal(entry('oauth.api.key').propertyValue, MASK);
    assert.equal(entry('oauth.api.secret').propertyValue, MASK);
    const nulls = entry('filter.response.nulls');
    const patched = await api<ConfigurationEntry>(emulator, `/instances/${instance.id}/configuration/${nulls.id}`, { method: 'PATCH', body: { ...nulls, propertyValue: 'false' } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.id, nulls.id);
    assert.equal((await api<ConfigurationEntry>(emulator, `/instances/${instance.id}/configuration/${nulls.id}`)).json.propertyValue, 'false');
    assert.equal((await api<PublicInstance>(emulator, `/instances/${instance.id}`)).json.configuration['filter.response.nulls'], 'false');
    // By the Element token, without an id.
    const auth = elementAuth(emulator, instance.token);
    const events = entry('event.notification.enabled', (await api<ConfigurationEntry[]>(emulator, '/instances/configuration', { auth })).json);
    const byToken = await api<ConfigurationEntry>(emulator, `/instances/configuration/${events.id}`, { method: 'PATCH', body: { ...events, propertyValue: 'true' }, auth });
    assert.equal(byToken.status, 200, byToken.text);
    assert.equal((await api<ConfigurationEntry>(emulator, `/instances/configuration/${events.id}`, { auth })).json.propertyValue, 'true');
    assert.equal((await api(emulator, `/instances/${instance.id}/configuration/1`)).status, 404);
    assert.equal((await api(emulator, `/instances/${instance.id}/configuration/${entry('quickbooks.realm.id').id}`, { method: 'PATCH', body: { propertyValue: null } })).status, 400, 'a required entry');
    assert.equal((await api(emulator, '/instances/configuration')).status, 401, 'no Element token');
  },

  'update: the Element token instead of an id': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const auth = elementAuth(emulator, instance.token);
    const put = await api<PublicInstance>(emulator, '/instances', { method: 'PUT', body: { name: 'By token' }, auth });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.id, instance.id);
    const docs = await api<{ swagger: string; basePath: string }>(emulator, '/instances/docs', { auth });
    assert.equal(docs.status, 200, docs.text);
    assert.equal(docs.json.basePath, '/elements/api-v2/hubs/finance');
    assert.equal((await api(emulator, '/instances/docs/getCustomers/definitions', { auth })).status, 200);
    for (const [method, path] of [['PUT', '/instances'], ['PATCH', '/instances'], ['GET', '/instances/docs']] as const) {
      const without = await api<ApiErrorBody>(emulator, path, { method, ...(method !== 'GET' && { body: { name: 'x' } }) });
      assert.equal(without.status, 401, `${method} ${path}`);
      assert.match(without.json.message, /needs the instance's token: Authorization: User …, Organization …, Element <instance token>/);
      assert.equal((await api(emulator, path, { method, ...(method !== 'GET' && { body: { name: 'x' } }), auth: elementAuth(emulator, 'unknown') })).status, 401);
    }
  },

  'update: /elements/{keyOrId}/instances/{id}': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const other = await created(emulator, { ...quickbooksTokenBody('QBO 2') });
    for (const keyOrId of ['quickbooks', '39']) {
      const path = `/elements/${keyOrId}/instances/${instance.id}`;
      assert.equal((await api<PublicInstance>(emulator, path)).json.id, instance.id, keyOrId);
      assert.equal((await api<PublicInstance>(emulator, path, { method: 'PATCH', body: { name: `via ${keyOrId}` } })).json.name, `via ${keyOrId}`);
      assert.equal((await api<PublicInstance>(emulator, path, { method: 'PUT', body: { tags: [keyOrId] } })).json.tags[0], keyOrId);
      const listed = await api<PublicInstance[]>(emulator, `/elements/${keyOrId}/instances`);
      assert.deepEqual(listed.json.map((item) => item.id), [instance.id, other.id]);
    }
    assert.equal((await api(emulator, `/elements/xero/instances/${instance.id}`)).status, 404, "another element's instance");
    assert.deepEqual((await api<PublicInstance[]>(emulator, '/elements/xero/instances')).json, []);
    assert.equal((await api(emulator, `/elements/39/instances/${instance.id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await api(emulator, `/instances/${instance.id}`)).status, 404);
  },

  'list: tags[] filters': async (emulator) => {
    for (let i = 0; i < 30; i++) await created(emulator, quickbooksTokenBody(`n${i}`, { tags: [i % 3 === 0 ? 'churros-instance' : 'other', ...(i % 5 === 0 ? ['five'] : [])] }));
    const tagged = await api<PublicInstance[]>(emulator, `/instances?${new URLSearchParams([['tags[]', 'churros-instance']])}`);
    assert.equal(tagged.status, 200, tagged.text);
    assert.equal(tagged.json.length, 10);
    assert.ok(tagged.json.every((instance) => instance.tags.includes('churros-instance')));
    const both = await api<PublicInstance[]>(emulator, `/instances?${new URLSearchParams([['tags[]', 'churros-instance'], ['tags[]', 'five']])}`);
    assert.deepEqual(both.json.map((instance) => instance.name), ['n0', 'n15'], 'every tag given');
    const none = await api<PublicInstance[]>(emulator, `/instances?${new URLSearchParams([['tags[]', 'nothing-has-this']])}`);
    assert.deepEqual(none.json, []);
    // Paged, with the counts.
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: ApiResponse<PublicInstance[]> = await api<PublicInstance[]>(emulator, `/instances?${new URLSearchParams([['tags[]', 'churros-instance'], ['pageSize', '3'], ['returnTotalCount', 'true'], ...(next ? [['nextPage', next]] : [])])}`);
      assert.equal(page.headers.get('elements-total-count'), '10');
      assert.equal(page.headers.get('elements-returned-count'), String(page.json.length));
      seen.push(...page.json.map((instance) => instance.name));
      next = page.headers.get('elements-next-page-token');
    } while (next);
    assert.deepEqual(seen, ['n0', 'n3', 'n6', 'n9', 'n12', 'n15', 'n18', 'n21', 'n24', 'n27']);
    // The cleanup script's call (churros provisioner.js), tags[] encoded.
    assert.equal((await api<PublicInstance[]>(emulator, '/instances?tags%5B%5D=five&hydrate=false')).json.length, 6);
  },

  'list: a parameter the emulator cannot honour is a 400 naming it': async (emulator) => {
    for (const [path, named] of [
      ['/instances?tags=x', /GET \/instances does not take the query parameter tags \(tags are filtered with tags\[\]=…\)/],
      ['/instances?where=name%3D%27x%27', /does not take the query parameter where: the emulator honours tags\[\], hydrate, pageSize, nextPage, returnTotalCount, returnCount, and ignores no filter/],
      ['/elements?searchText=xero', /GET \/elements does not take the query parameter searchText/],
      ['/instances?tags%5B%5D=', /tags\[\] needs a tag/],
      ['/instances?returnTotalCount=maybe', /returnTotalCount takes true or false/],
    ] as const) {
      const response = await api<ApiErrorBody>(emulator, path);
      assert.equal(response.status, 400, `${path}: ${response.text}`);
      assert.match(response.json.message, named);
    }
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const hub = await api<ApiErrorBody>(emulator, '/hubs/finance/customers?search=x', { auth: elementAuth(emulator, instance.token) });
    assert.equal(hub.status, 400);
    assert.match(hub.json.message, /does not take the query parameter search: the emulator honours where, orderBy, fields, page/);
  },

  'ceql: the documented operators on /elements and the hubs': async (emulator) => {
    const keys = async (where: string) => (await api<ElementSummary[]>(emulator, `/elements?pageSize=500&where=${encodeURIComponent(where)}`)).json.map((e) => e.key).sort();
    assert.deepEqual(await keys("(key = 'xero' OR key = 'sageoneus') AND hub != 'sage'"), ['xero']);
    assert.deepEqual(await keys("name LIKE 'Quick%' AND extended = false"), catalog.elements.filter((e) => e.name.toLowerCase().startsWith('quick')).map((e) => e.key).sort());
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const auth = elementAuth(emulator, instance.token);
    type Customer = { id: string; name: string; balance?: number; currency?: string };
    const all = (await api<Customer[]>(emulator, '/hubs/finance/customers?pageSize=200', { auth })).json;
    const rich = await api<Customer[]>(emulator, `/hubs/finance/customers?pageSize=200&where=${encodeURIComponent("balance > 1000 AND (currency = 'USD' OR currency = 'EUR')")}`, { auth });
    assert.deepEqual(rich.json.map((c) => c.id), all.filter((c) => (c.balance ?? 0) > 1000 && (c.currency === 'USD' || c.currency === 'EUR')).map((c) => c.id));
    const ordered = await api<Customer[]>(emulator, '/hubs/finance/customers?orderBy=name%20desc&fields=id,name&pageSize=5&page=2', { auth });
    assert.equal(ordered.status, 200, ordered.text);
    const byName = [...all].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    assert.deepEqual(ordered.json.map((c) => c.name), byName.slice(5, 10).map((c) => c.name));
    assert.ok(ordered.json.every((c) => Object.keys(c).join() === 'id,name'), 'fields selects');
  },

  'secrets: masked in every instance response': async (emulator) => {
    const pairs = provisionable();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pairs), fc.stringMatching(/^[A-Za-z0-9]{6,12}$/), async ([element, flow], seed) => {
        await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
        const { instance, values } = await provisionWith(emulator, element, flow, seed);
        assert.equal(instance.status, 200, `${element.key} ${flow.type}: ${instance.text}`);
        const secrets = secretKeysOf(element);
        const secretValues = Object.entries(values).filter(([key]) => secrets.has(key)).map(([, value]) => value);
        const id = instance.json.id;
        const texts: Array<[string, string]> = [['create', instance.text]];
        const read = await api<PublicInstance>(emulator, `/instances/${id}`);
        texts.push(['GET /instances/{id}', read.text], ['GET /instances', (await api(emulator, '/instances')).text]);
        texts.push(['PATCH', (await api(emulator, `/instances/${id}`, { method: 'PATCH', body: { name: 'patched' } })).text]);
        texts.push(['PUT', (await api(emulator, `/instances/${id}`, { method: 'PUT', body: { tags: ['put'] } })).text]);
        texts.push(['configuration', (await api(emulator, `/instances/${id}/configuration`)).text]);
        texts.push(['by element', (await api(emulator, `/elements/${element.key}/instances/${id}`)).text]);
        for (const [where, text] of texts) for (const value of secretValues) assert.ok(!text.includes(value), `${element.key} ${flow.type}: a secret value in ${where}`);
        for (const key of secrets) if (values[key] !== undefined) assert.equal(read.json.configuration[key], MASK, `${element.key}: ${key}`);
        for (const key of ['oauth.user.token', 'oauth.user.refresh_token', 'oauth.user.token.secret']) {
          const value = read.json.configuration[key];
          if (value !== undefined && value !== null) assert.equal(value, MASK, `${element.key}: ${key}`);
        }
        assert.equal(read.json.token, instance.json.token, 'the token, as the examples show it');
      }),
      { numRuns: 40 },
    );
  },

  'sanitize: names and tags lose their markup': async (emulator) => {
    const xss = (text: string) => `<a href="#" onClick="javascript:alert('xss');return false;">${text}</a>`;
    const instance = await created(emulator, quickbooksTokenBody(xss('churros-xss'), { tags: [xss('@churros-xss'), '<script>alert(1)</script>tag'] }));
    assert.equal(instance.name, 'churros-xss');
    assert.deepEqual(instance.tags, ['@churros-xss', 'alert(1)tag']);
    assert.equal((await api<PublicInstance>(emulator, `/instances/${instance.id}`)).json.name, 'churros-xss');
    assert.equal((await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PATCH', body: { name: xss('churros-xss-updated') } })).json.name, 'churros-xss-updated');
    assert.equal((await api<PublicInstance>(emulator, '/instances', { method: 'PATCH', body: { name: xss('churros-xsss-updated') }, auth: elementAuth(emulator, instance.token) })).json.name, 'churros-xsss-updated');
    assert.deepEqual((await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PUT', body: { tags: [xss('t')] } })).json.tags, ['t']);
    const onlyMarkup = await api<ApiErrorBody>(emulator, `/instances/${instance.id}`, { method: 'PATCH', body: { name: '<b></b>' } });
    assert.equal(onlyMarkup.status, 400);
    assert.equal((await api<PublicInstance>(emulator, `/instances/${instance.id}`, { method: 'PATCH', body: { name: '<INSERT_INSTANCE_NAME>' } })).json.name, '<INSERT_INSTANCE_NAME>', "the docs' placeholders are text");
  },

  'hubs: routed by the Element token': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const auth = elementAuth(emulator, instance.token);
    const own = await api<unknown[]>(emulator, '/hubs/finance/customers?pageSize=1', { auth });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('elements-element-instance-id'), String(instance.id));
    for (const hub of ['documents', 'crap', 'crm']) {
      const other = await api<unknown[]>(emulator, `/hubs/${hub}/customers?pageSize=1`, { auth });
      assert.equal(other.status, 200, hub);
      assert.deepEqual(other.json, own.json, `/hubs/${hub} answers as the instance's hub`);
    }
    const ping = await api(emulator, '/hubs/crm/ping', { auth });
    assert.equal(ping.headers.get('elements-element-instance-id'), String(instance.id));
    await api(emulator, `/instances/${instance.id}`, { method: 'DELETE' });
    assert.equal((await api(emulator, '/hubs/finance/customers?pageSize=1', { auth })).status, 401, 'a deleted instance');
  },

  "hubs: the platform's hub routes": async (emulator) => {
    const hubs = await api<Array<{ id: number; name: string; key: string; description: string }>>(emulator, '/hubs', { auth: false });
    assert.equal(hubs.status, 200, hubs.text);
    assert.deepEqual(hubs.json.map((hub) => hub.key), catalog.hubs());
    assert.deepEqual(hubs.json.find((hub) => hub.key === 'crm'), { id: 11, name: 'CRM', key: 'crm', description: 'CRM Element Hub' });
    assert.deepEqual((await api<string[]>(emulator, '/hubs/keys', { auth: false })).json, catalog.hubs());
    const documents = await api<{ key: string; active: boolean; id: number }>(emulator, '/hubs/documents', { auth: false });
    assert.deepEqual([documents.json.key, documents.json.id, documents.json.active], ['documents', 4, true]);
    const elements = await api<ElementSummary[]>(emulator, '/hubs/finance/elements', { auth: false });
    assert.deepEqual(elements.json.map((element) => element.key).sort(), catalog.elements.filter((element) => element.hub === 'finance').map((element) => element.key).sort());
    assert.equal((await api(emulator, '/hubs/nope', { auth: false })).status, 404);
    const hydrated = await api<ApiErrorBody>(emulator, '/hubs?hydrate=true', { auth: false });
    assert.equal(hydrated.status, 400, 'resources per hub are not modelled: refused, not left out');
    assert.match(hydrated.json.message, /hydrate=true cannot be honoured/);
  },

  'paging: counts and CORS': async (emulator) => {
    const elements = await api<ElementSummary[]>(emulator, '/elements?pageSize=5&returnTotalCount=true');
    assert.equal(elements.headers.get('elements-total-count'), String(catalog.elements.length));
    assert.equal(elements.headers.get('elements-returned-count'), '5');
    assert.equal((await api(emulator, '/elements?pageSize=5')).headers.get('elements-total-count'), null, 'only when asked');
    const cors = await rawRequest(emulator, { path: '/elements/api-v2/elements', headers: { Origin: 'churros' } });
    assert.equal(cors.status, 200);
    assert.equal(cors.headers['access-control-allow-origin'], '*');
    assert.equal(cors.headers['access-control-expose-headers'], 'Elements-Returned-Count, Elements-Total-Count, Elements-Request-Id, Elements-Next-Page-Token, Elements-Trace-Id, Elements-Error, Content-Disposition');
    const preflight = await rawRequest(emulator, { method: 'OPTIONS', path: '/elements/api-v2/instances', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    assert.equal(preflight.status, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
    // The admin endpoints keep refusing web pages, and grant them nothing.
    const admin = await rawRequest(emulator, { path: '/__admin/instances', headers: { Origin: 'https://app.example' } });
    assert.equal(admin.status, 403);
    assert.equal(admin.headers['access-control-allow-origin'], undefined);
    const adminPreflight = await rawRequest(emulator, { method: 'OPTIONS', path: '/__admin/reset', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(adminPreflight.headers['access-control-allow-origin'], undefined);
    assert.notEqual(adminPreflight.status, 204);
  },

  'elements: the routes a client calls': async (emulator) => {
    const keys = await api<string[]>(emulator, '/elements/keys', { auth: false });
    assert.equal(keys.status, 200);
    assert.deepEqual(keys.json.sort(), catalog.elements.map((element) => element.key).sort());
    const byKey = await api<ElementSummary>(emulator, '/elements/quickbooks', { auth: false });
    assert.deepEqual((await api<ElementSummary>(emulator, `/elements/${byKey.json.id}`, { auth: false })).json, byKey.json);
    const configuration = await api<Array<{ key: string; name: string; description: string; required: boolean; type: string }>>(emulator, '/elements/39/configuration', { auth: false });
    assert.equal(configuration.status, 200);
    assert.ok(configuration.json.every((entry) => entry.key && entry.name && entry.description && typeof entry.required === 'boolean'));
    assert.equal(configuration.json.find((entry) => entry.key === 'oauth.api.secret')?.type, 'PASSWORD');
    // POST oauth/url: the parameters in the body.
    const posted = await api<OAuthUrlResponse>(emulator, '/elements/xero/oauth/url', { auth: false, body: { apiKey: 'abcdefg', apiSecret: '1234567', callbackUrl: 'http://localhost:8080' } });
    assert.equal(posted.status, 200, posted.text);
    assert.equal(posted.json.element, 'xero');
    assert.equal(new URL(posted.json.oauthUrl).searchParams.get('client_id'), 'abcdefg');
    const byId = await api<OAuthUrlResponse>(emulator, '/elements/40/oauth/url', { auth: false, body: { apiKey: 'abcdefg', apiSecret: '1234567', callbackUrl: 'http://localhost:8080' } });
    assert.equal(byId.json.element, 'xero');
    assert.equal((await api(emulator, '/elements/xero/oauth/url', { auth: false, body: { apiKey: { nested: true } } })).status, 400);
  },

  'auth: the documented forms, and only those': async (emulator) => {
    const instance = await created(emulator, quickbooksTokenBody('QBO'));
    const user = `User ${emulator.userSecret}`;
    const organization = `Organization ${emulator.orgSecret}`;
    const element = `Element ${instance.token}`;
    const status = async (path: string, auth: string) => (await api(emulator, path, { auth })).status;
    for (const form of [`${user}, ${organization}`, `${organization}, ${user}`, `${user},${organization}`, `${user},  ${organization} `]) {
      assert.equal(await status('/instances', form), 200, form);
    }
    for (const form of [`${user}, ${organization}, ${element}`, `${user}, ${element}`, `${element}, ${user}`, `${element}, ${user}, ${organization}`]) {
      assert.equal(await status('/hubs/finance/ping', form), 200, form);
    }
    for (const [path, form, problem] of [
      ['/hubs/finance/ping', `${user}, ${organization}, Element: ${instance.token}`, /writes "Element:" with a colon/],
      ['/instances', `${user}, ${organization}, Bearer x`, /part 3 of 3 is not User, Organization or Element/],
      ['/instances', `${user}, ${user}, ${organization}`, /User is given twice/],
      ['/hubs/finance/ping', `${element}`, /^Invalid Organization or User secret, or invalid Element token provided\.$/],
      ['/hubs/finance/ping', `${user}, Organization wrong, ${element}`, /^Invalid Organization or User secret/],
      ['/instances', `${user}`, /^Invalid Organization or User secret/],
    ] as const) {
      const response = await api<ApiErrorBody>(emulator, path, { auth: form });
      assert.equal(response.status, 401, form);
      assert.match(response.json.message, problem);
      assert.ok(!response.text.includes(instance.token) && !response.text.includes(emulator.userSecret), 'no secret repeated');
    }
  },

  'events: a poller configuration sent as an object is kept as its JSON string': async (emulator) => {
    // The provisioning guide's body (an element with Basic authentication and polling events), its element a catalog one.
    const pollerConfiguration = {
      contacts: {
        url: "/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
        idField: 'id',
        datesConfiguration: {
          updatedDateField: '_info.lastUpdated',
          updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'",
          updatedDateTimezone: 'GMT',
          createdDateField: '_info.lastUpdated',
          createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'",
          createdDateTimezone: 'GMT',
        },
      },
    };
    const body = {
      element: { key: 'abbyy' },
      configuration: {
        username: 'xxxxxxxxxxxxxxxxxx',
        password: 'xxxxxxxxxxxxxxxxxxxxxx',
        'event.notification.enabled': true,
        'event.vendor.type': 'polling',
        'event.notification.callback.url': 'http://mycoolapp.com',
        'event.poller.refresh_interval': '<minutes>',
        'event.notification.signature.key': 'xxxxxxxxxxxxxxxxxxxxxxxxx',
        'event.poller.configuration': pollerConfiguration,
      },
      tags: ['<Add_Your_Tag>'],
      name: '<INSTANCE_NAME>',
    };
    const instance = await created(emulator, body);
    const stored = instance.configuration['event.poller.configuration'];
    assert.equal(typeof stored, 'string', 'the platform shows the poller configuration as a string');
    assert.deepEqual(JSON.parse(stored!), pollerConfiguration);
    assert.equal(instance.configuration['event.notification.enabled'], 'true');
    assert.equal((await api<PublicInstance>(emulator, `/instances/${instance.id}`)).json.configuration['event.poller.configuration'], stored);
    const entries = (await api<ConfigurationEntry[]>(emulator, `/instances/${instance.id}/configuration`)).json;
    assert.equal(entries.find((entry) => entry.key === 'event.poller.configuration')?.propertyValue, stored);

    // Any JSON object, on create and on update; an array or an object under another key is still refused.
    const objects = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(objects, async (sent) => {
        const expected: unknown = JSON.parse(JSON.stringify(sent));
        const made = await created(emulator, { ...body, configuration: { ...body.configuration, 'event.poller.configuration': sent } });
        assert.deepEqual(JSON.parse(made.configuration['event.poller.configuration']!), expected);
        const patched = await api<PublicInstance>(emulator, `/instances/${made.id}`, { method: 'PATCH', body: { configuration: { 'event.poller.configuration': sent } } });
        assert.equal(patched.status, 200, patched.text);
        assert.deepEqual(JSON.parse(patched.json.configuration['event.poller.configuration']!), expected);
      }),
      { numRuns: 25 },
    );
    const array = await api<ApiErrorBody>(emulator, '/instances', { body: { ...body, configuration: { ...body.configuration, 'event.poller.configuration': [pollerConfiguration] } } });
    assert.equal(array.status, 400, array.text);
    assert.match(array.json.message, /event\.poller\.configuration' must be a string, not an array/);
    const other = await api<ApiErrorBody>(emulator, '/instances', { body: { ...body, configuration: { ...body.configuration, 'event.metadata': { webhook: {} } } } });
    assert.equal(other.status, 400, other.text);
    assert.match(other.json.message, /'event\.metadata' must be a string, not an object/);
  },
};

/** provisionWith, leaving the given configuration keys out of the body and the OAuth calls. */
async function provisionWithout(emulator: RunningEmulator, element: ElementDefinition, flow: FlowDefinition, leftOut: string[]): Promise<ApiResponse<PublicInstance>> {
  const trimmed: FlowDefinition = { ...flow, configuration: flow.configuration.filter((field) => !leftOut.includes(field.key)) };
  const { instance } = await provisionWith(emulator, element, trimmed, 'w');
  return instance;
}
