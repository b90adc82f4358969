/**
 * Issue 18 item 4, the toolkit's side: Cloud Elements shows a secret as "********", and the
 * toolkit never takes that mask for the secret. For every secret field of the catalog: the API
 * client refuses to send it back (a write carrying it would replace the real secret), the
 * console's Send refuses it, Save instance.json writes a placeholder instead (and stores nothing
 * in the keychain), the wizard does not prefill it, and the linter and "Provision from This File"
 * call it what it is.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudElementsClient } from '../../../src/core/api/client';
import { ApiError } from '../../../src/core/api/errors';
import { isMaskedValue, MASKED_VALUE } from '../../../src/core/api/masked';
import type { CreateInstanceRequest, Instance } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import type { ConfigField, ElementDefinition, FlowDefinition } from '../../../src/core/catalog/types';
import { sendRequest } from '../../../src/core/console/send';
import { extractSecrets } from '../../../src/core/instanceFile/keychainRefs';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { remainingPlaceholders } from '../../../src/core/instanceFile/placeholders';
import { fieldPrompts } from '../../../src/extension/provisioning/fieldPrompts';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api, quickbooksTokenBody } from '../emulator/helpers';
import { startStub, sendJson, type StubServer } from './stubServer';

type Case = [element: ElementDefinition, flow: FlowDefinition, field: ConfigField];

const secretFields: Case[] = catalog.elements.flatMap((element) =>
  element.flows.flatMap((flow) => flow.configuration.filter((field) => field.secret).map((field): Case => [element, flow, field])),
);

/** A body for the flow with every field set, the secret one to the mask. */
function bodyWithMask(element: ElementDefinition, flow: FlowDefinition, masked: ConfigField): CreateInstanceRequest {
  const configuration = Object.fromEntries(flow.configuration.map((field) => [field.key, field.key === masked.key ? MASKED_VALUE : field.default ?? 'value']));
  return { element: { key: element.key }, name: 'n', configuration, ...(flow.externalAuthentication && { externalAuthentication: flow.externalAuthentication }) };
}

describe('the toolkit never takes "********" for the secret', () => {
  let stub: StubServer;
  let client: CloudElementsClient;
  before(async () => {
    stub = await startStub((_request, response) => sendJson(response, 200, { id: 1 }));
    client = new CloudElementsClient({ baseUrl: stub.baseUrl, credentials: { userSecret: 'u', orgSecret: 'o' } });
  });
  after(() => stub.close());

  it(`covers the catalog: ${secretFields.length} secret fields`, () => assert.ok(secretFields.length > 150));

  it('property: for every secret field, no write carrying the mask leaves the client or the console', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secretFields), fc.constantFrom(MASKED_VALUE, '***', ' ******** '), async ([element, flow, field], mask) => {
        const body = bodyWithMask(element, flow, field);
        body.configuration[field.key] = mask;
        const before = stub.requests.length;
        for (const write of [
          () => client.createInstance(body),
          () => client.reauthenticateInstance(1, body),
          () => client.updateInstance(1, { configuration: { [field.key]: mask } }),
        ]) {
          const error = await write().then(() => undefined, (e: unknown) => e);
          assert.ok(error instanceof ApiError, `${element.key} ${field.key}: refused`);
          assert.equal(error.kind, 'invalid-request');
          assert.equal(error.definitive, true, 'nothing was sent');
          assert.ok(error.message.includes(`configuration "${field.key}" holds a mask (Cloud Elements shows a secret as "********"), not the secret itself`), error.message);
        }
        const sent = await sendRequest(
          { method: 'PATCH', path: ['instances', '1'], query: [], headers: [['Content-Type', 'application/json']], body: JSON.stringify({ configuration: { [field.key]: mask } }) },
          { baseUrl: stub.baseUrl, secrets: async () => 'x' },
        );
        assert.ok(!sent.ok && sent.problem.kind === 'unsendable' && !sent.problem.mayHaveTakenEffect);
        assert.equal(stub.requests.length, before, 'nothing reached the server');
      }),
      { numRuns: 150 },
    );
  });

  it('property: Save instance.json writes a placeholder, stores nothing; the wizard does not prefill it; the linter and Provision from This File flag it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...secretFields), ([element, flow, field]) => {
        const body = bodyWithMask(element, flow, field);
        const { body: saved, secrets } = extractSecrets(body, element.key, flow);
        assert.ok(!Object.values(saved.configuration).some(isMaskedValue), 'no mask written to the file');
        assert.ok(!secrets.some((secret) => isMaskedValue(secret.value)), 'no mask stored in the keychain');
        const prompt = fieldPrompts(element, flow, { prefill: body.configuration }).find((candidate) => candidate.key === field.key);
        if (prompt) assert.ok(!isMaskedValue(prompt.value), 'no mask prefilled');
        assert.ok(remainingPlaceholders(body).includes(`configuration "${field.key}"`), 'not ready to send');
        const messages = lintInstanceText(JSON.stringify(body)).map((diagnostic) => diagnostic.message);
        assert.ok(messages.some((message) => message.startsWith(`"${field.key}" holds "********", the mask Cloud Elements shows in place of a secret`)), messages.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  describe('against the emulator, which masks as the service does', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ port: 0 });
    });
    after(() => emulator.close());

    it('re-authorizing from what GET returned: the masked entries are not offered as values, and cannot be sent back', async () => {
      const created = await api<Instance>(emulator, '/instances', { body: quickbooksTokenBody('QBO') });
      const real = new CloudElementsClient({ baseUrl: emulator.apiBaseUrl, credentials: { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret } });
      const instance = await real.getInstance(created.json.id);
      assert.equal(instance.configuration?.['oauth.api.secret'], MASKED_VALUE);
      const element = catalog.get('quickbooks')!;
      const flow = catalog.flow(element, 'token')!;
      const prompts = fieldPrompts(element, flow, { prefill: instance.configuration ?? {} });
      assert.ok(prompts.every((prompt) => !isMaskedValue(prompt.value)), 'no prompt offers a mask');
      assert.equal(prompts.find((prompt) => prompt.key === 'quickbooks.realm.id')?.value, '123', 'the real values are offered');
      const roundTrip = await real.updateInstance(instance.id, { configuration: instance.configuration as Record<string, string> }).then(() => undefined, (e: unknown) => e);
      assert.ok(roundTrip instanceof ApiError && roundTrip.kind === 'invalid-request');
      const stored = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as Array<{ configuration: Record<string, string> }>;
      assert.equal(stored[0]!.configuration['oauth.api.secret'], 's', 'the real secret is still there');
    });
  });
});
