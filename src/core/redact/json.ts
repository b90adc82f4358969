/** JSON values with the values of secret-looking keys hidden, and the secrets a value holds. */
import { isSecretJsonKey, REDACTED } from './secretNames';

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
