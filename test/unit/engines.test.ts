import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const ROOT = join(__dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('engines', () => {
  it('every direct dependency accepts each Node version package.json promises (no EBADENGINE on npm ci)', () => {
    const manifest = readJson(join(ROOT, 'package.json')) as { engines: { node: string }; dependencies: object; devDependencies: object };
    const ours = manifest.engines.node;
    const disagreements: string[] = [];
    for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]) {
      const theirs = (readJson(join(ROOT, 'node_modules', name, 'package.json')).engines as { node?: string } | undefined)?.node;
      if (theirs && !semver.subset(ours, theirs)) disagreements.push(`${name} wants node ${theirs}`);
    }
    assert.deepEqual(disagreements, [], `package.json promises node ${ours}`);
  });
});
