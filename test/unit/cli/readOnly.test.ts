/**
 * Issue 19 item 8: `elements-lint --fix` (and the extension's Save instance.json, which replaces
 * a file the same way) refuses a file the user cannot write, as editors do — exit 2 and the
 * reason — instead of renaming a new file over it. Root can write anything, so "cannot write"
 * is decided as an editor decides it: the file's owner-write bit (VS Code shows such a file as
 * read-only), then access(W_OK) for the user running it. The suite runs as whoever runs it and,
 * when that is root, runs the CLI again as an unprivileged user; `access` is injectable so both
 * answers are proven on any machine.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import * as esbuild from 'esbuild';
import type { WriteOps } from '../../../src/cli/files';
import { runCli } from '../../../src/cli/run';
import { nodeWriteOps } from '../../../src/core/node/replaceFile';
import { writeFileAtomically, writeFailureReason } from '../../../src/extension/atomicFile';

const CURLY = '{\n  “element”: {“key”: “xero”},\n  “name”: “Acme”\n}\n';
const STRAIGHT = '{\n  "element": {"key": "xero"},\n  "name": "Acme"\n}\n';
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

describe('a file the user cannot write is refused, never replaced (issue 19 item 8)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-only-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], writeOps?: WriteOps) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, ...(writeOps && { writeOps }) });
    return { code, stdout, stderr };
  }

  it(`--fix on a file without write permission bits: exit 2, the reason, the file as it was (running as ${isRoot ? 'root' : 'a user'}) (property over modes)`, async () => {
    const readOnlyModes = fc.integer({ min: 0, max: 0o777 }).filter((mode) => (mode & 0o200) === 0 && (mode & 0o400) !== 0);
    await fc.assert(
      fc.asyncProperty(readOnlyModes, async (mode) => {
        const path = join(dir, 'ro.json');
        await writeFile(path, CURLY);
        await chmod(path, mode);
        await writeFile(join(dir, 'ok.json'), CURLY);
        const result = await run(['--fix', 'ro.json', 'ok.json']);
        assert.equal(result.code, 2);
        const shown = (mode & 0o777).toString(8).padStart(4, '0');
        assert.match(result.stderr, new RegExp(`^elements-lint: Cannot write "ro\\.json": it is read-only \\(mode ${shown}\\); left as it is$`, 'm'));
        assert.equal(await readFile(path, 'utf8'), CURLY);
        assert.equal((await stat(path)).mode & 0o777, mode);
        assert.equal(await readFile(join(dir, 'ok.json'), 'utf8'), STRAIGHT, 'the other file is still fixed');
        assert.deepEqual((await readdir(dir)).sort(), ['ok.json', 'ro.json'], 'no temp file left');
        await chmod(path, 0o644);
      }),
      { numRuns: 20 },
    );
  });

  it('decides as an editor does, whoever runs it: root-like access (always allowed) and a refused access (EACCES)', async () => {
    await writeFile(join(dir, 'a.json'), CURLY);
    await chmod(join(dir, 'a.json'), 0o444);
    const rootLike: WriteOps = { ...nodeWriteOps, access: async () => undefined };
    const refused = await run(['--fix', 'a.json'], rootLike);
    assert.equal(refused.code, 2, 'mode 0444 is read-only even when the system would let the user write it');
    assert.match(refused.stderr, /Cannot write "a\.json": it is read-only \(mode 0444\); left as it is/);

    await chmod(join(dir, 'a.json'), 0o644);
    const denied: WriteOps = { ...nodeWriteOps, access: async () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) };
    const other = await run(['--fix', 'a.json'], denied);
    assert.equal(other.code, 2, 'a file the user may not write (another user\'s) is not replaced because the folder allows a rename');
    assert.match(other.stderr, /Cannot write "a\.json": you do not have permission to write it; left as it is/);
    assert.equal(await readFile(join(dir, 'a.json'), 'utf8'), CURLY);

    const allowed = await run(['--fix', 'a.json'], rootLike);
    assert.equal(allowed.stderr, '', 'no file problem (exit 1 only for what the linter still finds)');
    assert.equal(await readFile(join(dir, 'a.json'), 'utf8'), STRAIGHT, 'a writable file is still fixed');
  });

  it('a file made read-only while it was being fixed is not replaced either', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, CURLY);
    const chmodDuringWrite: WriteOps = {
      ...nodeWriteOps,
      open: async (temp, flags, mode) => {
        await chmod(path, 0o444);
        return nodeWriteOps.open(temp, flags, mode);
      },
    };
    const result = await run(['--fix', 'a.json'], chmodDuringWrite);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Cannot write "a\.json": it is read-only \(mode 0444\); left as it is/);
    assert.equal(await readFile(path, 'utf8'), CURLY);
    assert.deepEqual(await readdir(dir), ['a.json']);
  });

  it('as an unprivileged user (the suite runs as root: the CLI runs again as uid 65534): read-only and other users\' files are refused', async function () {
    if (!isRoot) {
      // Already unprivileged: the first test ran as such a user. Proven here too, with a file of another owner when one can be made.
      const path = join(dir, 'mine.json');
      await writeFile(path, CURLY);
      await chmod(path, 0o444);
      const result = await run(['--fix', 'mine.json']);
      assert.equal(result.code, 2);
      assert.equal(await readFile(path, 'utf8'), CURLY);
      return;
    }
    await chmod(dir, 0o777);
    await chown(dir, NOBODY, NOBODY);
    const own = join(dir, 'own.json');
    const others = join(dir, 'others.json');
    const fine = join(dir, 'fine.json');
    await writeFile(own, CURLY);
    await chown(own, NOBODY, NOBODY);
    await chmod(own, 0o444);
    await writeFile(others, CURLY);
    await chmod(others, 0o644);
    await writeFile(fine, CURLY);
    await chown(fine, NOBODY, NOBODY);
    await chmod(fine, 0o644);
    // The CLI bundled into the test's own folder: the unprivileged user may not be able to read the
    // checkout (a clone under a 0700 home folder), and this test is about the files, not the checkout.
    const cli = join(dir, 'elements-lint.cjs');
    await esbuild.build({ entryPoints: [resolve(__dirname, '../../../src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'silent' });
    await chmod(cli, 0o644);
    const result = await promisify(execFile)(process.execPath, [cli, '--fix', 'own.json', 'others.json', 'fine.json'], {
      cwd: dir,
      uid: NOBODY,
      gid: NOBODY,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
      encoding: 'utf8',
    }).then(
      (done) => ({ code: 0, ...done }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Cannot write "own\.json": it is read-only \(mode 0444\); left as it is/);
    assert.match(result.stderr, /Cannot write "others\.json": you do not have permission to write it; left as it is/);
    assert.equal(await readFile(own, 'utf8'), CURLY);
    assert.equal(await readFile(others, 'utf8'), CURLY);
    assert.equal((await stat(others)).uid, 0, 'still root\'s file, not replaced by one of the unprivileged user');
    assert.equal(await readFile(fine, 'utf8'), STRAIGHT);
  });

  it('the extension\'s Save instance.json refuses a read-only target the same way, and says why', async () => {
    const path = join(dir, 'xero.instance.json');
    await writeFile(path, 'old');
    await chmod(path, 0o444);
    const error = await writeFileAtomically(path, 'new').then(
      () => assert.fail('refused'),
      (e: unknown) => e,
    );
    assert.equal(writeFailureReason(error), 'it is read-only (mode 0444)');
    assert.equal(await readFile(path, 'utf8'), 'old');
    assert.deepEqual(await readdir(dir), ['xero.instance.json']);
  });
});
