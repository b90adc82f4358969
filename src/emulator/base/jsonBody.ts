/**
 * JSON request bodies: parsed with messages that never quote the body, and the checks every
 * handler makes of a parsed value. Why a text is not JSON, and where, is said in the emulator's
 * own words: engine messages quote the input ("Unexpected token 's', "{"a": secretvalue}"... is
 * not valid JSON"), so they are never passed on: a secret in a malformed body must not come back
 * in the error.
 */
import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { ApiError } from './http';

const REASONS: Readonly<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected a colon',
  [ParseErrorCode.CommaExpected]: 'expected a comma',
  [ParseErrorCode.CloseBraceExpected]: 'expected a closing brace',
  [ParseErrorCode.CloseBracketExpected]: 'expected a closing bracket',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'incomplete number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'control character in a string',
};

/** Every reason a message can give (besides the fallback `invalid JSON`). */
export const JSON_SYNTAX_REASONS: readonly string[] = [...Object.values(REASONS), 'invalid JSON', 'nested too deeply'];

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * `expected a comma at position 13 (line 3, column 3)` for a text `JSON.parse` refused with
 * `engineMessage`. Built from a fixed vocabulary and numbers only: no character of `text`.
 */
export function describeJsonSyntaxError(text: string, engineMessage: string): string {
  const errors: ParseError[] = [];
  let tooDeep = false;
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses per nesting level: thousands of unclosed [ or { overflow the stack.
    tooDeep = true;
  }
  const first = tooDeep ? undefined : errors[0];
  const reason = tooDeep ? 'nested too deeply' : first ? REASONS[first.error] ?? 'invalid JSON' : 'invalid JSON';
  // The engine's position is the more precise (inside a string); its digits are all we take.
  const engineOffset = /at position (\d+)/.exec(engineMessage)?.[1];
  const offset = engineOffset !== undefined ? Number(engineOffset) : first?.offset;
  if (offset === undefined || offset > text.length) return reason;
  return `${reason} at position ${offset} (${lineAndColumn(text, offset)})`;
}

/**
 * JSON.parse, with a 400 whose message says what is wrong and where; the body itself is never
 * quoted (see {@link describeJsonSyntaxError}), so a secret in it never reaches an error.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'The request body is empty: send the instance as a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = describeJsonSyntaxError(text, (error as Error).message);
    const curly = /[\u201c\u201d\u2018\u2019]/.test(text) ? ' It contains curly quotes (“ ”); JSON needs straight quotes (").' : '';
    throw new ApiError(400, `The request body is not valid JSON: ${reason}.${curly}`);
  }
}

/** A parsed JSON object (not null, not an array), or undefined. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The JSON type of a value, for a message (`an object`, `a string`…): never the value itself (it may be a secret). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}
