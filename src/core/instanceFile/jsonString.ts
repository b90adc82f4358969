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
  if (node.length < 2 || text.charCodeAt(open) !== 34 || text.charCodeAt(close) !== 34 || close > text.length) return undefined;
  const start = open + 1;
  const firstEscape = text.indexOf('\\', start);
  if (firstEscape < 0 || firstEscape >= close) {
    const value = text.slice(start, close);
    return value.includes('"') ? undefined : new StringMap(value, start, undefined);
  }
  const parts: string[] = [];
  const starts: number[] = [];
  let at = start;
  while (at < close) {
    const code = text.charCodeAt(at);
    if (code === 34) return undefined; // a quote inside: not one literal
    if (code !== 92) {
      parts.push(text[at]!);
      starts.push(at);
      at++;
      continue;
    }
    const next = text[at + 1];
    if (next === undefined || at + 1 >= close) return undefined;
    if (next === 'u') {
      if (at + 6 > close) return undefined;
      const unit = hexDigits(text, at + 2);
      if (unit < 0) return undefined;
      parts.push(String.fromCharCode(unit));
      starts.push(at);
      at += 6;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple === undefined) return undefined;
    parts.push(simple);
    starts.push(at);
    at += 2;
  }
  starts.push(close);
  return new StringMap(parts.join(''), start, Int32Array.from(starts));
}
