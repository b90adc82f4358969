// `npm run lint` runs this: src/core, bundled by esbuild for a browser, must need no Node built-in.
// The core is the ground a web extension (vscode.dev, github.dev) stands on, as VS Code's
// github-authentication keeps `common/` apart from `node/` and `browser/`. Every module under
// src/core is an entry point except src/core/node/, the part that only Node runs (writing files);
// an import of a Node built-in (`node:fs`, `crypto`, …) anywhere in what they load fails the check
// and names the file. Node's globals (Buffer, process, …) are ESLint's to refuse (eslint.config.mjs).
// Usage: node scripts/check-browser-core.mjs
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';

const root = join(import.meta.dirname, '..');
const core = join(root, 'src', 'core');
const NODE_PART = join(core, 'node') + sep;

/** Every TypeScript module of the core that a browser may load. */
function browserModules(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return (path + sep).startsWith(NODE_PART) ? [] : browserModules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const shown = (path) => relative(root, path).replaceAll(sep, '/');

const refused = [];
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (BUILTINS.has(args.path) || args.path.startsWith('node:')) {
        refused.push(`${shown(args.importer)} imports ${args.path}`);
        return { path: args.path, external: true };
      }
      if (args.importer.startsWith(core) && join(args.resolveDir, args.path).startsWith(NODE_PART)) {
        refused.push(`${shown(args.importer)} imports ${args.path}, which only Node runs`);
        return { path: args.path, external: true };
      }
      return undefined;
    });
  },
};

const entries = browserModules(core);
const result = await esbuild.build({
  stdin: { contents: entries.map((path) => `import ${JSON.stringify(`./${shown(path)}`)};`).join('\n'), resolveDir: root, loader: 'ts' },
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  logLevel: 'silent',
  plugins: [noNodeBuiltins],
});
if (result.errors.length > 0 || refused.length > 0) {
  console.error('src/core must run in a browser too: what needs Node goes behind an interface or into src/core/node/.');
  for (const line of refused) console.error(`  ${line}`);
  for (const error of result.errors) console.error(`  ${error.location?.file ?? ''}:${error.location?.line ?? ''} ${error.text}`);
  process.exit(1);
}
const bytes = result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
console.log(`src/core in a browser: ${entries.length} modules bundled (${Math.round(bytes / 1024)} KB), no Node built-in.`);
