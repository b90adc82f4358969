import type { Fix } from '../diagnostics';
import { defineRule } from './rule';

export const smartQuotes = defineRule({
  id: 'smart-quotes',
  description: 'Curly or typographic quotes where JSON needs a straight quote (")',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { smartQuotes: quotes } = ctx.parsed;
    if (quotes.length === 0) return;
    const replaceAll: Fix = {
      title: 'Replace curly quotes with straight quotes',
      edits: quotes.map((quote) => ({ offset: quote.offset, length: 1, newText: '"' })),
      safe: true,
      preferred: true,
    };
    for (const quote of quotes) {
      report(
        `Curly quote ${quote.char} where JSON needs a straight quote ": text copied from a web page or word processor?`,
        { offset: quote.offset, length: 1 },
        [replaceAll],
      );
    }
  },
});
