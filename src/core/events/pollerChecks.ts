/**
 * Checks a JSON poller configuration, given as the tree of its JSON text (the string's decoded
 * value, or the object written in its place): its shape, its fields (pollerFields.ts), the
 * placeholders of each url (placeholders.ts), and its date formats and zones (dateFormat.ts,
 * timeZone.ts). Ranges are in that JSON text; ranges inside a string value (a placeholder in a
 * url, a quote in a format) go through the value's escapes, so they are exact there too.
 */
import { closestMatches } from '../catalog/suggest';
import type { ObjectNode, PropertyNode, StringNode, ValueNode } from '../instanceFile/jsonNodes';
import type { Properties } from '../instanceFile/propertyIndex';
import { decodeJsonString, escapeForJsonString } from '../instanceFile/jsonString';
import type { StringMap } from '../instanceFile/jsonString';
import { dateFieldFormatProblem, looksLikeDatePattern, MILLISECONDS } from './dateFormat';
import { scanPlaceholders } from './placeholders';
import type { Placeholder, PlaceholderProblem } from './placeholders';
import { DATE_PAIRS, DATES_FIELD_NAMES, DATES_FIELDS, KNOWN_MISSPELLINGS, RESOURCE_FIELD_NAMES, RESOURCE_FIELDS } from './pollerFields';
import type { PollerField } from './pollerFields';
import type { EventFix, EventProblem, EventRule } from './problems';
import { timeZoneProblem } from './timeZone';

export type PropertiesOf = (object: ObjectNode) => Properties;

/** Names longer than this are not suggested for (edit distance is quadratic in the length). */
const MAX_SUGGESTIBLE = 60;

const FIELDS_BY_NAME = new Map<string, PollerField>([...RESOURCE_FIELDS, ...DATES_FIELDS].map((field) => [field.name, field]));

