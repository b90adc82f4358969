/** Secrets written inside base64 (a Basic auth header, a path segment): found by decoding, never by guessing. */
import { base64, concatBytes, fromBase64, indexOfBytes, latin1Bytes, utf8Bytes } from '../bytes';

/** Secrets whose forms are kept, as many as their patterns (textForms.ts). */
const CACHE_LIMIT = 1000;

/** Runs that may be base64 (or base64url) of something longer than a short word. */
export const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

/** The bytes a secret may be base64 of: its UTF-8, and its Latin-1 when it fits. */
function base64Needles(secrets: readonly string[]): Uint8Array[] {
  return secrets.flatMap((secret) => {
    const forms = [utf8Bytes(secret)];
    if ([...secret].every((char) => char.charCodeAt(0) <= 0xff)) forms.push(latin1Bytes(secret));
    return forms;
  });
}

/**
 * The base64 characters that bytes produce whatever surrounds them, for each of the three
 * offsets they can start at within a 3-byte group, in both alphabets: a run holding none of
 * these cannot hold the bytes, so it is not decoded at all.
 */
function base64Cores(needles: readonly Uint8Array[]): string[] {
  const cores: string[] = [];
  for (const needle of needles) {
    for (let offset = 0; offset < 3; offset++) {
      const encoded = base64(concatBytes([new Uint8Array(offset), needle]));
      const first = Math.ceil((8 * offset) / 6);
      const last = Math.floor((8 * (offset + needle.length) - 6) / 6);
      const core = encoded.slice(first, last + 1);
      if (core.length > 0) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return cores;
}

const base64Cache = new Map<string, { needles: Uint8Array[]; cores: string[] }>();

/** The needles and cores of each secret, computed once per secret (like its pattern). */
export function base64Forms(secrets: readonly string[]): { needles: Uint8Array[]; cores: string[] } {
  const needles: Uint8Array[] = [];
  const cores: string[] = [];
  for (const secret of secrets) {
    let forms = base64Cache.get(secret);
    if (!forms) {
      const own = base64Needles([secret]);
      forms = { needles: own, cores: base64Cores(own) };
      if (base64Cache.size >= CACHE_LIMIT) base64Cache.clear();
      base64Cache.set(secret, forms);
    }
    needles.push(...forms.needles);
    cores.push(...forms.cores);
  }
  return { needles, cores };
}

/**
 * Where in `run` the base64 of one of `needles` starts, or -1. The base64 need not start the run
 * (`/v1/<base64>`, `id<base64>`): each of the four alignments is decoded and searched.
 */
export function base64SecretAt(run: string, needles: readonly Uint8Array[]): number {
  let first = -1;
  for (let align = 0; align < 4 && align + 4 <= run.length; align++) {
    const decoded = fromBase64(run.slice(align));
    for (const needle of needles) {
      const at = indexOfBytes(decoded, needle);
      if (at < 0) continue;
      // The 4-character group holding the secret's first byte.
      const start = align + Math.floor(at / 3) * 4;
      if (first < 0 || start < first) first = start;
    }
  }
  return first;
}
