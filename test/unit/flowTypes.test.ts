/**
 * The layers that know something specific to a flow type, each through one exhaustive map keyed
 * by `FlowType` (CONTRIBUTING.md, "Adding a flow type"). A type added to `FlowType` fails to
 * compile in every map below until each layer handles it; this suite checks the layers agree.
 * Likewise the emulator's maps keyed by `FakeProvider`, the catalog's kinds of browser step.
 */
import assert from 'node:assert/strict';
import { catalog } from '../../src/core/catalog';
import { FLOW_TYPES, type AuthorizationStep } from '../../src/core/catalog/flowTypes';
import type { FlowType } from '../../src/core/catalog/types';
import { BODY_SIGNS, detectFlow } from '../../src/core/instanceFile/requirements';
import { buildTemplate } from '../../src/core/instanceFile/template';
import { FAKE_PROVIDERS, PROTOCOL_LABELS, type FakeProvider } from '../../src/emulator/base/fakeProviders';
import { EMULATED_FLOWS, PROVIDER_FLOWS } from '../../src/emulator/platform/flowTypes';
import { URL_STEPS } from '../../src/emulator/routes/oauth';
import { AUTHORIZE_PAGES } from '../../src/emulator/routes/provider';
import { FLOW_DETAIL } from '../../src/extension/pickers';

/** In the order a contributor fills them in. */
const LAYERS = {
  'catalog (src/core/catalog/flowTypes.ts FLOW_TYPES)': FLOW_TYPES,
  'linter requirements (src/core/instanceFile/requirements.ts BODY_SIGNS)': BODY_SIGNS,
  'pickers (src/extension/pickers.ts FLOW_DETAIL)': FLOW_DETAIL,
  'emulator (src/emulator/platform/flowTypes.ts EMULATED_FLOWS)': EMULATED_FLOWS,
} as const;

// Type level, checked by `npm run typecheck`: every layer's map is keyed by exactly FlowType, so
// none can be loosened to a Partial or a string-keyed record without this failing to compile.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type KeyedByFlowType = { [Layer in keyof typeof LAYERS]: Equals<keyof (typeof LAYERS)[Layer], FlowType> };
const everyLayerKeyedByFlowType: KeyedByFlowType = {
  'catalog (src/core/catalog/flowTypes.ts FLOW_TYPES)': true,
  'linter requirements (src/core/instanceFile/requirements.ts BODY_SIGNS)': true,
  'pickers (src/extension/pickers.ts FLOW_DETAIL)': true,
  'emulator (src/emulator/platform/flowTypes.ts EMULATED_FLOWS)': true,
};

const FLOW_TYPE_NAMES = Object.keys(FLOW_TYPES) as FlowType[];

describe('flow types: one exhaustive map per layer', () => {
  for (const [layer, map] of Object.entries(LAYERS)) {
    it(`${layer} has an entry for every flow type and no other`, () => {
      assert.equal(everyLayerKeyedByFlowType[layer as keyof typeof LAYERS], true);
      assert.deepEqual(Object.keys(map).sort(), [...FLOW_TYPE_NAMES].sort());
    });
  }

  it('the emulator takes each type through the fake provider of the browser step the catalog gives it', () => {
    for (const type of FLOW_TYPE_NAMES) assert.equal(EMULATED_FLOWS[type].provider, FLOW_TYPES[type].authorization, type);
  });

  it('the flow picker promises a browser step exactly for the types that take one', () => {
    for (const type of FLOW_TYPE_NAMES) {
      assert.equal(/no browser step/.test(FLOW_DETAIL[type]), FLOW_TYPES[type].authorization === 'none', `${type}: ${FLOW_DETAIL[type]}`);
    }
  });

  it('a type with a browser step or an externalAuthentication leaves a sign in its bodies', () => {
    for (const type of FLOW_TYPE_NAMES) {
      const { authorization, externalAuthentication } = FLOW_TYPES[type];
      if (authorization !== 'none' || externalAuthentication !== undefined) assert.ok(BODY_SIGNS[type], `${type} has a body sign`);
    }
  });

  it('every catalog flow is of a described type, and the template of a flow whose type has a sign is read as that flow', () => {
    let signed = 0;
    for (const element of catalog.elements) {
      for (const flow of element.flows) {
        assert.ok(Object.hasOwn(FLOW_TYPES, flow.type), `${element.key}: ${flow.type}`);
        if (!BODY_SIGNS[flow.type]) continue;
        assert.equal(detectFlow(element, buildTemplate(element, flow)), flow, `${element.key} ${flow.type}`);
        signed++;
      }
    }
    assert.ok(signed > 0);
  });
});

/**
 * The emulator's maps keyed by fake provider, in the order a contributor fills them in. The
 * compiler also names two places no value can list: the pending page's fields (`PendingFields` in
 * `src/emulator/stores/grants.ts`) and the decision's switch (`decide` in `routes/provider.ts`).
 */
const PROVIDER_LAYERS = {
  'labels (src/emulator/base/fakeProviders.ts PROTOCOL_LABELS)': PROTOCOL_LABELS,
  'exchange (src/emulator/platform/flowTypes.ts PROVIDER_FLOWS)': PROVIDER_FLOWS,
  'oauth/url (src/emulator/routes/oauth.ts URL_STEPS)': URL_STEPS,
  'authorize page (src/emulator/routes/provider.ts AUTHORIZE_PAGES)': AUTHORIZE_PAGES,
} as const;

// Type level: every fake provider is a browser step of the catalog, and each map is keyed by exactly
// the providers (the exchange also by `none`, the flows without a browser step).
const providersAreTheCatalogsSteps: Equals<FakeProvider, Exclude<AuthorizationStep, 'none'>> = true;
type KeyedByFakeProvider = { [Layer in keyof typeof PROVIDER_LAYERS]: Equals<Exclude<keyof (typeof PROVIDER_LAYERS)[Layer], 'none'>, FakeProvider> };
const everyProviderLayerKeyed: KeyedByFakeProvider = {
  'labels (src/emulator/base/fakeProviders.ts PROTOCOL_LABELS)': true,
  'exchange (src/emulator/platform/flowTypes.ts PROVIDER_FLOWS)': true,
  'oauth/url (src/emulator/routes/oauth.ts URL_STEPS)': true,
  'authorize page (src/emulator/routes/provider.ts AUTHORIZE_PAGES)': true,
};

describe('fake providers: one exhaustive map per emulator layer', () => {
  for (const [layer, map] of Object.entries(PROVIDER_LAYERS)) {
    it(`${layer} has an entry for every fake provider and no other`, () => {
      assert.equal(providersAreTheCatalogsSteps, true);
      assert.equal(everyProviderLayerKeyed[layer as keyof typeof PROVIDER_LAYERS], true);
      assert.deepEqual(Object.keys(map).filter((key) => key !== 'none').sort(), [...FAKE_PROVIDERS].sort());
    });
  }

  it('every browser step of the catalog has a fake provider, whose exchange is its own', () => {
    for (const type of FLOW_TYPE_NAMES) {
      const step = FLOW_TYPES[type].authorization;
      if (step !== 'none') assert.ok(FAKE_PROVIDERS.includes(step), `${type}: ${step}`);
    }
    for (const provider of [...FAKE_PROVIDERS, 'none'] as const) assert.equal(PROVIDER_FLOWS[provider].provider, provider);
  });
});