/** A name as a message quotes it: long ones cut short. */
const named = (name: string) => JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}…` : name);

const span = (node: { offset: number; length: number }) => ({ offset: node.offset, length: node.length });

class Checker {
  readonly problems: EventProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly propertiesOf: PropertiesOf,
  ) {}

  add(rule: EventRule, message: string, at: { offset: number; length: number }, fixes: EventFix[] = []): void {
    this.problems.push({ rule, message, offset: at.offset, length: at.length, fixes });
  }

  /** A problem found inside a string value, at its range in the value. */
  addInside(rule: EventRule, value: StringMap, problem: PlaceholderProblem, prefix: string): void {
    const fix = problem.fix;
    this.add(rule, `${prefix}${problem.message}`, value.source(problem), fix ? [{ title: fix.title, edits: [{ ...value.source(fix), newText: escapeForJsonString(fix.newText) }], preferred: true }] : []);
  }

  run(root: ValueNode | undefined): void {
    if (!root) return;
    if (root.type === 'string' && root.value.trim().startsWith('{')) {
      this.add('configuration', 'event.poller.configuration is JSON encoded twice: a string of JSON whose value is itself a string of JSON. Encode the object once', span(root));
      return;
    }
    if (root.type !== 'object') {
      this.add('configuration', 'event.poller.configuration is an object of polled resources, e.g. {"contacts": {"url": "/hubs/crm/contacts", "idField": "id"}}', span(root));
      return;
    }
    for (const property of this.propertiesOf(root).unique()) this.resource(property);
  }

  private resource({ key, value }: PropertyNode): void {
    if (!value) return; // a syntax error says why
    const name = key.value;
    if (value.type !== 'object') {
      this.add('configuration', `Resource ${named(name)} must be an object of poller fields, e.g. {"url": "/hubs/crm/${name.length <= 40 ? name : 'contacts'}", "idField": "id"}`, span(value));
      return;
    }
    const fields = this.propertiesOf(value);
    const where = `resource ${named(name)}`;
    const url = fields.get('url')?.value;
    if (!url) this.add('configuration', `Resource ${named(name)} has no "url": the poller needs the find URL of the records to poll (a required field)`, span(key));
    else if (url.type !== 'string') this.add('configuration', `"url" of ${where} must be a string: the find URL of the records to poll`, span(url));
    if (!fields.has('idField')) {
      this.add('field', `Resource ${named(name)} has no "idField": the JSON path of each record's id, which becomes the event's objectId (the element-builder guide marks it required)`, span(key));
    }
    for (const property of fields.unique()) this.field(property, 'resource', where);
    const dates = fields.get('datesConfiguration')?.value;
    if (dates?.type === 'object') this.dates(dates, where);
    if (url?.type === 'string') this.url(url, where, dates?.type === 'object' ? this.propertiesOf(dates) : undefined);
  }

  /** A field's name and value type, at the resource level or inside datesConfiguration. */
  private field({ key, value }: PropertyNode, level: 'resource' | 'dates', where: string): void {
    const name = key.value;
    const own = level === 'resource' ? RESOURCE_FIELD_NAMES : DATES_FIELD_NAMES;
    const other = level === 'resource' ? DATES_FIELD_NAMES : RESOURCE_FIELD_NAMES;
    const field = FIELDS_BY_NAME.get(name);
    if (!own.includes(name)) {
      if (other.includes(name)) {
        this.add('field', misplaced(name, level, where), span(key));
      } else {
        this.unknown(key, own, where, level);
      }
      return;
    }
    if (!value || !field) return;
    const wrong = this.wrongType(value, field);
    if (wrong) this.add(field.name === 'url' ? 'configuration' : 'field', `"${name}" of ${where} ${wrong}`, span(value));
  }

  private wrongType(value: ValueNode, field: PollerField): string | undefined {
    switch (field.kind) {
      case 'string':
        return value.type === 'string' || field.name === 'url' ? undefined : 'must be a string';
      case 'object':
        return value.type === 'object' ? undefined : 'must be an object';
      case 'boolean':
        return value.type === 'boolean' ? undefined : value.type === 'string' && /^(true|false)$/.test(value.value) ? `is true or false, not the string "${value.value}"` : 'must be true or false';
      case 'count':
        return value.type === 'number' && Number.isInteger(value.value) && (value.value as number) >= 0
          ? undefined
          : value.type === 'string' && /^\d+$/.test(value.value)
            ? `is a whole number, not a string: write ${value.value}`
            : 'must be a whole number of 0 or more';
    }
  }

  private unknown(key: StringNode, candidates: readonly string[], where: string, level: 'resource' | 'dates'): void {
    const name = key.value;
    const known = KNOWN_MISSPELLINGS[name];
    const near = known ?? (name.length <= MAX_SUGGESTIBLE ? closestMatches(name, candidates, 1)[0] : undefined);
    const rename: EventFix[] = near ? [{ title: `Rename to "${near}"`, edits: [{ ...span(key), newText: JSON.stringify(near) }], preferred: true }] : [];
    const fields = level === 'resource' ? 'a resource' : '"datesConfiguration"';
    if (known) {
      this.add(
        'field',
        `Unknown field ${named(name)} in ${where}: did you mean "${known}"? (The archived polling page's prose spells it ${name} once; its example, the element-builder guide and the platform's own configurations write ${known}.) The docs define no ${name}: ignored, it would leave ${known} at its default, true.`,
        span(key),
        rename,
      );
      return;
    }
    this.add('field', `Unknown field ${named(name)} in ${where}${near ? `: did you mean "${near}"?` : `: the fields of ${fields} are ${candidates.join(', ')}`}`, span(key), rename);
  }

  private dates(dates: ObjectNode, where: string): void {
    const fields = this.propertiesOf(dates);
    for (const property of fields.unique()) this.field(property, 'dates', where);
    for (const pair of DATE_PAIRS) {
      const field = fields.get(pair.field);
      const format = fields.get(pair.format);
      const fieldText = field?.value?.type === 'string' ? field.value : undefined;
      const formatText = format?.value?.type === 'string' ? format.value : undefined;
      if (fieldText && formatText && looksLikeDatePattern(fieldText.value) && !looksLikeDatePattern(formatText.value) && dateFieldFormatProblem(formatText.value)) {
        this.add('dates', `"${pair.field}" of ${where} holds a date format and "${pair.format}" a field name: swapped? The field is the JSON path of the date in each record, the format how it is written`, span(fieldText), [
          {
            title: `Swap "${pair.field}" and "${pair.format}"`,
            edits: [
              { ...span(fieldText), newText: this.text.slice(formatText.offset, formatText.offset + formatText.length) },
              { ...span(formatText), newText: this.text.slice(fieldText.offset, fieldText.offset + fieldText.length) },
            ],
            preferred: true,
          },
        ]);
        continue;
      }
      if (formatText) this.format(formatText, `"${pair.format}" of ${where} `);
      if (format && !field) this.add('dates', `"${pair.format}" of ${where} has no "${pair.field}" to read: add the JSON path of the date it describes`, span(format.key));
      if (field && !format) this.add('dates', `"${pair.field}" of ${where} has no "${pair.format}": the poller needs to know how the date is written (a Java date pattern, or milliseconds)`, span(field.key));
      const zone = fields.get(pair.zone)?.value;
      if (zone?.type === 'string') {
        const problem = timeZoneProblem(zone.value);
        if (problem) this.add('dates', `"${pair.zone}" of ${where} ${problem}`, span(zone));
      }
    }
  }

  private format(node: StringNode, prefix: string): void {
    const value = decodeJsonString(this.text, node);
    if (!value) return;
    const problem = dateFieldFormatProblem(value.value);
    if (!problem) return;
    this.addInside('dates', value, { ...problem, ...(problem.repaired !== undefined && { fix: { title: `Change to ${problem.repaired}`, newText: problem.repaired, offset: 0, length: value.value.length } }) }, prefix);
  }

  private url(node: StringNode, where: string, dates: Properties | undefined): void {
    const value = decodeJsonString(this.text, node);
    if (!value) return;
    const url = value.value;
    const prefix = `"url" of ${where}: `;
    const scan = scanPlaceholders(url);
    for (const problem of scan.problems) this.addInside('dates', value, problem, prefix);
    this.whereFormats(value, scan.placeholders, dates, prefix);
    quoteBalance(url, scan.placeholders, (problem) => this.addInside('field', value, problem, prefix));
    const trimmed = url.trimEnd();
    if (trimmed.length < url.length && trimmed.length > 0) {
      this.addInside('field', value, { message: 'ends with white space, which becomes part of the query unless the platform trims it (Sage One US\'s page has this mistake)', offset: trimmed.length, length: url.length - trimmed.length, fix: { title: 'Remove the trailing white space', newText: '', offset: trimmed.length, length: url.length - trimmed.length } }, prefix);
    }
    if (scan.placeholders.length === 0) {
      const fixed = /where=.*?(\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)/.exec(url);
      if (fixed) {
        const at = fixed.index + fixed[0].length - fixed[1]!.length;
        this.addInside('field', value, { message: 'compares with a fixed date, so every poll fetches every record changed since then: use a placeholder such as ${gmtDate:yyyy-MM-dd\'T\'HH:mm:ssXXX}, which the platform fills with the last poll time', offset: at, length: fixed[1]!.length }, prefix);
      }
    }
  }

  /**
   * Where the url compares the poll time with the very field datesConfiguration reads, the
   * placeholder's format should be that field's format: both are how the provider writes it.
   * (A different field may be written differently: Sage One US compares `updated_or_created_since`
   * in one format and reads `updated_at` in another, docs/elements/sageoneus/events.md @ f62e3f1.)
   */
  private whereFormats(value: StringMap, placeholders: readonly Placeholder[], dates: Properties | undefined, prefix: string): void {
    if (!dates) return;
    const field = dates.get('updatedDateField')?.value;
    const format = dates.get('updatedDateFormat')?.value;
    if (field?.type !== 'string' || format?.type !== 'string' || format.value === MILLISECONDS || dateFieldFormatProblem(format.value)) return;
    const fieldName = field.value.slice(field.value.lastIndexOf('.') + 1).toLowerCase();
    for (const placeholder of placeholders) {
      if (!placeholder.format || placeholder.known === 'epoch' || !placeholder.known || placeholder.format.text === format.value) continue;
      const compared = /([A-Za-z_][\w.]*)\s*(>=|<=|>|<|=)\s*'?$/.exec(value.value.slice(0, placeholder.offset))?.[1];
      if (!compared || compared.slice(compared.lastIndexOf('.') + 1).toLowerCase() !== fieldName) continue;
      this.addInside(
        'dates',
        value,
        {
          message: `compares ${compared} in the format ${placeholder.format.text}, but "updatedDateFormat" reads the same field as ${format.value}`,
          offset: placeholder.format.offset,
          length: placeholder.format.text.length,
          fix: { title: `Change the format to ${format.value}`, newText: format.value, offset: placeholder.format.offset, length: placeholder.format.text.length },
        },
        prefix,
      );
    }
  }
}

/**
 * A where clause's single quotes pair up (outside the placeholders, whose formats quote literals):
 * Sage One's page has `attributes='created_at,updated_at` (docs/elements/sageone/events.md L95).
 */
