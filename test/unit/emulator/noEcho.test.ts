/**
 * Issue 19 item 7: the emulator's error answers never repeat a value of the request. Every route
 * (the table is checked against the routers) is probed with a marker in every input position —
 * path segments, query values (alone and inside a where clause or a URL), the Authorization,
 * Origin, Sec-Fetch-Site and Content-Type headers, every leaf of a JSON body (in the wrong type
 * too), a form body and a raw body — and no 4xx or 5xx answer may hold the marker, as written,
 * JSON-escaped, HTML-escaped or percent-encoded. An error names the field and what it expects.
 * (Successful answers return what was stored, by design: an instance's name comes back.)
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { entryId } from '../../../src/emulator/routes/configuration';
import { createRouters, startEmulator, type EmulatorStores, type RunningEmulator } from '../../../src/emulator/server';
import { resetEmulator } from './helpers';

type BodyKind = 'none' | 'instance' | 'patch' | 'entry' | 'oauth' | 'app' | 'hub' | 'fault' | 'form' | 'event';
type AuthKind = 'account' | 'none' | 'element' | 'admin';

interface RouteProbe {
  method: string;
  /** With `:name` segments, as the router has it (API routes without the /elements/api-v2 prefix). */
  pattern: string;
  prefix: '/elements/api-v2' | '';
  auth: AuthKind;
  body: BodyKind;
  /** The query parameters the route reads. */
  query: string[];
}

