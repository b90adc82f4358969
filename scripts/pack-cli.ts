/**
 * `npm run pack:cli`: the elements-lint package, elements-lint-<version>.tgz.
 *
 * elements-lint/ is the package as it is committed: the GitHub Action (action.yml) and the
 * pre-commit hook (.pre-commit-hooks.yaml) run it from a checkout of this repository, where nothing
 * is built. This script refreshes its built files from dist/ (the CLI's bundles, the catalog, the
 * Action's entry point), its package.json from the root one, and its LICENSE; its README.md is
 * written by hand. Then `npm pack` makes the tarball: no dependencies, so it installs offline.
 * test/unit/package/cliPackage.test.ts fails while the committed files differ from a fresh build.
 *
 * Usage: npm run pack:cli [-- --out <folder>]   (builds first; the tarball goes to the repository root by default)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = join(__dirname, '..');
export const PACKAGE_DIR = join(ROOT, 'elements-lint');

/** The files of the package that are copied from dist/. action.js is the Action's, not packed. */
export const FROM_DIST = ['cli.js', 'cli-program.js', 'cli-glob.js', 'catalog.json', 'action.js'] as const;
/** What the tarball holds besides package.json, README.md and LICENSE, which npm always packs. */
export const PACKED = ['cli.js', 'cli-program.js', 'cli-glob.js', 'catalog.json'] as const;
/** Run directly: the command, by the pre-commit hook through its shebang. */
export const EXECUTABLE = ['cli.js'] as const;

interface RootManifest {
  version: string;
  license: string;
  engines: { node: string };
}

/** The package's package.json, made from the root one: same version, licence and Node versions. */
export function packageManifest(root: RootManifest): string {
  const manifest = {
    name: 'elements-lint',
    version: root.version,
    description: 'Lints Cloud Elements instance.json files: curly quotes, JSON syntax, required keys per element and flow, placeholders, value types, URLs and plain-text secrets.',
    license: root.license,
    // Never published: the name on the npm registry is not this project's (see README.md). npm
    // pack and installing the tarball work; npm publish refuses.
    private: true,
    type: 'commonjs',
    bin: { 'elements-lint': 'cli.js' },
    files: [...PACKED],
    engines: { node: root.engines.node },
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Every generated file of elements-lint/ as a fresh build makes it (README.md is not generated). */
export function expectedFiles(root = ROOT): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of FROM_DIST) files.set(name, readFileSync(join(root, 'dist', name)));
  files.set('package.json', Buffer.from(packageManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as RootManifest)));
  files.set('LICENSE', readFileSync(join(root, 'LICENSE')));
  return files;
}

/** Writes the generated files into elements-lint/, the command executable. */
export function refreshPackage(root = ROOT): void {
  for (const [name, content] of expectedFiles(root)) writeFileSync(join(root, 'elements-lint', name), content);
  for (const name of EXECUTABLE) chmodSync(join(root, 'elements-lint', name), 0o755);
}

/** `npm pack` of elements-lint/ into `out`; returns the tarball's path. */
export function pack(out: string, root = ROOT): string {
  const [result] = JSON.parse(execFileSync('npm', ['pack', join(root, 'elements-lint'), '--pack-destination', out, '--json', '--silent'], { encoding: 'utf8' })) as Array<{ filename: string }>;
  return join(out, result!.filename);
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = resolve(at === -1 ? ROOT : process.argv[at + 1] ?? ROOT);
  refreshPackage();
  const tarball = pack(out);
  console.log(`elements-lint/ refreshed from dist/; packed ${tarball}`);
}
