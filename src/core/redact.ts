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
  'api-key',
  'key',
  'apisecret',
  'api_secret',
  'client_id',
  'client_secret',
  'client_assertion',
  'assertion',
  'requesttoken',
  'code',
  'code_verifier',
  'oauth_token',
  'oauth_verifier',
  'oauth_token_secret',
  'oauth_signature',
  'secret',
  'signature',
  'sig',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'jwt',
  'session',
  'sessionid',
  'session_id',
  'sid',
  'auth',
  'authorization',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'otp',
  'ticket',
  'samlrequest',
  'samlresponse',
  'cookie',
]);

/**
 * Any key containing one of these words is treated as secret, in queries and JSON alike. A `key`
 * is secret when a word says whose or what for (`access_key`, `consumerKey`, `x-api-key`,
 * `Ocp-Apim-Subscription-Key`); a bare `key` only in queries (in JSON it is often an element's key).
 */
const SECRET_WORDS =
  /secret|password|passwd|passphrase|token|signature|credential|private|session|cookie|assertion|verifier|jwt|(?:api|access|client|consumer|app|application|auth|signing|master|account|subscription|shared|encryption|license|developer|partner|user|hmac|integration)[-_. ]?key/i;

// JSON keys whose values are secret even though they carry none of the words above.
const SECRET_JSON_KEYS = new Set(['code', 'oauth_verifier', 'oauth.api.key', 'apikey', 'api_key', 'authorization', 'client_id', 'sig', 'otp']);

// Names that contain a secret word but describe, not hold, a secret.
const NOT_SECRET = new Set(['state', 'token_type', 'tokentype', 'code_challenge', 'code_challenge_method']);

/** `oauth.token.url`, `token_url`: the address of an endpoint, not a credential (its query is redacted by URL). */
const ADDRESS_KEY = /(url|uri)$/;

function describesNoSecret(key: string): boolean {
  return NOT_SECRET.has(key) || ADDRESS_KEY.test(key);
}

export function isSecretQueryKey(name: string): boolean {
  const key = name.toLowerCase();
  return SECRET_QUERY_KEYS.has(key) || (!describesNoSecret(key) && SECRET_WORDS.test(key));
}

export function isSecretJsonKey(name: string): boolean {
  const key = name.toLowerCase();
  return SECRET_JSON_KEYS.has(key) || (!describesNoSecret(key) && SECRET_WORDS.test(key));
}

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

function redactUserInfo(text: string): string {
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

// ── Free text ───────────────────────────────────────────────────────────────────────────────

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Hex digits of `value` matching either case: `2f` → `2[fF]`. */
function hexPattern(value: number, digits: number): string {
  return value
    .toString(16)
    .padStart(digits, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};

/**
 * The named character references HTML has for ASCII characters (and the no-break space), as an
 * HTML escaper or an author writes them. Numeric references (`&#39;`, `&#x27;`) cover every character.
 */
const HTML_NAMED_REFERENCES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    Tab: '\t', NewLine: '\n', excl: '!', quot: '"', QUOT: '"', num: '#', dollar: '$', percnt: '%', amp: '&', AMP: '&', apos: "'",
    lpar: '(', rpar: ')', ast: '*', midast: '*', plus: '+', comma: ',', period: '.', sol: '/', colon: ':', semi: ';', lt: '<', LT: '<',
    equals: '=', gt: '>', GT: '>', quest: '?', commat: '@', lsqb: '[', lbrack: '[', bsol: '\\', rsqb: ']', rbrack: ']', Hat: '^',
    lowbar: '_', UnderBar: '_', grave: '`', DiacriticalGrave: '`', lcub: '{', lbrace: '{', verbar: '|', vert: '|', VerticalLine: '|',
    rcub: '}', rbrace: '}', nbsp: '\u00a0', NonBreakingSpace: '\u00a0',
  }),
);

/** Each character's names: `&` → `amp|AMP`. */
const HTML_NAMES_OF = new Map<string, string[]>();
for (const [name, char] of HTML_NAMED_REFERENCES) HTML_NAMES_OF.set(char, [...(HTML_NAMES_OF.get(char) ?? []), name]);

