/**
 * Reading and writing the files elements-lint is given, safely: only regular files (a FIFO or a
 * device is refused before it is opened, so nothing blocks), symbolic links only when asked,
 * text only when it is valid UTF-8, and writes that either replace the whole file or leave it as it was.
 */
// fs.promises, not node:fs/promises: Node loads the promise API (and the streams under it) only when --fix first writes.
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readFileSync, realpathSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { cannotWriteReason, replaceFile } from '../core/node/replaceFile';
import type { WriteOps } from '../core/node/replaceFile';

export type { WriteOps } from '../core/node/replaceFile';

/** A file that cannot be read or written; the message says why, for a person. */
export class FileProblem extends Error {}

export interface InstanceFile {
  /** The name shown in messages, as given on the command line. */
  name: string;
  text: string;
  /** The path to write back to: the file itself, also when it was reached through a symbolic link. */
  realPath: string;
  stats: Stats;
}

export function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'ELOOP':
      return 'it is a symbolic link';
    default:
      return code ?? message;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a regular file. Checked with lstat before it is opened (non-blocking, and never
 * through a link unless `followSymlinks`), and again on the open descriptor. Synchronous calls:
 * elements-lint reads one file at a time, and an asynchronous call's trip through the thread pool
 * takes longer than the call itself (a CI run over hundreds of small files spent most of its time waiting).
 */
export function readInstanceFile(path: string, name: string, followSymlinks: boolean): InstanceFile {
  const cannotRead = (why: string) => new FileProblem(`Cannot read "${name}": ${why}`);
  let realPath = path;
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    throw cannotRead(reason(error));
  }
  if (stats.isSymbolicLink()) {
    if (!followSymlinks) throw new FileProblem(`"${name}" is a symbolic link: not followed (pass --follow-symlinks to lint what it points to)`);
    try {
      realPath = realpathSync(path);
    } catch (error) {
      throw cannotRead(`its link target: ${reason(error)}`);
    }
    stats = lstatSync(realPath);
  }
  if (stats.isDirectory()) throw cannotRead('it is a directory');
  if (!stats.isFile()) throw cannotRead('not a regular file (a pipe, socket or device)');

  let bytes: Buffer;
  try {
    const descriptor = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const opened = fstatSync(descriptor);
      if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) throw cannotRead('it was replaced while being read');
      bytes = readFileSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw cannotRead(reason(error));
  }
  try {
    return { name, text: strictUtf8.decode(bytes), realPath, stats };
  } catch {
    throw new FileProblem(`"${name}" is not valid UTF-8: not linted, and left unchanged`);
  }
}

/**
 * Replaces a file's content atomically (core/node/replaceFile.ts), with its mode. Refuses a file
 * the user cannot write (read-only, or not theirs to write: `cannotWriteReason`), one with other
 * hard links, and one that changed since it was read; on any failure the original is left as it was.
 */
export async function writeInstanceFile(file: InstanceFile, text: string, ops?: WriteOps): Promise<void> {
  const { name, realPath, stats } = file;
  // Renaming a new file over one with other hard links would leave them holding the old text.
  if (stats.nlink > 1) throw new FileProblem(`Cannot write "${name}": it has other hard links, which a fix would split; left as it is`);
  const writable = async (mode: number) => {
    const reason = await cannotWriteReason(realPath, mode, ops);
    if (reason !== undefined) throw new FileProblem(`Cannot write "${name}": ${reason}; left as it is`);
  };
  await writable(stats.mode);
  const unchangedSinceRead = async () => {
    const now = await fs.lstat(realPath);
    if (now.ino !== stats.ino || now.size !== stats.size || now.mtimeMs !== stats.mtimeMs) {
      throw new FileProblem(`Cannot write "${name}": it changed on disk while being fixed; left as it is`);
    }
    // Again just before the rename: a chmod meanwhile changes no size or time.
    await writable(now.mode);
  };
  try {
    await replaceFile(realPath, text, { mode: stats.mode, beforeRename: unchangedSinceRead, ops });
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`Cannot write "${name}": ${reason(error)}; the file is unchanged`);
  }
}
