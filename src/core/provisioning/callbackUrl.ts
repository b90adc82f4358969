/** Reads the parameters out of a callback URL the user pasted (or the extension's URI handler got). */
import { FlowError } from './errors';

export type CallbackParams = Record<string, string>;

const QUOTES = /^["'`<\s]+|["'`>\s]+$/g;

/**
 * Accepts a full callback URL (http(s) or a custom scheme such as
 * `vscode://elements-dev.elements-toolkit/callback?…`), with its parameters in the query, in a
 * `#fragment` or both (fragment values win), or a bare `?code=…&state=…` / `code=…&state=…`
 * query string. Surrounding quotes and any whitespace are ignored, and `&amp;` (copied from HTML) is read as `&`.
 */
export function parseCallbackUrl(text: string): CallbackParams {
  // URLs hold no raw whitespace: drop it, so a paste broken over several lines still reads.
  const input = text.replace(QUOTES, '').replace(/\s+/g, '').replace(/&amp;/g, '&');
  const params: CallbackParams = {};
  for (const part of parameterParts(input)) {
    for (const [name, value] of new URLSearchParams(part)) {
      if (name !== '') params[name] = value;
    }
  }
  if (Object.keys(params).length === 0) {
    throw new FlowError(
      'missing-callback-params',
      'No callback parameters found. Paste the whole address the browser ended on after you authorized (it contains code=… or oauth_token=…).',
    );
  }
  return params;
}

/** The query and fragment texts of `input`, in that order. */
function parameterParts(input: string): string[] {
  if (input === '') return [];
  const hashAt = input.indexOf('#');
  const beforeHash = hashAt < 0 ? input : input.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : input.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  let query: string;
  if (queryAt >= 0) {
    query = beforeHash.slice(queryAt + 1);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(beforeHash) || beforeHash.split('=')[0]!.includes('/')) {
    query = ''; // An address without a query string.
  } else {
    query = beforeHash; // A bare `code=…&state=…`.
  }
  return [query, fragment].filter((part) => part.includes('='));
}
