/**
 * Time zones in a poller configuration: `updatedDateTimezone` / `createdDateTimezone` ("Examples …
 * GMT, EST": devportal _archive/events/polling.md L53) and the zone of `${dateTimeZone:zone:format}`
 * ("common abbreviations or offsets like MST, EST, -6:00, or +6:00", and `America/Denver`:
 * docs/guides/elements/events.md L169-177, docs/elements/quickbooksenterprise/tips.md L31).
 * The platform is Java: java.util.TimeZone.getTimeZone answers GMT for an id it does not know,
 * silently, so a zone that is none of these is worth a warning.
 */

/** Java's three-letter and other legacy ids (java.time.ZoneId.SHORT_IDS and TimeZone's own), plus GMT, UTC, UT. */
const NAMED = new Set([
  'GMT', 'UTC', 'UT', 'Z',
  'ACT', 'AET', 'AGT', 'ART', 'AST', 'BET', 'BST', 'CAT', 'CNT', 'CST', 'CTT', 'EAT', 'ECT', 'EST', 'HST', 'IET', 'IST',
  'JST', 'MIT', 'MST', 'NET', 'NST', 'PLT', 'PNT', 'PRT', 'PST', 'SST', 'VST',
  'CET', 'EET', 'MET', 'WET', 'EST5EDT', 'CST6CDT', 'MST7MDT', 'PST8PDT',
]);

/** `Area/Location` ids of the tz database (America/Denver, Etc/GMT+6, America/Argentina/Buenos_Aires). */
const REGION = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+$/;
/** `GMT+6`, `UTC-08:00`, and the docs' bare offsets `-6:00`, `+6:00`. */
const OFFSET = /^(GMT|UTC|UT)?[+-]\d{1,2}(:?\d{2})?$/;

export function isKnownTimeZone(zone: string): boolean {
  return NAMED.has(zone) || REGION.test(zone) || OFFSET.test(zone);
}

/** Why a zone would be read as GMT, or undefined when it is one the docs' forms allow. */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === '') return 'is empty: write a zone such as GMT, EST, America/Denver or -6:00, or leave the entry out';
  if (isKnownTimeZone(zone)) return undefined;
  if (/^[{<].*[}>]$/.test(zone)) return 'is still a template placeholder: write a zone such as GMT, EST, America/Denver or -6:00';
  return 'is not a time zone Java knows (it would read it as GMT): write one such as GMT, EST, America/Denver or -6:00';
}

/**
 * Where the zone of `dateTimeZone:<zone>:<format>` ends in `rest` (the text after `dateTimeZone:`):
 * an offset such as `-8:00` or `GMT+06:00` holds a colon of its own.
 */
export function zoneLength(rest: string): number {
  const offset = /^(GMT|UTC|UT)?[+-]\d{1,2}:\d{2}(?=:|$)/.exec(rest);
  if (offset) return offset[0].length;
  const colon = rest.indexOf(':');
  return colon < 0 ? rest.length : colon;
}
