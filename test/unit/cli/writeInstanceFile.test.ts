import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileProblem, readInstanceFile, writeInstanceFile } from '../../../src/cli/files';
import { replaceFile } from '../../../src/core/node/replaceFile';

describe('replacing a file (core/node/replaceFile.ts) and the CLI\'s checks around it', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replace-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a failing last check before the rename leaves the target as it was and no temp file', async () => {
    const target = join(dir, 'a.json');
    await writeFile(target, 'old');
    await assert.rejects(
      replaceFile(target, 'new', {
        beforeRename: async () => {
          throw new Error('stop');
        },
      }),
      /stop/,
    );
    assert.equal(await readFile(target, 'utf8'), 'old');
    assert.deepEqual(await readdir(dir), ['a.json']);
  });

  it('gives the new file the mode it is told, special bits included', async () => {
    const target = join(dir, 'a.json');
    await replaceFile(target, 'new', { mode: 0o100640 });
    assert.equal((await stat(target)).mode & 0o7777, 0o640);
  });

  it('elements-lint --fix refuses a file that changed on disk after it was read, and leaves the change', async () => {
    const target = join(dir, 'a.json');
    await writeFile(target, '{“a”: 1}');
    const file = readInstanceFile(target, 'a.json', false);
    await writeFile(target, '{"a": 2, "edited": "meanwhile"}');
    await utimes(target, new Date(), new Date(Date.now() + 5_000));
    await assert.rejects(writeInstanceFile(file, '{"a": 1}'), (error: unknown) => error instanceof FileProblem && /changed on disk while being fixed; left as it is/.test(error.message));
    assert.equal(await readFile(target, 'utf8'), '{"a": 2, "edited": "meanwhile"}');
    assert.deepEqual(await readdir(dir), ['a.json']);
  });
});
