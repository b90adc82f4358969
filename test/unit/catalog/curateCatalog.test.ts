import assert from 'node:assert/strict';
import { corrections, curateWithReport, readRawElements, type Correction, type RawElement } from '../../../scripts/curate-catalog';

const raw = readRawElements();

function rawElement(overrides: Partial<RawElement>): RawElement {
  return {
    key: 'example',
    display_names: ['Example Beta'],
    element_ids: ['42'],
    hub: 'crm',
    primary_auth: 'basic',
    auth_types: ['basic'],
    oauth_flow_calls: [],
    oauth_extra_params: [],
    provider_labels: {},
    callback_params: [],
    callback_example: null,
    configuration_keys: ['username', 'password'],
    providerData_keys: [],
    parameters_table: [],
    example_instance_json: {
      page: 'example.md',
      section: 'Step 1',
      template: {
        element: { key: 'example' },
        configuration: { username: '<USERNAME>', password: '<PASSWORD>', 'filter.response.nulls': true },
        tags: ['<INSERT_TAGS>'],
        name: '<INSERT_INSTANCE_NAME>',
      },
    },
    sources: [],
    ...overrides,
  };
}

describe('curate-catalog', () => {
  it('gives every correction a reason', () => {
    for (const correction of corrections) assert.ok(correction.reason.trim().length > 0, `${correction.element} ${correction.fix.kind}`);
  });

  it('curates a basic element: cleaned name, numeric id, string placeholders, known optional extras', () => {
    const [element] = curateWithReport([rawElement({})], []).elements;
    assert.ok(element);
    assert.equal(element.name, 'Example');
    assert.equal(element.id, 42);
    assert.equal(element.origin, 'curated');
    const [flow] = element.flows;
    assert.deepEqual(
      flow?.configuration.map((field) => [field.key, field.required, field.secret, field.kind, field.placeholder]),
      [
        ['username', true, false, 'string', '<USERNAME>'],
        ['password', true, true, 'string', '<PASSWORD>'],
        ['filter.response.nulls', false, false, 'boolean', 'true'],
      ],
    );
  });

  it('refuses to guess a null hub', () => {
    assert.throws(() => curateWithReport([rawElement({ hub: null })], []), /hub is null/);
  });

  it('refuses to guess an OAuth parameter without a configuration counterpart', () => {
    const oauth = rawElement({
      primary_auth: 'oauth2',
      auth_types: ['oauth2'],
      oauth_extra_params: ['siteAddress'],
      example_instance_json: {
        page: 'example.md',
        section: 'Step 2',
        template: {
          element: { key: 'example' },
          providerData: { code: '<CODE>' },
          configuration: { 'oauth.api.key': '<K>', 'oauth.api.secret': '<S>', 'oauth.callback.url': '<C>' },
          name: '<N>',
        },
      },
    });
    assert.throws(() => curateWithReport([oauth], []), /undecided OAuth parameter siteAddress/);
    const drop: Correction = { element: 'example', fix: { kind: 'param', name: 'siteAddress', key: null }, reason: 'boilerplate' };
    const [element] = curateWithReport([oauth], [drop]).elements;
    assert.deepEqual(
      element?.flows[0]?.oauth?.url.params.map((param) => param.name),
      ['apiKey', 'apiSecret', 'callbackUrl', 'state'],
    );
  });

  it('refuses corrections that no longer match the data', () => {
    const stale: Correction = { element: 'example', fix: { kind: 'placeholder', key: 'nope', value: '<X>' }, reason: 'stale' };
    assert.throws(() => curateWithReport([rawElement({})], [stale]), /placeholder correction for unknown key nope/);
    const unused: Correction = { element: 'example', fix: { kind: 'param', name: 'scope', key: null }, reason: 'unused' };
    assert.throws(() => curateWithReport([rawElement({})], [unused]), /unused corrections/);
  });

  it('skips the hand-written seed elements and curates the other 159', () => {
    const { elements } = curateWithReport(raw);
    assert.equal(elements.length, 159);
    for (const key of ['xero', 'freshbooks', 'sageoneus', 'quickbooks']) {
      assert.ok(!elements.some((element) => element.key === key), key);
    }
  });

  it('does not change its input', () => {
    const before = JSON.stringify(raw);
    curateWithReport(raw);
    assert.equal(JSON.stringify(raw), before);
  });
});
