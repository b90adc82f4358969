import type { Fix } from '../diagnostics';
import type { RuleContext } from './context';

export function checkSmartQuotes(ctx: RuleContext): void {
  const { smartQuotes } = ctx.parsed;
  if (smartQuotes.length === 0) return;
  const replaceAll: Fix = {
    title: 'Replace curly quotes with straight quotes',
    edits: smartQuotes.map((quote) => ({ offset: quote.offset, length: 1, newText: '"' })),
    safe: true,
    preferred: true,
  };
  for (const quote of smartQuotes) {
    ctx.report(
      'smart-quotes',
      `Curly quote ${quote.char} where JSON needs a straight quote ": text copied from a web page or word processor?`,
      { offset: quote.offset, length: 1 },
      [replaceAll],
    );
  }
}
