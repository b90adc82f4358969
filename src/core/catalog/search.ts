/**
 * Finding elements by what users type: a name, a key, a hub or a flow, in any order, and in
 * SAP Open Connectors' words as well as Cloud Elements' ("quickbooks connector" finds
 * QuickBooks Online: SAP calls elements connectors).
 */
import type { ElementDefinition } from './types';

/** Words that say what is searched for, not which one: dropped from the query. */
const GENERIC_WORDS = new Set(['connector', 'connectors', 'element', 'elements']);

/** Lower-cased words, diacritics folded, with the generic words left out. */
export function searchWords(query: string): string[] {
  return query
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9.!&+-]+/)
    .filter((word) => word !== '' && !GENERIC_WORDS.has(word));
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The elements every word of `query` matches (in the name, key, aliases, hub or a flow's
 * label), best first: the exact name or key, then names and keys starting with the query,
 * then the rest, each group by name. An empty query (or only generic words) lists everything.
 */
export function searchElements(elements: readonly ElementDefinition[], query: string, hubLabel: (hub: string) => string = (hub) => hub): ElementDefinition[] {
  const words = searchWords(query);
  const byName = [...elements].sort((a, b) => a.name.localeCompare(b.name));
  if (words.length === 0) return byName;
  const phrase = words.join(' ');
  const scored: Array<{ element: ElementDefinition; score: number }> = [];
  for (const element of byName) {
    const name = fold(element.name);
    const key = element.key.toLowerCase();
    const haystack = [name, key, ...(element.aliases ?? []).map(fold), fold(hubLabel(element.hub)), element.hub, ...element.flows.map((flow) => fold(flow.label))].join(' ');
    if (!words.every((word) => haystack.includes(word))) continue;
    const score = name === phrase || key === phrase ? 0 : name.startsWith(phrase) || key.startsWith(phrase) ? 1 : words.every((word) => name.includes(word) || key.includes(word)) ? 2 : 3;
    scored.push({ element, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((entry) => entry.element);
}
