/** What a string value in an instance file is: a placeholder, a keychain reference, a secret. */

/** `${keychain:NAME}`: filled from the OS keychain when the extension provisions from a file. */
const KEYCHAIN_REFERENCE = /^\$\{keychain:([^}\s]+)\}$/;

/** Example values the documentation uses that only look real. */
const DOCUMENTATION_FILLERS = new Set(['code on return the url', 'user secret', 'user token']);
const DOCUMENTATION_HOSTS =
  /^https?:\/\/(www\.)?(mycoolapp\.com|my_cool_app\.com|yourcallbackurl\.com|examplecallbackurl\.com|demonstrab\.ly)(\/|$)/i;
/** `<INSERT_KEY>`, or a value with a `<…>` part to fill in: `<YOUR_COMPANY>.crm.dynamics.com`. */
const ANGLE_PLACEHOLDER = /^<[^<>]*>$|<[A-Za-z_][^<>]*>/;
const INSERT_PREFIX = /^(insert|fake)_/i;

export function keychainReference(value: string): string | undefined {
  return KEYCHAIN_REFERENCE.exec(value)?.[1];
}

export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return (
    ANGLE_PLACEHOLDER.test(trimmed) ||
    INSERT_PREFIX.test(trimmed) ||
    DOCUMENTATION_FILLERS.has(trimmed.toLowerCase()) ||
    DOCUMENTATION_HOSTS.test(trimmed)
  );
}

/** Names that hold credentials when the catalog has no entry for them. */
export function looksLikeSecretKey(key: string): boolean {
  return /secret|password|passwd|token|api[._-]?key|private[._-]?key|signature|refresh/i.test(key);
}

/** A value that is really a credential: not empty, not a placeholder or keychain reference, no spaces. */
export function looksLikeRealSecret(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value) && !isPlaceholder(value) && keychainReference(value) === undefined;
}
