import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/api/errors';
import { catalog } from '../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition, FlowType } from '../../../src/core/catalog/types';
import { provision, type ProvisionOptions } from '../../../src/core/provisioning/engine';
import type { ProvisionInputs } from '../../../src/core/provisioning/flowRequest';
import { FlowError, type ProvisionStep } from '../../../src/core/provisioning/errors';
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import { FakeApi, FakeClock, OAUTH_URL, REQUEST_SECRET, REQUEST_TOKEN } from './fakes';

const CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';

function seed(key: string, type: FlowType): { element: ElementDefinition; flow: FlowDefinition } {
  const element = catalog.get(key);
  assert.ok(element, key);
  const flow = catalog.flow(element, type);
  assert.ok(flow, `${key} ${type}`);
  return { element, flow };
}

interface Harness {
  api: FakeApi;
  registry: PendingFlowRegistry;
  clock: FakeClock;
  steps: ProvisionStep[];
  opened: string[];
}

function harness(): Harness {
  const clock = new FakeClock();
  return { api: new FakeApi(), registry: new PendingFlowRegistry({ clock }), clock, steps: [], opened: [] };
}

function options(
  h: Harness,
  key: string,
  type: FlowType,
  inputs: ProvisionInputs,
  provider: (url: string) => Promise<void> | void,
  extra: Partial<ProvisionOptions> = {},
): ProvisionOptions {
  return {
    ...seed(key, type),
    inputs,
    callbackUrl: CALLBACK,
    api: h.api,
    registry: h.registry,
    openUrl: async (url) => {
      h.opened.push(url);
      await provider(url);
    },
    onStep: (step) => h.steps.push(step),
    ...extra,
  };
}

