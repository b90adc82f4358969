/**
 * Dates in the poller configuration (JSON or legacy lines): `${…}` placeholders the platform does
 * not expand, date formats Java would refuse or that do not fit their field, unknown time zones.
 * See src/core/events/placeholders.ts, dateFormat.ts and timeZone.ts for what is documented.
 */
import { escapeForJsonString } from '../jsonString';
import { reportEventProblems, stringMap } from '../eventReport';
import { defineRule } from './rule';

export const eventPollerDates = defineRule({
  id: 'event-poller-dates',
  description: 'Poller dates: a ${…} placeholder the platform does not expand, a date format that is no Java date pattern or does not fit its field, an unknown time zone',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { configuration, urls } = ctx.eventPolling;
    if (configuration) reportEventProblems(report, 'dates', configuration.problems, configuration);
    if (urls) reportEventProblems(report, 'dates', urls.problems, stringMap(urls.map, escapeForJsonString));
  },
});
