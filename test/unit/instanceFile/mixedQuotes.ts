/**
 * Mixed straight and curly quotes: a valid JSON text (`original`) whose quote characters were
 * partly replaced by typographic ones (`text`), as a paste from a word processor or a web page
 * leaves them; and what a person reading such a text sees (`personReading`), worked out by
 * brute force with jsonc-parser, independently of the linter's own search (quoteReadings.ts).
 * Used by the `--fix` property suite and by `scripts/quote-fix-survey.ts`, which counts over
 * 101,000 of them.
 */
import fc from 'fast-check';
import { parseTree, ParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';

export interface MixedQuotes {
  /** The JSON text a person means (straight quotes only as delimiters and escapes). */
  original: string;
  /** `original` with some of its `"` replaced by typographic quotes. */
  text: string;
}

/** Characters that make strings look like JSON: delimiters, a backslash, a straight quote, spaces. */
const JSONISH = ['a', 'b', ' ', '{', '}', '[', ']', ':', ',', '"', '\\'];
/** Curly quotes as content (`"Called “Acme”, Inc."`): then a person may not know either. */
const CONTENT_QUOTES = ['“', '”', '‘', '’', '«', '»'];

/** What replaces one `"`: kept, the curly quote a word processor would put there, or any other. */
type Replacement = 'keep' | 'typographic' | 'other';
const OTHER_QUOTES = ['“', '”', '„', '‟', '″', '‘', '’', '‚', '‛', '′', '«', '»', '＂'];
const CURLY = new Set(OTHER_QUOTES);

function stringArbitrary(curlyContent: boolean): fc.Arbitrary<string> {
  const jsonish = fc.constantFrom(...JSONISH);
  const unit = curlyContent ? fc.oneof({ weight: 4, arbitrary: jsonish }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_QUOTES) }) : jsonish;
  return fc.string({ unit, maxLength: 4 });
}

/**
 * Objects (what an instance file is) of a few entries, values nested one or two levels; smaller
 * with curly quotes inside strings, so that `personReading` can try every reading of most of them.
 */
function originalArbitrary(curlyContent: boolean): fc.Arbitrary<string> {
  const text = stringArbitrary(curlyContent);
  const width = curlyContent ? 2 : 3;
  const value = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.constantFrom(true, false, null, 0, 12),
      fc.array(tie('value'), { maxLength: width }),
      fc.dictionary(text, tie('value'), { maxKeys: width }),
    ),
  })).value;
  return fc
    .tuple(fc.array(fc.tuple(text, value), { minLength: 1, maxLength: width + 1 }), fc.constantFrom(undefined, 2))
    .map(([entries, indent]) => objectText(entries, indent));
}

/** An object's text from its entries (repeated keys kept, as a file can hold them), like JSON.stringify. */
function objectText(entries: ReadonlyArray<[string, unknown]>, indent: number | undefined): string {
  if (indent === undefined) return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
  const pad = ' '.repeat(indent);
  const lines = entries.map(([key, value]) => `${pad}${JSON.stringify(key)}: ${JSON.stringify(value, null, indent)!.replace(/\n/g, `\n${pad}`)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** The opening and closing delimiter quotes of a JSON text, and its escaped quotes. */
function quoteRoles(text: string): Array<{ offset: number; role: 'open' | 'close' | 'escaped' }> {
  const roles: Array<{ offset: number; role: 'open' | 'close' | 'escaped' }> = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') {
      if (text[i + 1] === '"') roles.push({ offset: i + 1, role: 'escaped' });
      i++;
    } else if (c === '"') {
      roles.push({ offset: i, role: inString ? 'close' : 'open' });
      inString = !inString;
    }
  }
  return roles;
}

function replaced(original: string, replacements: readonly Replacement[], others: readonly number[]): string {
  const chars = [...original];
  // `original` holds no surrogate pairs, so string offsets are array indexes.
  quoteRoles(original).forEach(({ offset, role }, index) => {
    const replacement = replacements[index % replacements.length]!;
    if (replacement === 'keep') return;
    chars[offset] =
      replacement === 'typographic' ? (role === 'close' ? '”' : '“') : OTHER_QUOTES[others[index % others.length]! % OTHER_QUOTES.length]!;
  });
  return chars.join('');
}

/** A valid JSON object text and the same text with some of its quotes made curly (at least one). */
export function mixedQuotes({ curlyContent = false }: { curlyContent?: boolean } = {}): fc.Arbitrary<MixedQuotes> {
  return fc
    .tuple(
      originalArbitrary(curlyContent),
      fc.array(fc.constantFrom<Replacement>('keep', 'keep', 'typographic', 'typographic', 'other'), { minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    )
    .map(([original, replacements, others]) => ({ original, text: replaced(original, replacements, others) }))
    .filter(({ original, text }) => original !== text);
}

type Structure = string | number | boolean | null | Structure[] | { entries: Array<[string, Structure]> };

function structure(node: Node): Structure {
  switch (node.type) {
    case 'object':
      return { entries: (node.children ?? []).map((property) => [property.children![0]!.value as string, structure(property.children![1]!)]) };
    case 'array':
      return (node.children ?? []).map(structure);
    default:
      return node.value as Structure;
  }
}

/**
 * The data of a strict JSON text, every key kept in order (repeated ones too, which `JSON.parse`
 * would merge), or undefined when the text is not JSON.
 */
export function dataOf(text: string): Structure | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  return root && structure(root);
}

/**
 * The data of a text that is JSON but for mistakes that lose nothing (missing commas between
 * entries, trailing commas, comments), or undefined.
 */
function forgivenDataOf(text: string): Structure | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return root && errors.every((error) => error.error === ParseErrorCode.CommaExpected) ? structure(root) : undefined;
}

/** At most this many curly quotes are read every way (2^n readings); a text with more is not judged. */
export const MAX_CURLY_QUOTES_READ = 12;

/**
 * What a person reading `text` sees, by this definition: each curly quote is read as a `"` or as
 * itself; a reading counts when it is JSON but for mistakes that lose nothing. The person sees the
 * reading that takes every curly quote as a quote when it counts (no other takes as many), else
 * the only reading that counts. 'uncertain' when several or none count; 'unjudged' over
 * MAX_CURLY_QUOTES_READ curly quotes.
 */
export function personReading(text: string): Structure | 'uncertain' | 'unjudged' {
  const chars = [...text];
  const curly = chars.flatMap((c, i) => (CURLY.has(c) ? [i] : []));
  const reading = (mask: number) => chars.map((c, i) => (CURLY.has(c) && mask & (1 << curly.indexOf(i)) ? '"' : c)).join('');
  const every = forgivenDataOf(chars.map((c) => (CURLY.has(c) ? '"' : c)).join(''));
  if (every !== undefined) return every;
  if (curly.length > MAX_CURLY_QUOTES_READ) return 'unjudged';
  let only: Structure | undefined;
  for (let mask = 0; mask < 1 << curly.length; mask++) {
    const data = forgivenDataOf(reading(mask));
    if (data === undefined) continue;
    if (only !== undefined) return 'uncertain';
    only = data;
  }
  return only ?? 'uncertain';
}
