/** Searching the catalog by name, key, hub or flow, in Cloud Elements' or SAP Open Connectors' words. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import { searchElements, searchWords } from '../../../src/core/catalog/search';

const keys = (query: string) => searchElements(catalog.elements, query).map((element) => element.key);

describe('catalog search', () => {
  it('"connector" and "element" say what is searched for, not which: dropped', () => {
    assert.deepEqual(searchWords('QuickBooks connector'), ['quickbooks']);
    assert.deepEqual(searchWords('Xero Element'), ['xero']);
    assert.deepEqual(keys('quickbooks connector')[0], 'quickbooks');
    assert.deepEqual(keys('connector xero'), keys('xero'));
    assert.equal(keys('connectors').length, catalog.elements.length, 'only generic words: everything');
  });

  it('matches names, keys, aliases, hubs and flows in any order; the exact name or key first', () => {
    assert.equal(keys('xero')[0], 'xero');
    assert.equal(keys('QuickBooks Online')[0], 'quickbooks');
    assert.equal(keys('online quickbooks')[0], 'quickbooks');
    assert.ok(keys('finance oauth').includes('xero'));
    assert.ok(keys('FreshBooks Classic').includes('freshbooks'), 'a documented alias');
    assert.deepEqual(keys('no-such-connector-anywhere'), []);
  });

  it('property: every result matches every word; an element always finds itself by key and by name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.elements.map((element) => element.key)), fc.constantFrom('', 'connector', 'Connectors', 'element'), (key, extra) => {
        const element = catalog.get(key)!;
        assert.equal(keys(`${key} ${extra}`).includes(key), true);
        assert.equal(searchElements(catalog.elements, `${extra} ${element.name}`).includes(element), true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (query) => {
        const words = searchWords(query);
        for (const element of searchElements(catalog.elements, query)) {
          const text = [element.name, element.key, element.hub, ...(element.aliases ?? []), ...element.flows.map((flow) => flow.label)].join(' ').toLowerCase();
          for (const word of words) assert.ok(text.normalize('NFKD').includes(word), `${element.key} matches ${word}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
