/**
 * Writing a user's file (an instance file, the forwarding page): only over a regular file, and atomically. Plain Node, no `vscode`.
 */
import { promises as fs } from 'node:fs';
import { cannotWriteReason, replaceFile } from '../core/node/replaceFile';
import { errorText } from './errorText';

/** The target exists and is not a regular file (a folder, a link, a FIFO, a device…): left alone. */
export class NotARegularFileError extends Error {
  override readonly name = 'NotARegularFileError';
}

/** The target is a file the user cannot write (read-only, or another user's): left alone, as an editor would. */
export class NotWritableError extends Error {
  override readonly name = 'NotWritableError';
}

/**
 * Replaces (or creates) `path` with `content` atomically (core/node/replaceFile.ts), keeping the
 * old file's mode; refuses a target that is not a regular file or that the user cannot write.
 * On any failure the target is as it was.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const existing = await fs.lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing && !existing.isFile()) {
    throw new NotARegularFileError(`it is ${kindOf(existing)}, not a regular file`);
  }
  const reason = existing && (await cannotWriteReason(path, existing.mode));
  if (reason) throw new NotWritableError(reason);
  await replaceFile(path, content, { mode: existing?.mode });
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
  if (error instanceof NotARegularFileError || error instanceof NotWritableError) return error.message;
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
