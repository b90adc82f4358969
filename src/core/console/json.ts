/** Reading JSON from outside (an API's docs, a response) without trusting its shape. */

export type JsonRecord = Record<string, unknown>;

/** `value` as an object with string keys, or undefined for arrays, null and primitives. */
export function asRecord(value: unknown): JsonRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** The own property `key` of `record` (never one inherited, such as `constructor` or `__proto__`). */
export function own(record: JsonRecord | undefined, key: string): unknown {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function ownString(record: JsonRecord | undefined, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}

/** A trimmed, non-empty string property. */
export function ownText(record: JsonRecord | undefined, key: string): string | undefined {
  const value = ownString(record, key)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Characters that end a line in an editor or a header, and other control characters. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * Text from a document, fit for one line of a label or a comment: markup removed, entities of
 * the docs' HTML (`&lt;`…) decoded, every control character or line separator turned into a
 * space, and at most `max` characters.
 */
export function oneLine(text: string, max = 300): string {
  const flat = text
    .replace(/<[^<>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(LINE_BREAKING, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
