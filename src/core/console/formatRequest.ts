/**
 * Writing a request block of a request document (httpDocument.ts reads them back): whatever the
 * values hold, the text reads back as the one request it was written for.
 */
import { encodePathLiteral, encodePathValue, encodeQueryName, encodeQueryValue } from './encoding';
import { unwritableHeader } from './headers';
import { FILE_BODY, SEPARATOR } from './httpDocument';
import { oneLine } from './json';
import type { OperationMethod } from './operations';
import { BASE_URL_REFERENCE } from './references';

/** A value to write, or a `{name}` placeholder the user fills in. */
export type DraftValue = string | { placeholder: string };

export interface RequestDraft {
  /** After `###`; one line. */
  title?: string;
  /** `#` lines above the request line; each made one line. */
  comments?: string[];
  method: OperationMethod;
  /** Path below the base URL: literal template text (`/hubs/finance/customers/`) and values, in order. */
  path: Array<{ literal: string } | { value: DraftValue }>;
  /** `active: false` writes the parameter as a comment line, for the user to enable. */
  query?: Array<{ name: string; value: DraftValue; active?: boolean }>;
  headers?: Array<[name: string, value: string]>;
  body?: string;
}

function placeholderText(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `{${clean === '' ? 'value' : clean}}`;
}

/**
 * One request block. Whatever the values hold, the text reads back as this one request; a header
 * it cannot hold (see {@link unwritableHeader}) is left out and named in a comment line instead.
 * The body reads back as written, but for line breaks (made `\n`), trailing blank lines and one
 * space before a line that starts with ###; a body that would read as a file reference (`< path`)
 * cannot be written.
 */
export function formatRequest(draft: RequestDraft): string {
  if (draft.body !== undefined && FILE_BODY.test(draft.body)) throw new RangeError('A request body starting with "< " would read as a file reference.');
  const lines: string[] = [`### ${oneLine(draft.title ?? '', 200)}`.trimEnd()];
  for (const comment of draft.comments ?? []) lines.push(`# ${oneLine(comment, 1000)}`.trimEnd());
  const path = draft.path
    .map((part) =>
      'literal' in part ? encodePathLiteral(part.literal) : typeof part.value === 'string' ? encodePathValue(part.value) : placeholderText(part.value.placeholder),
    )
    .join('');
  lines.push(`${draft.method} ${BASE_URL_REFERENCE}${path.startsWith('/') || path === '' ? path : `/${path}`}`);
  let first = true;
  for (const parameter of draft.query ?? []) {
    const value = typeof parameter.value === 'string' ? encodeQueryValue(parameter.value) : placeholderText(parameter.value.placeholder);
    const active = parameter.active ?? true;
    const text = `${first && active ? '?' : '&'}${encodeQueryName(parameter.name)}=${value}`;
    lines.push(active ? `    ${text}` : `#   ${text}`);
    if (active) first = false;
  }
  for (const [name, value] of draft.headers ?? []) {
    const problem = unwritableHeader(name, value);
    lines.push(problem === undefined ? `${name}: ${value.trim()}` : `# The header ${quotedName(name)} is left out: ${problem}.`);
  }
  if (draft.body !== undefined && draft.body.trim() !== '') {
    // A body line that starts with ### would end the block: indent it (insignificant in JSON).
    lines.push('', ...draft.body.split(/\r\n|\r|\n/).map((line) => (SEPARATOR.test(line) ? ` ${line}` : line)));
  }
  return `${lines.join('\n')}\n`;
}

/** A header name quoted on one line, for a comment. */
function quotedName(name: string): string {
  const quoted = JSON.stringify(name).replace(/[\u0085\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return quoted.length > 100 ? `${quoted.slice(0, 99)}…` : quoted;
}
