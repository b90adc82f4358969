/**
 * The import rules of `npm run lint:deps` (.dependency-cruiser.cjs) fire on what they forbid and on
 * nothing else: a scratch tree laid out like src/ gets one planted violation of each rule (every
 * upward pair of layers, generated from the config's own lists) beside the imports the layers allow,
 * and dependency-cruiser must report exactly the planted ones. Then the real tree: every emulator
 * file and every extension folder is placed in a layer.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';

const root = join(__dirname, '../../..');

interface Layers {
  EXTENSION_FEATURES: string[];
  CONSOLE_EXTENSION_SIDE: string[];
  PROVISIONING_EXTENSION_SIDE: string[];
  EMULATOR_LAYERS: Array<{ layer: string; files: string[] }>;
  ADAPTERS: string[];
}
interface Config {
  forbidden: Array<{ name: string }>;
  options: Record<string, unknown>;
  layers: Layers;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS config dependency-cruiser reads
const config = require(join(root, '.dependency-cruiser.cjs')) as Config;
const { EXTENSION_FEATURES, CONSOLE_EXTENSION_SIDE, PROVISIONING_EXTENSION_SIDE, EMULATOR_LAYERS, ADAPTERS } = config.layers;

/** One import of the scratch tree: `to` is a path under the scratch root, or a package name. */
interface Edge {
  from: string;
  to: string;
  typeOnly?: boolean;
  /** The rules this import must be reported under; none: it is allowed. */
  rules: string[];
}

/** An import statement of `to`, seen from `from`. */
function importLine(from: string, to: string, typeOnly: boolean, n: number): string {
  const isPath = to.startsWith('src/');
  let specifier = isPath ? posix.relative(posix.dirname(from), to).replace(/\.ts$/, '') : to;
  if (isPath && !specifier.startsWith('.')) specifier = `./${specifier}`;
  return typeOnly ? `import type { Shape as Shape${n} } from '${specifier}';\nexport type Uses${n} = Shape${n};` : `import * as value${n} from '${specifier}';\nexport const uses${n} = value${n};`;
}

/** Writes the tree: every file named by an edge exists, exports a value and a type, and imports what its edges say. */
function writeTree(dir: string, edges: Edge[]): void {
  const files = new Map<string, string[]>();
  const touch = (file: string) => files.get(file) ?? (files.set(file, []), files.get(file)!);
  for (const [n, edge] of edges.entries()) {
    touch(edge.from).push(importLine(edge.from, edge.to, edge.typeOnly ?? false, n));
    if (edge.to.startsWith('src/')) touch(edge.to);
  }
  for (const [file, lines] of files) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), `${lines.join('\n')}\nexport type Shape = { readonly kind: string };\nexport const value = 1;\n`);
  }
}

/** The violations dependency-cruiser reports for the tree, as `rule: from → to`, and the files on a reported cycle. */
async function violations(dir: string): Promise<{ found: string[]; circular: Set<string> }> {
  const { cruise } = await import('dependency-cruiser');
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result = await cruise(['src'], { ...options, baseDir: dir, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string; cycle?: Array<{ name: string }> }> } };
  const found: string[] = [];
  const circular = new Set<string>();
  for (const violation of output.summary.violations) {
    if (violation.rule.name === 'no-circular') for (const file of [violation.from, ...(violation.cycle ?? []).map((step) => step.name)]) circular.add(file);
    else found.push(`${violation.rule.name}: ${violation.from} → ${violation.to}`);
  }
  return { found: found.sort(), circular };
}

const feature = (name: string, file = 'leaf') => `src/extension/${name}/${file}.ts`;
/** What other files import of a feature: for the console and provisioning (loaded on first use), a file of their extension side. */
const featureTarget = (name: string) => (name === 'console' || name === 'provisioning' ? feature(name, 'contract') : feature(name));
const emulator = (file: string) => `src/emulator/${file}.ts`;

