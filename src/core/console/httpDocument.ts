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
import { decodeLenient } from './encoding';
import { HEADER_NAME, MANAGED_HEADERS, NOT_LATIN1, UNSENDABLE_IN_HEADER } from './headers';
import { oneLine } from './json';
import { OPERATION_METHODS, type OperationMethod } from './operations';
import { BASE_URL_REFERENCE, KNOWN_REFERENCES, parseReference, REFERENCE_PATTERN } from './references';
import type { ConsoleRequest } from './request';


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

/** A request block starts at a line starting with ###, never an indented one: a body line is indented to stay one. */
export const SEPARATOR = /^###/;
/** REST Client's `< path` body, read from a file: the console refuses it. */
export const FILE_BODY = /^\s*<\s/;
const COMMENT = /^\s*(#|\/\/)/;

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
