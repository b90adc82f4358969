/**
 * A JSON string literal's value with a map from each character of the value back to the text it
 * was written as: `\"`, `\\`, `\n`, `\u00e9` or the character itself. A range of the value maps to
 * whole escapes, so a finding inside JSON held in a string (`event.poller.configuration`) is
 * underlined on exactly the characters it names, and a fix is written back escaped.
 */

/** A string's value, and where in the source each of its characters was written. */
export class StringMap {
  /**
   * @param value the decoded value
   * @param start source offset of the value's first character (after the opening quote)
   * @param starts per character of the value, its source offset, then the end of the last one;
   *   undefined when the source has no escape (each character is itself, one for one)
   */
  constructor(
    readonly value: string,
    readonly start: number,
    private readonly starts: Int32Array | undefined,
  ) {}

  /** The source offset where the value's character at `index` begins (`value.length`: where the last ends). */
  sourceOffset(index: number): number {
    const clamped = Math.max(0, Math.min(this.value.length, Math.trunc(index) || 0));
    return this.starts ? this.starts[clamped]! : this.start + clamped;
  }

  /** The source range written for the value's characters [offset, offset + length). */
  source(range: { offset: number; length: number }): { offset: number; length: number } {
    const from = this.sourceOffset(range.offset);
    const to = this.sourceOffset(range.offset + Math.max(0, range.length));
    return { offset: from, length: Math.max(0, to - from) };
  }
}

/** Text as it is written between the quotes of a JSON string: what a fix inside a string value inserts. */
export function escapeForJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function hexDigits(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 48 && code <= 57 ? code - 48 : (code | 0x20) >= 97 && (code | 0x20) <= 102 ? (code | 0x20) - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Decodes the JSON string literal that `node` spans in `text` (its range includes both quotes).
 * Undefined when it is not one whole, well-formed literal: unterminated, or with an escape JSON
 * does not have (the syntax rule reports those). Characters JSON wants escaped but finds raw
 * (a tab) are taken as themselves, as the parser does.
 */
export function decodeJsonString(text: string, node: { offset: number; length: number }): StringMap | undefined {
  const open = node.offset;
  const close = node.offset + node.length - 1;
  if (node.length < 2 || close >= text.length || text.charCodeAt(open) !== 34 || text.charCodeAt(close) !== 34) return undefined;
  const start = open + 1;
  const raw = text.slice(start, close);
  if (!raw.includes('\\')) return raw.includes('"') ? undefined : new StringMap(raw, start, undefined);
  const chunks: string[] = [];
  const starts = new Int32Array(raw.length + 1);
  let count = 0;
  let at = 0;
  while (at < raw.length) {
    const backslash = raw.indexOf('\\', at);
    const runEnd = backslash < 0 ? raw.length : backslash;
    if (runEnd > at) {
      const run = raw.slice(at, runEnd);
      if (run.includes('"')) return undefined; // not one literal
      chunks.push(run);
      for (let i = at; i < runEnd; i++) starts[count++] = start + i;
      at = runEnd;
    }
    if (backslash < 0) break;
    const next = raw[at + 1];
    if (next === 'u') {
      const unit = at + 6 <= raw.length ? hexDigits(raw, at + 2) : -1;
      if (unit < 0) return undefined;
      chunks.push(String.fromCharCode(unit));
      starts[count++] = start + at;
      at += 6;
      continue;
    }
    const simple = next === undefined ? undefined : SIMPLE_ESCAPES[next];
    if (simple === undefined) return undefined;
    chunks.push(simple);
    starts[count++] = start + at;
    at += 2;
  }
  starts[count] = close;
  return new StringMap(chunks.join(''), start, starts.subarray(0, count + 1));
}
