/**
 * The flow engine and the API client against the emulator over real HTTP, with a scripted
 * browser clicking Allow or Deny on the fake provider page: every seed flow end to end.
 */
import assert from 'node:assert/strict';
import { CloudElementsClient } from '../../../src/core/api/client';
import { catalog } from '../../../src/core/catalog';
import type { FlowType } from '../../../src/core/catalog/types';
import { isFlowError } from '../../../src/core/provisioning/errors';
import type { FlowErrorCode } from '../../../src/core/provisioning/errors';
import { provision } from '../../../src/core/provisioning/engine';
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/server';
import { addFault, decide, resetEmulator, storedInstances } from '../emulator/helpers';

const EXTENSION_CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';

interface SeedCase {
  key: string;
  flow: FlowType;
  configuration: Record<string, string>;
  /** providerData the emulator must have received (values that are not random). */
  providerData: Record<string, string | RegExp>;
}

const cases: SeedCase[] = [
  {
    key: 'xero',
    flow: 'oauth2',
    configuration: { 'oauth.api.key': 'xero-client-id', 'oauth.api.secret': 'xero-client-secret', 'xero.partner': 'true' },
    providerData: { code: /.{8,}/ },
  },
  {
    key: 'xero',
    flow: 'oauth1',
    configuration: { 'oauth.api.key': 'xero-consumer-key', 'oauth.api.secret': 'xero-consumer-secret', 'xero.partner': 'false' },
    providerData: { oauth_token: /.+/, oauth_verifier: /.+/, secret: /.+/, org: 'kfN8Ch1HUqBPwVA6sKaSLw' },
  },
  {
    key: 'freshbooks',
    flow: 'oauth1',
    configuration: { 'oauth.api.key': 'mycompany', 'oauth.api.secret': 'fb-secret', 'freshbooks.site.address': 'targetcompany' },
    providerData: { oauth_token: /.+/, oauth_verifier: /.+/, secret: /.+/, refresh_token: /.+/ },
  },
  {
    key: 'sageoneus',
    flow: 'oauth2',
    configuration: { 'oauth.api.key': 'sage-client-id', 'oauth.api.secret': 'sage-client-secret', signature: 'sage-signature' },
    providerData: { code: /.{8,}/ },
  },
  {
    key: 'quickbooks',
    flow: 'oauth1',
    configuration: { 'oauth.api.key': 'qb-consumer-key', 'oauth.api.secret': 'qb-consumer-secret' },
    providerData: { oauth_token: /.+/, oauth_verifier: /.+/, secret: /.+/, realmId: '12345678910', dataSource: 'QBO' },
  },
];

