/**
 * Finds typographic quotes used as JSON string delimiters (what word processors and web
 * pages turn `"` into). Curly quotes inside a properly quoted string are content and stay.
 */

const SMART_QUOTES = new Set(['“', '”', '„', '‟', '″', '‘', '’', '‚', '‛', '′', '«', '»', '＂']);

export interface SmartQuote {
  offset: number;
  char: string;
}

export interface QuoteScan {
  quotes: SmartQuote[];
  /** The text with every delimiter quote made straight (and a BOM blanked); offsets unchanged. */
  normalized: string;
}

export function isSmartQuote(char: string): boolean {
  return SMART_QUOTES.has(char);
}

/** True when the rest of the line after `index` starts with a JSON delimiter or is empty. */
function closesString(text: string, index: number): boolean {
  for (let i = index + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') continue;
    return c === ':' || c === ',' || c === '}' || c === ']' || c === '\n' || c === '\r';
  }
  return true;
}

export function scanSmartQuotes(text: string): QuoteScan {
  const quotes: SmartQuote[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n' || c === '\r') inString = false;
      else if (SMART_QUOTES.has(c) && closesString(text, i)) {
        quotes.push({ offset: i, char: c });
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
    } else if (SMART_QUOTES.has(c)) {
      quotes.push({ offset: i, char: c });
      inString = true;
    }
  }
  let normalized = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  if (quotes.length > 0) {
    const chars = normalized.split('');
    for (const quote of quotes) chars[quote.offset] = '"';
    normalized = chars.join('');
  }
  return { quotes, normalized };
}
