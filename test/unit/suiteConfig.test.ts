import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the test suites themselves', () => {
  for (const config of ['.mocharc.json', 'test/e2e/.mocharc.json']) {
    it(`${config} fails on a stray .only or .skip`, () => {
      const options = JSON.parse(readFileSync(join(ROOT, config), 'utf8')) as Record<string, unknown>;
      assert.equal(options.forbidOnly, true);
      assert.equal(options.forbidPending, true);
    });
  }

  it('the extension-host runner forbids .only (its skips are refused by protocol.ts)', () => {
    assert.match(readFileSync(join(ROOT, 'test/integration/mochaRun.ts'), 'utf8'), /forbidOnly: true/);
  });
});
