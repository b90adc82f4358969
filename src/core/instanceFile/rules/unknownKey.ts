/** Keys Cloud Elements does not know: top-level properties, and likely typos of the flow's entries. */
import { renameKey } from '../edits';
import { holdsElement, range, TOP_LEVEL } from './context';
import { nearest } from '../nearestName';
import type { ValueEntry } from './context';
import type { Report } from '../findings';
import { defineRule } from './rule';

export const unknownKey = defineRule({
  id: 'unknown-key',
  description: 'A key Cloud Elements does not know, usually a misspelling',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const [name, { key }] of ctx.top) {
      if (TOP_LEVEL.includes(name) || holdsElement(ctx, name)) continue; // the required-key rule names an element impostor
      const suggestion = nearest(name, TOP_LEVEL);
      report(
        `Unknown property "${name}"${suggestion ? `: did you mean "${suggestion}"?` : ': Cloud Elements ignores it'}`,
        range(key),
        suggestion ? [{ title: `Rename to "${suggestion}"`, edits: [renameKey(key, suggestion)], safe: false, preferred: true }] : [],
      );
    }
    const flow = ctx.flow;
    if (!flow) return;
    const providerData = ctx.propertiesOf(ctx.property('providerData')?.value);
    typos(report, 'configuration', ctx.configurationEntries, ctx.propertiesOf(ctx.configuration), flow.configuration.map((field) => field.key));
    typos(report, 'providerData', ctx.providerDataEntries, providerData, flow.providerData.map((field) => field.key));
  },
});

/** Elements accept more settings than the catalog lists: only a near miss of a key the flow lacks is flagged. */
function typos(report: Report, section: string, entries: ValueEntry[], present: { has(name: string): boolean }, flowKeys: string[]): void {
  const absent = flowKeys.filter((key) => !present.has(key));
  if (absent.length === 0) return;
  for (const { key, property } of entries) {
    if (flowKeys.includes(key)) continue;
    const suggestion = nearest(key, absent);
    if (!suggestion) continue;
    report(`Unknown ${section} key "${key}": did you mean "${suggestion}"?`, range(property.key), [
      { title: `Rename to "${suggestion}"`, edits: [renameKey(property.key, suggestion)], safe: false, preferred: true },
    ]);
  }
}
