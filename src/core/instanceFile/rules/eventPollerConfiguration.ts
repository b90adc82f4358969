/**
 * An `event.poller.configuration` the poller cannot use: JSON inside its string that does not
 * parse (found and placed as the syntax rule places errors in the file itself, through the
 * string's escapes), not an object of resources, a resource without its required `url`
 * (devportal _archive/events/polling.md L46: "This field is required").
 */
import type { Catalog } from '../../catalog';
import { renameKey } from '../edits';
import type { EmbeddedJson } from '../eventConfiguration';
import { reportEventProblems } from '../eventReport';
import type { ParsedInstance } from '../parse';
import { LintContext } from './context';
import type { Report } from '../findings';
import { defineRule } from './rule';
import { smartQuotes } from './smartQuotes';
import { syntax } from './syntax';

const KEY = 'event.poller.configuration';

/** The JSON inside the string as a file of its own, its lines told as the document's. */
class InsideContext extends LintContext {
  constructor(
    parsed: ParsedInstance,
    catalog: Catalog,
    private readonly outer: LintContext,
    private readonly embedded: EmbeddedJson,
  ) {
    super(parsed, catalog);
  }

  override lineOf(offset: number): number {
    return this.outer.lineOf(this.embedded.toDocument({ offset, length: 0 }).offset);
  }
}

export const eventPollerConfiguration = defineRule({
  id: 'event-poller-configuration',
  description: 'An event.poller.configuration the poller cannot use: JSON inside its string that does not parse, no object of resources, a resource without "url"',
  defaultSeverity: 'error',
  check(ctx, report) {
    const embedded = ctx.eventPolling.configuration;
    if (!embedded) return;
    const inner = embedded.parsed;
    if (embedded.form === 'string' && (inner.errors.length > 0 || inner.smartQuotes.length > 0)) {
      const text = inner.text.trim();
      if (!text.startsWith('{') && text.includes('|')) {
        legacyLine(ctx, report, embedded);
        return;
      }
      const mapped: Report = (message, range, fixes = []) =>
        report(
          `${KEY} (JSON in a string): ${message}`,
          embedded.toDocument(range),
          fixes.map((fix) => ({ ...fix, safe: false, edits: fix.edits.map((edit) => ({ ...embedded.toDocument(edit), newText: embedded.encode(edit.newText) })) })),
        );
      const insideContext = new InsideContext(inner, ctx.catalog, ctx, embedded);
      smartQuotes.check(insideContext, mapped);
      syntax.check(insideContext, mapped);
    }
    reportEventProblems(report, 'configuration', embedded.problems, embedded);
  },
});

/** A legacy `resource|url…` line written where the JSON configuration goes. */
function legacyLine(ctx: LintContext, report: Report, embedded: EmbeddedJson): void {
  const configuration = ctx.propertiesOf(ctx.configuration);
  const property = configuration.get(KEY);
  if (!property?.value) return;
  const canMove = !configuration.has('event.poller.urls');
  report(
    `${KEY} holds a legacy "|"-separated line: it takes JSON, {"<resource>": {"url": "/hubs/…", "idField": "id"}}; the line format goes in "event.poller.urls"`,
    embedded.toDocument({ offset: 0, length: embedded.parsed.text.length }),
    canMove ? [{ title: 'Rename the key to "event.poller.urls"', edits: [renameKey(property.key, 'event.poller.urls')], safe: false, preferred: true }] : [],
  );
}