/** The scratch tree: allowed imports of every kind, and one planted violation per rule and upward pair. */
function scratchEdges(): { edges: Edge[]; cycle: string[] } {
  const edges: Edge[] = [];
  const allow = (from: string, to: string, typeOnly = false) => edges.push({ from, to, typeOnly, rules: [] });
  const plant = (from: string, to: string, rules: string[], typeOnly = false) => edges.push({ from, to, typeOnly, rules });

  // Allowed: adapters on core, core on packages and Node, the composition root on every feature, features on shared files.
  for (const adapter of ADAPTERS) allow(`src/${adapter}/main.ts`, 'src/core/pure.ts');
  allow('src/core/pure.ts', 'node:path');
  allow('src/extension/shared.ts', 'vscode');
  allow('src/extension/shared.ts', 'src/extension/otherShared.ts');
  for (const name of EXTENSION_FEATURES) {
    allow('src/extension/extension.ts', featureTarget(name));
    allow(feature(name, 'usesShared'), 'src/extension/shared.ts');
  }

  // Planted: a cycle of type imports only, across three folders.
  const cycle = ['src/core/one/a.ts', 'src/core/two/b.ts', 'src/core/three/c.ts'];
  cycle.forEach((file, i) => edges.push({ from: file, to: cycle[(i + 1) % cycle.length]!, typeOnly: true, rules: [] }));

  // Planted: core on each adapter and on vscode; vscode outside the extension; adapters on each other; the root imported.
  for (const adapter of ADAPTERS) plant(`src/core/to_${adapter}.ts`, adapter === 'emulator' ? emulator('http') : `src/${adapter}/target.ts`, ['core-not-to-adapters'], true);
  plant('src/core/editor.ts', 'vscode', ['vscode-only-in-extension'], true);
  plant('src/cli/editor.ts', 'vscode', ['vscode-only-in-extension']);
  plant('src/cli/toAction.ts', 'src/action/target.ts', ['adapters-not-to-each-other'], true);
  plant('src/extension/toCli.ts', 'src/cli/target.ts', ['adapters-not-to-each-other']);
  plant('src/action/toRoot.ts', 'src/extension/extension.ts', ['adapters-not-to-each-other', 'extension-root-imported'], true);

  // Every ordered pair of extension features: downward allowed, upward planted (type imports, the subtle case).
  EXTENSION_FEATURES.forEach((lower, i) =>
    EXTENSION_FEATURES.forEach((other, j) => {
      if (i === j) return;
      if (j > i) allow(feature(lower, `on_${other}`), featureTarget(other));
      else plant(feature(lower, `on_${other}`), featureTarget(other), [`extension-upward-from-${lower}`], true);
    }),
  );
  for (const name of EXTENSION_FEATURES) plant(feature(name, 'onRoot'), 'src/extension/extension.ts', ['extension-root-imported', `extension-upward-from-${name}`], true);
  plant('src/extension/sharedOnFeature.ts', featureTarget(EXTENSION_FEATURES.at(-1)!), ['extension-shared-to-feature'], true);
  plant('src/extension/newFolder/x.ts', 'src/extension/shared.ts', ['extension-unplaced-folder']);

  // The console: its code only through lazyConsole's require of feature.ts; its types from anywhere.
  const consoleSide = feature('console', 'sendRequest');
  const top = EXTENSION_FEATURES[0]!;
  allow(feature('console', 'lazyConsole'), feature('console', 'feature'));
  allow(feature('console', 'feature'), consoleSide);
  allow(feature(top, 'consoleTypes'), consoleSide, true);
  for (const side of CONSOLE_EXTENSION_SIDE) allow(feature(top, `on_${side}`), feature('console', side));
  plant(feature(top, 'consoleCode'), consoleSide, ['console-loaded-on-first-use']);
  plant(feature('console', 'register'), consoleSide, ['console-loaded-on-first-use']);
  plant(feature('console', 'register'), feature('console', 'feature'), ['console-entry-only-from-lazy-console']);

  // Provision Element: its code only through register's require of feature.ts; its types from anywhere.
  const provisioningSide = feature('provisioning', 'runFlow');
  allow(feature('provisioning', 'register'), feature('provisioning', 'feature'));
  allow(feature('provisioning', 'feature'), provisioningSide);
  allow(feature(top, 'provisioningTypes'), provisioningSide, true);
  for (const side of PROVISIONING_EXTENSION_SIDE) allow(feature(top, `on_provisioning_${side}`), feature('provisioning', side));
  plant(feature(top, 'provisioningCode'), provisioningSide, ['provisioning-loaded-on-first-use']);
  plant(feature('provisioning', 'texts'), provisioningSide, ['provisioning-loaded-on-first-use']);
  plant(feature('provisioning', 'contract'), feature('provisioning', 'feature'), ['provisioning-entry-only-from-register']);

  // Every ordered pair of emulator layers: a file of one layer imports a file of the other that imports nothing
  // (the layer's last file; a layer of one file plays both parts, which makes no cycle: its imports all end in such files).
  EMULATOR_LAYERS.forEach((from, i) =>
    EMULATOR_LAYERS.forEach((to, j) => {
      if (i === j) return;
      const importer = emulator(from.files[0]!);
      const target = emulator(to.files.at(-1)!);
      if (j > i) allow(importer, target);
      else plant(importer, target, [`emulator-upward-from-${from.layer}`], true);
    }),
  );
  plant(emulator('newThing'), emulator('base/http'), ['emulator-unplaced-file']);
  return { edges, cycle };
}

