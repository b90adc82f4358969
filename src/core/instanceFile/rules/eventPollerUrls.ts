/**
 * The legacy `event.poller.urls`: a line with a URL has 2 `|`-separated fields (resource|url) or
 * 9 (8 without the optional last, as the docs' own examples write it); a list of resource names
 * may have any number. See src/core/events/legacyPollerUrls.ts.
 */
import { escapeForJsonString } from '../jsonString';
import { reportEventProblems, stringMap } from '../eventReport';
import { defineRule } from './rule';

export const eventPollerUrls = defineRule({
  id: 'event-poller-urls',
  description: 'A legacy event.poller.urls line with the wrong number of "|" fields (2, 8 or 9 where it has a URL), or JSON that belongs in event.poller.configuration',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const urls = ctx.eventPolling.urls;
    if (urls) reportEventProblems(report, 'urls', urls.problems, stringMap(urls.map, escapeForJsonString));
  },
});