/** `c` as an HTML character reference: decimal or hexadecimal (either case, leading zeros), or by name. */
function htmlReferences(char: string): string {
  const code = char.codePointAt(0)!;
  const forms = [`&#0*${code};`, `&#[xX]0*${code.toString(16).replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`)};`];
  for (const name of HTML_NAMES_OF.get(char) ?? []) forms.push(`&${name};`);
  if (char === ' ') forms.push('&nbsp;', '&NonBreakingSpace;');
  return forms.join('|');
}

/**
 * The forms of one character a pattern accepts. `html` adds HTML character references: only
 * patterns for a text that holds one (`&#…` or `&name;`) carry them, which keeps the patterns
 * of ordinary log lines small and fast.
 */
interface Forms {
  html: boolean;
}

/** A `%` as written: itself, or HTML-escaped (a percent-encoded value put in an HTML page). */
function percentSign({ html }: Forms): string {
  return html ? `(?:%|${htmlReferences('%')})` : '%';
}

/** `c` as is, as an HTML reference, or percent-encoded any number of times in either hex case. */
function literalOrPercent(char: string, forms: Forms): string {
  const percent = [...Buffer.from(char, 'utf8')].map((byte) => `${percentSign(forms)}(?:25)*${hexPattern(byte, 2)}`).join('');
  return `(?:${escapeRegExp(char)}|${forms.html ? `${htmlReferences(char)}|` : ''}${percent})`;
}

/**
 * A JSON escape's backslash, also percent-encoded (JSON carried in a query string), and escaped
 * again any number of times (a JSON text inside a JSON string: `\\u0041`, `\\\"`).
 */
function backslash(forms: Forms): string {
  return `(?:${literalOrPercent('\\', forms)})+`;
}

/**
 * Every way one character of a secret can be written: as is; percent-encoded with either hex
 * case, any number of times (`%2F`, `%2f`, `%252F`, `%25252F`); an HTML character reference
 * (`&#47;`, `&#x2F;`, `&sol;`); `+` for a space; a JSON escape (`\"`, `\\`, `\/`, `\n`…) or
 * `\uXXXX` in either case, also with the escape percent-encoded (`%5Cu0041`) or escaped again.
 */
function characterPattern(char: string, forms: Forms): string {
  const alternatives = [literalOrPercent(char, forms)];
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  alternatives.push(units.map((unit) => `${backslash(forms)}u${hexPattern(unit, 4)}`).join(''));
  const short = JSON_SHORT_ESCAPES[char];
  if (short !== undefined) alternatives.push(`${backslash(forms)}${literalOrPercent(short, forms)}`);
  if (char === ' ') alternatives.push('\\+', `${percentSign(forms)}(?:25)*2[bB]`);
  return `(?:${alternatives.join('|')})`;
}

/** Text that may hold an HTML character reference. */
const HTML_REFERENCE = /&(?:#|[A-Za-z]{2,16};)/;

const patternCache = new Map<string, RegExp>();
const PATTERN_CACHE_LIMIT = 1000;

/** A regular expression for `secret` written in any mix of the forms of {@link characterPattern}. */
function secretPattern(secret: string, forms: Forms): RegExp {
  const key = `${forms.html ? 'h' : '-'}${secret}`;
  let pattern = patternCache.get(key);
  if (!pattern) {
    pattern = new RegExp([...secret].map((char) => characterPattern(char, forms)).join(''), 'g');
    if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear();
    patternCache.set(key, pattern);
  }
  return pattern;
}

/**
 * Credentials of an HTTP auth scheme in text: `Basic dXNlcjpwdw==`, `Bearer eyJ…`, also URL-encoded.
 * Scheme names are case-insensitive on the wire (`bearer`, `BASIC`).
 */
const SCHEME_CREDENTIALS = /\b(basic|bearer)((?:\s|%20|\+)+)((?:[A-Za-z0-9+/_.~-]|%2[bBfF])+(?:=|%3[dD]){0,2})/gi;

/**
 * Whether what follows a scheme not written `Basic`/`Bearer` is a credential rather than a word
 * ("basic information", "the bearer of"): eight characters or more with a digit, a symbol or a
 * capital inside. (`Basic …` and `Bearer …` as written in headers hide whatever follows.)
 */
function looksLikeCredential(token: string): boolean {
  return token.length >= 8 && /[0-9+/=_.~%-]|[a-z][A-Z]|[A-Z]{2}/.test(token);
}

/** Runs that may be base64 (or base64url) of something longer than a short word. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

/** The bytes a secret may be base64 of: its UTF-8, and its Latin-1 when it fits. */
function base64Needles(secrets: readonly string[]): Buffer[] {
  return secrets.flatMap((secret) => {
    const forms = [Buffer.from(secret, 'utf8')];
    if ([...secret].every((char) => char.charCodeAt(0) <= 0xff)) forms.push(Buffer.from(secret, 'latin1'));
    return forms;
  });
}

/**
 * The base64 characters that bytes produce whatever surrounds them, for each of the three
 * offsets they can start at within a 3-byte group, in both alphabets: a run holding none of
 * these cannot hold the bytes, so it is not decoded at all.
 */
function base64Cores(needles: readonly Buffer[]): string[] {
  const cores: string[] = [];
  for (const needle of needles) {
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.alloc(offset), needle]).toString('base64');
      const first = Math.ceil((8 * offset) / 6);
      const last = Math.floor((8 * (offset + needle.length) - 6) / 6);
      const core = encoded.slice(first, last + 1);
      if (core.length > 0) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return cores;
}

