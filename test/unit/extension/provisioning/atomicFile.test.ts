/**
 * Saved instance files are written atomically (issue 12, "Atomic writes"): the file is, at every
 * moment, the old one or the new one; links, folders and pipes are refused untouched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { catalog } from '../../../../src/core/catalog';
import { writeFileAtomically, NotARegularFileError } from '../../../../src/extension/atomicFile';
import { saveInstanceFile } from '../../../../src/extension/provisioning/saveInstanceFile';
import * as vscode from '../../vscode/fakeVscode';
import { createHarness } from '../harness';

describe('writeFileAtomically', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atomic-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('creates a file, leaving nothing else in the folder', async () => {
    const target = join(folder, 'xero.instance.json');
    await writeFileAtomically(target, '{"a": 1}\n');
    assert.equal(await readFile(target, 'utf8'), '{"a": 1}\n');
    assert.deepEqual(await readdir(folder), ['xero.instance.json']);
  });

  it('replaces a file and keeps its mode', async () => {
    const target = join(folder, 'x.json');
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    await writeFileAtomically(target, 'new');
    assert.equal(await readFile(target, 'utf8'), 'new');
    assert.equal((await stat(target)).mode & 0o777, 0o640);
    assert.deepEqual(await readdir(folder), ['x.json']);
  });

  it('refuses a symbolic link, a folder and a named pipe, and leaves them (and what a link points to) as they were', async () => {
    const real = join(folder, 'real.json');
    await writeFile(real, 'kept');
    const link = join(folder, 'link.json');
    await symlink(real, link);
    await assert.rejects(writeFileAtomically(link, 'new'), (error: unknown) => error instanceof NotARegularFileError && /symbolic link/.test(error.message));
    assert.equal(await readlink(link), real);
    assert.equal(await readFile(real, 'utf8'), 'kept');

    const sub = join(folder, 'sub.json');
    await mkdir(sub);
    await assert.rejects(writeFileAtomically(sub, 'new'), /a folder, not a regular file/);

    const fifo = join(folder, 'pipe.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    await assert.rejects(writeFileAtomically(fifo, 'new'), /a named pipe, not a regular file/);
    assert.ok((await lstat(fifo)).isFIFO());
    assert.deepEqual((await readdir(folder)).sort(), ['link.json', 'pipe.json', 'real.json', 'sub.json']);
  });

  it('a write that fails part-way (the disk full) leaves the old file whole and no temp file behind', async () => {
    const target = join(folder, 'big.json');
    const original = `${JSON.stringify({ data: 'x'.repeat(100_000) })}\n`;
    await writeFile(target, original);
    // A file size limit of 4 KiB makes the write fail after 4,096 bytes, as a full disk would.
    const script = `require(${JSON.stringify(resolve('src/extension/atomicFile.ts'))}).writeFileAtomically(process.argv[1], 'y'.repeat(200000)).then(() => console.log('written'), (e) => console.log(e.code))`;
    const child = spawnSync('bash', ['-c', `ulimit -f 4; exec "${process.execPath}" --require tsx/cjs -e "$0" "$1"`, script, target], { encoding: 'utf8' });
    assert.equal(child.stdout.trim(), 'EFBIG', child.stderr);
    assert.equal(await readFile(target, 'utf8'), original);
    assert.deepEqual(await readdir(folder), ['big.json']);
  });

  it('property: whatever the bytes, the file holds exactly them afterwards and nothing else is left', async () => {
    const target = join(folder, 'p.json');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 2_000 }), fc.uint8Array({ maxLength: 2_000 })), async (content) => {
        await writeFileAtomically(target, content);
        const expected = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
        assert.deepEqual(await readFile(target), expected);
        assert.deepEqual(await readdir(folder), ['p.json']);
      }),
      { numRuns: 50 },
    );
  });
});

describe('"Save instance.json" writes through writeFileAtomically', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'save-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const element = catalog.get('xero')!;
  const flow = catalog.flow(element, 'oauth2')!;
  const request = { element: { key: 'xero' }, name: 'Books', configuration: { 'oauth.api.key': 'XERO-KEY-ATOMIC-01' } };

  function run() {
    const harness = createHarness();
    return { run: { vault: harness.services.vault.forEnvironment('custom'), log: harness.services.log }, harness };
  }

  it('saves to the chosen file, secrets as keychain references', async () => {
    const { run: context, harness } = run();
    const target = join(folder, 'xero.instance.json');
    vscode.ui.script.push(() => vscode.Uri.file(target));
    assert.equal(await saveInstanceFile(context, request, element, flow, undefined), true);
    const saved = JSON.parse(await readFile(target, 'utf8'));
    assert.equal(saved.configuration['oauth.api.key'], '${keychain:xero.oauth.api.key}');
    assert.equal(await harness.services.vault.keychain('custom', 'xero.oauth.api.key'), 'XERO-KEY-ATOMIC-01');
  });

  it('a symbolic link chosen in the dialog is refused with a clear message; nothing is written through it', async () => {
    const { run: context } = run();
    const real = join(folder, 'elsewhere.json');
    await writeFile(real, 'kept');
    const link = join(folder, 'xero.instance.json');
    await symlink(real, link);
    vscode.ui.script.push(() => vscode.Uri.file(link));
    assert.equal(await saveInstanceFile(context, request, element, flow, undefined), false);
    const error = vscode.ui.calls.find((call) => call.kind === 'message');
    assert.ok(error && error.kind === 'message');
    assert.equal(error.level, 'error');
    assert.equal(error.message, `Could not save the instance.json of xero to ${link}: it is a symbolic link, not a regular file. Nothing was written.`);
    assert.equal(await readFile(real, 'utf8'), 'kept');
  });
});
