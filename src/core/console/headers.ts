/** Which headers a request document may hold: valid names the console does not set itself, values HTTP can carry. */
import { oneLine } from './json';
import { parseReference, REFERENCE_PATTERN } from './references';

/** The headers the console sets itself; a document may not. */
export const MANAGED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer']);
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a document may set this header (a valid name the console does not set itself). */
export function isSettableHeader(name: string): boolean {
  return HEADER_NAME.test(name) && !MANAGED_HEADERS.has(name.toLowerCase());
}
/** Characters a header value cannot hold: they would end the header or hide a second one (a tab is fine). */
export const UNSENDABLE_IN_HEADER = /(?!\t)[\p{Cc}\u2028\u2029]/u;
/** HTTP header values are bytes: fetch refuses characters past U+00FF. */
export const NOT_LATIN1 = /[^\p{ASCII}\u0080-\u00ff]/u;
/** A header name that a line would read otherwise: `#` starts a comment (`###` a new request), `&` a query line. */
const READS_AS_OTHER_LINE = /^[#&]/;

/**
 * Why a request document cannot hold this header as a line that reads back as this very header,
 * or undefined when it can. The value is written trimmed (as HTTP sends it).
 */
export function unwritableHeader(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'it is not an HTTP header name';
  if (MANAGED_HEADERS.has(name.toLowerCase())) return 'the console sets it itself';
  if (READS_AS_OTHER_LINE.test(name)) return `a line starting with "${name[0]}" is read as a ${name[0] === '#' ? 'comment or a new request' : 'query parameter'}`;
  if (UNSENDABLE_IN_HEADER.test(value)) return 'its value holds a line break or a control character';
  if (NOT_LATIN1.test(value)) return 'its value holds a character HTTP headers cannot carry';
  for (const match of value.matchAll(REFERENCE_PATTERN)) {
    if (parseReference(match[1]!).kind !== 'secret') return `its value holds {{${oneLine(match[1]!, 60)}}}, which the console does not resolve in headers`;
  }
  return undefined;
}
