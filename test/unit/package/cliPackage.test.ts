/**
 * The elements-lint package as other repositories get it: the committed elements-lint/ folder
 * (what the GitHub Action and the pre-commit hook run) and the tarball `npm run pack:cli` makes,
 * installed offline into an empty folder and run there as its README says.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectedFiles, EXECUTABLE, pack, PACKAGE_DIR, PACKED } from '../../../scripts/pack-cli';
import { fixturesDir } from '../helpers';

const exec = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const README = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return exec(file, args, { ...options, maxBuffer: 1 << 26 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** npm, offline, with a cache of its own and a registry that does not answer: nothing can be fetched. */
const offline = (cache: string) => ['--offline', '--registry', 'http://127.0.0.1:9/', '--cache', cache, '--no-audit', '--no-fund', '--ignore-scripts'];

describe('the elements-lint package (elements-lint/, npm run pack:cli)', () => {
  it('the committed files are those a fresh build makes (when this fails: npm run pack:cli, and commit elements-lint/)', () => {
    const stale = [...expectedFiles()].filter(([name, content]) => !readFileSync(join(PACKAGE_DIR, name)).equals(content)).map(([name]) => name);
    assert.deepEqual(stale, [], `elements-lint/ differs from a fresh build in ${stale.join(', ')}`);
  });

  it('its command is executable and starts with a node shebang, as the pre-commit hook runs it', () => {
    for (const name of EXECUTABLE) {
      assert.ok((statSync(join(PACKAGE_DIR, name)).mode & 0o111) !== 0, `${name} is executable`);
      assert.equal(readFileSync(join(PACKAGE_DIR, name), 'utf8').split('\n')[0], '#!/usr/bin/env node');
    }
  });

  it('package.json: no dependencies at all, the elements-lint command, never publishable, the toolkit\'s version, licence and Node versions', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as Record<string, unknown>;
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'scripts', 'repository', 'homepage']) {
      assert.equal(manifest[field], undefined, `no ${field}`);
    }
    assert.deepEqual(manifest.bin, { 'elements-lint': 'cli.js' });
    assert.equal(manifest.private, true);
    assert.equal(manifest.version, root.version);
    assert.equal(manifest.license, root.license);
    assert.deepEqual(manifest.engines, { node: (root.engines as { node: string }).node });
  });

  describe('packed and installed offline into an empty folder', function () {
    this.timeout(120_000);
    let dir: string;
    let tarball: string;
    let project: string;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'elements-lint-package-'));
      tarball = pack(dir);
      // The README's own steps: the tarball kept in the repository, installed with npm, run from an npm script.
      project = join(dir, 'project');
      await mkdir(join(project, 'vendor'), { recursive: true });
      await copyFile(tarball, join(project, 'vendor', `elements-lint-${version}.tgz`));
      const scripts = (JSON.parse(/```json\n([\s\S]*?)\n```/.exec(README)![1]!) as { scripts: Record<string, string> }).scripts;
      await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'another-team', private: true, scripts }, null, 2));
      const install = /^npm install --save-dev (\.\/vendor\/elements-lint-[^ ]+\.tgz)/m.exec(README);
      assert.ok(install, 'the README installs a tarball kept in the repository');
      assert.equal(install[1], `./vendor/elements-lint-${version}.tgz`, 'the README names this version\'s tarball');
      const installed = await run('npm', ['install', '--save-dev', install[1]!, ...offline(join(dir, 'npm-cache'))], { cwd: project });
      assert.equal(installed.code, 0, installed.stderr);
    });

    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('is elements-lint-<version>.tgz, holding the command, its program, the glob part, the catalog, README.md, LICENSE and package.json only', async () => {
      assert.equal(tarball, join(dir, `elements-lint-${version}.tgz`));
      const listed = (await run('tar', ['tzf', tarball], { cwd: dir })).stdout.split('\n').filter(Boolean).sort();
      assert.deepEqual(listed, [...PACKED, 'LICENSE', 'README.md', 'package.json'].map((name) => `package/${name}`).sort());
    });

    it('installs nothing but itself: no dependency, nothing from a registry', async () => {
      assert.deepEqual((await readdir(join(project, 'node_modules'))).filter((name) => !name.startsWith('.')), ['elements-lint']);
      const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; integrity?: string }> };
      assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/elements-lint']);
      assert.match(lock.packages['node_modules/elements-lint']!.integrity ?? '', /^sha512-/, 'the lockfile pins the tarball by its hash');
    });

    it('lints there through the README\'s npm script: exit 1 with the findings, 0 once clean', async () => {
      await mkdir(join(project, 'config/instances'), { recursive: true });
      await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(project, 'config/xero.instance.json'));
      await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(project, 'config/instances/qbo.json'));
      await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(project, 'instance.json'));
      const cache = join(dir, 'npm-cache');
      const found = await run('npm', ['run', '--silent', 'lint:instances', ...offline(cache)], { cwd: project });
      assert.equal(found.code, 1, found.stderr);
      assert.match(found.stdout, /^config\/xero\.instance\.json\n/);
      assert.match(found.stdout, /smart-quotes/);

      const fixed = await run(join(project, 'node_modules/.bin/elements-lint'), ['--fix', 'config/xero.instance.json'], { cwd: project });
      assert.equal(fixed.code, 0, fixed.stderr);
      assert.match(fixed.stdout, /fixed config\/xero\.instance\.json: Replace curly quotes/);
      assert.equal((await run('npm', ['run', '--silent', 'lint:instances', ...offline(cache)], { cwd: project })).code, 0);
    });

    it('keeps the exit codes, the json contract and SARIF of the toolkit\'s build', async () => {
      const bin = join(project, 'node_modules/.bin/elements-lint');
      await writeFile(join(project, 'bad.instance.json'), '{ “element”: {"key": "xero"} }');
      const json = await run(bin, ['--format', 'json', 'bad.instance.json', 'missing.json'], { cwd: project });
      assert.equal(json.code, 2);
      assert.equal(json.stderr, 'elements-lint: Cannot read "missing.json": no such file\n');
      const built = await run(process.execPath, [join(ROOT, 'dist/cli.js'), '--format', 'json', 'bad.instance.json', 'missing.json'], { cwd: project });
      assert.equal(json.stdout, built.stdout);

      const sarif = await run(bin, ['--sarif-output', 'report.sarif', '--fail-level', 'none', 'bad.instance.json'], { cwd: project });
      assert.equal(sarif.code, 0);
      const log = JSON.parse(await readFile(join(project, 'report.sarif'), 'utf8')) as { runs: Array<{ tool: { driver: { name: string; version: string } }; results: unknown[] }> };
      assert.deepEqual([log.runs[0]!.tool.driver.name, log.runs[0]!.tool.driver.version], ['elements-lint', version]);
      assert.ok(log.runs[0]!.results.length > 0);
    });
  });
});