async function flowError(promise: Promise<unknown>): Promise<FlowError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FlowError, `expected a FlowError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected provisioning to fail');
}

const OAUTH1_STEPS: ProvisionStep[] = ['request-token', 'authorize-url', 'open-browser', 'wait-callback', 'create-instance'];
const OAUTH2_STEPS: ProvisionStep[] = ['authorize-url', 'open-browser', 'wait-callback', 'create-instance'];

const xeroConfig = { 'oauth.api.key': 'xero-key', 'oauth.api.secret': 'xero-secret', 'xero.partner': 'true' };

describe('provision', () => {
  describe('seed flows', () => {
    it('xero OAuth 2: url call with state, code into providerData, body in the documented order', async () => {
      const h = harness();
      const result = await provision(
        options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'My Xero' }, () => {
          h.registry.complete({ code: 'auth-code-1', state: h.api.sentState() });
        }),
      );
      const state = h.api.sentState();
      assert.equal(state.length, 32);
      assert.notEqual(state, 'xero');
      assert.deepEqual(h.api.ops(), ['getOAuthUrl', 'createInstance']);
      assert.equal(h.api.calls[0]!.op === 'getOAuthUrl' && h.api.calls[0]!.keyOrId, 'xero');
      assert.equal(
        JSON.stringify(h.api.params('getOAuthUrl')),
        JSON.stringify({ apiKey: 'xero-key', apiSecret: 'xero-secret', callbackUrl: CALLBACK, state }),
      );
      const expected = {
        element: { key: 'xero' },
        providerData: { code: 'auth-code-1' },
        configuration: {
          'oauth.api.key': 'xero-key',
          'oauth.api.secret': 'xero-secret',
          'oauth.callback.url': CALLBACK,
          'xero.partner': 'true',
        },
        name: 'My Xero',
      };
      assert.equal(JSON.stringify(h.api.body()), JSON.stringify(expected));
      assert.deepEqual(result.request, expected);
      assert.equal(result.instance.id, 4242);
      assert.deepEqual(h.steps, OAUTH2_STEPS);
      assert.deepEqual(h.opened, [OAUTH_URL]);
      assert.equal(h.registry.size, 0);
    });

    it('xero OAuth 1: token step, url step with requestToken and state, org and secret into providerData', async () => {
      const h = harness();
      await provision(
        options(h, 'xero', 'oauth1', { configuration: xeroConfig, name: 'Xero 1' }, () => {
          h.registry.complete({ oauth_token: REQUEST_TOKEN, oauth_verifier: 'verifier-1', org: 'org-9', state: h.api.sentState() });
        }),
      );
      const state = h.api.sentState();
      const standard = { apiKey: 'xero-key', apiSecret: 'xero-secret', callbackUrl: CALLBACK };
      assert.deepEqual(h.api.ops(), ['getOAuthToken', 'getOAuthUrl', 'createInstance']);
      assert.equal(JSON.stringify(h.api.params('getOAuthToken')), JSON.stringify(standard));
      assert.equal(
        JSON.stringify(h.api.params('getOAuthUrl')),
        JSON.stringify({ ...standard, requestToken: REQUEST_TOKEN, state }),
      );
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({
          element: { key: 'xero' },
          providerData: { oauth_token: REQUEST_TOKEN, oauth_verifier: 'verifier-1', secret: REQUEST_SECRET, org: 'org-9' },
          configuration: {
            'oauth.api.key': 'xero-key',
            'oauth.api.secret': 'xero-secret',
            'oauth.callback.url': CALLBACK,
            'xero.partner': 'true',
          },
          name: 'Xero 1',
        }),
      );
      assert.deepEqual(h.steps, OAUTH1_STEPS);
    });

    it('freshbooks OAuth 1: siteAddress on both calls, refresh_token passed through, tags kept', async () => {
      const h = harness();
      await provision(
        options(
          h,
          'freshbooks',
          'oauth1',
          {
            // Input order differs from the documentation's: the body follows the catalog.
            configuration: {
              'freshbooks.site.address': 'targetcompany',
              'oauth.api.secret': 'fb-secret',
              'oauth.api.key': 'mycompany',
            },
            name: 'Books',
            tags: ['finance'],
          },
          () => {
            h.registry.complete(
              `${CALLBACK}?oauth_token=${REQUEST_TOKEN}&oauth_verifier=fv&refresh_token=fb-refresh&state=${h.api.sentState()}`,
            );
          },
        ),
      );
      const state = h.api.sentState();
      const standard = { apiKey: 'mycompany', apiSecret: 'fb-secret', callbackUrl: CALLBACK };
      assert.equal(JSON.stringify(h.api.params('getOAuthToken')), JSON.stringify({ ...standard, siteAddress: 'targetcompany' }));
      assert.equal(
        JSON.stringify(h.api.params('getOAuthUrl')),
        JSON.stringify({ ...standard, requestToken: REQUEST_TOKEN, siteAddress: 'targetcompany', state }),
      );
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({
          element: { key: 'freshbooks' },
          providerData: { oauth_token: REQUEST_TOKEN, oauth_verifier: 'fv', secret: REQUEST_SECRET, refresh_token: 'fb-refresh' },
          configuration: {
            'oauth.api.key': 'mycompany',
            'oauth.api.secret': 'fb-secret',
            'freshbooks.site.address': 'targetcompany',
            'oauth.callback.url': CALLBACK,
          },
          tags: ['finance'],
          name: 'Books',
        }),
      );
    });

    it('sageoneus OAuth 2: Signature comes from configuration "signature"', async () => {
      const h = harness();
      await provision(
        options(
          h,
          'sageoneus',
          'oauth2',
          { configuration: { 'oauth.api.key': 'sage-id', 'oauth.api.secret': 'sage-secret', signature: 'sage-sig' }, name: 'Sage', tags: ['t'] },
          () => {
            h.registry.complete(`${CALLBACK}?code=sage-code&state=${h.api.sentState()}`);
          },
        ),
      );
      const state = h.api.sentState();
      assert.equal(
        JSON.stringify(h.api.params('getOAuthUrl')),
        JSON.stringify({ apiKey: 'sage-id', apiSecret: 'sage-secret', Signature: 'sage-sig', callbackUrl: CALLBACK, state }),
      );
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({
          element: { key: 'sageoneus' },
          providerData: { code: 'sage-code' },
          configuration: {
            'oauth.api.key': 'sage-id',
            'oauth.api.secret': 'sage-secret',
            signature: 'sage-sig',
            'oauth.callback.url': CALLBACK,
          },
          tags: ['t'],
          name: 'Sage',
        }),
      );
    });

    it('quickbooks OAuth 1a: realmId, dataSource, state and secret into providerData', async () => {
      const h = harness();
      await provision(
        options(
          h,
          'quickbooks',
          'oauth1',
          { configuration: { 'oauth.api.key': 'qb-key', 'oauth.api.secret': 'qb-secret' }, name: 'QBO', tags: ['qbo'] },
          () => {
            const state = h.api.sentState();
            h.registry.complete(
              `http://demonstrab.ly/?state=${state}&oauth_token=${REQUEST_TOKEN}&oauth_verifier=br6qctk&realmId=12345678910&dataSource=QBO`,
            );
          },
        ),
      );
      const state = h.api.sentState();
      const standard = { apiKey: 'qb-key', apiSecret: 'qb-secret', callbackUrl: CALLBACK };
      assert.equal(JSON.stringify(h.api.params('getOAuthToken')), JSON.stringify(standard));
      assert.equal(JSON.stringify(h.api.params('getOAuthUrl')), JSON.stringify({ ...standard, requestToken: REQUEST_TOKEN, state }));
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({
          element: { key: 'quickbooks' },
          providerData: {
            oauth_token: REQUEST_TOKEN,
            realmId: '12345678910',
            oauth_verifier: 'br6qctk',
            secret: REQUEST_SECRET,
            state,
            dataSource: 'QBO',
          },
          configuration: { 'oauth.api.key': 'qb-key', 'oauth.api.secret': 'qb-secret', 'oauth.callback.url': CALLBACK },
          tags: ['qbo'],
          name: 'QBO',
        }),
      );
      assert.deepEqual(h.steps, OAUTH1_STEPS);
    });

    it('quickbooks token based: no OAuth call, no browser, externalAuthentication "initial"', async () => {
      const h = harness();
      const configuration = {
        'oauth.api.secret': 'qb-secret',
        'oauth.api.key': 'qb-key',
        'oauth.user.token.secret': 'user-token-secret',
        'oauth.user.token': 'user-token',
        'quickbooks.realm.id': '123',
        'quickbooks.datasource': 'QBO',
        'oauth.callback.url': 'https://www.mycoolapp.com/auth',
        'oauth.user.refresh_interval': '13046400',
      };
      await provision(
        options(h, 'quickbooks', 'token', { configuration, name: 'QBO Token', tags: ['QBO Token'] }, () => {
          assert.fail('no browser for the token flow');
        }),
      );
      assert.deepEqual(h.api.ops(), ['createInstance']);
      assert.deepEqual(h.steps, ['create-instance']);
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({
          element: { key: 'quickbooks' },
          configuration: {
            'oauth.callback.url': 'https://www.mycoolapp.com/auth',
            'quickbooks.datasource': 'QBO',
            'oauth.user.refresh_interval': '13046400',
            'quickbooks.realm.id': '123',
            'oauth.user.token': 'user-token',
            'oauth.user.token.secret': 'user-token-secret',
            'oauth.api.key': 'qb-key',
            'oauth.api.secret': 'qb-secret',
          },
          tags: ['QBO Token'],
          name: 'QBO Token',
          externalAuthentication: 'initial',
        }),
      );
    });

    it('a basic flow posts directly, keeping extra configuration keys after the known ones', async () => {
      const h = harness();
      const element: ElementDefinition = {
        key: 'basicthing',
        name: 'Basic Thing',
        hub: 'general',
        origin: 'curated',
        flows: [
          {
            type: 'basic',
            label: 'Basic',
            configuration: [
              { key: 'username', label: 'User name', required: true, secret: false, kind: 'string', placeholder: '<U>' },
              { key: 'password', label: 'Password', required: true, secret: true, kind: 'string', placeholder: '<P>' },
            ],
            providerData: [],
            template: { name: '<NAME>' },
          },
        ],
      };
      await provision({
        element,
        flow: element.flows[0]!,
        inputs: { configuration: { extra: 'x', password: 'p', username: 'u' }, name: ' Basic ' },
        api: h.api,
        registry: h.registry,
        openUrl: () => assert.fail('no browser'),
      });
      assert.equal(
        JSON.stringify(h.api.body()),
        JSON.stringify({ element: { key: 'basicthing' }, configuration: { username: 'u', password: 'p', extra: 'x' }, name: 'Basic' }),
      );
    });
  });

  describe('callbacks', () => {
    it('matches an OAuth 1 callback that lost our state by its oauth_token', async () => {
      const h = harness();
      await provision(
        options(h, 'xero', 'oauth1', { configuration: xeroConfig, name: 'x' }, () => {
          // An explicit state has to be ours, even with the genuine oauth_token (issue 12, item 9).
          assert.throws(() => h.registry.complete({ oauth_token: REQUEST_TOKEN, oauth_verifier: 'v', org: 'o', state: 'xero' }), FlowError);
          h.registry.complete({ oauth_token: REQUEST_TOKEN, oauth_verifier: 'v', org: 'o' });
        }),
      );
      assert.equal(h.api.body()?.providerData?.oauth_verifier, 'v');
    });

    it('ignores a foreign state and still completes with the right one', async () => {
      const h = harness();
      let mismatch: unknown;
      await provision(
        options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => {
          try {
            h.registry.complete({ code: 'attacker-code', state: 'xero' });
          } catch (error) {
            mismatch = error;
          }
          h.registry.complete({ code: 'good-code', state: h.api.sentState() });
        }),
      );
      assert.ok(mismatch instanceof FlowError);
      assert.equal(mismatch.code, 'state-mismatch');
      assert.equal(h.api.body()?.providerData?.code, 'good-code');
    });

    it('refuses a second use of the same callback', async () => {
      const h = harness();
      let callback = '';
      await provision(
        options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => {
          callback = `${CALLBACK}?code=c1&state=${h.api.sentState()}`;
          h.registry.complete(callback);
        }),
      );
      const error = (() => {
        try {
          h.registry.complete(callback);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      assert.ok(error instanceof FlowError);
      assert.equal(error.code, 'state-mismatch');
      assert.match(error.message, /already used/);
      assert.equal(h.api.ops().filter((op) => op === 'createInstance').length, 1);
    });

    it('rejects with denied when the provider answers error=, naming its description', async () => {
      const h = harness();
      const error = await flowError(
        provision(
          options(h, 'sageoneus', 'oauth2', { configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', signature: 'g' }, name: 'x' }, () => {
            const outcome = h.registry.complete(`${CALLBACK}?error=access_denied&error_description=User+said+no&state=${h.api.sentState()}`);
            assert.equal(outcome.outcome, 'denied');
          }),
        ),
      );
      assert.equal(error.code, 'denied');
      assert.match(error.message, /access_denied \(User said no\)/);
      assert.deepEqual(h.api.ops(), ['getOAuthUrl']);
      assert.equal(h.registry.size, 0);
    });

    it('expires when no callback comes in time', async () => {
      const h = harness();
      const error = await flowError(
        provision(
          options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => h.clock.advance(60_001), { ttlMs: 60_000 }),
        ),
      );
      assert.equal(error.code, 'expired');
      assert.deepEqual(h.api.ops(), ['getOAuthUrl']);
      assert.equal(h.registry.size, 0);
    });

    it('fails with missing-callback-params naming them, creating nothing', async () => {
      const h = harness();
      const error = await flowError(
        provision(
          options(h, 'quickbooks', 'oauth1', { configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's' }, name: 'x' }, () => {
            h.registry.complete({ state: h.api.sentState(), oauth_token: REQUEST_TOKEN, oauth_verifier: 'v' });
          }),
        ),
      );
      assert.equal(error.code, 'missing-callback-params');
      assert.deepEqual(error.missing, ['realmId', 'dataSource']);
      assert.match(error.message, /realmId, dataSource/);
      assert.ok(!h.api.ops().includes('createInstance'));
    });
  });

  describe('cancellation', () => {
    it('cancels while waiting for the callback and releases the state', async () => {
      const h = harness();
      const controller = new AbortController();
      const error = await flowError(
        provision(
          options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => {
            setImmediate(() => controller.abort());
          }, { signal: controller.signal }),
        ),
      );
      assert.equal(error.code, 'cancelled');
      assert.equal(h.registry.size, 0);
      assert.ok(!h.api.ops().includes('createInstance'));
      assert.throws(() => h.registry.complete({ code: 'late', state: h.api.sentState() }), (caught: unknown) => {
        return caught instanceof FlowError && caught.code === 'cancelled';
      });
    });

    it('cancels during an API call', async () => {
      const h = harness();
      const controller = new AbortController();
      h.api.getOAuthToken = async () => {
        controller.abort();
        throw new ApiError('GET /elements/xero/oauth/token was cancelled.', { kind: 'cancelled', method: 'GET', path: '/x' });
      };
      const error = await flowError(
        provision(options(h, 'xero', 'oauth1', { configuration: xeroConfig, name: 'x' }, () => undefined, { signal: controller.signal })),
      );
      assert.equal(error.code, 'cancelled');
      assert.equal(error.step, 'request-token');
      assert.equal(h.registry.size, 0);
    });

    it('does nothing when cancelled before it starts', async () => {
      const h = harness();
      const error = await flowError(
        provision(options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => undefined, { signal: AbortSignal.abort() })),
      );
      assert.equal(error.code, 'cancelled');
      assert.deepEqual(h.api.calls, []);
    });
  });

  describe('inputs and failures', () => {
    it('reports every missing entry up front and calls nothing', async () => {
      const h = harness();
      const error = await flowError(
        provision(
          options(h, 'sageoneus', 'oauth2', { configuration: { 'oauth.api.key': 'k', signature: '<INSERT_SAGEONE_US_SIGNATURE>' }, name: ' ' }, () => undefined),
        ),
      );
      assert.equal(error.code, 'missing-input');
      assert.deepEqual(error.missing, ['oauth.api.secret', 'name']);
      assert.match(error.message, /oauth\.api\.secret \(Client Secret\), name/);
      assert.deepEqual(h.api.calls, []);
      assert.equal(h.registry.size, 0);
    });

    it('needs a callback URL for OAuth flows', async () => {
      const h = harness();
      const error = await flowError(
        provision(options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => undefined, { callbackUrl: undefined })),
      );
      assert.equal(error.code, 'missing-input');
      assert.deepEqual(error.missing, ['oauth.callback.url']);
    });

    it('wraps a failed create as FlowError "api" carrying the request body', async () => {
      const h = harness();
      const apiError = new ApiError('POST /instances failed (HTTP 400): Invalid code', {
        kind: 'http',
        status: 400,
        method: 'POST',
        path: '/instances',
      });
      h.api.failWith.createInstance = apiError;
      const error = await flowError(
        provision(
          options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => {
            h.registry.complete({ code: 'c', state: h.api.sentState() });
          }),
        ),
      );
      assert.equal(error.code, 'api');
      assert.equal(error.step, 'create-instance');
      assert.equal(error.apiError, apiError);
      assert.deepEqual(error.request, h.api.body());
      assert.equal(error.request?.providerData?.code, 'c');
      assert.match(error.message, /Creating the instance for Xero failed: POST \/instances failed \(HTTP 400\): Invalid code/);
    });

    it('maps an API timeout on the url step to "timeout" and releases the state', async () => {
      const h = harness();
      h.api.failWith.getOAuthUrl = new ApiError('timed out', { kind: 'timeout', method: 'GET', path: '/elements/xero/oauth/url' });
      const error = await flowError(provision(options(h, 'xero', 'oauth2', { configuration: xeroConfig, name: 'x' }, () => undefined)));
      assert.equal(error.code, 'timeout');
      assert.equal(error.step, 'authorize-url');
      assert.equal(error.request, undefined);
      assert.equal(h.registry.size, 0);
      assert.deepEqual(h.opened, []);
    });
  });
});
