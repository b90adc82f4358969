/**
 * Finds typographic quotes used as JSON string delimiters (what word processors and web
 * pages turn `"` into). Curly quotes inside a properly quoted string are content and stay.
 * `findDelimiterQuotes` is a line-by-line guess for text that does not parse and whose quotes
 * can be read more than one way (quoteReadings.ts decides that): it places the diagnostics, and no
 * fix built on it is safe. `parseInstance` never runs either on text that parses.
 */

const ANY_SMART_QUOTE = /[“”„‟″‘’‚‛′«»＂]/;

export interface SmartQuote {
  offset: number;
  char: string;
}

/** Whether a UTF-16 code unit is one of the typographic quotes that may stand for `"`. */
export function isSmartQuoteCode(code: number): boolean {
  // “ ” „ ‟ and ‘ ’ ‚ ‛ are U+2018 to U+201F; then ′ ″, « », ＂.
  return (code >= 0x2018 && code <= 0x201f) || code === 0x2032 || code === 0x2033 || code === 0xab || code === 0xbb || code === 0xff02;
}

export function hasSmartQuote(text: string): boolean {
  return ANY_SMART_QUOTE.test(text);
}

const isLineBreak = (c: string) => c === '\n' || c === '\r';
/** A straight quote that is not escaped by the character before it. */
const isBareQuote = (text: string, i: number) => text[i] === '"' && text[i - 1] !== '\\';

/** True when the rest of the line after `index` starts with a JSON delimiter or is empty. */
function closesString(text: string, index: number): boolean {
  for (let i = index + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') continue;
    return c === ':' || c === ',' || c === '}' || c === ']' || isLineBreak(c);
  }
  return true;
}

/**
 * How many straight quotes follow an offset on its line. Queries come in increasing offsets, so
 * each line is counted once: the scan stays linear however many curly quotes a line holds.
 */
class QuotesLeftOnLine {
  private cursor = 0;
  private lineEnd = -1;
  private left = 0;

  constructor(private readonly text: string) {}

  after(offset: number): number {
    const text = this.text;
    if (offset >= this.lineEnd) {
      this.cursor = offset + 1;
      this.lineEnd = this.cursor;
      this.left = 0;
      while (this.lineEnd < text.length && !isLineBreak(text[this.lineEnd]!)) {
        if (isBareQuote(text, this.lineEnd)) this.left++;
        this.lineEnd++;
      }
      return this.left;
    }
    for (; this.cursor <= offset; this.cursor++) if (isBareQuote(text, this.cursor)) this.left--;
    return this.left;
  }
}

/**
 * Curly quotes that open or close a string. A string opened by a straight quote is closed by a
 * curly one only when a delimiter follows it and the straight quotes left on the line pair up:
 * in `"Called “Acme”, Inc."` the `”` is content (its line has one straight quote left).
 */
export function findDelimiterQuotes(text: string): SmartQuote[] {
  const quotes: SmartQuote[] = [];
  const quotesLeft = new QuotesLeftOnLine(text);
  let open: 'none' | 'straight' | 'curly' = 'none';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open !== 'none') {
      if (c === '\\') i++;
      else if (c === '"' || isLineBreak(c)) open = 'none';
      else if (isSmartQuoteCode(c.charCodeAt(0)) && closesString(text, i) && (open === 'curly' || quotesLeft.after(i) % 2 === 0)) {
        quotes.push({ offset: i, char: c });
        open = 'none';
      }
    } else if (c === '"') {
      open = 'straight';
    } else if (isSmartQuoteCode(c.charCodeAt(0))) {
      quotes.push({ offset: i, char: c });
      open = 'curly';
    }
  }
  return quotes;
}

/** `text` with a straight quote at each of `quotes`; offsets unchanged. */
export function straighten(text: string, quotes: readonly SmartQuote[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const quote of quotes) {
    parts.push(text.slice(from, quote.offset), '"');
    from = quote.offset + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
