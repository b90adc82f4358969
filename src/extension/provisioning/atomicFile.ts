/**
 * Writing a user's file so that it is, at every moment, either the old file or the new one:
 * never truncated, never half-written, never written through a link. Plain Node, no `vscode`.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errorText } from '../errorText';

/** The target exists and is not a regular file (a folder, a link, a FIFO, a device…): left alone. */
export class NotARegularFileError extends Error {
  override readonly name = 'NotARegularFileError';
}

/**
 * Replaces (or creates) `path` with `content`: a temp file in the same folder, created
 * exclusively (`O_EXCL | O_NOFOLLOW`, so nothing planted there is followed), written, given the
 * old file's mode, fsynced, renamed over the target, then the folder fsynced. On any failure
 * the temp file is removed and the target is as it was.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const existing = await fs.lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing && !existing.isFile()) {
    throw new NotARegularFileError(`it is ${kindOf(existing)}, not a regular file`);
  }
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    try {
      await handle.writeFile(content);
      if (existing) await handle.chmod(existing.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable where the platform allows fsync on a folder. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows and some file systems refuse fsync on a directory; the data itself is synced.
  } finally {
    await handle?.close();
  }
}

function kindOf(stats: { isDirectory(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device or special file';
}

/** A short reason for a failed write, without the temp file's path. */
export function writeFailureReason(error: unknown): string {
  if (error instanceof NotARegularFileError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    default:
      return typeof code === 'string' ? code : errorText(error);
  }
}
