/** An element key the catalog does not know, with the nearest keys as fixes. */
import { replaceValue } from '../edits';
import { isPlaceholder } from '../values';
import { range } from './context';
import { MAX_SUGGESTIBLE_LENGTH } from '../nearestName';
import { defineRule } from './rule';

export const unknownElement = defineRule({
  id: 'unknown-element',
  description: 'An element key the catalog does not know',
  defaultSeverity: 'error',
  check(ctx, report) {
    const named = ctx.elementKey;
    if (!named || isPlaceholder(named.key) || ctx.element) return;
    const { key, node } = named;
    const suggestions = key.length > MAX_SUGGESTIBLE_LENGTH ? [] : ctx.catalog.suggest(key);
    report(
      `Unknown element "${key}"${suggestions.length ? `: did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
      range(node),
      suggestions.map((suggestion, index) => ({
        title: `Change to "${suggestion}"`,
        edits: [replaceValue(node, JSON.stringify(suggestion))],
        safe: false,
        preferred: index === 0,
      })),
    );
  },
});