const API = '/elements/api-v2';
const ROUTES: RouteProbe[] = [
  { method: 'GET', pattern: '/elements', prefix: API, auth: 'none', body: 'none', query: ['where', 'pageSize', 'nextPage', 'abridged', 'returnTotalCount', 'returnCount'] },
  { method: 'GET', pattern: '/elements/keys', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/elements/:keyOrId', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/elements/:keyOrId/configuration', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/elements/:keyOrId/oauth/token', prefix: API, auth: 'none', body: 'none', query: ['apiKey', 'apiSecret', 'callbackUrl', 'state', 'siteAddress'] },
  { method: 'GET', pattern: '/elements/:keyOrId/oauth/url', prefix: API, auth: 'none', body: 'none', query: ['apiKey', 'apiSecret', 'callbackUrl', 'state', 'scope', 'requestToken', 'authentication.type', 'siteAddress'] },
  { method: 'POST', pattern: '/elements/:keyOrId/oauth/url', prefix: API, auth: 'none', body: 'oauth', query: [] },
  { method: 'POST', pattern: '/elements/:keyOrId/instances', prefix: API, auth: 'account', body: 'instance', query: [] },
  { method: 'GET', pattern: '/elements/:keyOrId/instances', prefix: API, auth: 'account', body: 'none', query: ['pageSize', 'nextPage', 'tags[]', 'returnTotalCount'] },
  { method: 'GET', pattern: '/elements/:keyOrId/instances/:id', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'PUT', pattern: '/elements/:keyOrId/instances/:id', prefix: API, auth: 'account', body: 'instance', query: ['reAuthenticate'] },
  { method: 'PATCH', pattern: '/elements/:keyOrId/instances/:id', prefix: API, auth: 'account', body: 'patch', query: [] },
  { method: 'DELETE', pattern: '/elements/:keyOrId/instances/:id', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'POST', pattern: '/instances', prefix: API, auth: 'account', body: 'instance', query: [] },
  { method: 'GET', pattern: '/instances', prefix: API, auth: 'account', body: 'none', query: ['pageSize', 'nextPage', 'tags[]', 'returnTotalCount'] },
  { method: 'PUT', pattern: '/instances', prefix: API, auth: 'element', body: 'instance', query: ['reAuthenticate'] },
  { method: 'PATCH', pattern: '/instances', prefix: API, auth: 'element', body: 'patch', query: [] },
  { method: 'PUT', pattern: '/instances/enabled', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'DELETE', pattern: '/instances/enabled', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/docs', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/docs/:operationId/definitions', prefix: API, auth: 'element', body: 'none', query: ['resolveReferences'] },
  { method: 'GET', pattern: '/instances/events', prefix: API, auth: 'account', body: 'none', query: ['pageSize', 'nextPage', 'returnTotalCount'] },
  { method: 'GET', pattern: '/instances/events/:eventId', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/configuration', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/configuration/:configId', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'PATCH', pattern: '/instances/configuration/:configId', prefix: API, auth: 'element', body: 'entry', query: [] },
  { method: 'GET', pattern: '/instances/:id', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'PATCH', pattern: '/instances/:id', prefix: API, auth: 'account', body: 'patch', query: [] },
  { method: 'PUT', pattern: '/instances/:id', prefix: API, auth: 'account', body: 'instance', query: ['reAuthenticate'] },
  { method: 'DELETE', pattern: '/instances/:id', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'PUT', pattern: '/instances/:id/enabled', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'DELETE', pattern: '/instances/:id/enabled', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/:id/docs', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/:id/docs/:operationId/definitions', prefix: API, auth: 'account', body: 'none', query: ['resolveReferences'] },
  { method: 'GET', pattern: '/instances/:id/events', prefix: API, auth: 'account', body: 'none', query: ['pageSize', 'nextPage', 'returnTotalCount'] },
  { method: 'GET', pattern: '/instances/:id/events/:eventId', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/:id/configuration', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'GET', pattern: '/instances/:id/configuration/:configId', prefix: API, auth: 'account', body: 'none', query: [] },
  { method: 'PATCH', pattern: '/instances/:id/configuration/:configId', prefix: API, auth: 'account', body: 'entry', query: [] },
  { method: 'POST', pattern: '/events/:elementKey', prefix: API, auth: 'none', body: 'event', query: [] },
  { method: 'GET', pattern: '/hubs', prefix: API, auth: 'none', body: 'none', query: ['hydrate'] },
  { method: 'GET', pattern: '/hubs/keys', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/hubs/:hub', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/hubs/:hub/elements', prefix: API, auth: 'none', body: 'none', query: [] },
  { method: 'GET', pattern: '/hubs/:hub/ping', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'GET', pattern: '/hubs/:hub/:resource', prefix: API, auth: 'element', body: 'none', query: ['where', 'pageSize', 'nextPage', 'orderBy', 'fields', 'page', 'returnTotalCount'] },
  { method: 'POST', pattern: '/hubs/:hub/:resource', prefix: API, auth: 'element', body: 'hub', query: [] },
  { method: 'GET', pattern: '/hubs/:hub/:resource/:id', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'PATCH', pattern: '/hubs/:hub/:resource/:id', prefix: API, auth: 'element', body: 'hub', query: [] },
  { method: 'PUT', pattern: '/hubs/:hub/:resource/:id', prefix: API, auth: 'element', body: 'hub', query: [] },
  { method: 'DELETE', pattern: '/hubs/:hub/:resource/:id', prefix: API, auth: 'element', body: 'none', query: [] },
  { method: 'GET', pattern: '/provider/:key/oauth2/authorize', prefix: '', auth: 'none', body: 'none', query: ['client_id', 'redirect_uri', 'response_type', 'state', 'scope'] },
  { method: 'GET', pattern: '/provider/:key/oauth1/authorize', prefix: '', auth: 'none', body: 'none', query: ['oauth_token'] },
  { method: 'POST', pattern: '/provider/:key/authorize', prefix: '', auth: 'none', body: 'form', query: [] },
  { method: 'POST', pattern: '/__admin/apps', prefix: '', auth: 'admin', body: 'app', query: [] },
  { method: 'GET', pattern: '/__admin/apps', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'DELETE', pattern: '/__admin/apps', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'POST', pattern: '/__admin/faults', prefix: '', auth: 'admin', body: 'fault', query: [] },
  { method: 'GET', pattern: '/__admin/faults', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'DELETE', pattern: '/__admin/faults', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'GET', pattern: '/__admin/instances', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'GET', pattern: '/__admin/requests', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'GET', pattern: '/__admin/events/deliveries', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'POST', pattern: '/__admin/events/poll', prefix: '', auth: 'admin', body: 'none', query: [] },
  { method: 'POST', pattern: '/__admin/reset', prefix: '', auth: 'admin', body: 'none', query: [] },
];

/** The routes the routers hold, as `METHOD /pattern` (handlers are built, never called). */
function routerRoutes(): string[] {
  const routers = createRouters({} as EmulatorStores);
  const routes = (router: unknown) => (router as { routes: Array<{ method: string; segments: string[] }> }).routes.map((r) => `${r.method} /${r.segments.join('/')}`);
  return [...routes(routers.api), ...routes(routers.provider), ...routes(routers.admin)];
}

/** A marker no catalog, seed or message holds by chance. */
const markers = fc.stringMatching(/^[A-Za-z0-9]{4,10}$/).map((tail) => `Qz7${tail}Echo`);

interface World {
  emulator: RunningEmulator;
  /** The seeded instances; after a probe that may have changed them, the emulator is reset first. */
  seeded(): Promise<Array<{ id: number; token: string; element: { key: string } }>>;
}

/** Every way a value can show up in an answer. */
function shows(text: string, marker: string): boolean {
  const decoded = (() => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  })();
  const unescaped = text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return [text, decoded, unescaped].some((form) => form.toLowerCase().includes(marker.toLowerCase()));
}

const REAL_PARAMS: Record<string, string> = { keyOrId: 'quickbooks', key: 'xero', hub: 'finance', resource: 'customers', operationId: 'getCustomers', configId: String(entryId('quickbooks.realm.id')) };
const REAL_QUERY: Record<string, string> = {
  where: "key = 'xero'",
  pageSize: '5',
  abridged: 'true',
  apiKey: 'app-key',
  apiSecret: 'app-secret',
  callbackUrl: 'https://app.example/cb',
  state: 'st',
  scope: 'openid',
  'authentication.type': 'oauth2',
  siteAddress: 'https://site.example',
  reAuthenticate: 'true',
  resolveReferences: 'true',
  client_id: 'app-key',
  redirect_uri: 'https://app.example/cb',
  response_type: 'code',
  oauth_token: 'ot',
  'tags[]': 'a',
};
/** How a marker sits in a query value: alone, or inside a where clause or a URL. */
const QUERY_SHAPES = [(m: string) => m, (m: string) => `${m} = 'x'`, (m: string) => `key = '${m}'`, (m: string) => `name = '${m}' AND ${m} = 'x'`, (m: string) => `key in ('${m}'`, (m: string) => `name = 'a' AND ${m}`, (m: string) => `https://${m}.example/cb`, (m: string) => `${m}:x`];
/** How a marker sits in a JSON body: as the value, or in a type the field does not take. */
const LEAF_SHAPES = [(m: string): unknown => m, (m: string): unknown => [m], (m: string): unknown => ({ value: m }), (m: string): unknown => `${m} `, (m: string): unknown => [1, m]];

/** A valid body for each kind, and the places in it (a path of keys) a marker may go. */
const BODIES: Record<Exclude<BodyKind, 'none' | 'form'>, { valid: () => Record<string, unknown>; places: string[][] }> = {
  instance: {
    valid: () => ({
      element: { key: 'quickbooks' },
      configuration: { 'oauth.callback.url': 'https://www.mycoolapp.com/auth', 'quickbooks.datasource': 'QBO', 'quickbooks.realm.id': '123', 'oauth.user.token': 't', 'oauth.user.token.secret': 'ts', 'oauth.api.key': 'k', 'oauth.api.secret': 's' },
      name: 'Books',
      tags: ['a'],
      externalAuthentication: 'initial',
    }),
    places: [['element'], ['element', 'key'], ['element', 'id'], ['name'], ['configuration'], ['configuration', 'oauth.api.secret'], ['configuration', 'quickbooks.realm.id'], ['configuration', 'oauth.callback.url'], ['providerData'], ['providerData', 'code'], ['tags'], ['tags', '0'], ['externalAuthentication']],
  },
  patch: {
    valid: () => ({ name: 'Renamed', tags: ['b'], disabled: false, configuration: { 'quickbooks.realm.id': '9' } }),
    places: [['name'], ['tags'], ['tags', '0'], ['disabled'], ['configuration'], ['configuration', 'quickbooks.realm.id'], ['providerData']],
  },
  entry: {
    valid: () => ({ key: 'quickbooks.realm.id', propertyValue: '9' }),
    places: [['key'], ['propertyValue'], ['id']],
  },
  oauth: {
    valid: () => ({ apiKey: 'app-key', apiSecret: 'app-secret', callbackUrl: 'https://app.example/cb', state: 'st', 'authentication.type': 'oauth2' }),
    places: [['apiKey'], ['apiSecret'], ['callbackUrl'], ['state'], ['scope'], ['authentication.type']],
  },
  event: {
    valid: () => ({ events: [{ event_type: 'created', event_object_id: '1', event_object_type: 'customers', event_date: '2018-07-31T19:39:46Z' }] }),
    places: [['events'], ['events', '0'], ['events', '0', 'event_type'], ['events', '0', 'event_object_id'], ['events', '0', 'event_date']],
  },
  hub: {
    valid: () => ({ name: 'Acme', email: 'a@b.example', active: true }),
    places: [['name'], ['email'], ['active'], ['id'], ['status'], ['type'], ['balance']],
  },
  app: {
    valid: () => ({ element: 'quickbooks', clientId: 'app-key', redirectUris: ['https://app.example/cb'], flow: 'oauth2', development: false }),
    places: [['element'], ['clientId'], ['redirectUris'], ['redirectUris', '0'], ['flow'], ['development']],
  },
  fault: {
    valid: () => ({ method: 'GET', path: '/x', status: 503, headers: { a: 'b' }, times: 1 }),
    places: [['method'], ['path'], ['status'], ['headers'], ['headers', 'a'], ['times'], ['delayMs']],
  },
};

function put(target: Record<string, unknown>, place: string[], value: unknown): void {
  let node = target;
  for (const key of place.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[place.at(-1)!] = value;
}

/** How many ways the marker can sit in a position (see the SHAPES lists and the probe). */
function shapesOf(position: string): number {
  if (position.startsWith('query:')) return QUERY_SHAPES.length;
  if (position === 'body:path') return LEAF_SHAPES.length + 1;
  if (position.startsWith('body:')) return LEAF_SHAPES.length;
  if (position === 'authorization') return 5;
  if (position === 'raw') return 3;
  if (position === 'origin') return 2;
  return 1;
}

/** The positions of a route a probe may put the marker in. */
function positionsOf(route: RouteProbe): string[] {
  const params = [...route.pattern.matchAll(/:([A-Za-z]+)/g)].map((match) => `param:${match[1]}`);
  const query = route.query.map((name) => `query:${name}`);
  const body = route.body === 'none' ? [] : route.body === 'form' ? ['form:request', 'form:decision', 'raw'] : [...BODIES[route.body].places.map((place) => `body:${place.join('.')}`), 'raw', 'content-type'];
  return [...params, ...query, ...body, 'authorization', 'origin', 'sec-fetch-site', 'query-name'];
}

describe('the emulator never echoes a request value in an error (issue 19 item 7)', function () {
  this.timeout(60_000);
  let world: World;
  let resetAfterWrites: (method: string, status: number) => Promise<void>;

  before(async () => {
    const emulator = await startEmulator({ port: 0, seed: true });
    let seeded: Awaited<ReturnType<World['seeded']>> | undefined;
    world = {
      emulator,
      seeded: async () => {
        seeded ??= (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as Awaited<ReturnType<World['seeded']>>;
        return seeded;
      },
    };
    // A probe that changed the account (a write that succeeded) resets it, so the next one starts from the seed.
    resetAfterWrites = async (method, status) => {
      if (method === 'GET' || status >= 400) return;
      await resetEmulator(emulator);
      seeded = undefined;
    };
  });
  after(() => world.emulator.close());

  it('the probe table is every route of the routers', () => {
    assert.deepEqual(ROUTES.map((r) => `${r.method} ${r.pattern}`).sort(), routerRoutes().sort());
  });

  /** Sends one probe: the marker at each poisoned position (with its shape), valid values elsewhere. Fails when an error answer holds it. */
  async function probe(route: RouteProbe, m: string, poisoned: Array<[string, number]>): Promise<void> {
        const seeded = await world.seeded();
        const xero = seeded.find((instance) => instance.element.key === 'xero')!;
        const { emulator } = world;
        const at = new Map(poisoned);
        const path = route.pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
          if (at.has(`param:${name}`)) return encodeURIComponent(m);
          // A hub record; the xero instance for its docs; the quickbooks one for the instance calls (the bodies are quickbooks').
          if (name === 'id' && route.pattern.startsWith('/hubs')) return '1';
          if (name === 'id') return String(route.pattern.includes('/docs') ? xero.id : seeded.find((i) => i.element.key === 'quickbooks')!.id);
          return REAL_PARAMS[name] ?? 'x';
        });
        const search = new URLSearchParams();
        for (const name of route.query) {
          const shape = at.get(`query:${name}`);
          if (shape !== undefined) search.append(name, QUERY_SHAPES[shape % QUERY_SHAPES.length]!(m));
          else if (REAL_QUERY[name] !== undefined) search.append(name, REAL_QUERY[name]);
        }
        // A parameter's name is named when it is not honoured (issue 18 item 3: "a 400 that names it"), as
        // long as it looks like a parameter name; one that does not is a value and never comes back.
        if (at.has('query-name')) search.append(`${m}<b>`, 'x');
        const account = `User ${emulator.userSecret}, Organization ${emulator.orgSecret}`;
        const headers: Record<string, string> = {};
        if (route.auth === 'account') headers.Authorization = account;
        if (route.auth === 'element') headers.Authorization = `Element ${xero.token}, ${account}`;
        const authShape = at.get('authorization');
        if (authShape !== undefined) {
          headers.Authorization = [`User ${m}, Organization ${emulator.orgSecret}`, `User ${emulator.userSecret}, Organization ${m}`, `Element ${m}, ${account}`, `${m} ${m}`, m][authShape % 5]!;
        }
        if (at.has('origin')) headers.Origin = at.get('origin')! % 2 === 0 ? m : `http://${m}.example`;
        if (at.has('sec-fetch-site')) headers['Sec-Fetch-Site'] = m;
        let body: string | undefined;
        if (route.body === 'form') {
          body = new URLSearchParams({ request: at.has('form:request') ? m : 'r', decision: at.has('form:decision') ? m : 'allow' }).toString();
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
        } else if (route.body !== 'none') {
          const value = BODIES[route.body].valid();
          for (const [position, shape] of poisoned) {
            if (!position.startsWith('body:')) continue;
            const place = BODIES[route.body].places.find((candidate) => `body:${candidate.join('.')}` === position)!;
            put(value, place, position === 'body:path' && shape % 2 === 0 ? `^/${m}(` : LEAF_SHAPES[shape % LEAF_SHAPES.length]!(m));
          }
          body = JSON.stringify(value);
          headers['Content-Type'] = 'application/json';
        }
        if (at.has('raw') && body !== undefined) body = [`{"${m}": ${m}`, m, `{"name": "${m}`][at.get('raw')! % 3];
        if (at.has('content-type')) headers['Content-Type'] = `${m}/json`;
        const query = search.toString();
        const url = `${emulator.url}${route.prefix}${path}${query === '' ? '' : `?${query}`}`;
        const response = await fetch(url, { method: route.method, headers, ...(body !== undefined && { body }), redirect: 'manual' });
        const text = await response.text();
        await resetAfterWrites(route.method, response.status);
        if (response.status < 400) return;
        assert.ok(!shows(text, m), `${route.method} ${url} (marker at ${poisoned.map(([p]) => p).join(', ')}) answered ${response.status} with it:\n${text.slice(0, 600)}`);
        for (const [name, value] of response.headers) assert.ok(!shows(value, m), `header ${name}: ${value}`);
        }

  it('every route, with the marker in each of its positions, in each shape', async () => {
    let probes = 0;
    for (const route of ROUTES) {
      for (const position of positionsOf(route)) {
        for (let shape = 0; shape < shapesOf(position); shape++) {
          await probe(route, `Qz7${probes.toString(36)}Echo`, [[position, shape]]);
          probes += 1;
        }
      }
    }
    assert.ok(probes > 900, `${probes} probes`);
  });

  it('no error answer holds the marker, wherever several are put (property)', async () => {
    const probes = fc
      .record({ route: fc.constantFrom(...ROUTES), marker: markers, seed: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }), shapes: fc.array(fc.nat(20), { minLength: 4, maxLength: 4 }), count: fc.integer({ min: 2, max: 4 }) })
      .map(({ route, marker, seed, shapes, count }) => {
        const positions = positionsOf(route);
        const poisoned = new Map<string, number>();
        for (let i = 0; i < count; i++) poisoned.set(positions[seed[i]! % positions.length]!, shapes[i]!);
        return { route, marker, poisoned: [...poisoned.entries()] };
      });
    await fc.assert(
      fc.asyncProperty(probes, ({ route, marker, poisoned }) => probe(route, marker, poisoned)),
      { numRuns: 300 },
    );
  });
});
