/**
 * Secret values and where they must not be: every file under a folder, read from disk and
 * searched byte for byte (UTF-8 and UTF-16LE, so SQLite and LevelDB files count too).
 */
import { createDecipheriv } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { catalog } from '../../src/core/catalog';
import type { StoredInstance } from '../../src/emulator/stores/instances';

export interface Secret {
  /** What it is, for reports ("instance 5 token"); never the value. */
  name: string;
  value: string;
  /** The value travels in a browser URL by design of OAuth (client_id, code, oauth_token, oauth_verifier). */
  inUrls?: boolean;
}

export interface Finding {
  file: string;
  secret: string;
  inUrls: boolean;
}

/** Shorter values (a realm id, "QBO") are not secrets and would match anywhere. */
const MIN_LENGTH = 12;

/** Configuration entries the API adds after the exchange: the user's OAuth tokens. */
function isUserToken(key: string): boolean {
  return /^oauth\.user\.(token|token\.secret|refresh_token)$/.test(key);
}

/** Values that the browser sees in the authorize and callback URLs. */
const URL_BORNE_PROVIDER_DATA = new Set(['code', 'oauth_token', 'oauth_verifier', 'refresh_token']);

/** The secrets of stored instances, per the catalog's `secret` flags (one source of truth) plus tokens. */
export function instanceSecrets(records: readonly StoredInstance[]): Secret[] {
  const secrets: Secret[] = [];
  for (const record of records) {
    const element = catalog.get(record.element.key);
    const flow = element?.flows.find((candidate) => candidate.type === record.flow);
    const label = `instance ${record.id} (${record.element.key} ${record.flow})`;
    if (record.token) secrets.push({ name: `${label} token`, value: record.token });
    for (const [key, value] of Object.entries(record.configuration)) {
      const field = flow?.configuration.find((candidate) => candidate.key === key);
      if (value && (field?.secret || isUserToken(key))) {
        // An OAuth app's key is its public client_id on the authorize page.
        secrets.push({ name: `${label} configuration.${key}`, value, inUrls: field?.role === 'apiKey' && flow?.oauth !== undefined });
      }
    }
    for (const [key, value] of Object.entries(record.providerData ?? {})) {
      const field = flow?.providerData.find((candidate) => candidate.key === key);
      if (value && field?.secret) secrets.push({ name: `${label} providerData.${key}`, value, inUrls: URL_BORNE_PROVIDER_DATA.has(key) });
    }
  }
  return secrets;
}

export function distinct(secrets: readonly Secret[]): Secret[] {
  const byValue = new Map<string, Secret>();
  for (const secret of secrets) {
    if (secret.value.length < MIN_LENGTH) continue;
    const known = byValue.get(secret.value);
    // A value seen in a URL anywhere counts as URL-borne.
    if (!known) byValue.set(secret.value, { ...secret });
    else if (secret.inUrls) known.inUrls = true;
  }
  return [...byValue.values()];
}

/** A path that vanished while we looked (a browser lock file, a rotated log) is fine; one we cannot read is not. */
function vanished(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function* files(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (vanished(error)) return;
    throw new Error(`Cannot scan ${dir} for secrets: ${(error as Error).message}`, { cause: error });
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function forms(value: string): Buffer[] {
  const variants = new Set([value, encodeURIComponent(value)]);
  return [...variants].flatMap((variant) => [Buffer.from(variant, 'utf8'), Buffer.from(variant, 'utf16le')]);
}

const MAX_SCANNED_BYTES = 200_000_000;

export interface ScanResult {
  /** The paths read, relative to the scanned folder. */
  scanned: string[];
  bytes: number;
  findings: Finding[];
}

/**
 * Every file under `dir` (except `skip`), searched for every secret, also URL-encoded. A file that
 * cannot be read fails the scan: a secret in an unreadable file would otherwise pass unseen.
 */
export async function scanFolder(dir: string, secrets: readonly Secret[], skip: (path: string) => boolean = () => false): Promise<ScanResult> {
  const needles = secrets.map((secret) => ({ secret, forms: forms(secret.value) }));
  const result: ScanResult = { scanned: [], bytes: 0, findings: [] };
  for await (const path of files(dir)) {
    if (skip(path)) continue;
    let content: Buffer;
    try {
      const size = (await stat(path)).size;
      if (size > MAX_SCANNED_BYTES) throw new Error(`${path} is ${size} bytes, over the ${MAX_SCANNED_BYTES}-byte scan limit`);
      content = await readFile(path);
    } catch (error) {
      if (vanished(error)) continue;
      throw new Error(`Cannot scan ${path} for secrets: ${(error as Error).message}`, { cause: error });
    }
    result.scanned.push(relative(dir, path));
    result.bytes += content.length;
    for (const { secret, forms: variants } of needles) {
      if (variants.some((variant) => content.includes(variant))) {
        result.findings.push({ file: relative(dir, path), secret: secret.name, inUrls: secret.inUrls === true });
      }
    }
  }
  return result;
}

/** The names of the secrets that appear in `text` (a page's text, say). */
export function searchText(text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((secret) => text.includes(secret.value) || text.includes(encodeURIComponent(secret.value))).map((secret) => secret.name);
}

/**
 * code-server keeps SecretStorage in the browser's localStorage (`secrets.provider`), sealed
 * with AES-256-GCM: the blob is `clientKeyHalf(32) | iv(12) | ciphertext | tag(16)` in base64
 * and the key is that half XOR the server half in `<user-data-dir>/serve-web-key-half`.
 */
export function unsealCodeServerSecrets(sealed: string, serverKeyHalf: Buffer): Record<string, string> {
  const blob = Buffer.from(sealed, 'base64');
  const clientHalf = blob.subarray(0, 32);
  const iv = blob.subarray(32, 44);
  const body = blob.subarray(44, blob.length - 16);
  const tag = blob.subarray(blob.length - 16);
  const key = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) key[i] = clientHalf[i]! ^ serverKeyHalf[i]!;
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as Record<string, string>;
}
