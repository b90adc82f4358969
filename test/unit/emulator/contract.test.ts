/**
 * The contract suite: every documented example the catalog source holds, replayed against the
 * emulator, so a change that drifts from the documentation fails here.
 *
 * - scripts/catalog-source/api-examples.json: each page's example exchanges (oauth/token,
 *   oauth/url, the callback, POST /instances) → the documented status, every documented key of
 *   the response with the documented JSON type, the state handed back, the callback's keys.
 * - scripts/catalog-source/elements.json: every element's documented instance.json, and
 * - test/fixtures/seeds/: the seed pages' instance.json files, posted the way a client would
 *   (placeholders filled, the OAuth dance done through the emulator's provider pages) → 200
 *   with the documented instance shape.
 * Documented examples the emulator cannot honour are listed with the reason, and checked to
 * fail as described, so the lists cannot go stale.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import type { ConfigField, ElementDefinition, FlowDefinition, QueryParam } from '../../../src/core/catalog/types';
import { detectFlow } from '../../../src/core/instanceFile/requirements';
import { isPlaceholder } from '../../../src/core/instanceFile/values';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { BEHAVIOURS } from './behaviours';
import { api, callbackParams, decide, resetEmulator, type ApiResponse } from './helpers';

const ROOT = join(__dirname, '../../..');
const CALLBACK = 'https://www.mycoolapp.com/auth';

interface Exchange {
  id: string;
  source: { path: string; commit: string; section: string };
  request: { method: string; path: string; query?: string; body?: unknown };
  response: { status: number; body: unknown };
  expect?: { oauthUrlState?: string };
  callback?: { params?: Record<string, string>; url?: string };
  unhonoured?: Record<string, string>;
}

/** A platform behaviour (issue 18, unless it names another) and where it is documented; its test is in behaviours.ts under the same id. */
interface DocumentedBehaviour {
  id: string;
  issue?: number;
  item: number;
  sources: Array<{ repo: string; path: string; commit: string; section: string }>;
  says: string;
}

const examples = JSON.parse(readFileSync(join(ROOT, 'scripts/catalog-source/api-examples.json'), 'utf8')) as { exchanges: Exchange[]; behaviours: DocumentedBehaviour[] };

interface RawElement {
  key: string;
  example_instance_json: { page: string; template: Record<string, unknown> } | null;
}
const rawElements = JSON.parse(readFileSync(join(ROOT, 'scripts/catalog-source/elements.json'), 'utf8')) as RawElement[];

const SEEDS = join(ROOT, 'test/fixtures/seeds');

// ── Shapes ─────────────────────────────────────────────────────────────────────────────────

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Every key of `documented` is in `actual` with the same JSON type, recursively (a documented
 * null accepts any value: the docs show an unset entry). Pointers in `skip` are not compared.
 */
function assertShape(documented: unknown, actual: unknown, pointer: string, skip: Record<string, string>, failures: string[]): void {
  if (pointer in skip) return;
  const expected = jsonType(documented);
  if (expected === 'null') return;
  if (jsonType(actual) !== expected) {
    failures.push(`${pointer || '/'}: documented ${expected}, got ${jsonType(actual)}`);
    return;
  }
  if (expected === 'object') {
    const object = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(documented as Record<string, unknown>)) {
      const child = `${pointer}/${key}`;
      if (child in skip) continue;
      if (!(key in object)) failures.push(`${child}: missing`);
      else assertShape(value, object[key], child, skip, failures);
    }
  } else if (expected === 'array') {
    const [first] = documented as unknown[];
    for (const [index, item] of (actual as unknown[]).entries()) {
      if (first !== undefined) assertShape(first, item, `${pointer}/${index}`, skip, failures);
    }
  }
}

function shapeFailures(documented: unknown, actual: unknown, skip: Record<string, string> = {}): string[] {
  const failures: string[] = [];
  assertShape(documented, actual, '', skip, failures);
  return failures;
}

// ── Replaying a documented instance.json the way a client would ────────────────────────────

