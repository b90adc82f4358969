/** Free text (log lines, messages, answers) with every known secret hidden, in whatever form it was written. */
import { base64Forms, base64SecretAt, BASE64_RUN } from './base64Secrets';
import { REDACTED } from './secretNames';
import { HTML_REFERENCE, secretPattern, type Forms } from './textForms';
import { redactUserInfo } from './urls';

/** Secret values shorter than this are not replaced in free text: they would mangle ordinary words. */
export const MIN_SECRET_LENGTH = 4;

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
