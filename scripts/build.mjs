// Bundles the extension, its instance console (loaded on first use), the CLI and the emulator with esbuild, and writes the element catalog
// (dist/catalog.json, read by the bundles on first use) and the instance-file JSON schema generated from it.
// Usage: node scripts/build.mjs [--dev] [--watch]
import * as esbuild from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const dev = process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

// The catalog's data module becomes a reader of dist/catalog.json: 190 KB of data parsed on first
// use instead of compiled into every bundle and evaluated at load.
const CATALOG_FILE = 'catalog.json';
const catalogAsDataFile = {
  name: 'catalog-as-data-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/elements$/ }, (args) =>
      args.importer.replaceAll('\\', '/').endsWith('src/core/catalog/index.ts') ? { path: 'catalog-data', namespace: 'catalog-data' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'catalog-data' }, () => ({
      loader: 'js',
      contents: `const { readFileSync } = require('node:fs');
const { join } = require('node:path');
exports.loadElements = () => JSON.parse(readFileSync(join(__dirname, ${JSON.stringify(CATALOG_FILE)}), 'utf8'));`,
    }));
  },
};

// Features loaded the first time they are used, each a bundle of its own: extension.js keeps the
// loader's require('./feature-module') as require('./<outfile>'), and the bundle is built from that module.
const ON_FIRST_USE = [
  // The instance console: the first Test Connection, API node, request document or Send.
  { loader: 'src/extension/console/lazyConsole.ts', request: './feature', entry: 'src/extension/console/feature.ts', outfile: 'console.js' },
  // The linter: the first instance file linted or fixed (most JSON files that activate the extension are not instance files).
  { loader: 'src/extension/instanceFiles/lazyLinter.ts', request: './linterFeature', entry: 'src/extension/instanceFiles/linterFeature.ts', outfile: 'linter.js' },
];
const featuresOnFirstUse = {
  name: 'features-on-first-use',
  setup(build) {
    for (const feature of ON_FIRST_USE) {
      const filter = new RegExp(`^${feature.request.replaceAll('.', '\\.')}$`);
      build.onResolve({ filter }, (args) =>
        args.importer.replaceAll('\\', '/').endsWith(feature.loader) ? { path: `./${feature.outfile}`, external: true } : undefined,
      );
    }
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev ? 'linked' : false,
  minify: !dev,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  // ESM dependencies bundled into CommonJS read import.meta.url; give them this file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  plugins: [catalogAsDataFile],
};

const importMetaShim = "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
const shebang = '#!/usr/bin/env node';

const builds = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    banner: { js: importMetaShim },
    plugins: [catalogAsDataFile, featuresOnFirstUse],
  },
  ...ON_FIRST_USE.map((feature) => ({ entryPoints: [feature.entry], outfile: `dist/${feature.outfile}`, external: ['vscode'], banner: { js: importMetaShim } })),
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `${shebang}\n${importMetaShim}` } },
  { entryPoints: ['src/emulator/main.ts'], outfile: 'dist/emulator.js', banner: { js: `${shebang}\n${importMetaShim}` } },
];

async function writeCatalogAndSchema() {
  const { buildInstanceSchema } = await tsImport('../src/core/instanceFile/schema.ts', import.meta.url);
  const { catalog } = await tsImport('../src/core/catalog/index.ts', import.meta.url);
  await mkdir('dist', { recursive: true });
  await writeFile(`dist/${CATALOG_FILE}`, JSON.stringify(catalog.elements));
  await writeFile('dist/instance.schema.json', JSON.stringify(buildInstanceSchema(catalog), null, 2) + '\n');
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context({ ...common, ...options });
    await ctx.watch();
  }
  await writeCatalogAndSchema();
  console.log('watching for changes…');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
  await writeCatalogAndSchema();
  for (const [i, result] of results.entries()) {
    const bytes = result.metafile.outputs[builds[i].outfile].bytes;
    console.log(`${builds[i].outfile.padEnd(20)} ${(bytes / 1024).toFixed(1)} KiB`);
  }
}
