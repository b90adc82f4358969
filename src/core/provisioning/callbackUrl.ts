/** Reads the parameters out of a callback URL the user pasted (or the extension's URI handler got). */
import { FlowError } from './errors';

export type CallbackParams = Record<string, string>;

/** Far above any real callback (a code and a state are a few hundred characters), far below harm. */
export const MAX_CALLBACK_LENGTH = 8192;

/**
 * The parameters that say which sign-in a callback completes and what it proves. A callback
 * that carries one of them twice — twice in the query, or in the query and the fragment — is
 * ambiguous by construction, so it is refused rather than read first- or last-wins.
 */
export const SINGLE_VALUED_PARAMS: readonly string[] = ['state', 'code', 'oauth_token', 'oauth_verifier'];

const QUOTES = /^["'`<\s]+|["'`>\s]+$/g;

/**
 * Accepts a full callback URL (http(s) or a custom scheme such as
 * `vscode://elements-dev.elements-toolkit/callback?…`), with its parameters in the query, in a
 * `#fragment` or both, or a bare `?code=…&state=…` / `code=…&state=…` query string. The query
 * wins: the fragment only adds parameters the query lacks. Surrounding quotes and any
 * whitespace are ignored, and `&amp;` (copied from HTML) is read as `&`. Throws a FlowError:
 * `invalid-callback` for a text longer than {@link MAX_CALLBACK_LENGTH} or one that repeats a
 * {@link SINGLE_VALUED_PARAMS} parameter; `missing-callback-params` when it has no parameters.
 */
export function parseCallbackUrl(text: string): CallbackParams {
  if (text.length > MAX_CALLBACK_LENGTH) {
    throw new FlowError(
      'invalid-callback',
      `The callback address is ${text.length} characters long, more than the ${MAX_CALLBACK_LENGTH} a callback can be, so it was not read.`,
    );
  }
  // URLs hold no raw whitespace: drop it, so a paste broken over several lines still reads.
  const input = text.replace(QUOTES, '').replace(/\s+/g, '').replace(/&amp;/g, '&');
  const params: CallbackParams = {};
  const seen = new Set<string>();
  for (const part of parameterParts(input)) {
    for (const [name, value] of new URLSearchParams(part)) {
      if (name === '') continue;
      if (seen.has(name) && SINGLE_VALUED_PARAMS.includes(name)) {
        throw new FlowError(
          'invalid-callback',
          `The callback carries the parameter "${name}" more than once, so it cannot be trusted and was not read.`,
        );
      }
      seen.add(name);
      // Own properties only: a parameter named `constructor` or `__proto__` is just a parameter.
      if (!Object.hasOwn(params, name)) Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
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
