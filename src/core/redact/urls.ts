/** URLs, query strings and Authorization headers with their secret parts hidden. */
import { isSecretQueryKey, REDACTED } from './secretNames';

/** Rounds of decoding a name gets: far more than any double or triple encoding needs, and still bounded. */
const MAX_DECODE_ROUNDS = 10;

/** Percent-decodes (also `+`) until nothing changes, so any depth of encoding; text that is not valid stays. */
function safeDecode(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current.replace(/\+/g, ' '));
    } catch {
      return current;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return current;
}

/** `a=1&b=2;c=3` with the values of secret keys replaced; separators and order are kept. */
export function redactParams(params: string): string {
  return params
    .split(/([&;])/)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return isSecretQueryKey(safeDecode(name).trim()) && pair.length > eq + 1 ? `${name}=${REDACTED}` : pair;
    })
    .join('');
}

/**
 * A URL (absolute or a bare path) with the values of secret query and fragment parameters
 * replaced by `***` (`&` or `;` separated, names matched however they are percent-encoded),
 * and any `user:password@` part of an absolute URL hidden.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);

  const safeBase = base.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#@]*@/i, `$1${REDACTED}@`);
  return redactUserInfo(
    safeBase +
      (query === undefined ? '' : `?${redactParams(query)}`) +
      (fragment === undefined ? '' : `#${fragment.includes('=') ? redactParams(fragment) : fragment}`),
  );
}

/**
 * `//user:password@` (or `//token@`) wherever a URL's authority appears: after a scheme, at the
 * start of a scheme-relative URL, or percent-encoded (any depth) inside a query value.
 */
const USER_INFO = /((?:\/|%(?:25)*2[fF]){2})([^\s/?#@"'<>\\]+?)((?:@|%(?:25)*40))/g;

export function redactUserInfo(text: string): string {
  return text.replace(USER_INFO, (_match, slashes: string, _info: string, at: string) => `${slashes}${REDACTED}${at}`);
}

/**
 * An Authorization header with every credential hidden but its scheme kept:
 * `User ***, Organization ***`, `Element ***, User ***, Organization ***`, `Bearer ***`.
 */
export function redactAuthorization(header: string): string {
  return header
    .split(',')
    .map((part) => {
      const match = /^(\s*)(\S+)\s+\S/.exec(part);
      return match ? `${match[1]}${match[2]} ${REDACTED}` : part.trim() === '' ? part : REDACTED;
    })
    .join(',');
}
