/**
 * Request documents: REST-Client-style `.http` text, one request per `###` block.
 *
 * ```http
 * ### getCustomers
 * # Find customers in Xero.
 * GET {{baseUrl}}/hubs/finance/customers
 *     ?pageSize=20
 * #   &where=
 * Authorization: Element {{instance:12:token}}, User {{account:user}}, Organization {{account:organization}}
 * Accept: application/json
 *
 * {"name": ""}
 * ```
 *
 * The URL is always relative to the current environment's base URL (`{{baseUrl}}`, a bare
 * `/path`, or the base URL written out): a document cannot send your secrets anywhere else.
 * Query parameters may follow on lines starting with `?` or `&`; `#` and `//` lines before the
 * body are comments; `{name}` in the path or a query value is a placeholder to fill in; secret
 * references are resolved in header values only, and the body is sent as written.
 */
import { decodeLenient, encodePathLiteral, encodePathValue, encodeQueryName, encodeQueryValue, wireQuery, wireSegment } from './encoding';
import { oneLine } from './json';
import { OPERATION_METHODS, type OperationMethod } from './operations';
import { BASE_URL_REFERENCE, KNOWN_REFERENCES, parseReference, REFERENCE_PATTERN } from './references';

export interface ConsoleRequest {
  method: OperationMethod;
  /** The path below the base URL as decoded segments: `['hubs', 'finance', 'customers', '42']`. */
  path: string[];
  /** Decoded names and values, in order. */
  query: Array<[name: string, value: string]>;
  /** Values may hold secret references (`{{instance:12:token}}`…), resolved when sent. */
  headers: Array<[name: string, value: string]>;
  /** Sent as written. */
  body?: string;
}

export interface RequestSyntaxError {
  /** A sentence that says what to change. */
  message: string;
  /** 0-based line of the document. */
  line: number;
}

export interface RequestBlock {
  /** 0-based, inclusive: the block's lines (from its `###` line, if any, to the line before the next). */
  startLine: number;
  endLine: number;
  /** The request line (0-based), where a Send CodeLens belongs. */
  requestLine: number;
  /** The text after `###`, trimmed. */
  title?: string;
  result: { ok: true; request: ConsoleRequest } | { ok: false; error: RequestSyntaxError };
}

/** The headers the console sets itself; a document may not. */
const MANAGED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a document may set this header (a valid name the console does not set itself). */
export function isSettableHeader(name: string): boolean {
  return HEADER_NAME.test(name) && !MANAGED_HEADERS.has(name.toLowerCase());
}
/** Characters a header value cannot hold: they would end the header or hide a second one (a tab is fine). */
const UNSENDABLE_IN_HEADER = /(?!\t)[\p{Cc}\u2028\u2029]/u;
/** HTTP header values are bytes: fetch refuses characters past U+00FF. */
const NOT_LATIN1 = /[^\p{ASCII}\u0080-\u00ff]/u;
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

