/**
 * The `Authorization` header and its checks. The forms the documentation shows, and only those:
 *
 * - `User <user secret>, Organization <organization secret>` — account calls (every platform page);
 * - `User …, Organization …, Element <instance token>` — calls on one instance
 *   (devportal `_includes/ceql-ref.md`, churros `src/core/defaults.js`);
 * - `User …, Element …` — hub calls on the element pages (`_includes/Elements/index.md`,
 *   `docs/elements/evernote/tips.md`);
 * - `Element …, User …[, Organization …]` — the bulk and formula pages (`_includes/bulk-apis.md`,
 *   `_includes/Formulas/scope-request.md`).
 *
 * So: comma-separated parts, each a keyword (case-insensitive, as HTTP auth schemes are), white
 * space, and one value; each keyword at most once; in any order. Anything else — `Element:`
 * with a colon (no page shows it), an unknown part such as `Bearer …`, a keyword twice, a value
 * with a space — is refused, with a message that names the documented form and never repeats
 * what was sent.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const INVALID_AUTH_MESSAGE = 'Invalid Organization or User secret, or invalid Element token provided.';

export const DOCUMENTED_FORM = 'Authorization: User <user secret>, Organization <organization secret>[, Element <instance token>]';

export interface Credentials {
  user?: string;
  organization?: string;
  element?: string;
}

export interface AccountSecrets {
  user: string;
  organization: string;
}

export type ParsedAuthorization = { ok: true; credentials: Credentials } | { ok: false; problem: string };

const KEYWORDS: Readonly<Record<string, keyof Credentials>> = { user: 'user', organization: 'organization', element: 'element' };
const PART = /^([A-Za-z]+)([ \t]+)(\S+)$/;

function label(kind: keyof Credentials): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** The header's parts; `ok: false` with what is wrong (never the values) when it is not a documented form. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const credentials: Credentials = {};
  if (header === undefined || header.trim() === '') return { ok: true, credentials };
  const parts = header.split(',');
  for (const [index, raw] of parts.entries()) {
    const part = raw.trim();
    const position = `part ${index + 1} of ${parts.length}`;
    const colon = /^(user|organization|element)\s*:/i.exec(part);
    if (colon) {
      const kind = KEYWORDS[colon[1]!.toLowerCase()]!;
      return { ok: false, problem: `${position} writes "${label(kind)}:" with a colon; the documented form has none: ${label(kind)} <value>` };
    }
    const match = PART.exec(part);
    const kind = match ? KEYWORDS[match[1]!.toLowerCase()] : undefined;
    if (!match || !kind) {
      const word = /^[A-Za-z]+$/.exec(part.split(/\s/)[0] ?? '')?.[0];
      const known = word !== undefined && KEYWORDS[word.toLowerCase()] !== undefined;
      return {
        ok: false,
        problem: known ? `${position} is not "${label(KEYWORDS[word!.toLowerCase()]!)} <value>" (one value, no spaces in it)` : `${position} is not User, Organization or Element`,
      };
    }
    if (credentials[kind] !== undefined) return { ok: false, problem: `${label(kind)} is given twice` };
    credentials[kind] = match[3]!;
  }
  return { ok: true, credentials };
}

/** The credentials of a header, or none when it is not a documented form (a handler's lookup of the Element token). */
export function credentialsOf(header: string | undefined): Credentials {
  const parsed = parseAuthorization(header);
  return parsed.ok ? parsed.credentials : {};
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function secretEquals(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function hasAccountAuth(credentials: Credentials, secrets: AccountSecrets): boolean {
  // Evaluate both so the time taken does not tell which one was wrong.
  const user = secretEquals(credentials.user, secrets.user);
  const organization = secretEquals(credentials.organization, secrets.organization);
  return user && organization;
}

/**
 * A call on one instance: the user secret and an Element token; the organization secret is
 * optional (the element pages show `User …, Element …`) but must be right when given.
 */
export function hasInstanceAuth(credentials: Credentials, secrets: AccountSecrets): boolean {
  const user = secretEquals(credentials.user, secrets.user);
  const organization = credentials.organization === undefined || secretEquals(credentials.organization, secrets.organization);
  return user && organization && credentials.element !== undefined;
}
