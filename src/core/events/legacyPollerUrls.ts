/**
 * The legacy `event.poller.urls`, in the three shapes the docs show (cloud-elements/devportal):
 *
 * 1. the line format, one resource a line (_archive/events/polling.md L21-38):
 *    `<resource>|<pollerUrl>|<xPathFilter>|<updatedDateField>|<updatedDateFormat>|<updatedDateTimeZone>|<createdDateField>|<createdDateFormat>|<createdDateTimeZone>`
 *    — 9 fields, but the page's own example lines have 8: the last, optional, is left out;
 * 2. `resource|url`, in platform responses (docs/elements/docusign/docusign-create-instance.md L106,
 *    docs/elements/sharefile/authenticate.md L244);
 * 3. a list of resource names, split on `|` (Pardot's `contacts|leads`, docs/elements/pardot/events.md
 *    L41) or on line breaks (HubSpot, Cloud Elements' churros provisioner L93).
 *
 * A line with a `/` holds a URL, so it is shape 1 or 2; a line without one is a list of names,
 * which any number of `|` may split.
 */
import { dateFieldFormatProblem } from './dateFormat';
import { scanPlaceholders } from './placeholders';
import type { EventProblem } from './problems';
import { timeZoneProblem } from './timeZone';

export const LINE_FIELDS = [
  'resource',
  'pollerUrl',
  'xPathFilter',
  'updatedDateField',
  'updatedDateFormat',
  'updatedDateTimeZone',
  'createdDateField',
  'createdDateFormat',
  'createdDateTimeZone',
] as const;

export interface LegacyField {
  text: string;
  /** In the whole value. */
  offset: number;
}

export interface LegacyLine {
  /** In the whole value, without its line break. */
  offset: number;
  length: number;
  /** `line`: the resource|url… format; `names`: a list of resource names. */
  kind: 'line' | 'names';
  fields: LegacyField[];
}

/** The value's non-empty lines, each split on `|`. */
export function parseLegacyPollerUrls(value: string): LegacyLine[] {
  const lines: LegacyLine[] = [];
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf('\n', start);
    if (end < 0) end = value.length;
    const lineEnd = value.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end;
    const text = value.slice(start, lineEnd);
    if (text.trim() !== '') {
      const fields: LegacyField[] = [];
      let fieldStart = 0;
      for (let bar = text.indexOf('|'); ; bar = text.indexOf('|', fieldStart)) {
        const fieldEnd = bar < 0 ? text.length : bar;
        fields.push({ text: text.slice(fieldStart, fieldEnd), offset: start + fieldStart });
        if (bar < 0) break;
        fieldStart = bar + 1;
      }
      lines.push({ offset: start, length: text.length, kind: text.includes('/') ? 'line' : 'names', fields });
    }
    start = end + 1;
  }
  return lines;
}

const FORMAT = `${LINE_FIELDS.join('|')}`;

/** What is wrong with an `event.poller.urls` value; ranges are in the value. */
export function checkLegacyPollerUrls(value: string): EventProblem[] {
  const problems: EventProblem[] = [];
  const trimmed = value.trimStart();
  if (trimmed.startsWith('{')) {
    const at = value.length - trimmed.length;
    problems.push({ rule: 'urls', message: 'event.poller.urls holds JSON: a JSON poller configuration goes in "event.poller.configuration"', offset: at, length: value.trimEnd().length - at, fixes: [] });
    return problems;
  }
  for (const line of parseLegacyPollerUrls(value)) {
    if (line.kind === 'names') continue;
    const count = line.fields.length;
    if (count !== 2 && count !== 8 && count !== 9) {
      problems.push({
        rule: 'urls',
        message: `This event.poller.urls line has ${count} "|"-separated field${count === 1 ? '' : 's'}: a line with a URL is resource|url (2 fields) or ${FORMAT} (9, or 8 without the last, as the docs' examples write it)`,
        offset: line.offset,
        length: line.length,
        fixes: [],
      });
    }
    const url = line.fields[1];
    if (url) {
      for (const problem of scanPlaceholders(url.text).problems) {
        const fix = problem.fix;
        problems.push({
          rule: 'dates',
          message: `event.poller.urls, the URL of "${line.fields[0]!.text.slice(0, 60)}": ${problem.message}`,
          offset: url.offset + problem.offset,
          length: problem.length,
          fixes: fix ? [{ title: fix.title, edits: [{ offset: url.offset + fix.offset, length: fix.length, newText: fix.newText }], preferred: true }] : [],
        });
      }
    }
    if (count < 8) continue;
    for (const index of [4, 7]) {
      const field = line.fields[index]!;
      if (field.text === '') continue;
      const problem = dateFieldFormatProblem(field.text);
      if (!problem) continue;
      problems.push({
        rule: 'dates',
        message: `event.poller.urls, ${LINE_FIELDS[index]} of "${line.fields[0]!.text.slice(0, 60)}" ${problem.message}`,
        offset: field.offset + problem.offset,
        length: problem.length,
        fixes: problem.repaired !== undefined ? [{ title: `Change to ${problem.repaired}`, edits: [{ offset: field.offset, length: field.text.length, newText: problem.repaired }], preferred: true }] : [],
      });
    }
    for (const index of [5, 8]) {
      const field = line.fields[index];
      if (!field || field.text === '') continue;
      const problem = timeZoneProblem(field.text);
      if (problem) problems.push({ rule: 'dates', message: `event.poller.urls, ${LINE_FIELDS[index]} of "${line.fields[0]!.text.slice(0, 60)}" ${problem}`, offset: field.offset, length: field.text.length, fixes: [] });
    }
  }
  return problems;
}