/** A header name quoted on one line, for a comment. */
function quotedName(name: string): string {
  const quoted = JSON.stringify(name).replace(/[\u0085\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return quoted.length > 100 ? `${quoted.slice(0, 99)}…` : quoted;
}
/** A request block starts at a line starting with ###, never an indented one: a body line is indented to stay one. */
const SEPARATOR = /^###/;
/** REST Client's `< path` body, read from a file: the console refuses it. */
const FILE_BODY = /^\s*<\s/;
const COMMENT = /^\s*(#|\/\/)/;

/** The URL a request goes to: the base URL, then every segment and parameter fully encoded. */
export function requestUrl(baseUrl: string, request: Pick<ConsoleRequest, 'path' | 'query'>): string {
  const path = request.path.map((segment) => `/${wireSegment(segment)}`).join('');
  const query = wireQuery(request.query);
  return `${baseUrl.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`;
}

/** The same request for the next page: `nextPage` set to the answer's `Elements-Next-Page-Token`. */
export function nextPageRequest(request: ConsoleRequest, token: string): ConsoleRequest {
  return { ...request, query: [...request.query.filter(([name]) => name !== 'nextPage'), ['nextPage', token]] };
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

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

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

/** Every request block of a document, in order. Blocks with no request line are left out. */
export function parseHttpDocument(text: string, options: { baseUrl?: string } = {}): RequestBlock[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: RequestBlock[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || SEPARATOR.test(lines[i]!)) {
      const block = parseBlock(lines, start, i - 1, options.baseUrl);
      if (block) blocks.push(block);
      start = i;
    }
  }
  return blocks;
}

/** The block a 0-based line belongs to. */
export function requestBlockAt(text: string, line: number, options: { baseUrl?: string } = {}): RequestBlock | undefined {
  return parseHttpDocument(text, options).find((block) => block.startLine <= line && line <= block.endLine);
}

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function parseBlock(lines: string[], startLine: number, endLine: number, baseUrl: string | undefined): RequestBlock | undefined {
  let i = startLine;
  const title = SEPARATOR.test(lines[i] ?? '') ? lines[i]!.replace(SEPARATOR, '').trim() : undefined;
  if (title !== undefined) i++;
  while (i <= endLine && (lines[i]!.trim() === '' || COMMENT.test(lines[i]!))) i++;
  if (i > endLine) return undefined;
  const requestLine = i;
  const block = { startLine, endLine, requestLine, ...(title !== undefined && title !== '' && { title }) };
  try {
    return { ...block, result: { ok: true, request: readRequest(lines, requestLine, endLine, baseUrl) } };
  } catch (problem) {
    if (!(problem instanceof SyntaxProblem)) throw problem;
    return { ...block, result: { ok: false, error: { message: problem.message, line: problem.line } } };
  }
}

function readRequest(lines: string[], requestLine: number, endLine: number, baseUrl: string | undefined): ConsoleRequest {
  const { method, target } = readRequestLine(lines[requestLine]!, requestLine);
  const queryIndex = target.indexOf('?');
  const pathText = queryIndex < 0 ? target : target.slice(0, queryIndex);
  const query: Array<[string, string]> = queryIndex < 0 ? [] : readQuery(target.slice(queryIndex + 1), requestLine);
  const path = readPath(pathText, requestLine, baseUrl);

  let i = requestLine + 1;
  const headers: Array<[string, string]> = [];
  let inQuery = true;
  for (; i <= endLine; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    if (COMMENT.test(line)) continue;
    const trimmed = line.trim();
    if (inQuery && (trimmed.startsWith('?') || trimmed.startsWith('&'))) {
      query.push(...readQuery(trimmed.slice(1), i));
      continue;
    }
    inQuery = false;
    headers.push(readHeader(line, i));
  }

  const bodyLines = lines.slice(i + 1, endLine + 1);
  while (bodyLines.length > 0 && bodyLines[bodyLines.length - 1]!.trim() === '') bodyLines.pop();
  const body = bodyLines.join('\n');
  if (FILE_BODY.test(body)) throw new SyntaxProblem('A body read from a file (< path) is not supported here: paste the body itself below the headers.', i + 1);
  return { method, path, query, headers, ...(body.trim() !== '' && { body }) };
}

function readRequestLine(line: string, number: number): { method: OperationMethod; target: string } {
  const trimmed = line.trim().replace(/\s+HTTP\/\d(?:\.\d)?$/i, '');
  const match = /^([A-Za-z]+)\s+(.+)$/.exec(trimmed);
  const word = match?.[1]?.toUpperCase();
  if (match && OPERATION_METHODS.includes(word as OperationMethod)) return { method: word as OperationMethod, target: match[2]!.trim() };
  if (trimmed.startsWith(BASE_URL_REFERENCE) || trimmed.startsWith('/') || /^https?:\/\//i.test(trimmed)) return { method: 'GET', target: trimmed };
  const known = OPERATION_METHODS.join(', ');
  if (match && /^[A-Za-z]+$/.test(match[1]!) && !/^https?$/i.test(match[1]!)) {
    throw new SyntaxProblem(`Line ${number + 1}: "${oneLine(match[1]!, 20)}" is not a method the console sends (${known}).`, number);
  }
  throw new SyntaxProblem(`Line ${number + 1}: expected a request line such as GET ${BASE_URL_REFERENCE}/hubs/finance/customers.`, number);
}

function readPath(text: string, line: number, baseUrl: string | undefined): string[] {
  if (text.includes('#')) throw new SyntaxProblem(`Line ${line + 1}: the URL contains "#"; write it as %23.`, line);
  let rest: string;
  if (text.startsWith(BASE_URL_REFERENCE)) rest = text.slice(BASE_URL_REFERENCE.length);
  else if (text.startsWith('/')) rest = text;
  else if (baseUrl !== undefined && startsWithBase(text, baseUrl)) rest = text.slice(baseUrl.replace(/\/+$/, '').length);
  else {
    const where = /^https?:\/\//i.test(text) ? `${oneLine(text, 80)} is not under the current environment's base URL` : `"${oneLine(text, 80)}" is not a URL the console can send`;
    throw new SyntaxProblem(
      `Line ${line + 1}: ${where}. Start the URL with ${BASE_URL_REFERENCE} (the current environment's api-v2 base URL); the console sends your secrets nowhere else.`,
      line,
    );
  }
  if (rest !== '' && !rest.startsWith('/')) throw new SyntaxProblem(`Line ${line + 1}: put a "/" after ${BASE_URL_REFERENCE}.`, line);
  checkNoReferences(rest, line, 'the URL');
  checkNoPlaceholders(rest, line, 'the path');
  if (/\s/.test(rest.trim())) throw new SyntaxProblem(`Line ${line + 1}: the path contains a space; write it as %20.`, line);
  return rest === '' ? [] : rest.slice(1).split('/').map(decodeLenient);
}

function startsWithBase(text: string, baseUrl: string): boolean {
  const base = baseUrl.replace(/\/+$/, '');
  return text.toLowerCase().startsWith(base.toLowerCase()) && (text.length === base.length || text[base.length] === '/' || text[base.length] === '?');
}

function readQuery(text: string, line: number): Array<[string, string]> {
  checkNoReferences(text, line, 'query parameters');
  checkNoPlaceholders(text, line, 'the query');
  const pairs: Array<[string, string]> = [];
  for (const part of text.split('&')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const name = decodeLenient((eq < 0 ? part : part.slice(0, eq)).trim());
    const value = eq < 0 ? '' : decodeLenient(part.slice(eq + 1).trim());
    if (name === '') throw new SyntaxProblem(`Line ${line + 1}: a query parameter has no name before "=".`, line);
    pairs.push([name, value]);
  }
  return pairs;
}

function readHeader(line: string, number: number): [string, string] {
  const colon = line.indexOf(':');
  const name = colon < 0 ? '' : line.slice(0, colon).trim();
  if (colon <= 0 || !HEADER_NAME.test(name)) {
    throw new SyntaxProblem(
      `Line ${number + 1}: expected a header such as "Accept: application/json" (or an empty line before the body).`,
      number,
    );
  }
  if (MANAGED_HEADERS.has(name.toLowerCase())) throw new SyntaxProblem(`Line ${number + 1}: ${name} is set by the console; remove this header.`, number);
  const value = line.slice(colon + 1).trim();
  if (UNSENDABLE_IN_HEADER.test(value)) throw new SyntaxProblem(`Line ${number + 1}: the value of ${name} contains a control character or line separator.`, number);
  if (NOT_LATIN1.test(value)) {
    throw new SyntaxProblem(`Line ${number + 1}: the value of ${name} contains a character HTTP headers cannot carry (only Latin-1 text can be sent).`, number);
  }
  for (const match of value.matchAll(REFERENCE_PATTERN)) {
    const reference = parseReference(match[1]!);
    if (reference.kind === 'unknown') {
      throw new SyntaxProblem(`Line ${number + 1}: unknown reference {{${oneLine(reference.name, 60)}}}. The console knows ${KNOWN_REFERENCES}.`, number);
    }
    if (reference.kind === 'base-url') throw new SyntaxProblem(`Line ${number + 1}: ${BASE_URL_REFERENCE} belongs at the start of the URL, not in a header.`, number);
  }
  return [name, value];
}

function checkNoReferences(text: string, line: number, where: string): void {
  const match = /\{\{([^{}]*)\}\}/.exec(text);
  if (match) {
    throw new SyntaxProblem(
      `Line ${line + 1}: {{${oneLine(match[1]!, 60)}}} in ${where} is not resolved; the console resolves references only in headers (and ${BASE_URL_REFERENCE} at the start of the URL).`,
      line,
    );
  }
}

function checkNoPlaceholders(text: string, line: number, where: string): void {
  const match = /\{([^{}]*)\}?|\}/.exec(text);
  if (match) {
    const what = match[1] !== undefined ? `{${oneLine(match[1], 60)}}` : '"}"';
    throw new SyntaxProblem(`Line ${line + 1}: fill in ${what} in ${where} before sending (a literal brace is written %7B or %7D).`, line);
  }
}
