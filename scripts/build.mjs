// Bundles the extension, its instance console (loaded on first use), the CLI (in parts) and the emulator with esbuild, and writes the element catalog
// (dist/catalog.json, read by the bundles on first use) and the instance-file JSON schema generated from it.
// Usage: node scripts/build.mjs [--dev] [--watch]
import * as esbuild from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const dev = process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

// The catalog's data module becomes a reader of dist/catalog.json: 226 KB of data read on first use
// instead of compiled into every bundle and evaluated at load. The file is a JSON array written one
// entry per line — first the index (every key and alias), then one element per line — so a reader
// parses the index and only the elements it is asked for: a lint of one file parses one element, and
// the process never holds the whole catalog's objects (some 1.5 MB the garbage collector would copy).
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
exports.catalogSource = () => {
  const lines = readFileSync(join(__dirname, ${JSON.stringify(CATALOG_FILE)}), 'utf8').split('\\n');
  const { keys, aliases } = JSON.parse(lines[0].slice(1, -1));
  return { keys, aliases, element: (index) => JSON.parse(lines[index + 1].slice(0, -1)) };
};`,
    }));
  },
};

/** dist/catalog.json: `[{"keys": […], "aliases": [[alias, key], …]},` then one element per line, `…]` (valid JSON as a whole). */
function catalogFile(elements) {
  const index = { keys: elements.map((element) => element.key), aliases: elements.flatMap((element) => (element.aliases ?? []).map((alias) => [alias, element.key])) };
  return `[${[index, ...elements].map((entry) => JSON.stringify(entry)).join(',\n')}]`;
}

// Features loaded the first time they are used, each a bundle of its own: extension.js keeps the
// loader's require('./feature-module') as require('./<outfile>'), and the bundle is built from that module.
const ON_FIRST_USE = [
  // The instance console: the first Test Connection, API node, request document or Send.
  { loader: 'src/extension/console/lazyConsole.ts', request: './feature', entry: 'src/extension/console/feature.ts', outfile: 'console.js' },
  // Provision Element and the way back from the browser: the first provisioning command or callback.
  { loader: 'src/extension/provisioning/register.ts', request: './feature', entry: 'src/extension/provisioning/feature.ts', outfile: 'provisioning.js' },
  // The Events commands: the first Forward to…, Enable/Disable Events or callback URL choice.
  { loader: 'src/extension/events/register.ts', request: './commands', entry: 'src/extension/events/commands.ts', outfile: 'events.js' },
  // The event receiver's server: when it starts (the Events view shown, or events first used).
  { loader: 'src/extension/events/eventInbox.ts', request: './receiver', entry: 'src/extension/events/receiver.ts', outfile: 'receiver.js' },
  // The linter: the first instance file linted or fixed (most JSON files that activate the extension are not instance files).
  { loader: 'src/extension/instanceFiles/lazyLinter.ts', request: './linterFeature', entry: 'src/extension/instanceFiles/linterFeature.ts', outfile: 'linter.js' },
];
// elements-lint: dist/cli.js only turns on the compile cache and loads the program (cli-program.js);
// the glob library (a fifth of the code) is loaded only for a pattern that may be a glob.
const CLI_PARTS = [
  { loader: 'src/cli/main.ts', request: './program', entry: 'src/cli/program.ts', outfile: 'cli-program.js' },
  { loader: 'src/cli/onFirstUse.ts', request: './glob', entry: 'src/cli/glob.ts', outfile: 'cli-glob.js' },
];
const featuresOnFirstUse = {
  name: 'features-on-first-use',
  setup(build) {
    for (const feature of [...ON_FIRST_USE, ...CLI_PARTS]) {
      const filter = new RegExp(`^${feature.request.replaceAll('.', '\\.')}$`);
      build.onResolve({ filter }, (args) =>
        args.importer.replaceAll('\\', '/').endsWith(feature.loader) ? { path: `./${feature.outfile}`, external: true } : undefined,
      );
    }
  },
};

// fdir (under tinyglobby) probes for an optional picomatch with createRequire(import.meta.url) as it
// loads. From a bundle that finds whatever picomatch sits in a node_modules above it — the
// repository's own, or a stranger's where elements-lint is installed. tinyglobby gives fdir its own
// matcher, so the bundles give fdir a require that finds nothing, as in an install without picomatch.
const noOptionalRequireInFdir = {
  name: 'no-optional-require-in-fdir',
  setup(build) {
    build.onResolve({ filter: /^(node:)?module$/ }, (args) =>
      /[\\/]node_modules[\\/]fdir[\\/]/.test(args.importer) ? { path: 'fdir-module', namespace: 'no-optional-require' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-optional-require' }, () => ({
      loader: 'js',
      contents: `const none = () => { throw Object.assign(new Error('not in the bundle'), { code: 'MODULE_NOT_FOUND' }); };
exports.createRequire = () => Object.assign(none, { resolve: none });`,
    }));
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
  plugins: [catalogAsDataFile, noOptionalRequireInFdir],
};

const importMetaShim = "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
const shebang = '#!/usr/bin/env node';

const builds = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    banner: { js: importMetaShim },
    plugins: [catalogAsDataFile, noOptionalRequireInFdir, featuresOnFirstUse],
  },
  ...ON_FIRST_USE.map((feature) => ({ entryPoints: [feature.entry], outfile: `dist/${feature.outfile}`, external: ['vscode'], banner: { js: importMetaShim } })),
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: shebang }, plugins: [featuresOnFirstUse] },
  ...CLI_PARTS.map((part) => ({ entryPoints: [part.entry], outfile: `dist/${part.outfile}`, banner: { js: importMetaShim }, plugins: [...common.plugins, featuresOnFirstUse] })),
  // The GitHub Action's entry point; `npm run pack:cli` puts it beside the CLI in elements-lint/.
  { entryPoints: ['src/action/main.ts'], outfile: 'dist/action.js' },
  { entryPoints: ['src/emulator/main.ts'], outfile: 'dist/emulator.js', banner: { js: `${shebang}\n${importMetaShim}` } },
];

async function writeCatalogAndSchema() {
  const { buildInstanceSchema } = await tsImport('../src/core/instanceFile/schema.ts', import.meta.url);
  const { catalog } = await tsImport('../src/core/catalog/index.ts', import.meta.url);
  await mkdir('dist', { recursive: true });
  await writeFile(`dist/${CATALOG_FILE}`, catalogFile(catalog.elements));
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
    const bytes = result.metafile.outputs[builds[i].outfile].bytes; if (i === 0) (await import('node:fs')).writeFileSync('/tmp/meta.json', JSON.stringify(result.metafile));
    console.log(`${builds[i].outfile.padEnd(20)} ${(bytes / 1024).toFixed(1)} KiB`);
  }
}