describe('the import rules (npm run lint:deps, .dependency-cruiser.cjs)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('report each planted violation under its rule, and no allowed import', async () => {
    const { edges, cycle } = scratchEdges();
    writeTree(dir, edges);
    const { found, circular } = await violations(dir);
    const expected = edges.flatMap((edge) => edge.rules.map((rule) => `${rule}: ${edge.from} → ${edge.to}`)).sort();
    assert.deepEqual(found, expected);
    assert.deepEqual([...circular].sort(), [...cycle].sort(), 'the cycle of type imports is reported, and nothing else is circular');
    // Every rule of the config was planted at least once.
    const planted = new Set(edges.flatMap((edge) => edge.rules));
    planted.add('no-circular');
    for (const rule of config.forbidden) assert.ok(planted.has(rule.name), `${rule.name} has a planted violation`);
  });

  it('a tree without the planted imports has no violation', async () => {
    const clean = join(dir, 'clean');
    writeTree(clean, scratchEdges().edges.filter((edge) => edge.rules.length === 0 && !edge.from.includes('/one/') && !edge.from.includes('/two/') && !edge.from.includes('/three/')));
    assert.deepEqual((await violations(clean)).found, []);
    assert.equal((await violations(clean)).circular.size, 0);
  });

  it('place every emulator file in exactly one layer, and name no file that is gone', () => {
    const placed = EMULATOR_LAYERS.flatMap(({ files }) => files).sort();
    assert.equal(new Set(placed).size, placed.length, 'no file in two layers');
    const onDisk: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) onDisk.push(relative(join(root, 'src/emulator'), path).replaceAll('\\', '/').replace(/\.ts$/, ''));
      }
    };
    walk(join(root, 'src/emulator'));
    assert.deepEqual(placed, onDisk.sort());
  });

  it('order every folder of src/extension, and name the console files that exist', () => {
    const folders = readdirSync(join(root, 'src/extension'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.deepEqual([...EXTENSION_FEATURES].sort(), folders.sort());
    for (const file of [...CONSOLE_EXTENSION_SIDE, 'feature']) assert.ok(existsSync(join(root, `src/extension/console/${file}.ts`)), `src/extension/console/${file}.ts`);
    assert.match(readFileSync(join(root, 'src/extension/console/lazyConsole.ts'), 'utf8'), /require\('\.\/feature'\)/);
  });

  it('is the check npm run lint:deps runs on src/', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    assert.equal(scripts['lint:deps'], 'depcruise src --config .dependency-cruiser.cjs --output-type err');
  });
});
