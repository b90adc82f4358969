/**
 * The `${…}` placeholders the platform expands in a poller URL, "'${dateFieldDescriptor:dateFieldFormat}'"
 * (cloud-elements/devportal docs/guides/elements/events.md L159-177):
 *
 * - `${gmtDate:<format>}`: the poll time in GMT ("We recommend that you use gmtDate");
 * - `${date:<format>}`: the poll time in the time zone of the server hosting Cloud Elements;
 * - `${dateTimeZone:<zone>:<format>}`: in the given zone (MST, EST, -6:00, +6:00; America/Denver in
 *   docs/elements/quickbooksenterprise/tips.md L31);
 * - `${epoch}` (milliseconds), `${epoch:s}`, `${epoch:us}` ("do not enter a dateFieldFormat"), and
 *   `${epoch:ms}` (in use: docs/elements/lithium/events.md L40, docs/elements/netsuite-crm/events.md L45);
 * - `${date}` without a format, in the docs' own examples (_archive/events/polling.md L34,
 *   _includes/Elements/Hubspot/events.md L93); what it expands to is not documented.
 *
 * Anything else is not expanded: the docs' `${DateTimeZone:…}` (docs/elements/revel/events.md L98),
 * `${milliseconds}` (docs/elements/linkedin/events.md L96), `${518862600}` (docs/elements/eloqua/events.md L130).
 */
import { closestMatches } from '../catalog/suggest';
import { datePatternProblem } from './dateFormat';
import { timeZoneProblem, zoneLength } from './timeZone';

export const DESCRIPTORS = ['gmtDate', 'date', 'dateTimeZone', 'epoch'] as const;
export type Descriptor = (typeof DESCRIPTORS)[number];

export const EPOCH_UNITS = ['s', 'ms', 'us'] as const;

/** A range within the scanned text, and (for a fix) what replaces it. */
export interface Span {
  offset: number;
  length: number;
}

export interface PlaceholderProblem extends Span {
  message: string;
  /** A replacement of this span that repairs it, when one is evident (never applied without a person looking). */
  fix?: { title: string; newText: string } & Span;
}

export interface Placeholder extends Span {
  /** The descriptor as written (`gmtDate`, `DateTimeZone`, `518862600`). */
  descriptor: string;
  known: Descriptor | undefined;
  /** The date format, when the placeholder has one, and where it starts in the text. */
  format?: { text: string; offset: number };
  zone?: { text: string; offset: number };
}

export interface PlaceholderScan {
  placeholders: Placeholder[];
  problems: PlaceholderProblem[];
}

const KNOWN_LIST = '${gmtDate:<format>}, ${date:<format>}, ${dateTimeZone:<zone>:<format>} and ${epoch} (${epoch:s}, ${epoch:ms}, ${epoch:us})';

/** The `${` … `}` of `text` whose braces balance, from `open` (the `$`); -1 when it never closes. */
/** A placeholder as a message quotes it: long ones cut short. */
const shown = (written: string) => (written.length > 80 ? `${written.slice(0, 77)}…` : written);

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 123) depth++;
    else if (code === 125 && --depth === 0) return i;
  }
  return -1;
}

/** Every `${…}` of a poller URL, and what is wrong with the ones the platform would not expand as meant. */
export function scanPlaceholders(text: string): PlaceholderScan {
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  for (let open = text.indexOf('${'); open >= 0; open = text.indexOf('${', open + 2)) {
    const close = closingBrace(text, open);
    if (close < 0) {
      problems.push({ message: '"${" is never closed by "}": the platform would send it as it is', offset: open, length: 2 });
      break;
    }
    const placeholder = parsePlaceholder(text, open, close);
    placeholders.push(placeholder);
    problems.push(...placeholderProblems(text, placeholder));
    open = close - 1;
  }
  return { placeholders, problems };
}

