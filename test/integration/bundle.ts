/**
 * Bundles the suite for the extension host: each entry (index.ts, every *.test.ts) of
 * test/integration/suite/ and activation/ into out/integration/ as CommonJS. `vscode` is the
 * host's; mocha resolves from the repository's node_modules at run time.
 */
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../host/paths';

export const OUT_DIR = join(ROOT, 'out/integration');
const SOURCE_DIR = join(ROOT, 'test/integration');
const ENTRY_FOLDERS = ['suite', 'activation'];

function entryPoints(): string[] {
  return ENTRY_FOLDERS.flatMap((folder) =>
    readdirSync(join(SOURCE_DIR, folder))
      .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
      .map((name) => join(SOURCE_DIR, folder, name)),
  );
}

export async function bundleSuite(): Promise<void> {
  await rm(OUT_DIR, { recursive: true, force: true });
  await build({
    entryPoints: entryPoints(),
    outdir: OUT_DIR,
    outbase: SOURCE_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
    mainFields: ['module', 'main'],
  });
}