function sampleValue(field: ConfigField | undefined, key: string): string {
  if (field?.role === 'callbackUrl') return CALLBACK;
  if (field?.default !== undefined) return field.default;
  if (field?.kind === 'boolean') return 'true';
  if (field?.kind === 'number') return '1';
  if (field?.kind === 'url') return 'https://example.test/';
  return `value-of-${key}`;
}

/** The body's configuration with every placeholder filled; documented values are kept. */
function filledConfiguration(flow: FlowDefinition, configuration: Record<string, unknown>): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) {
    const field = flow.configuration.find((candidate) => candidate.key === key);
    filled[key] = field?.role === 'callbackUrl' || (typeof value === 'string' && isPlaceholder(value)) ? sampleValue(field, key) : value;
  }
  return filled;
}

function queryFor(params: readonly QueryParam[], configuration: Record<string, unknown>, requestToken?: string): string {
  const query = new URLSearchParams();
  for (const param of params) {
    if (param.source.from === 'state') continue; // a client that never sends state
    const value = param.source.from === 'config' ? configuration[param.source.key] ?? (param.required ? sampleValue(undefined, param.source.key) : undefined) : requestToken;
    if (value !== undefined) query.set(param.name, String(value));
  }
  return query.toString();
}

/** The element's OAuth dance through the emulator: the callback's parameters and the token step's secret. */
async function authorize(emulator: RunningEmulator, element: ElementDefinition, flow: FlowDefinition, configuration: Record<string, unknown>) {
  const withCallback = { ...configuration, 'oauth.callback.url': configuration['oauth.callback.url'] ?? CALLBACK };
  let token: OAuthTokenResponse | undefined;
  if (flow.type === 'oauth1') {
    const response = await api<OAuthTokenResponse>(emulator, `/elements/${element.key}/oauth/token?${queryFor(flow.oauth?.token?.params ?? [], withCallback)}`, { auth: false });
    assert.equal(response.status, 200, `${element.key} oauth/token: ${response.text}`);
    token = response.json;
  }
  const url = await api<OAuthUrlResponse>(emulator, `/elements/${element.key}/oauth/url?${queryFor(flow.oauth?.url.params ?? [], withCallback, token?.token)}`, { auth: false });
  assert.equal(url.status, 200, `${element.key} oauth/url: ${url.text}`);
  return { callback: callbackParams((await decide(url.json.oauthUrl, 'allow')).location), secret: token?.secret };
}

/** POSTs a documented body as a client would: placeholders filled, providerData from a real authorization. */
async function postDocumentedBody(emulator: RunningEmulator, body: Record<string, unknown>): Promise<ApiResponse> {
  const key = (body.element as { key?: string } | undefined)?.key ?? '';
  const element = catalog.get(key);
  if (!element) return api(emulator, '/instances', { body });
  const flow = detectFlow(element, body);
  const configuration = filledConfiguration(flow, (body.configuration ?? {}) as Record<string, unknown>);
  let providerData = body.providerData as Record<string, unknown> | undefined;
  if (flow.oauth && providerData) {
    const { callback, secret } = await authorize(emulator, element, flow, configuration);
    providerData = Object.fromEntries(
      Object.entries(providerData).map(([name, value]) => {
        const field = flow.providerData.find((candidate) => candidate.key === name);
        if (field?.source.from === 'requestSecret') return [name, secret];
        const param = field?.source.from === 'callback' ? field.source.param : name;
        return [name, callback.get(param) ?? value];
      }),
    );
  }
  return api(emulator, '/instances', { body: { ...body, configuration, ...(providerData && { providerData }) } });
}

// ── The documented instance shape every create answers with ───────────────────────────────

/** The QuickBooks OAuth 2 page's example response, minus signupURL (only elements with a sign-up page have one). */
function documentedInstanceShape(): Record<string, unknown> {
  const example = examples.exchanges.find((exchange) => exchange.id === 'quickbooks OAuth 2: create the instance')!;
  const shape = structuredClone(example.response.body) as { element: Record<string, unknown> };
  delete shape.element.signupURL;
  return shape;
}

/**
 * Documented instance.json examples the emulator refuses, and why. Each must still fail with
 * this status, so a fix (in the catalog or the emulator) shows up as a failure to update here.
 */
