/**
 * Copy as cURL for a console request: the secrets either masked (`***`, for sharing) or as
 * shell variables (`$ELEMENTS_TOKEN`, `$ELEMENTS_USER_SECRET`, `$ELEMENTS_ORG_SECRET`, to run),
 * never their values. Masked, it also hides what the request holds as typed text that the
 * redactor would hide (see `mask.ts`). Arguments are quoted with the toolkit's shell quoting.
 */
import { REDACTED } from '../redact';
import { shellQuote } from '../curl';
import { requestUrl, type ConsoleRequest } from './request';
import { maskRequest } from './mask';
import { parseReference, REFERENCE_PATTERN, type SecretReference } from './references';

export type CurlSecrets = 'masked' | 'variables';

export const CURL_VARIABLES: Readonly<Record<SecretReference['kind'], string>> = {
  'instance-token': 'ELEMENTS_TOKEN',
  'account-user': 'ELEMENTS_USER_SECRET',
  'account-organization': 'ELEMENTS_ORG_SECRET',
};

/** A header as one shell word: literal text single-quoted, each reference `***` or `"$VARIABLE"` (expanded by the shell). */
function headerWord(name: string, value: string, secrets: CurlSecrets): string {
  const parts: string[] = [];
  let literal = `${name}: `;
  let last = 0;
  for (const match of value.matchAll(REFERENCE_PATTERN)) {
    literal += value.slice(last, match.index);
    last = match.index! + match[0].length;
    const parsed = parseReference(match[1]!);
    if (parsed.kind !== 'secret' || secrets === 'masked') {
      literal += parsed.kind === 'secret' ? REDACTED : match[0];
      continue;
    }
    parts.push(shellQuote(literal), `"$${CURL_VARIABLES[parsed.reference.kind]}"`);
    literal = '';
  }
  literal += value.slice(last);
  if (literal !== '') parts.push(shellQuote(literal));
  return parts.join('');
}

export function consoleCurl(original: ConsoleRequest, options: { baseUrl: string; secrets: CurlSecrets }): string {
  const request = options.secrets === 'masked' ? maskRequest(original).request : original;
  const lines = [`curl -X ${request.method} ${shellQuote(requestUrl(options.baseUrl, request))}`];
  for (const [name, value] of request.headers) lines.push(`-H ${headerWord(name, value, options.secrets)}`);
  if (request.body !== undefined) lines.push(`--data-binary ${shellQuote(request.body.replace(/\r\n?/g, '\n'))}`);
  return lines.join(' \\\n  ');
}
