import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/core/catalog';

const DIST = join(__dirname, '..', '..', 'dist');

describe('the bundles (npm test builds them first)', () => {
  it('ship the catalog as dist/catalog.json, equal to the source catalog', () => {
    const file = join(DIST, 'catalog.json');
    assert.ok(existsSync(file), 'dist/catalog.json exists');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(catalog.elements)));
  });

  for (const bundle of ['extension.js', 'cli.js', 'emulator.js']) {
    it(`${bundle} reads the catalog on first use instead of compiling it in`, () => {
      const code = readFileSync(join(DIST, bundle), 'utf8');
      assert.match(code, /catalog\.json/);
      // A documented element's placeholder text appears in the data only.
      assert.doesNotMatch(code, /INSERT_REALM_ID/);
    });
  }

  it('the VSIX includes the catalog file', () => {
    assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/catalog\.json$/m);
  });
});
