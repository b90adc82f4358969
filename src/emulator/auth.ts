/** The `Authorization: User …, Organization …[, Element …]` header and its checks. */
import { createHash, timingSafeEqual } from 'node:crypto';

export const INVALID_AUTH_MESSAGE = 'Invalid Organization or User secret, or invalid Element token provided.';

export interface Credentials {
  user?: string;
  organization?: string;
  element?: string;
}

export interface AccountSecrets {
  user: string;
  organization: string;
}

const PART = /^(user|organization|element)\s+(\S.*)$/i;

/** Order-insensitive and tolerant of spacing; unknown parts are ignored. */
export function parseAuthorization(header: string | undefined): Credentials {
  const credentials: Credentials = {};
  for (const part of (header ?? '').split(',')) {
    const match = PART.exec(part.trim());
    if (!match) continue;
    const kind = match[1]!.toLowerCase() as keyof Credentials;
    credentials[kind] = match[2]!.trim();
  }
  return credentials;
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
