import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  EXCLUDED_KEYS,
  OUTPUT_PATH,
  SEED_KEYS,
  curate,
  curateWithReport,
  readRawElements,
  renderCurated,
} from '../../../scripts/curate-catalog';
import { catalog } from '../../../src/core/catalog';
import { validateElement } from '../../../src/core/catalog/validate';
import { missingRequired } from '../../../src/core/instanceFile/requirements';
import { buildTemplate } from '../../../src/core/instanceFile/template';

const raw = readRawElements();
const committed = readFileSync(OUTPUT_PATH, 'utf8');
const curated = JSON.parse(committed) as Array<{ key: string }>;

describe('element catalog', () => {
  it('has only valid elements, seed and curated alike', () => {
    const problems = catalog.elements.flatMap((element) => validateElement(element).map((problem) => `${element.key}: ${problem}`));
    assert.deepEqual(problems, []);
  });

  it('covers every key of the raw documentation extract', () => {
    assert.equal(raw.length, 163);
    const missing = raw.map((element) => element.key).filter((key) => !catalog.get(key) && !(key in EXCLUDED_KEYS));
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(EXCLUDED_KEYS), [], 'no raw element is excluded');
    assert.equal(catalog.elements.length, 163);
  });

  it('keeps the hand-written seed elements for the seed keys', () => {
    for (const key of SEED_KEYS) assert.equal(catalog.get(key)?.origin, 'seed', key);
    const curatedKeys = catalog.elements.filter((element) => element.origin === 'curated').map((element) => element.key);
    assert.equal(curatedKeys.length, 159);
  });

  it('defines every flow the raw auth types name (no flow skipped)', () => {
    assert.deepEqual(curateWithReport(raw).skippedFlows, []);
  });

  it('matches the committed curatedElements.json (regenerate with npx tsx scripts/curate-catalog.ts)', () => {
    const elements = curate(raw);
    assert.deepEqual(elements, curated);
    assert.equal(committed, renderCurated(elements), 'same formatting and key order');
  });

  it('lists curated elements sorted by key', () => {
    const keys = curated.map((element) => element.key);
    assert.deepEqual(keys, [...keys].sort());
  });

  it('generates, for every flow, a template with every required entry', () => {
    for (const element of catalog.elements) {
      for (const flow of element.flows) {
        const template = buildTemplate(element, flow);
        for (const field of flow.configuration.filter((candidate) => candidate.required)) {
          assert.ok(field.key in template.configuration, `${element.key} ${flow.type}: template lacks ${field.key}`);
        }
        assert.deepEqual(missingRequired(flow, template), { configuration: [], providerData: [] }, `${element.key} ${flow.type}`);
      }
    }
  });

  it('resolves documented wrong keys through suggest', () => {
    assert.deepEqual(catalog.suggest('FreshBooks Classic'), ['freshbooks']);
    assert.deepEqual(catalog.suggest('basecrm'), ['base']);
    assert.deepEqual(catalog.suggest('dynamicscrm'), ['dynamicscrmadfs']);
    for (const element of catalog.elements) {
      for (const alias of element.aliases ?? []) {
        assert.equal(catalog.get(alias), undefined, `alias ${alias} is not itself a key`);
        assert.deepEqual(catalog.suggest(alias), [element.key], alias);
      }
    }
  });

  it('groups elements in lower-case hubs', () => {
    for (const hub of catalog.hubs()) assert.match(hub, /^[a-z]+$/);
    assert.ok(catalog.hubs().includes('crm'));
  });
});