function parsePlaceholder(text: string, open: number, close: number): Placeholder {
  const innerStart = open + 2;
  const inner = text.slice(innerStart, close);
  const colon = inner.indexOf(':');
  const descriptor = colon < 0 ? inner : inner.slice(0, colon);
  const known = (DESCRIPTORS as readonly string[]).includes(descriptor) ? (descriptor as Descriptor) : undefined;
  const placeholder: Placeholder = { offset: open, length: close + 1 - open, descriptor, known };
  if (colon < 0) return placeholder;
  const restStart = innerStart + colon + 1;
  const rest = inner.slice(colon + 1);
  if (known === 'dateTimeZone') {
    const zoneEnd = zoneLength(rest);
    placeholder.zone = { text: rest.slice(0, zoneEnd), offset: restStart };
    if (zoneEnd < rest.length) placeholder.format = { text: rest.slice(zoneEnd + 1), offset: restStart + zoneEnd + 1 };
  } else {
    placeholder.format = { text: rest, offset: restStart };
  }
  return placeholder;
}

function placeholderProblems(text: string, placeholder: Placeholder): PlaceholderProblem[] {
  const whole = { offset: placeholder.offset, length: placeholder.length };
  const written = shown(text.slice(placeholder.offset, placeholder.offset + placeholder.length));
  const descriptorSpan = { offset: placeholder.offset + 2, length: placeholder.descriptor.length };
  switch (placeholder.known) {
    case undefined:
      return [unknown(written, placeholder, whole, descriptorSpan)];
    case 'epoch': {
      const unit = placeholder.format;
      if (!unit || (EPOCH_UNITS as readonly string[]).includes(unit.text)) return [];
      return [{ message: `${written}: epoch takes s, ms or us ("If using epochs, do not enter a dateFieldFormat"), or nothing for milliseconds`, ...whole }];
    }
    case 'date':
    case 'gmtDate':
      if (!placeholder.format) {
        // ${date} is in the docs' own examples; ${gmtDate} never appears without a format.
        return placeholder.known === 'date' ? [] : [{ message: `${written} has no date format: write \${gmtDate:<format>}, e.g. \${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}`, ...whole }];
      }
      return formatProblems(written, placeholder.format);
    case 'dateTimeZone': {
      const problems: PlaceholderProblem[] = [];
      const zone = placeholder.zone;
      const zoneProblem = zone ? timeZoneProblem(zone.text) : 'is missing';
      if (zoneProblem) {
        problems.push({ message: `${written}: the zone ${zone && zone.text !== '' ? `"${zone.text}" ` : ''}${zoneProblem}`, ...(zone && zone.text !== '' ? { offset: zone.offset, length: zone.text.length } : whole) });
      }
      if (!placeholder.format) problems.push({ message: `${written} has no date format: write \${dateTimeZone:<zone>:<format>}`, ...whole });
      else problems.push(...formatProblems(written, placeholder.format));
      return problems;
    }
  }
}

function formatProblems(written: string, format: { text: string; offset: number }): PlaceholderProblem[] {
  const problem = datePatternProblem(format.text);
  if (!problem) return [];
  const at = { offset: format.offset + problem.offset, length: problem.length };
  return [
    {
      message: `${written}: the date format ${problem.message}`,
      ...at,
      ...(problem.repaired !== undefined && { fix: { title: `Change the format to ${problem.repaired}`, newText: problem.repaired, offset: format.offset, length: format.text.length } }),
    },
  ];
}

function unknown(written: string, placeholder: Placeholder, whole: Span, descriptorSpan: Span): PlaceholderProblem {
  const lower = placeholder.descriptor.toLowerCase();
  const sameButCase = DESCRIPTORS.find((descriptor) => descriptor.toLowerCase() === lower);
  if (sameButCase) {
    return {
      message: `${written} is not a placeholder the docs define: the descriptor is ${sameButCase}`,
      ...whole,
      fix: { title: `Change to ${sameButCase}`, newText: sameButCase, ...descriptorSpan },
    };
  }
  if (lower === 'milliseconds' || lower === 'millis' || lower === 'timestamp') {
    return {
      message: `${written} is not a placeholder the docs define: for the poll time in milliseconds they use \${epoch}`,
      ...whole,
      fix: { title: 'Change to ${epoch}', newText: '${epoch}', ...whole },
    };
  }
  const near = placeholder.descriptor.length <= 40 ? closestMatches(placeholder.descriptor, DESCRIPTORS, 1)[0] : undefined;
  return {
    message: `${written} is not a placeholder the docs define${near ? ` (did you mean ${near}?)` : ''}: the platform expands ${KNOWN_LIST}`,
    ...whole,
  };
}
