/**
 * Bytes as the core handles them, with what Node and browsers both have (Uint8Array,
 * TextEncoder, btoa) rather than Node's Buffer: UTF-8 and Latin-1, base64 in both alphabets,
 * joining and searching.
 */

const encoder = new TextEncoder();

/** A string's UTF-8 (a lone surrogate becomes U+FFFD, as Buffer and TextEncoder both write it). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A string's Latin-1: one byte per UTF-16 unit, its low eight bits. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** Base64 with padding (`+` and `/`); `url`: base64url (`-` and `_`) without padding. */
export function base64(bytes: Uint8Array, url = false): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  const encoded = btoa(binary);
  return url ? encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : encoded;
}

/** Each base64 character's six bits, both alphabets; -1: not one. */
const SEXTETS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, value) => {
  SEXTETS[char.charCodeAt(0)] = value;
});
SEXTETS['-'.charCodeAt(0)] = 62;
SEXTETS['_'.charCodeAt(0)] = 63;

/**
 * The bytes of base64 text, either alphabet, padded or not, read as Node's Buffer reads it:
 * characters of neither alphabet are skipped, `=` ends the data, and bits short of a byte at
 * the end are dropped.
 */
export function fromBase64(text: string): Uint8Array {
  const bytes = new Uint8Array((text.length * 3) >> 2);
  let length = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) break;
    const value = code < 128 ? SEXTETS[code]! : -1;
    if (value < 0) continue;
    bits = ((bits << 6) | value) & 0xffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[length++] = (bits >> count) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** The chunks one after another, in one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}

/** Where `needle` first occurs in `haystack`, or -1 (an empty needle occurs at 0). */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
