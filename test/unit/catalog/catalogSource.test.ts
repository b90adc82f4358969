/**
 * The catalog reads each element's definition only when it is first asked for (the bundles read
 * dist/catalog.json an element per line): a lint of one file reads the one element it names.
 */
import assert from 'node:assert/strict';
import { Catalog } from '../../../src/core/catalog';
import { catalogSource } from '../../../src/core/catalog/elements';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { fixture } from '../helpers';

function countingCatalog() {
  const source = catalogSource();
  const read: string[] = [];
  const catalog = new Catalog(() => ({ ...source, element: (index: number) => (read.push(source.keys[index]!), source.element(index)) }));
  return { catalog, read, source };
}

describe('the catalog, read an element at a time', () => {
  it('a lint of one file reads the element it names, once, and the same diagnostics as the whole catalog', () => {
    const { catalog, read } = countingCatalog();
    const text = fixture('seeds/xero-oauth2.instance.json');
    assert.deepEqual(lintInstanceText(text, { catalog }), lintInstanceText(text));
    lintInstanceText(text, { catalog });
    assert.deepEqual(read, ['xero']);
  });

  it('suggestions for an unknown element and its aliases need no definition', () => {
    const { catalog, read, source } = countingCatalog();
    assert.deepEqual(catalog.suggest('quickbook'), ['quickbooks']);
    const [alias, key] = source.aliases[0]!;
    assert.deepEqual(catalog.suggest(alias.toUpperCase()), [key]);
    assert.equal(catalog.get('no-such-element'), undefined);
    assert.deepEqual(read, []);
  });

  it('every element, in catalog order, each read once', () => {
    const { catalog, read, source } = countingCatalog();
    assert.deepEqual(catalog.elements.map((element) => element.key), source.keys);
    assert.equal(catalog.elements.length, source.keys.length);
    assert.deepEqual(read, source.keys);
  });
});
