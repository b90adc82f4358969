/** Loading and saving the instances to a JSON file (`--data`). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoreSnapshot, StoredInstance } from './instances';

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

/** The file's contents, or undefined when it does not exist yet. Never overwrites a bad file. */
export function loadDataFile(path: string): StoreSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(`Cannot read the data file ${path}: ${(error as Error).message}`);
  }
  const refuse = (why: string) =>
    new DataFileError(`The data file ${path} ${why}; fix or remove it (the emulator will not overwrite it).`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw refuse(`is not valid JSON (${(error as Error).message})`);
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

/** Writes a temporary file and renames it over the old one, so a crash never leaves half a file. */
export function saveDataFile(path: string, snapshot: StoreSnapshot): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const content = { version: DATA_FILE_VERSION, ...snapshot };
  writeFileSync(temporary, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}
