/** Loading and saving the instances to a JSON file (`--data`). */
import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { temporaryPathFor } from '../../core/node/replaceFile';
import type { StoreSnapshot, StoredInstance } from './instances';
import { describeJsonSyntaxError } from '../base/jsonBody';

export const DATA_FILE_VERSION = 1;

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

function looksLikeInstance(value: unknown): value is StoredInstance {
  const record = value as Partial<StoredInstance> | null;
  return (
    record !== null &&
    typeof record === 'object' &&
    Number.isInteger(record.id) &&
    typeof record.name === 'string' &&
    typeof record.token === 'string' &&
    typeof record.element === 'object' &&
    record.element !== null &&
    typeof record.element.key === 'string'
  );
}

/** What is at `path` without following a symbolic link; undefined when nothing is. */
function entryAt(path: string): Stats | undefined {
  return lstatSync(path, { throwIfNoEntry: false });
}

function notRegularFile(path: string, entry: Stats): DataFileError {
  const what = entry.isSymbolicLink() ? 'a symbolic link' : entry.isDirectory() ? 'a folder' : 'not a regular file';
  return new DataFileError(`The data file ${path} is ${what}; give the path of a regular file (the emulator replaces it on every save).`);
}

/** The file's contents, or undefined when it does not exist yet. Never overwrites a bad file. */
export function loadDataFile(path: string): StoreSnapshot | undefined {
  const refuse = (why: string) =>
    new DataFileError(`The data file ${path} ${why}; fix or remove it (the emulator will not overwrite it).`);
  let text: string;
  try {
    const entry = entryAt(path);
    if (!entry) return undefined;
    // A symbolic link, a FIFO (which would block the read) or a folder is refused before reading.
    if (!entry.isFile()) throw notRegularFile(path, entry);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(`Cannot read the data file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw refuse(`is not valid JSON (${describeJsonSyntaxError(text, (error as Error).message)})`);
  }
  const content = parsed as Partial<StoreSnapshot> | null;
  if (!content || typeof content !== 'object' || !Array.isArray(content.instances)) {
    throw refuse('is not an emulator data file (expected an object with an "instances" array)');
  }
  const bad = content.instances.findIndex((instance) => !looksLikeInstance(instance));
  if (bad >= 0) throw refuse(`has an invalid instance at instances[${bad}]`);
  return {
    nextId: Number.isInteger(content.nextId) ? content.nextId! : 1,
    instances: content.instances,
  };
}

const NEW_FILE_MODE = 0o600;

function syncFolder(folder: string): void {
  // Makes the rename itself durable; not every platform lets a folder be opened for this.
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/**
 * Replaces the file atomically: a temporary file beside it, created exclusively (`wx` fails on
 * anything already there, a planted symbolic link included, so nothing is written through
 * one), written, fsynced and given the old file's mode (0600 for a new file), then renamed
 * over it. A crash or a full disk leaves either the old file or the new one, never half of one.
 * Throws when the data file is not a regular file, or on any I/O error (the old file stays).
 */
export function saveDataFile(path: string, snapshot: StoreSnapshot, temporary = temporaryPathFor(path)): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const existing = entryAt(path);
  if (existing && !existing.isFile()) throw notRegularFile(path, existing);
  const mode = existing ? existing.mode & 0o7777 : NEW_FILE_MODE;
  const content = JSON.stringify({ version: DATA_FILE_VERSION, ...snapshot }, null, 2) + '\n';

  const fd = openSync(temporary, 'wx', NEW_FILE_MODE);
  try {
    try {
      writeFileSync(fd, content);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}