describe('provisioning against the emulator (engine + client over HTTP)', () => {
  let emulator: RunningEmulator;
  let client: CloudElementsClient;
  let registry: PendingFlowRegistry;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    client = new CloudElementsClient({
      baseUrl: emulator.apiBaseUrl,
      credentials: { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret },
    });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    registry = new PendingFlowRegistry();
    await resetEmulator(emulator);
  });
  afterEach(() => registry.dispose());

  const stored = () => storedInstances(emulator);

  /** A browser that clicks `decision` and hands the redirect to the registry, like the URI handler does. */
  function browser(decision: 'allow' | 'deny', visited: string[] = []) {
    return async (oauthUrl: string) => {
      visited.push(oauthUrl);
      const { location } = await decide(oauthUrl, decision);
      visited.push(location);
      registry.complete(location);
    };
  }

  function run(key: string, type: FlowType, configuration: Record<string, string>, openUrl = browser('allow'), callbackUrl = EXTENSION_CALLBACK) {
    const element = catalog.get(key)!;
    const flow = catalog.flow(element, type)!;
    return provision({ element, flow, inputs: { configuration, name: `${key} ${type}`, tags: ['e2e'] }, callbackUrl, api: client, registry, openUrl });
  }

  async function rejection(promise: Promise<unknown>): Promise<FlowErrorCode> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(isFlowError(error), `a FlowError, got ${String(error)}`);
    return error.code;
  }

  for (const seed of cases) {
    it(`${seed.key} ${seed.flow}: Allow creates the instance with the provider's data`, async () => {
      const visited: string[] = [];
      const { instance, request } = await run(seed.key, seed.flow, seed.configuration, browser('allow', visited));
      assert.equal(instance.element.key, seed.key);
      assert.equal(instance.valid, true);
      assert.ok(instance.token.length > 10);
      assert.equal(request.configuration['oauth.callback.url'], EXTENSION_CALLBACK);

      const [record] = await stored();
      assert.equal(record!.id, instance.id);
      for (const [key, expected] of Object.entries(seed.providerData)) {
        const actual = record!.providerData?.[key];
        assert.ok(actual !== undefined, `providerData.${key} was sent`);
        if (expected instanceof RegExp) assert.match(actual, expected, key);
        else assert.equal(actual, expected, key);
      }
      for (const [key, value] of Object.entries(seed.configuration)) assert.equal(record!.configuration?.[key], value);
      assert.deepEqual(record!.tags, ['e2e']);

      // The provider sent the browser back to the extension's callback with our random state.
      const callback = new URL(visited[1]!);
      assert.equal(`${callback.protocol}//${callback.host}${callback.pathname}`, EXTENSION_CALLBACK);
      assert.equal(callback.searchParams.get('state')?.length, 32);
      assert.notEqual(callback.searchParams.get('state'), seed.key);
    });

    it(`${seed.key} ${seed.flow}: Deny ends the flow with "denied" and creates nothing`, async () => {
      assert.equal(await rejection(run(seed.key, seed.flow, seed.configuration, browser('deny'))), 'denied');
      assert.deepEqual(await stored(), []);
      assert.equal(registry.size, 0);
    });
  }

  it('quickbooks token based: no browser, externalAuthentication "initial"', async () => {
    const configuration = {
      'quickbooks.datasource': 'QBO',
      'quickbooks.realm.id': '12345678910',
      'oauth.user.token': 'qb-user-token',
      'oauth.user.token.secret': 'qb-user-token-secret',
      'oauth.api.key': 'qb-key',
      'oauth.api.secret': 'qb-secret',
      'oauth.callback.url': 'https://acme.example.com/auth',
    };
    const opened: string[] = [];
    const { instance, request } = await run('quickbooks', 'token', configuration, async (url) => void opened.push(url));
    assert.deepEqual(opened, []);
    assert.equal(request.externalAuthentication, 'initial');
    assert.equal(instance.externalAuthentication, 'initial');
    assert.equal((await stored()).length, 1);
  });

  it('a callback URL that already has a query (code-server\'s asExternalUri) keeps it and still matches', async () => {
    const callbackUrl = 'http://127.0.0.1:9/callback?vscode-reqid=7&vscode-scheme=code-oss&vscode-authority=elements-dev.elements-toolkit';
    const visited: string[] = [];
    await run('sageoneus', 'oauth2', cases[3]!.configuration, browser('allow', visited), callbackUrl);
    const location = new URL(visited[1]!);
    assert.equal(location.searchParams.get('vscode-reqid'), '7');
    assert.equal(location.searchParams.get('vscode-scheme'), 'code-oss');
    assert.ok(location.searchParams.get('code'));
  });

  it('a foreign state is rejected and the flow still completes with the real callback', async () => {
    const openUrl = async (oauthUrl: string) => {
      const { location } = await decide(oauthUrl, 'allow');
      const forged = new URL(location);
      forged.searchParams.set('state', 'not-our-state');
      assert.throws(() => registry.complete(forged.toString()), (e: unknown) => isFlowError(e) && e.code === 'state-mismatch');
      registry.complete(location);
    };
    const { instance } = await run('xero', 'oauth2', cases[0]!.configuration, openUrl);
    assert.equal(instance.element.key, 'xero');
  });

  it('a replayed callback is refused after use', async () => {
    let callback = '';
    await run('xero', 'oauth2', cases[0]!.configuration, async (oauthUrl) => {
      callback = (await decide(oauthUrl, 'allow')).location;
      registry.complete(callback);
    });
    assert.throws(() => registry.complete(callback), (e: unknown) => isFlowError(e) && e.code === 'state-mismatch');
  });

  it('a flow whose callback never comes expires, and nothing is created', async () => {
    const element = catalog.get('xero')!;
    const flow = catalog.flow(element, 'oauth2')!;
    const code = await rejection(
      provision({
        element,
        flow,
        inputs: { configuration: cases[0]!.configuration, name: 'never' },
        callbackUrl: EXTENSION_CALLBACK,
        api: client,
        registry,
        openUrl: async () => {},
        ttlMs: 50,
      }),
    );
    assert.equal(code, 'expired');
    assert.deepEqual(await stored(), []);
  });

  it('cancelling while waiting for the browser ends the flow', async () => {
    const controller = new AbortController();
    const element = catalog.get('sageoneus')!;
    const code = await rejection(
      provision({
        element,
        flow: element.flows[0]!,
        inputs: { configuration: cases[3]!.configuration, name: 'cancelled' },
        callbackUrl: EXTENSION_CALLBACK,
        api: client,
        registry,
        openUrl: async () => void setTimeout(() => controller.abort(), 10),
        signal: controller.signal,
      }),
    );
    assert.equal(code, 'cancelled');
    assert.equal(registry.size, 0);
  });

  it('a failed POST /instances is reported with the API\'s message and the body, and never retried', async () => {
    await addFault(emulator, { method: 'POST', path: '/instances', status: 503 });
    const error = await run('xero', 'oauth2', cases[0]!.configuration).then(() => undefined, (e: unknown) => e);
    assert.ok(isFlowError(error));
    assert.equal(error.code, 'api');
    assert.equal(error.apiError?.status, 503);
    assert.match(error.message, /Injected fault: 503/);
    assert.equal(error.request?.element && 'key' in error.request.element ? error.request.element.key : undefined, 'xero');
    const requests = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string }>;
    assert.equal(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/instances')).length, 1);
    assert.deepEqual(await stored(), []);
  });

  it('the documentation\'s literal OAuth 2 body is refused with the provider\'s message', async () => {
    const error = await client
      .createInstance({
        element: { key: 'xero' },
        providerData: { code: 'Code on Return the URL' },
        configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': 'https://www.mycoolapp.com/auth', 'xero.partner': 'true' },
        name: 'docs',
      })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof Error && 'providerMessage' in error);
    assert.match(String((error as { providerMessage?: string }).providerMessage), /invalid_grant/);
    assert.equal((error as { status?: number }).status, 400);
  });
});
