/** Random values shaped like the ones Cloud Elements and the providers hand out. */
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number, alphabet = ALPHANUMERIC): string {
  let value = '';
  for (let i = 0; i < length; i++) value += alphabet[randomInt(alphabet.length)];
  return value;
}

/** User and organization secrets: base64, like the ones the Cloud Elements console shows. */
export function newAccountSecret(): string {
  return randomBytes(32).toString('base64');
}

/** Instance tokens look like the docs' `fYRiZUTY0STCfoVhJNbKri0EEdaTvHaFV8=`. */
export function newInstanceToken(): string {
  return randomBytes(31).toString('base64');
}

export function newRequestId(): string {
  return randomBytes(12).toString('hex');
}

/** OAuth 1 request tokens and secrets, like `qyprd1Twij60MH06lKGUZTJwx7tbzpPQx6aZnvKe0xI7`. */
export function newOAuth1Token(): string {
  return randomAlphanumeric(44);
}

export function newOAuth1Secret(): string {
  return randomAlphanumeric(36);
}

export function newVerifier(): string {
  return randomAlphanumeric(12, 'abcdefghijklmnopqrstuvwxyz0123456789');
}

export function newAuthorizationCode(): string {
  return randomBytes(24).toString('base64url');
}

/** Access and refresh tokens stored in an instance's configuration. */
export function newUserToken(): string {
  return randomBytes(36).toString('base64url');
}

/** Opaque handle of an authorize page awaiting the user's decision. */
export function newHandle(): string {
  return randomBytes(16).toString('base64url');
}
