/**
 * Every way a secret can be written in free text — as is, percent-encoded, HTML character
 * references, JSON escapes — as one regular expression per secret.
 */
import { utf8Bytes } from '../bytes';

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
export interface Forms {
  html: boolean;
}

/** A `%` as written: itself, or HTML-escaped (a percent-encoded value put in an HTML page). */
function percentSign({ html }: Forms): string {
  return html ? `(?:%|${htmlReferences('%')})` : '%';
}

/** `c` as is, as an HTML reference, or percent-encoded any number of times in either hex case. */
function literalOrPercent(char: string, forms: Forms): string {
  const percent = [...utf8Bytes(char)].map((byte) => `${percentSign(forms)}(?:25)*${hexPattern(byte, 2)}`).join('');
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
export const HTML_REFERENCE = /&(?:#|[A-Za-z]{2,16};)/;

const patternCache = new Map<string, RegExp>();
const PATTERN_CACHE_LIMIT = 1000;

/** A regular expression for `secret` written in any mix of the forms of {@link characterPattern}. */
export function secretPattern(secret: string, forms: Forms): RegExp {
  const key = `${forms.html ? 'h' : '-'}${secret}`;
  let pattern = patternCache.get(key);
  if (!pattern) {
    pattern = new RegExp([...secret].map((char) => characterPattern(char, forms)).join(''), 'g');
    if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear();
    patternCache.set(key, pattern);
  }
  return pattern;
}
