/**
 * The linter as the extension and elements-lint run it: the core bundled and minified by esbuild,
 * as scripts/build.mjs bundles them. Not the TypeScript sources through tsx, whose per-file
 * transform puts every reference to another module's export behind a getter call (some 40 % of a
 * lint's time), which no user's copy has.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as lint from '../../src/core/instanceFile/lint';

type Linter = typeof lint;

export function shippedLinter(): Linter {
  const root = join(__dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'elements-bench-linter-'));
  try {
    const outfile = join(dir, 'lint.js');
    buildSync({
      entryPoints: [join(root, 'src/core/instanceFile/lint.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
    return createRequire(__filename)(outfile) as Linter;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