const base64Cache = new Map<string, { needles: Buffer[]; cores: string[] }>();

/** The needles and cores of each secret, computed once per secret (like its pattern). */
function base64Forms(secrets: readonly string[]): { needles: Buffer[]; cores: string[] } {
  const needles: Buffer[] = [];
  const cores: string[] = [];
  for (const secret of secrets) {
    let forms = base64Cache.get(secret);
    if (!forms) {
      const own = base64Needles([secret]);
      forms = { needles: own, cores: base64Cores(own) };
      if (base64Cache.size >= PATTERN_CACHE_LIMIT) base64Cache.clear();
      base64Cache.set(secret, forms);
    }
    needles.push(...forms.needles);
    cores.push(...forms.cores);
  }
  return { needles, cores };
}

/**
 * Where in `run` the base64 of one of `needles` starts, or -1. The base64 need not start the run
 * (`/v1/<base64>`, `id<base64>`): each of the four alignments is decoded and searched.
 */
function base64SecretAt(run: string, needles: readonly Buffer[]): number {
  let first = -1;
  for (let align = 0; align < 4 && align + 4 <= run.length; align++) {
    const decoded = Buffer.from(run.slice(align), 'base64');
    for (const needle of needles) {
      const at = decoded.indexOf(needle);
      if (at < 0) continue;
      // The 4-character group holding the secret's first byte.
      const start = align + Math.floor(at / 3) * 4;
      if (first < 0 || start < first) first = start;
    }
  }
  return first;
}

/**
 * `text` with every occurrence of a known secret value replaced, in whatever form it was
 * written: as is, percent-encoded (either hex case, any depth, `+` for spaces), as HTML
 * character references, JSON-escaped (`\"`, `\\`, `\uXXXX`), or inside base64 (a Basic auth
 * header, a path segment). The credentials of a `Basic`/`Bearer` scheme (in any case, see
 * {@link looksLikeCredential}) and the user information of any URL are hidden whether or not
 * they are known.
 * Values shorter than {@link MIN_SECRET_LENGTH} are ignored. Longest values are replaced
 * first so a secret that contains another is hidden whole.
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  const values = [...new Set([...secrets].filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH))];
  values.sort((a, b) => b.length - a.length);
  let result = text;
  const forms: Forms = { html: HTML_REFERENCE.test(text) };
  for (const value of values) result = result.replace(secretPattern(value, forms), REDACTED);
  result = result.replace(SCHEME_CREDENTIALS, (match, scheme: string, space: string, token: string) =>
    scheme === 'Basic' || scheme === 'Bearer' || looksLikeCredential(token) ? `${scheme}${space}${REDACTED}` : match,
  );
  result = redactUserInfo(result);
  if (values.length > 0) {
    const { needles, cores } = base64Forms(values);
    result = result.replace(BASE64_RUN, (run) => {
      if (!cores.some((core) => run.includes(core))) return run;
      const at = base64SecretAt(run, needles);
      return at < 0 ? run : `${run.slice(0, at)}${REDACTED}`;
    });
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
