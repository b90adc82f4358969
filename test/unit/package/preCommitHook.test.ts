/**
 * The pre-commit hook (.pre-commit-hooks.yaml): what pre-commit reads from it, the files it
 * selects (those the extension lints by default), and the hook run as pre-commit runs a
 * `language: script` hook — the entry, a path in this repository, executed with the staged files.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { glob } from 'tinyglobby';
import { parse } from 'yaml';
import { fixturesDir } from '../helpers';

const ROOT = join(__dirname, '../../..');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  types: string[];
  args?: string[];
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'elements-lint')!;
/** The extension's default cloudElements.lint.filePatterns. */
const filePatterns = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
}).contributes.configuration.properties['cloudElements.lint.filePatterns']!.default as string[];

describe('the pre-commit hook', () => {
  it('is one script hook, elements-lint, whose entry is the committed command', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['elements-lint']);
    assert.equal(hook.language, 'script', 'installs nothing: language node would npm-install this repository');
    assert.equal(hook.entry, 'elements-lint/cli.js');
    assert.deepEqual(hook.types, ['file']);
    assert.equal(hook.args, undefined);
  });

  it("selects exactly the files of the extension's default patterns, for any path (generated)", async () => {
    const regex = new RegExp(hook.files);
    const segment = fc.constantFrom('instance.json', 'instances', 'a.instance.json', 'instance.jsonx', 'x.json', 'instances.json', 'config', '.hidden', 'my instance.json', 'instance', 'sub');
    const paths = fc.sample(fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/')), { numRuns: 400 });
    const dir = await mkdtemp(join(tmpdir(), 'elements-lint-hook-paths-'));
    try {
      const files = new Set<string>();
      for (const path of paths) {
        // A path that needs a file where another needs a folder is left out.
        if ([...files].some((file) => file.startsWith(`${path}/`) || path.startsWith(`${file}/`))) continue;
        await mkdir(join(dir, dirname(path)), { recursive: true }).catch(() => undefined);
        if (await writeFile(join(dir, path), '').then(() => true, () => false)) files.add(path);
      }
      // As VS Code matches filePatterns: dot folders included, a folder's name never standing for its files.
      const selected = new Set(await glob(filePatterns, { cwd: dir, dot: true, expandDirectories: false }));
      for (const file of files) assert.equal(regex.test(file), selected.has(file), `${file}: the hook ${regex.test(file) ? 'selects' : 'skips'} it, the patterns ${selected.has(file) ? 'select' : 'skip'} it`);
      assert.ok(selected.size > 10 && selected.size < files.size, `a mix: ${selected.size} of ${files.size}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as pre-commit runs it: the entry executed directly with the staged files, exit 1 on errors and 0 once fixed', async function () {
    this.timeout(30_000);
    const repo = await mkdtemp(join(tmpdir(), 'elements-lint-hook-repo-'));
    try {
      await mkdir(join(repo, 'instances'));
      await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(repo, 'instances/xero.json'));
      await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(repo, 'qbo.instance.json'));
      const staged = ['instances/xero.json', 'qbo.instance.json', 'README.md'].filter((file) => new RegExp(hook.files).test(file));
      const command = join(ROOT, hook.entry);
      const run = (files: string[]) =>
        new Promise<{ code: number; stdout: string }>((done) =>
          execFile(command, files, { cwd: repo }, (error, stdout) => done({ code: error ? (error as { code: number }).code : 0, stdout })),
        );
      const failing = await run(staged);
      assert.equal(failing.code, 1);
      assert.match(failing.stdout, /^instances\/xero\.json\n[\s\S]*smart-quotes/);
      await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(repo, 'instances/xero.json'));
      assert.deepEqual(await run(staged), { code: 0, stdout: '' });
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
