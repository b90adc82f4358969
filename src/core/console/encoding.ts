/**
 * How path and query values are written in a request document and sent on the wire. In the
 * document a value is readable (`where=name = 'Acme'`) with only the characters that would
 * change how the line is read percent-encoded; on the wire every value is fully encoded, so
 * whatever it holds reaches the server as exactly that value, in its own segment or parameter.
 */

/** Lone UTF-16 surrogates cannot be sent as UTF-8: they become U+FFFD, as TextEncoder would make them. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Characters a document line cannot hold as themselves: `%` (it starts an escape), `&` and `#`
 * (they split pairs and start comments), braces (placeholders and references), control
 * characters and the line and paragraph separators editors break lines at.
 */
const QUERY_SPECIAL = /[%&#{}\p{Cc}\u2028\u2029]/gu;

function encodeEnds(text: string): string {
  // Whitespace at either end would be trimmed away when the line is read back.
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (start >= text.length) return [...text].map(encodeURIComponent).join('');
  const encode = (part: string) => [...part].map(encodeURIComponent).join('');
  return encode(text.slice(0, start)) + text.slice(start, end) + encode(text.slice(end));
}

/** A query value as a document shows it. */
export function encodeQueryValue(value: string): string {
  return encodeEnds(wellFormed(value).replace(QUERY_SPECIAL, (char) => encodeURIComponent(char)));
}

/** A query parameter name as a document shows it: also `=`, which ends the name. */
export function encodeQueryName(name: string): string {
  return encodeEnds(wellFormed(name).replace(QUERY_SPECIAL, (char) => encodeURIComponent(char)).replace(/=/g, '%3D'));
}

/** A path parameter's value in a document: one segment, fully encoded (ids rarely need it). */
export function encodePathValue(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

/** Characters a path template's literal text keeps; anything else is encoded, `%` included. */
const PATH_LITERAL_KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

export function encodePathLiteral(text: string): string {
  return [...wellFormed(text)].map((char) => (PATH_LITERAL_KEEP.test(char) ? char : encodeURIComponent(char))).join('');
}

/**
 * Percent-decoding that forgives: every run of `%XX` escapes that is valid UTF-8 is decoded;
 * a `%` that starts no valid escape stays as typed. `+` is a plus sign.
 */
export function decodeLenient(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return decodeRunByParts(run);
    }
  });
}

/** A run with some invalid UTF-8: decode the longest valid pieces, keep the rest as written. */
function decodeRunByParts(run: string): string {
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
  let result = '';
  let i = 0;
  while (i < escapes.length) {
    let decoded: string | undefined;
    let taken = 0;
    for (let length = Math.min(4, escapes.length - i); length >= 1 && decoded === undefined; length--) {
      try {
        decoded = decodeURIComponent(escapes.slice(i, i + length).join(''));
        taken = length;
      } catch {
        // Try a shorter piece.
      }
    }
    if (decoded === undefined) {
      result += escapes[i];
      i += 1;
    } else {
      result += decoded;
      i += taken;
    }
  }
  return result;
}

/** A path segment on the wire. `.` and `..` cannot be sent as values: URL parsers remove them (also encoded). */
export function wireSegment(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

export function isDotSegment(value: string): boolean {
  return value === '.' || value === '..';
}

/** A query string on the wire: every name and value fully encoded. */
export function wireQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(wellFormed(name))}=${encodeURIComponent(wellFormed(value))}`).join('&');
}
