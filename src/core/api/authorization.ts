/**
 * The api-v2 `Authorization` header, written one way everywhere the toolkit builds it (the
 * transport, the console's request documents and Send, Copy as cURL): in the documentation's
 * order, `User <user secret>, Organization <organization secret>[, Element <instance token>]`
 * (cloud-elements/devportal `_includes/ceql-ref.md`, the platform pages' cURL examples, and
 * Cloud Elements' own test suite, churros `src/core/defaults.js`).
 */

export interface AuthorizationParts {
  user: string;
  organization: string;
  /** The instance token, for a call on one instance (`/hubs/…`). */
  element?: string;
}

/** `User u, Organization o` or `User u, Organization o, Element e`. */
export function authorizationHeader(parts: AuthorizationParts): string {
  const account = `User ${parts.user}, Organization ${parts.organization}`;
  return parts.element === undefined ? account : `${account}, Element ${parts.element}`;
}
