/**
 * What an elements-lint process loads before it lints: a pre-commit hook starts it on every
 * commit, so a run that names its files loads only the program — not the glob library, nor
 * Node's crypto, promise file API, streams or net — and turns on Node's compile cache where
 * Node has one. Measured in `npm run bench` (scripts/bench/startup.ts); asserted here as behaviour.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { isDynamicPattern } from 'tinyglobby';
import { mayBeGlob } from '../../../src/cli/onFirstUse';
import { fixturesDir } from '../helpers';

const DIST = join(__dirname, '../../../dist');
const exec = promisify(execFile);

/** Node modules that a run naming its files has no use for. */
const NOT_AT_START = ['crypto', 'fs/promises', 'internal/fs/promises', 'net', 'stream', 'tty', 'internal/modules/esm/loader'];

interface Loaded {
  code: number;
  stdout: string;
  natives: string[];
  files: string[];
}

describe('what an elements-lint run loads (dist/, built by npm test first)', () => {
  let dir: string;
  let probe: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-startup-'));
    probe = join(dir, 'probe.cjs');
    // Preloaded: at exit, the Node modules loaded after it, and every file in require's cache.
    await writeFile(
      probe,
      `const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const natives = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
  require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ natives, files: Object.keys(require.cache) }));
});\n`,
    );
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(dir, 'valid.instance.json'));
    await copyFile(join(fixturesDir, 'lint/value-type.instance.json'), join(dir, 'bad.instance.json'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Loaded> {
    const out = join(dir, 'probe.json');
    const result: { code?: number; stdout: string } = await exec(process.execPath, ['-r', probe, join(DIST, 'cli.js'), ...args], {
      cwd: dir,
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', ...env, PROBE_OUT: out },
    }).catch((error: { code: number; stdout: string }) => error);
    const { natives, files } = JSON.parse(await readFile(out, 'utf8')) as { natives: string[]; files: string[] };
    return { code: result.code ?? 0, stdout: result.stdout, natives, files: files.filter((file) => file !== probe) };
  }

  it('a clean file named on the command line: the entry and the program, and none of the modules it has no use for', async () => {
    const loaded = await run(['valid.instance.json']);
    assert.equal(loaded.code, 0);
    assert.deepEqual(loaded.files, [join(DIST, 'cli.js'), join(DIST, 'cli-program.js')]);
    for (const name of NOT_AT_START) assert.ok(!loaded.natives.includes(name), `${name} is not loaded: ${loaded.natives.join(' ')}`);
  });

  it('findings printed to a pipe: still no stream, no tty, no net', async () => {
    const loaded = await run(['bad.instance.json']);
    assert.equal(loaded.code, 1);
    assert.match(loaded.stdout, /value-type/);
    for (const name of NOT_AT_START) assert.ok(!loaded.natives.includes(name), `${name} is not loaded: ${loaded.natives.join(' ')}`);
  });

  it('a glob loads cli-glob.js, and no copy of a glob library from a node_modules folder', async () => {
    const loaded = await run(['*.instance.json']);
    assert.equal(loaded.code, 1);
    assert.deepEqual(loaded.files, [join(DIST, 'cli.js'), join(DIST, 'cli-program.js'), join(DIST, 'cli-glob.js')]);
  });

  it('on Node 22.1 and later the program is compiled into the compile cache; on Node 20 nothing is written', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'elements-lint-compile-cache-'));
    try {
      await run(['valid.instance.json'], { NODE_DISABLE_COMPILE_CACHE: undefined, NODE_COMPILE_CACHE: cache });
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const entries = await readdir(cache, { recursive: true });
      if (major > 22 || (major === 22 && minor >= 1)) assert.ok(entries.length > 0, 'the cache has the program');
      else assert.deepEqual(entries, []);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('a pattern without any glob character is never a glob, so the glob library need not load to tell', () => {
    const char = fc.oneof(fc.constantFrom('*', '?', '[', ']', '{', '}', '(', ')', '!', '+', '@', '\\', '/', '.', '-', '_', ' ', ',', '^', '$', '|', '#'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 20 }).map((chars) => chars.join('')), (pattern) => {
        if (!mayBeGlob(pattern)) assert.equal(isDynamicPattern(pattern), false, pattern);
      }),
      { numRuns: 2000 },
    );
    assert.ok(mayBeGlob('instances/*.json') && !mayBeGlob('instances/a.json'));
  });
});
