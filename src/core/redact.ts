/**
 * Redaction helpers: every log line, error message and diagnostic dump goes through these
 * so user/organization secrets, API keys and secrets, instance tokens and OAuth codes never
 * leave the process in clear text.
 */

export const REDACTED = '***';

/** Secret values shorter than this are not replaced in free text: they would mangle ordinary words. */
export const MIN_SECRET_LENGTH = 4;

// Query parameter names whose values are secret (compared lower-cased). `state` is not secret:
// it is a random single-use value that travels in the open by design.
const SECRET_QUERY_KEYS = new Set([
  'apikey',
  'api_key',
  'apisecret',
  'api_secret',
  'client_secret',
  'requesttoken',
  'code',
  'oauth_token',
  'oauth_verifier',
  'oauth_token_secret',
  'secret',
  'signature',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'passwd',
]);

/** Any key containing one of these words is treated as secret, in queries and JSON alike. */
const SECRET_WORDS = /secret|password|passwd|token|signature|credential|private/i;

// JSON keys whose values are secret even though they carry none of the words above.
const SECRET_JSON_KEYS = new Set(['code', 'oauth_verifier', 'oauth.api.key', 'apikey', 'api_key', 'authorization']);

// Names that contain a secret word but describe, not hold, a secret.
const NOT_SECRET = new Set(['state', 'token_type', 'tokentype']);

export function isSecretQueryKey(name: string): boolean {
  const key = name.toLowerCase();
  return !NOT_SECRET.has(key) && (SECRET_QUERY_KEYS.has(key) || SECRET_WORDS.test(key));
}

export function isSecretJsonKey(name: string): boolean {
  const key = name.toLowerCase();
  return !NOT_SECRET.has(key) && (SECRET_JSON_KEYS.has(key) || SECRET_WORDS.test(key));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&b=2` with the values of secret keys replaced; separators and order are kept. */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return isSecretQueryKey(safeDecode(name)) && pair.length > eq + 1 ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * A URL (absolute or a bare path) with the values of secret query and fragment parameters
 * replaced by `***`, and any `user:password@` part of an absolute URL hidden.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);

  const safeBase = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`);
  return (
    safeBase +
    (query === undefined ? '' : `?${redactParams(query)}`) +
    (fragment === undefined ? '' : `#${fragment.includes('=') ? redactParams(fragment) : fragment}`)
  );
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

/**
 * `text` with every occurrence of a known secret value (and of its URL-encoded form) replaced.
 * Values shorter than {@link MIN_SECRET_LENGTH} are ignored. Longest values are replaced first
 * so a secret that contains another is hidden whole.
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    values.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) values.add(encoded);
    const formEncoded = encoded.replace(/%20/g, '+');
    if (formEncoded !== encoded) values.add(formEncoded);
  }
  let result = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    result = result.split(value).join(REDACTED);
  }
  return result;
}

/**
 * A deep copy of `value` where the values of secret-looking keys (`*secret*`, `*password*`,
 * `*token*`, `*signature*`, `oauth.api.key`, `code`, …) are replaced by `***`. `null` and
 * missing values are kept as they are, so the shape stays readable.
 */
export function redactJson<T>(value: T): T {
  return redactValue(value, false) as T;
}

function redactValue(value: unknown, secret: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        redactValue(item, secret || isSecretJsonKey(key)),
      ]),
    );
  }
  return secret ? REDACTED : value;
}

/** The string values a {@link redactJson} call would hide: feed them to {@link redactText}. */
export function collectSecrets(value: unknown, into: Set<string> = new Set()): Set<string> {
  collect(value, false, into);
  return into;
}

function collect(value: unknown, secret: boolean, into: Set<string>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, secret, into);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      collect(item, secret || isSecretJsonKey(key), into);
    }
  } else if (secret && (typeof value === 'string' || typeof value === 'number')) {
    into.add(String(value));
  }
}
