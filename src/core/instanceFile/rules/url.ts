/** URL values that are not http(s) URLs, with a repair for the documentation's typos. */
import { replaceValue } from '../edits';
import { kindOf, range } from './context';
import { defineRule } from './rule';

export const url = defineRule({
  id: 'url',
  description: 'URL values that are not valid URLs',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const entry of ctx.configurationEntries) {
      const { key, value, text } = entry;
      if (!value || text === undefined || entry.placeholder || entry.keychainReference || kindOf(entry) !== 'url' || isValidHttpUrl(text)) continue;
      const repaired = repairUrl(text);
      report(
        `"${key}" is not a valid URL${repaired ? `: did you mean "${repaired}"?` : ' (expected http:// or https://)'}`,
        range(value),
        repaired ? [{ title: `Change to "${repaired}"`, edits: [replaceValue(value, JSON.stringify(repaired))], safe: false, preferred: true }] : [],
      );
    }
  },
});

const WHITESPACE = /\s/;

function isValidHttpUrl(text: string): boolean {
  if (WHITESPACE.test(text)) return false;
  try {
    const parsed = new URL(text);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The documentation's URL typos: `https;//`, `https//`, `https:/`, a missing scheme. */
function repairUrl(text: string): string | undefined {
  const trimmed = text.trim();
  const candidates = [
    trimmed.replace(/^(https?)[;.,]?\s*[:;]?\/{1,3}/i, (_, scheme: string) => `${scheme.toLowerCase()}://`),
    /^[\w-]+(\.[\w-]+)+(\/|$)/.test(trimmed) ? `https://${trimmed}` : '',
  ];
  return candidates.find((candidate) => candidate && candidate !== text && isValidHttpUrl(candidate));
}
