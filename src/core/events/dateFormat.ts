/**
 * The date formats of a poller configuration: `updatedDateFormat` / `createdDateFormat` and the
 * format inside `${gmtDate:…}` placeholders are Java SimpleDateFormat patterns ("we expect a
 * literal 'T'", "XXX defines a specific time zone": cloud-elements/devportal
 * docs/guides/elements/events.md L183-202), or the special value `milliseconds` in the date
 * fields (used 108 times in the docs, e.g. _includes/Elements/Hubspot/events.md L96-98, never
 * defined). What is a pattern follows java.text.SimpleDateFormat (Java SE 8): an unquoted ASCII
 * letter must be one of its pattern letters, text in '…' is literal ('' is a quote), an
 * unterminated quote and more than three X are refused.
 */

/** The pattern letters of java.text.SimpleDateFormat. */
const PATTERN_LETTERS = new Set('GyYMLwWDdFEuaHkKhmsSzZX');

/** The date fields' special value for epoch milliseconds (not a pattern). */
export const MILLISECONDS = 'milliseconds';

export interface FormatProblem {
  message: string;
  /** Within the checked format. */
  offset: number;
  length: number;
  /** A replacement for the whole format that repairs it, when one is evident. */
  repaired?: string;
}

const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** The first reason Java would refuse `pattern` as a SimpleDateFormat, or undefined when it takes it. */
export function datePatternProblem(pattern: string): FormatProblem | undefined {
  if (pattern.trim() === '') return { message: 'is empty: write a date pattern such as yyyy-MM-dd\'T\'HH:mm:ssXXX', offset: 0, length: pattern.length };
  let letters = 0;
  for (let i = 0; i < pattern.length; ) {
    const code = pattern.charCodeAt(i);
    if (code === 39 /* ' */) {
      if (pattern.charCodeAt(i + 1) === 39) {
        i += 2; // '' is a literal quote
        continue;
      }
      let end = i + 1;
      for (;;) {
        end = pattern.indexOf("'", end);
        if (end < 0) {
          return {
            message: "has a quote ' that is never closed: Java refuses the pattern (text in quotes is literal, and this quote never ends)",
            offset: i,
            length: 1,
            ...(i === pattern.length - 1 && i > 0 && datePatternProblem(pattern.slice(0, i)) === undefined && { repaired: pattern.slice(0, i) }),
          };
        }
        if (pattern.charCodeAt(end + 1) === 39) end += 2;
        else break;
      }
      i = end + 1;
      continue;
    }
    if (!isAsciiLetter(code)) {
      i++;
      continue;
    }
    const letter = pattern[i]!;
    let run = i + 1;
    while (pattern[run] === letter) run++;
    if (!PATTERN_LETTERS.has(letter)) {
      const quoted = letter === 'T' ? pattern.slice(0, i) + "'T'" + pattern.slice(run) : undefined;
      return {
        message: `has ${letter}, which is not a pattern letter${letter === 'T' ? ": a literal T is written 'T'" : ': literal text goes in single quotes'}`,
        offset: i,
        length: 1,
        ...(quoted !== undefined && run === i + 1 && datePatternProblem(quoted) === undefined && { repaired: quoted }),
      };
    }
    if (letter === 'X' && run - i > 3) return { message: `has ${run - i} X: an ISO 8601 zone is X, XX or XXX`, offset: i, length: run - i };
    letters++;
    i = run;
  }
  if (letters === 0) return { message: 'has no pattern letters: it would write the same text for every date', offset: 0, length: pattern.length };
  return undefined;
}

/** A date field's format (`updatedDateFormat`, `createdDateFormat`): a pattern, or `milliseconds`. */
export function dateFieldFormatProblem(format: string): FormatProblem | undefined {
  if (format === MILLISECONDS) return undefined;
  if (format.startsWith(MILLISECONDS) && format.slice(MILLISECONDS.length).trim() === "'") {
    return { message: "has a stray quote ' after milliseconds", offset: MILLISECONDS.length, length: format.length - MILLISECONDS.length, repaired: MILLISECONDS };
  }
  const problem = datePatternProblem(format);
  return problem && { ...problem, message: `${problem.message} (the docs' formats are Java date patterns, or milliseconds)` };
}

/** Whether a value reads as a date pattern rather than a field name: `yyyy-MM-dd`, `HH:mm:ss`, `'T'`. */
export function looksLikeDatePattern(value: string): boolean {
  return /yyyy|yy-|-MM|MM-|MM\/|dd\/|HH:mm|mm:ss|'T'/.test(value) && datePatternProblem(value) === undefined;
}
