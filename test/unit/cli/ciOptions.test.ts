/**
 * The options a CI job and a pre-commit hook use: --fail-level (which findings make exit code 1)
 * and --sarif-output (a SARIF log written by the run itself, next to the report on stdout: a file
 * that exists only when elements-lint ran to the end).
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../../src/cli/run';
import { fixturesDir } from '../helpers';
import { mutated, SEEDS } from '../instanceFile/arbitraries';

describe('elements-lint --fail-level and --sarif-output', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-ci-'));
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(dir, 'valid.json'));
    await copyFile(join(fixturesDir, 'lint/url.instance.json'), join(dir, 'warning.json'));
    await copyFile(join(fixturesDir, 'lint/value-type.instance.json'), join(dir, 'error.json'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
    return { code, stdout, stderr };
  }

  describe('--fail-level', () => {
    it('error (the default): exit 1 for errors only', async () => {
      assert.equal((await run('warning.json')).code, 0);
      assert.equal((await run('--fail-level', 'error', 'warning.json')).code, 0);
      assert.equal((await run('--fail-level', 'error', 'error.json')).code, 1);
    });

    it('warning: exit 1 for warnings too', async () => {
      assert.equal((await run('--fail-level', 'warning', 'valid.json')).code, 0);
      assert.equal((await run('--fail-level', 'warning', 'warning.json')).code, 1);
      assert.equal((await run('--fail-level', 'warning', 'error.json')).code, 1);
    });

    it('none: findings are reported and never fail the run; an unreadable file still does', async () => {
      const result = await run('--fail-level', 'none', 'error.json');
      assert.equal(result.code, 0);
      assert.match(result.stdout, /error/);
      assert.equal((await run('--fail-level', 'none', 'error.json', 'missing.json')).code, 2);
    });

    it('an unknown level is a usage error', async () => {
      const result = await run('--fail-level', 'info', 'valid.json');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^elements-lint: Unknown fail level "info": use error, warning or none\n/);
    });

    it('the exit code follows the findings, the fail level and the unreadable files, for any mutation of the seeds', async () => {
      const texts = fc.sample(mutated(SEEDS), { numRuns: 30 });
      const files = await Promise.all(texts.map(async (text, i) => {
        await writeFile(join(dir, `m${i}.json`), text);
        return `m${i}.json`;
      }));
      const reports = JSON.parse((await run('--format', 'json', '--fail-level', 'none', ...files)).stdout) as Array<{ diagnostics: Array<{ severity: string }> }>;
      const severities = new Set(reports.flatMap((report) => report.diagnostics.map((d) => d.severity)));
      await fc.assert(
        fc.asyncProperty(fc.subarray(files, { minLength: 1 }), fc.constantFrom('error', 'warning', 'none'), fc.boolean(), async (chosen, level, withMissing) => {
          const result = await run('--format', 'json', '--fail-level', level, ...chosen, ...(withMissing ? ['missing.json'] : []));
          const found = new Set((JSON.parse(result.stdout) as typeof reports).flatMap((report) => report.diagnostics.map((d) => d.severity)));
          const fails = level === 'error' ? found.has('error') : level === 'warning' ? found.size > 0 : false;
          assert.equal(result.code, withMissing ? 2 : fails ? 1 : 0);
        }),
        { numRuns: 40 },
      );
      assert.ok(severities.has('error') && severities.has('warning'), 'the sample has both severities');
    });
  });

  describe('--sarif-output', () => {
    it('writes the same SARIF log --format sarif prints, and keeps stdout to the chosen format', async () => {
      const result = await run('--sarif-output', 'out/report.sarif', 'error.json', 'warning.json');
      assert.equal(result.code, 2, 'the folder out/ does not exist');
      assert.match(result.stderr, /Cannot write the SARIF log "out\/report\.sarif": no such folder/);

      await mkdir(join(dir, 'out'));
      const withFile = await run('--sarif-output', 'out/report.sarif', 'error.json', 'warning.json');
      assert.equal(withFile.code, 1);
      assert.match(withFile.stdout, /^error\.json\n/, 'stylish on stdout');
      const printed = await run('--format', 'sarif', 'error.json', 'warning.json');
      assert.equal(await readFile(join(dir, 'out/report.sarif'), 'utf8'), printed.stdout);
      assert.deepEqual(await readdir(join(dir, 'out')), ['report.sarif'], 'no temporary file left');
    });

    it('is written even when a file cannot be read, with the file as a tool notification', async () => {
      const result = await run('--format', 'json', '--sarif-output', 'report.sarif', 'valid.json', 'missing.json');
      assert.equal(result.code, 2);
      assert.deepEqual(JSON.parse(result.stdout), [{ file: 'valid.json', diagnostics: [] }]);
      const log = JSON.parse(await readFile(join(dir, 'report.sarif'), 'utf8'));
      assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'Cannot read "missing.json": no such file' } }] }]);
    });

    it('is not written after a usage error: the run did not happen', async () => {
      const result = await run('--sarif-output', 'report.sarif', '--format', 'xml', 'valid.json');
      assert.equal(result.code, 2);
      await assert.rejects(stat(join(dir, 'report.sarif')), { code: 'ENOENT' });
    });

    it('replaces an older log atomically, and says so when it cannot', async () => {
      await writeFile(join(dir, 'report.sarif'), 'stale');
      assert.equal((await run('--sarif-output', 'report.sarif', 'valid.json')).code, 0);
      assert.equal(JSON.parse(await readFile(join(dir, 'report.sarif'), 'utf8')).runs[0].results.length, 0);

      // A full disk: the old log stays as it was, and the run says why it failed.
      const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      let stderr = '';
      const code = await runCli(['--sarif-output', 'report.sarif', 'error.json'], {
        cwd: dir,
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        color: false,
        writeOps: { open: () => Promise.reject(full), rename: () => Promise.reject(full), unlink: () => Promise.resolve() },
      });
      assert.equal(code, 2);
      assert.match(stderr, /Cannot write the SARIF log "report\.sarif": no space left on the disk/);
      assert.equal(JSON.parse(await readFile(join(dir, 'report.sarif'), 'utf8')).runs[0].results.length, 0, 'the previous log is intact');
    });

    it('refuses a folder as the SARIF path', async () => {
      await mkdir(join(dir, 'reports'));
      const result = await run('--sarif-output', 'reports', 'valid.json');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /Cannot write the SARIF log "reports": it is a directory/);
    });
  });
});
