/**
 * Poller configuration fields the poller does not read as written: unknown or misspelt fields
 * (`filterByUpdateDate` for `filterByUpdatedDate`), fields at the wrong level, values of the wrong
 * type, a resource without `idField`, and url mistakes the docs print (an unclosed quote, trailing
 * white space, a fixed date where the last poll time belongs). See src/core/events/pollerFields.ts.
 */
import { reportEventProblems } from '../eventReport';
import { defineRule } from './rule';

export const eventPollerField = defineRule({
  id: 'event-poller-field',
  description: 'Poller configuration fields the poller does not read as written: unknown or misspelt (filterByUpdateDate), misplaced, wrongly typed, or a url with an unclosed quote or a fixed date',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const embedded = ctx.eventPolling.configuration;
    if (embedded) reportEventProblems(report, 'field', embedded.problems, embedded);
  },
});
