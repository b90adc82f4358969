/**
 * cURL command lines for API requests, safe to paste into bash or zsh: single-quoted
 * arguments, straight quotes only, and continuation lines that end in exactly ` \` (a space
 * after the backslash would end the command there).
 */
import { authorizationHeader } from './api/authorization';
import { maskInstanceBody } from './masking';

export interface CurlRequest {
  method: string;
  url: string;
  /** In order; each becomes `-H 'Name: value'`. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** A file sent with `-d @file` (relative to where the command runs, or absolute). */
  bodyFile?: string;
  /** The body itself, sent with `-d '…'` when there is no `bodyFile`. */
  body?: string;
  /** One option per line, joined with ` \`; otherwise everything on one line. */
  multiline?: boolean;
}

/** Characters that need no quoting in a POSIX shell word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word: single-quoted, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function word(value: string): string {
  return PLAIN_WORD.test(value) ? value : shellQuote(value);
}

/**
 * A JSON body on one line when it parses (and `multiline` is off); otherwise the text with LF
 * line endings and no spaces at line ends (insignificant in JSON, and invisible to the reader).
 */
function bodyText(body: string, multiline: boolean): string {
  const text = body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
  if (multiline) return text.replace(/\n+$/, '');
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.replace(/\n+$/, '');
  }
}

export function buildCurl(request: CurlRequest): string {
  const multiline = request.multiline ?? false;
  const parts = [`curl -X ${word(request.method.toUpperCase())} ${word(request.url)}`];
  for (const [name, value] of request.headers) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.bodyFile !== undefined) parts.push(`-d ${word(`@${request.bodyFile}`)}`);
  else if (request.body !== undefined) parts.push(`-d ${shellQuote(bodyText(request.body, multiline))}`);
  return multiline ? parts.join(' \\\n  ') : parts.join(' ');
}

export const SECRET_PLACEHOLDERS = { userSecret: '<INSERT_USER_SECRET>', orgSecret: '<INSERT_ORGANIZATION_SECRET>' } as const;

export interface CreateInstanceCurlOptions {
  /** The api-v2 base URL, e.g. https://api.cloud-elements.com/elements/api-v2. */
  baseUrl: string;
  /**
   * The account's secrets; placeholders when absent, and then an inline `body` is masked too
   * (its secret fields as `***`, see {@link maskInstanceBody}): a command without secrets has none.
   */
  credentials?: { userSecret: string; orgSecret: string };
  bodyFile?: string;
  body?: string;
  multiline?: boolean;
}

/** `POST /instances` with an instance.json body, as the Cloud Elements documentation shows it. */
export function createInstanceCurl(options: CreateInstanceCurlOptions): string {
  const { userSecret, orgSecret } = options.credentials ?? SECRET_PLACEHOLDERS;
  return buildCurl({
    method: 'POST',
    url: `${options.baseUrl.replace(/\/+$/, '')}/instances`,
    headers: [
      ['Authorization', authorizationHeader({ user: userSecret, organization: orgSecret })],
      ['Content-Type', 'application/json'],
    ],
    ...(options.bodyFile !== undefined ? { bodyFile: options.bodyFile } : { body: options.credentials ? (options.body ?? '') : maskInstanceBody(options.body ?? '').text }),
    multiline: options.multiline ?? false,
  });
}