const UNHONOURED_BODIES: Record<string, { status: number; reason: string }> = {
  'elements.json freshbooks': { status: 404, reason: "the page's find-and-replace turned the key freshbooks into 'FreshBooks Classic'" },
  'elements.json actessentialsoauth': { status: 400, reason: "the page's instance.json has no providerData: an OAuth 2 instance needs the callback's code" },
  'elements.json connectwisecrm': { status: 400, reason: "the page's instance.json shows the Help Desk element's helpdesk.connectwise.* keys; the CRM element takes crm.connectwise.*" },
  'seeds xero-oauth1.page.json': { status: 400, reason: 'the vandalised page: not JSON (a missing comma) and "your_mom" where "element" belongs' },
};

describe('contract: the documentation’s examples against the emulator', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  before(async () => {
    // An emulated minute lasts 60 ms (a second 1 ms): event retries and polls within a test.
    emulator = await startEmulator({ port: 0, eventMinuteMs: 60 });
  });
  after(() => emulator.close());

  describe('scripts/catalog-source/api-examples.json', () => {
    const tokens = new Map<string, { token: string; query: URLSearchParams }>();

    for (const exchange of examples.exchanges) {
      it(`${exchange.id} (${exchange.source.path}, ${exchange.source.section})`, async () => {
        const { request } = exchange;
        let response: ApiResponse;
        if (request.method === 'POST' && request.path === '/instances') {
          const body = (request.body as { file?: string }).file
            ? (JSON.parse(readFileSync(join(ROOT, (request.body as { file: string }).file), 'utf8')) as Record<string, unknown>)
            : (request.body as Record<string, unknown>);
          response = await postDocumentedBody(emulator, body);
        } else {
          const query = new URLSearchParams(request.query ?? '');
          const key = request.path.split('/')[2]!;
          const earlier = tokens.get(key);
          if (query.has('requestToken') && earlier) {
            // The page's requestToken placeholder stands for the token step's token (and its app).
            query.set('requestToken', earlier.token);
            for (const name of ['apiKey', 'apiSecret']) query.set(name, earlier.query.get(name)!);
          }
          const search = query.has('requestToken') ? query.toString() : request.query ?? '';
          response = await api(emulator, `${request.path}${search ? `?${search}` : ''}`, { auth: false });
          if (request.path.endsWith('/oauth/token')) tokens.set(key, { token: (response.json as OAuthTokenResponse).token, query });
        }
        assert.equal(response.status, exchange.response.status, response.text);
        assert.deepEqual(shapeFailures(exchange.response.body, response.json, exchange.unhonoured), [], 'every documented key, with its type');

        const oauthUrl = (response.json as Partial<OAuthUrlResponse>).oauthUrl;
        if (exchange.expect?.oauthUrlState !== undefined) {
          assert.equal(new URL(oauthUrl!).searchParams.get('state'), exchange.expect.oauthUrlState);
        }
        if (exchange.callback) {
          const documented = exchange.callback.params ?? Object.fromEntries(new URL(exchange.callback.url!).searchParams);
          const actual = callbackParams((await decide(oauthUrl!, 'allow')).location);
          for (const name of Object.keys(documented)) assert.ok(actual.has(name), `the callback carries ${name}`);
        }
      });
    }
  });

  describe('scripts/catalog-source/api-examples.json "behaviours": the platform as the pages and Cloud Elements’ own tests show it (issue 18)', () => {
    beforeEach(() => resetEmulator(emulator));

    it('every listed behaviour has a test, and every test is listed with a source', () => {
      const listed = examples.behaviours.map((behaviour) => behaviour.id);
      assert.deepEqual([...listed].sort(), Object.keys(BEHAVIOURS).sort());
      for (const behaviour of examples.behaviours) {
        assert.ok(behaviour.sources.length > 0 && behaviour.says.length > 0, behaviour.id);
        for (const source of behaviour.sources) assert.ok(source.repo && source.path && source.commit && source.section, `${behaviour.id}: ${JSON.stringify(source)}`);
      }
    });

    for (const behaviour of examples.behaviours) {
      const sources = behaviour.sources.map((source) => `${source.repo} ${source.path}${source.commit === '-' ? '' : `@${source.commit.slice(0, 8)}`}, ${source.section}`).join('; ');
      it(`${behaviour.issue === undefined ? '' : `issue ${behaviour.issue} `}item ${behaviour.item}, ${behaviour.id} (${sources})`, async function () {
        this.timeout(120_000);
        const test = BEHAVIOURS[behaviour.id];
        assert.ok(test, `no test for ${behaviour.id}`);
        await test(emulator);
      });
    }
  });

  describe('a client that never sends state and posts the callback’s whole query as providerData (issue 9)', () => {
    const clients: Array<[key: string, configuration: Record<string, string>]> = [
      ['xero', { 'oauth.api.key': 'xero-client', 'oauth.api.secret': 'xero-secret', 'oauth.callback.url': CALLBACK }],
      ['sageoneus', { 'oauth.api.key': 'sage-client', 'oauth.api.secret': 'sage-secret', 'oauth.callback.url': CALLBACK }],
      [
        'quickbooks',
        {
          'oauth.api.key': 'qbo-client',
          'oauth.api.secret': 'qbo-secret',
          'oauth.callback.url': CALLBACK,
          scope: 'com.intuit.quickbooks.accounting',
          'authentication.type': 'oauth2',
        },
      ],
    ];
    for (const [key, configuration] of clients) {
      it(`${key}: oauth/url with apiKey, apiSecret, callbackUrl and the element's own parameters → Allow → POST /instances → 200`, async () => {
        const element = catalog.get(key)!;
        const flow = catalog.flow(element, 'oauth2')!;
        const query = new URLSearchParams({ apiKey: configuration['oauth.api.key']!, apiSecret: configuration['oauth.api.secret']!, callbackUrl: CALLBACK });
        for (const param of flow.oauth!.url.params) {
          if (param.source.from === 'config' && configuration[param.source.key] !== undefined) query.set(param.name, configuration[param.source.key]!);
        }
        assert.equal(query.has('state'), false);
        const url = await api<OAuthUrlResponse>(emulator, `/elements/${key}/oauth/url?${query}`, { auth: false });
        assert.equal(url.status, 200, url.text);
        const callback = callbackParams((await decide(url.json.oauthUrl, 'allow')).location);
        assert.equal(callback.get('state'), key, 'the element key comes back as the state');
        const created = await api(emulator, '/instances', {
          body: { element: { key }, providerData: Object.fromEntries(callback), configuration, name: `${key} without state` },
        });
        assert.equal(created.status, 200, created.text);
        assert.deepEqual(shapeFailures(documentedInstanceShape(), created.json), []);
      });
    }
  });

  describe('every instance.json the catalog source and the seed fixtures hold', () => {
    const shape = documentedInstanceShape();
    const bodies: Array<[label: string, text: string]> = [
      ...rawElements
        .filter((raw) => raw.example_instance_json)
        .map((raw): [string, string] => [`elements.json ${raw.key}`, JSON.stringify(raw.example_instance_json!.template)]),
      ...readdirSync(SEEDS)
        .filter((file) => file.endsWith('.json'))
        .map((file): [string, string] => [`seeds ${file}`, readFileSync(join(SEEDS, file), 'utf8')]),
    ];

    it(`${bodies.length} documented bodies → 200 with the documented instance shape (${Object.keys(UNHONOURED_BODIES).length} listed as unhonourable)`, async () => {
      const failures: string[] = [];
      for (const [label, text] of bodies) {
        let body: Record<string, unknown> | undefined;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = undefined;
        }
        const response = body ? await postDocumentedBody(emulator, body) : await api(emulator, '/instances', { rawBody: text });
        const known = UNHONOURED_BODIES[label];
        if (known) {
          if (response.status !== known.status) failures.push(`${label}: listed as ${known.status} (${known.reason}) but answered ${response.status}`);
          continue;
        }
        if (response.status !== 200) {
          failures.push(`${label}: ${response.status} ${response.text.slice(0, 200)}`);
          continue;
        }
        for (const problem of shapeFailures(shape, response.json)) failures.push(`${label}: ${problem}`);
      }
      assert.deepEqual(failures, []);
    });
  });
});
