/**
 * A console request masked for sharing ("Token masked" Copy as cURL): secret references, secret
 * query parameters and headers, credentials typed into any header, secret fields of the body —
 * and those values wherever else they appear — become `***`. `masked` says where, beyond the
 * `{{…}}` references (which are always masked): `query parameter access_token`, `header X-Api-Key`,
 * `body field password`, `elsewhere in the body`, `the path`.
 */
import { isReferenceValue, maskBodyText, maskKnown } from '../masking';
import { isSecretQueryKey, REDACTED, redactAuthorization } from '../redact';
import type { ConsoleRequest } from './request';
import { REFERENCE_PATTERN } from './references';

const AUTHORIZATION_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** `{{…}}` references as `***`. */
function withoutReferences(value: string): string {
  return value.replace(REFERENCE_PATTERN, REDACTED);
}

/** The credentials typed (not referenced) after the schemes of an Authorization value. */
function typedCredentials(value: string): string[] {
  return withoutReferences(value)
    .split(',')
    .map((part) => {
      const match = /^\s*\S+\s+(\S.*?)\s*$/.exec(part);
      return match ? match[1]! : part.trim();
    })
    .filter((credential) => credential !== '' && credential !== REDACTED);
}

export function maskRequest(request: ConsoleRequest): { request: ConsoleRequest; masked: string[] } {
  const masked: string[] = [];
  const note = (place: string) => {
    if (!masked.includes(place)) masked.push(place);
  };
  const known: string[] = [];

  // By name first: what these hold is secret, and is then looked for everywhere else.
  const headers = request.headers.map(([name, value]): [string, string, boolean] => {
    if (AUTHORIZATION_HEADERS.has(name.toLowerCase())) {
      const typed = typedCredentials(value);
      if (typed.length === 0) return [name, withoutReferences(value), true];
      known.push(...typed);
      note(`header ${name}`);
      return [name, redactAuthorization(withoutReferences(value)), true];
    }
    if (isSecretQueryKey(name) && value.trim() !== '' && !isReferenceValue(value)) {
      known.push(withoutReferences(value).trim());
      note(`header ${name}`);
      return [name, REDACTED, true];
    }
    return [name, value, false];
  });
  const query = request.query.map(([name, value]): [string, string, boolean] => {
    if (!isSecretQueryKey(name) || value === '' || isReferenceValue(value)) return [name, value, false];
    known.push(value);
    note(`query parameter ${name}`);
    return [name, REDACTED, true];
  });
  const body = request.body === undefined ? undefined : maskBodyText(request.body);
  if (body) {
    known.push(...body.values);
    for (const field of body.fields) note(`body field ${field}`);
  }

  // Then every other value: the secrets found above, in any encoding, and credentials known by shape.
  const hide = (text: string, place: string): string => {
    const hidden = maskKnown(text, known);
    if (hidden !== text) note(place);
    return hidden;
  };
  const path = request.path.map((segment) => hide(segment, 'the path'));
  const maskedQuery = query.map(([name, value, done]): [string, string] => [name, done ? value : hide(value, `query parameter ${name}`)]);
  const maskedHeaders = headers.map(([name, value, done]): [string, string] => [name, done ? value : hide(value, `header ${name}`)]);
  const maskedBody = body === undefined ? undefined : hide(body.text, 'elsewhere in the body');
  return {
    request: { ...request, path, query: maskedQuery, headers: maskedHeaders, ...(maskedBody !== undefined && { body: maskedBody }) },
    masked,
  };
}
