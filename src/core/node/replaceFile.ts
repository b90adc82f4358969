/**
 * Replacing a file so that it is, at every moment, either the old file or the new one: never
 * truncated, never half-written, never written through a link. The CLI's `--fix` and the
 * extension's "Save instance.json" both write this way; each decides first what it may replace.
 * Only Node writes files: this is src/core/node/, which the adapters load and the rest of the core
 * never imports (it runs in a browser too: scripts/check-browser-core.mjs).
 */
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls a write makes; a test replaces them to simulate a full disk (or root, or another user). */
export interface WriteOps {
  open(path: string, flags: number, mode: number): Promise<fs.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Whether the user running this may write the file (`access(W_OK)`); default `fs.access`. */
  access?(path: string): Promise<void>;
}

// Each call reads fs.promises when it runs: a program that only might write (elements-lint without --fix) never loads it.
export const nodeWriteOps: WriteOps = {
  open: (path, flags, mode) => fs.open(path, flags, mode),
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  access: (path) => fs.access(path, constants.W_OK),
};

/**
 * Why the user may not replace the file at `path` — as an editor decides, not as the folder
 * would allow (renaming over a file needs only the folder's permission, and root may write
 * anything): the file's owner-write bit is clear (VS Code shows such a file as read-only; so do
 * the permission bits Windows reports for a read-only file), or the user running this may not
 * write it. Undefined when they may. `mode` is the file's, from a stat just taken.
 */
export async function cannotWriteReason(path: string, mode: number, ops: WriteOps = nodeWriteOps): Promise<string | undefined> {
  if ((mode & 0o200) === 0) return `it is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`;
  try {
    await (ops.access ?? nodeWriteOps.access!)(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'you do not have permission to write it';
    if (code === 'EROFS') return 'it is on a read-only file system';
  }
  return undefined;
}

export interface ReplaceOptions {
  /** The permission bits the new file gets (the old file's, when there is one); else the umask decides. */
  mode?: number;
  /** Runs with the new content on disk, just before the rename: throwing leaves the target as it was. */
  beforeRename?: () => Promise<void>;
  ops?: WriteOps;
}

/**
 * A fresh, unpredictable name beside `path` (a rename must stay on one file system). Web Crypto's
 * generator, which Node loads on first use, rather than node:crypto, which would load (some 5 ms)
 * with every bundle that can write a file.
 */
export function temporaryPathFor(path: string): string {
  const random = Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex');
  return join(dirname(path), `.${basename(path)}.${process.pid}.${random}.tmp`);
}

/** Created exclusively, never through a link: nothing planted under the temp name is followed. */
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes `content` to a temp file in the target's folder (the rename must stay on one file system),
 * flushes it to disk, renames it over `path`, then flushes the folder. On any failure the temp
 * file is removed, the target is as it was, and the error is thrown as it came.
 */
export async function replaceFile(path: string, content: string | Uint8Array, options: ReplaceOptions = {}): Promise<void> {
  const { mode, beforeRename, ops = nodeWriteOps } = options;
  const folder = dirname(path);
  const temp = temporaryPathFor(path);
  const handle = await ops.open(temp, EXCLUSIVE, mode === undefined ? 0o666 : mode & 0o777);
  try {
    try {
      await handle.writeFile(content);
      // open() applies the umask; chmod gives back the old file's bits, setuid and sticky included.
      if (mode !== undefined) await handle.chmod(mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.();
    await ops.rename(temp, path);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable where the platform allows fsync on a folder (Windows does not). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
