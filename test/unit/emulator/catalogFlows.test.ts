/** Every flow of every catalog element can be provisioned through the emulator, the way a client would. */
import assert from 'node:assert/strict';
import type { Instance, OAuthTokenResponse, OAuthUrlResponse } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { FLOW_TYPES, hasBrowserStep } from '../../../src/core/catalog/flowTypes';
import type { ConfigField, ElementDefinition, FlowDefinition, QueryParam } from '../../../src/core/catalog/types';
import { detectFlow } from '../../../src/core/instanceFile/requirements';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api, callbackParams, decide } from './helpers';

const CALLBACK = 'http://127.0.0.1:9000/callback?vscode-reqid=1';

function sampleValue(field: ConfigField): string {
  if (field.role === 'callbackUrl') return CALLBACK;
  if (field.default !== undefined) return field.default;
  if (field.kind === 'boolean') return 'true';
  if (field.kind === 'number') return '1';
  if (field.kind === 'url') return 'https://example.test/';
  return `value-of-${field.key}`;
}

function queryFor(params: readonly QueryParam[], configuration: Record<string, string>, requestToken?: string): string {
  const query = new URLSearchParams();
  for (const param of params) {
    const value =
      param.source.from === 'config' ? configuration[param.source.key] : param.source.from === 'state' ? 'st' : requestToken;
    if (value !== undefined) query.set(param.name, value);
  }
  return query.toString();
}

async function provision(emulator: RunningEmulator, element: ElementDefinition, flow: FlowDefinition): Promise<number> {
  const configuration = Object.fromEntries(flow.configuration.map((field) => [field.key, sampleValue(field)]));
  const providerData: Record<string, string> = {};
  const step = FLOW_TYPES[flow.type].authorization;
  if (step !== 'none') {
    let secret: string | undefined;
    let requestToken: string | undefined;
    if (step === 'oauth1') {
      const token = await api<OAuthTokenResponse>(emulator, `/elements/${element.key}/oauth/token?${queryFor(flow.oauth?.token?.params ?? [], configuration)}`, { auth: false });
      assert.equal(token.status, 200, `${element.key} oauth/token: ${token.text}`);
      ({ token: requestToken, secret } = token.json);
    }
    const url = await api<OAuthUrlResponse>(
      emulator,
      `/elements/${element.key}/oauth/url?${queryFor(flow.oauth?.url.params ?? [], configuration, requestToken)}`,
      { auth: false },
    );
    assert.equal(url.status, 200, `${element.key} oauth/url: ${url.text}`);
    const params = callbackParams((await decide(url.json.oauthUrl, 'allow')).location);
    for (const field of flow.providerData) {
      const value = field.source.from === 'callback' ? params.get(field.source.param) : secret;
      if (value !== null && value !== undefined) providerData[field.key] = value;
    }
  }
  const created = await api<Instance>(emulator, '/instances', {
    body: {
      element: { key: element.key },
      ...(Object.keys(providerData).length > 0 && { providerData }),
      configuration,
      name: `${element.key} ${flow.type}`,
      ...(flow.externalAuthentication && { externalAuthentication: flow.externalAuthentication }),
    },
  });
  assert.equal(created.status, 200, `${element.key} ${flow.type}: ${created.text}`);
  return created.status;
}

describe('emulator: every catalog flow end to end', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  // One test per element: 163 in one test took over mocha's 10 s beside other work on the machine.
  let provisioned = 0;
  for (const element of catalog.elements) {
    it(`provisions ${element.key}'s flows (${element.flows.map((flow) => flow.type).join(', ')})`, async () => {
      for (const flow of element.flows) {
        // A body without providerData is meant for the element's first flow without a browser step.
        if (!hasBrowserStep(flow.type) && detectFlow(element, { externalAuthentication: flow.externalAuthentication }) !== flow) continue;
        await provision(emulator, element, flow);
        provisioned++;
      }
    });
  }

  it(`provisioned at least one flow of each of the ${catalog.elements.length} elements`, () => {
    assert.ok(provisioned >= catalog.elements.length, `${provisioned} flows provisioned`);
  });
});
