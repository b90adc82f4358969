import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, link, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WriteOps } from '../../../src/cli/files';
import { formatStylish } from '../../../src/cli/format';
import { runCli } from '../../../src/cli/run';
import { fixture } from '../helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const CURLY = '{\n  “element”: {“key”: “xero”},\n  “name”: “Acme”\n}\n';
const STRAIGHT = '{\n  "element": {"key": "xero"},\n  "name": "Acme"\n}\n';

describe('elements-lint files', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-files-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], writeOps?: WriteOps): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, writeOps });
    return { code, stdout, stderr };
  }

  const leftovers = async () => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));

  it('reports the vandalised body of the docs and still reports the next file (was: a crash, and no report at all)', async () => {
    await writeFile(join(dir, 'b.json'), '{"your_mom":{"key":"xero"},"name":"n","configuration":{}}');
    await writeFile(join(dir, 'q.json'), fixture('lint/smart-quotes.instance.json'));
    const result = await run(['--format', 'json', 'b.json', 'q.json']);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    const [b, q] = JSON.parse(result.stdout);
    assert.equal(b.diagnostics[0].message, 'Missing "element": "your_mom" holds the element key; the API only reads "element"');
    assert.ok(b.diagnostics.some((d: { message: string }) => /Missing "providerData" for xero/.test(d.message)));
    assert.equal(q.diagnostics.length, 10);
  });

  it('--fix leaves valid JSON with curly quotes inside a string as it is', async () => {
    const text = '{"element":{"key":"xero"},"name":"Called “Acme”, Inc.","configuration":{}}';
    await writeFile(join(dir, 'acme.json'), text);
    const result = await run(['--fix', 'acme.json']);
    assert.equal(await readFile(join(dir, 'acme.json'), 'utf8'), text);
    assert.doesNotMatch(result.stdout, /fixed/);
  });

  it('--fix replaces the file atomically, keeping its mode and a byte-order mark, with no temp file left', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, '\uFEFF' + CURLY);
    await chmod(path, 0o640);
    const result = await run(['--fix', 'a.json']);
    assert.equal(result.stderr, '');
    assert.equal(await readFile(path, 'utf8'), '\uFEFF' + STRAIGHT);
    assert.equal((await stat(path)).mode & 0o7777, 0o640);
    assert.deepEqual(await leftovers(), []);
  });

  it('on a full disk leaves the original byte for byte, says so, and still fixes the other files', async () => {
    await writeFile(join(dir, 'full.json'), CURLY);
    await writeFile(join(dir, 'ok.json'), CURLY);
    let opened = 0;
    const fullDisk: WriteOps = {
      open: async (path, flags, mode) => {
        const handle = await fs.open(path, flags, mode);
        if (opened++ > 0) return handle;
        // The first write gets 4 KiB onto the disk, then the disk is full.
        handle.writeFile = async () => {
          await handle.write(Buffer.alloc(4096, 'x'));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
        return handle;
      },
      rename: fs.rename,
      unlink: fs.unlink,
    };
    const result = await run(['--fix', '--format', 'json', 'full.json', 'ok.json'], fullDisk);
    assert.equal(result.code, 2);
    assert.equal(await readFile(join(dir, 'full.json'), 'utf8'), CURLY);
    assert.equal(await readFile(join(dir, 'ok.json'), 'utf8'), STRAIGHT);
    assert.deepEqual(await leftovers(), []);
    assert.match(result.stderr, /^elements-lint: Cannot write "full\.json": no space left on the disk; the file is unchanged$/m);
    assert.match(result.stderr, /^fixed ok\.json: Replace curly quotes/m);
    const reports = JSON.parse(result.stdout);
    assert.deepEqual(reports.map((r: { file: string }) => r.file), ['full.json', 'ok.json']);
    assert.ok(reports[0].diagnostics.some((d: { rule: string }) => d.rule === 'smart-quotes'), 'the unfixed file is reported as it is on disk');
  });

  it('a failed rename leaves the original and removes the temp file', async () => {
    await writeFile(join(dir, 'a.json'), CURLY);
    const failingRename: WriteOps = {
      open: (path, flags, mode) => fs.open(path, flags, mode),
      rename: async () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      unlink: fs.unlink,
    };
    const result = await run(['--fix', 'a.json'], failingRename);
    assert.equal(result.code, 2);
    assert.equal(await readFile(join(dir, 'a.json'), 'utf8'), CURLY);
    assert.deepEqual(await leftovers(), []);
    assert.match(result.stderr, /Cannot write "a\.json": permission denied; the file is unchanged/);
  });

  it('refuses a symbolic link unless --follow-symlinks, then fixes the file it points to and keeps the link', async () => {
    await mkdir(join(dir, 'outside'));
    await writeFile(join(dir, 'outside/target.json'), CURLY);
    await symlink(join(dir, 'outside/target.json'), join(dir, 'link.json'));
    await writeFile(join(dir, 'plain.json'), STRAIGHT);

    const refused = await run(['--fix', '--format', 'json', 'link.json', 'plain.json']);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, 'elements-lint: "link.json" is a symbolic link: not followed (pass --follow-symlinks to lint what it points to)\n');
    assert.deepEqual(JSON.parse(refused.stdout).map((r: { file: string }) => r.file), ['plain.json']);
    assert.equal(await readFile(join(dir, 'outside/target.json'), 'utf8'), CURLY);

    await symlink(join(dir, 'outside'), join(dir, 'linked-folder'));
    const globbed = await run(['--fix', '--format', 'json', '**/*.json']);
    assert.deepEqual(JSON.parse(globbed.stdout).map((r: { file: string }) => r.file), ['outside/target.json', 'plain.json'], 'a glob neither matches nor enters a link');
    assert.equal(await readFile(join(dir, 'outside/target.json'), 'utf8'), STRAIGHT);
    await writeFile(join(dir, 'outside/target.json'), CURLY);

    const followed = await run(['--fix', '--follow-symlinks', 'link.json']);
    assert.equal(followed.stderr, '');
    assert.equal(await readFile(join(dir, 'outside/target.json'), 'utf8'), STRAIGHT);
    assert.ok((await fs.lstat(join(dir, 'link.json'))).isSymbolicLink());
    assert.match((await run(['--help'])).stdout, /\n {2}--follow-symlinks {6}lint \(and fix\) what symbolic links point to/);
  });

  it('refuses a FIFO at once instead of hanging on it', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    await writeFile(join(dir, 'ok.json'), STRAIGHT);
    const result = await run(['--fix', 'pipe.json', 'ok.json']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'elements-lint: Cannot read "pipe.json": not a regular file (a pipe, socket or device)\n');
  });

  it('reports a file that is not valid UTF-8 and leaves it byte for byte unchanged', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name": “Caf'), Buffer.from([0xe9]), Buffer.from('”}')]);
    await writeFile(join(dir, 'latin1.json'), bytes);
    const result = await run(['--fix', 'latin1.json']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'elements-lint: "latin1.json" is not valid UTF-8: not linted, and left unchanged\n');
    assert.deepEqual(await readFile(join(dir, 'latin1.json')), bytes);
  });

  it('does not split a file with other hard links', async () => {
    await writeFile(join(dir, 'a.json'), CURLY);
    await link(join(dir, 'a.json'), join(dir, 'b.json'));
    const result = await run(['--fix', 'a.json']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Cannot write "a\.json": it has other hard links/);
    assert.equal(await readFile(join(dir, 'b.json'), 'utf8'), CURLY);
  });

  it('prints 150,000 diagnostics in stylish format (was: a stack overflow in Math.max(...))', () => {
    const diagnostics = Array.from({ length: 150_000 }, (_, i) => ({ rule: 'syntax', severity: 'error' as const, message: 'm', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }));
    const output = formatStylish([{ file: 'big.json', diagnostics }], false);
    assert.ok(output.endsWith('✖ 150000 problems (150000 errors, 0 warnings)\n'));
    assert.ok(output.startsWith('big.json\n  1:1       error    m  syntax\n'), 'padded to the widest position, 150000:1');
  });
});
