import type { Fix } from '../findings';
import { defineRule } from './rule';

export const smartQuotes = defineRule({
  id: 'smart-quotes',
  description: 'Curly or typographic quotes where JSON needs a straight quote (")',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { smartQuotes: quotes, smartQuotesCertain: certain } = ctx.parsed;
    if (quotes.length === 0) return;
    // Straightening the quotes the parse guessed could merge two keys into one or split a value:
    // offered then for a person to check, never applied by --fix or on save.
    const replaceAll: Fix = {
      title: certain ? 'Replace curly quotes with straight quotes' : 'Replace curly quotes with straight quotes (a guess: check every key and value)',
      edits: quotes.map((quote) => ({ offset: quote.offset, length: 1, newText: '"' })),
      safe: certain,
      preferred: certain,
    };
    const unsure = certain ? '' : ' Which curly quotes end a string is not certain here, so they are not fixed automatically.';
    for (const quote of quotes) {
      report(
        `Curly quote ${quote.char} where JSON needs a straight quote ": text copied from a web page or word processor?${unsure}`,
        { offset: quote.offset, length: 1 },
        [replaceAll],
      );
    }
  },
});
