/** What a string value in an instance file is: a placeholder, a keychain reference, a secret. */
import { isMaskedValue } from '../api/masked';

/** `${keychain:NAME}`: filled from the OS keychain when the extension provisions from a file. */
const KEYCHAIN_REFERENCE = /^\$\{keychain:([^}\s]+)\}$/;

/** Example values the documentation uses that only look real. */
const DOCUMENTATION_FILLERS = new Set(['code on return the url', 'user secret', 'user token']);
const DOCUMENTATION_HOSTS =
  /^https?:\/\/(www\.)?(mycoolapp\.com|my_cool_app\.com|yourcallbackurl\.com|examplecallbackurl\.com|demonstrab\.ly)(\/|$)/i;
/** A value with a `<…>` part to fill in: `<YOUR_COMPANY>.crm.dynamics.com`. */
const EMBEDDED_PLACEHOLDER = /<[A-Za-z_][^<>]*>/;
const INSERT_PREFIX = /^(insert|fake)_/i;

const WHOLE_ANGLE_PLACEHOLDER = /^<[^<>]*>$/;

/**
 * A value that is a template placeholder as a whole (`<INSERT_XERO_CONSUMER_KEY>`): never a
 * real input. Narrower than isPlaceholder, which also flags documentation example values
 * that a user may still deliberately type.
 */
export function isTemplatePlaceholder(value: string): boolean {
  return WHOLE_ANGLE_PLACEHOLDER.test(value);
}

export function keychainReference(value: string): string | undefined {
  return value.startsWith('${') ? KEYCHAIN_REFERENCE.exec(value)?.[1] : undefined;
}

const FILLER_LENGTHS = new Set([...DOCUMENTATION_FILLERS].map((filler) => filler.length));

/** Each test runs only where its pattern could match: this runs on every value of every lint. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  const first = trimmed.charCodeAt(0) | 0x20; // lower case for letters
  return (
    // "********": how Cloud Elements shows a secret, standing in for the real value.
    (first === 0x2a /* * */ && isMaskedValue(trimmed)) ||
    (trimmed.includes('<') && (isTemplatePlaceholder(trimmed) || EMBEDDED_PLACEHOLDER.test(trimmed))) ||
    ((first === 0x69 /* i */ || first === 0x66 /* f */) && INSERT_PREFIX.test(trimmed)) ||
    (FILLER_LENGTHS.has(trimmed.length) && DOCUMENTATION_FILLERS.has(trimmed.toLowerCase())) ||
    (first === 0x68 /* h */ && DOCUMENTATION_HOSTS.test(trimmed))
  );
}

// Regular expressions as constants: a literal in a function makes a new object on every call,
// and these run on every configuration value of every lint.
const SECRET_KEY = /secret|password|passwd|token|api[._-]?key|private[._-]?key|signature|refresh/i;
const WHITESPACE = /\s/;

/** Names that hold credentials when the catalog has no entry for them. */
export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A value that is really a credential: not empty, not a placeholder or keychain reference, no spaces. */
export function looksLikeRealSecret(value: string): boolean {
  return value.length >= 8 && !WHITESPACE.test(value) && !isPlaceholder(value) && keychainReference(value) === undefined;
}
