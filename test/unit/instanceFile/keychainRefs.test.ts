import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { extractSecrets, resolveKeychainReferences, secretEntries } from '../../../src/core/instanceFile/keychainRefs';
import type { CreateInstanceRequest } from '../../../src/core/api/types';

const xero = catalog.get('xero')!;
const body = (): CreateInstanceRequest => ({
  element: { key: 'xero' },
  providerData: { code: 'auth-code-123' },
  configuration: {
    'oauth.api.key': 'client-id-123',
    'oauth.api.secret': 'client-secret-456',
    'oauth.callback.url': 'https://acme.example.com/auth',
    'xero.partner': 'true',
  },
  name: 'Acme',
});

describe('keychain references', () => {
  it('finds the secrets of a body from the catalog', () => {
    assert.deepEqual(
      secretEntries(body(), 'xero', xero.flows[0]).map((s) => s.name),
      ['xero.oauth.api.key', 'xero.oauth.api.secret', 'xero.providerData.code'],
    );
  });

  it('falls back to key names without a flow, and skips values that already are references', () => {
    const withReference = body();
    withReference.configuration['oauth.api.key'] = '${keychain:xero.oauth.api.key}';
    assert.deepEqual(secretEntries(withReference, 'xero').map((s) => s.key), ['oauth.api.secret']);
  });

  it('takes secrets out and puts them back', async () => {
    const original = body();
    const { body: safe, secrets } = extractSecrets(original, 'xero', xero.flows[0]);
    assert.equal(safe.configuration['oauth.api.secret'], '${keychain:xero.oauth.api.secret}');
    assert.equal(safe.configuration['oauth.callback.url'], 'https://acme.example.com/auth');
    assert.equal(original.configuration['oauth.api.secret'], 'client-secret-456', 'the input is not changed');
    const store = new Map(secrets.map((s) => [s.name, s.value]));
    const { body: resolved, missing } = await resolveKeychainReferences(safe, async (name) => store.get(name));
    assert.deepEqual(resolved, original);
    assert.deepEqual(missing, []);
  });

  it('lists references the keychain does not hold', async () => {
    const { missing } = await resolveKeychainReferences(
      { element: { key: 'xero' }, configuration: { 'oauth.api.key': '${keychain:nope}' }, name: 'x' },
      async () => undefined,
    );
    assert.deepEqual(missing, ['nope']);
  });
});
