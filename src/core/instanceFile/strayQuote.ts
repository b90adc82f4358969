/**
 * A doubled quote after a string — `"s3cr3t""`, `"name"": …`, `["a"", "b"]` — reads as a second
 * string that opens and runs to the end of the line. "Insert the closing quote" made it worse
 * (`"""` and two new errors); what the person meant is the first string, and the fix removes the
 * stray quote. Valid JSON never has a quote right after a string, so a well-formed file never
 * gets this finding; the rest of the line must read as JSON after the removal (a `,`, `:`, `}` or
 * `]`, or the line's end), or the quote is not taken for a stray one.
 */
import type { Fix } from './findings';
import { SyntaxKind } from './syntaxKind';
import type { Token } from './tokenList';

export const STRAY_QUOTE_MESSAGE = 'A doubled quote: the string already ended, remove the stray quote (")';

export interface StrayQuote {
  /** Offset of the stray quote. */
  offset: number;
  /** End of its line: the parser's complaints up to here follow from the quote. */
  lineEnd: number;
  fix: Fix;
}

const AFTER_A_VALUE = /^[ \t]*(?:[,:}\]]|\r|\n|$)/;

/**
 * The stray quote a parse error at `offset` comes from, if any: `previous` (the last token before
 * it) is a string ending exactly there, the text has a quote there, and without it the line goes on
 * as JSON. `terminated`: whether `previous` ends with its closing quote.
 */
export function strayQuoteAt(text: string, offset: number, previous: Token | undefined, terminated: boolean): StrayQuote | undefined {
  if (!previous || previous.kind !== SyntaxKind.StringLiteral || !terminated) return undefined;
  if (previous.offset + previous.length !== offset || text.charCodeAt(offset) !== 0x22) return undefined;
  if (!AFTER_A_VALUE.test(text.slice(offset + 1, offset + 200))) return undefined;
  const newline = text.slice(offset).search(/[\r\n]/);
  return {
    offset,
    lineEnd: newline < 0 ? text.length : offset + newline,
    fix: { title: 'Remove the stray quote', edits: [{ offset, length: 1, newText: '' }], safe: false, preferred: true },
  };
}