function quoteBalance(url: string, placeholders: readonly Placeholder[], report: (problem: PlaceholderProblem) => void): void {
  const query = url.indexOf('?');
  if (query < 0) return;
  let count = 0;
  let last = -1;
  let next = 0;
  for (let i = query; i < url.length; i++) {
    while (next < placeholders.length && placeholders[next]!.offset + placeholders[next]!.length <= i) next++;
    const placeholder = placeholders[next];
    if (placeholder && i >= placeholder.offset) {
      i = placeholder.offset + placeholder.length - 1;
      continue;
    }
    if (url.charCodeAt(i) === 39) {
      count++;
      last = i;
    }
  }
  if (count % 2 === 1) report({ message: "has a single quote ' that is never closed: the where clause's quotes do not pair up", offset: last, length: 1 });
}

function misplaced(name: string, level: 'resource' | 'dates', where: string): string {
  if (level === 'resource') {
    return `"${name}" is a field of "datesConfiguration": the docs list no "${name}" at the resource level of ${where} (the archived polling page's example has this mistake too)`;
  }
  if (name === 'createdCheckTolerance') {
    return `"createdCheckTolerance" of ${where} goes at the resource level, next to "url", as the polling page and the element-builder guide put it (HubSpot's page puts it inside "datesConfiguration")`;
  }
  return `"${name}" is a field of the resource, not of "datesConfiguration": move it next to "url" in ${where}`;
}

/** What is wrong with a poller configuration, given the tree of its JSON text. */
export function checkPollerConfiguration(text: string, root: ValueNode | undefined, propertiesOf: PropertiesOf): EventProblem[] {
  const checker = new Checker(text, propertiesOf);
  checker.run(root);
  return checker.problems.sort((a, b) => a.offset - b.offset);
}
