/**
 * Masking for sharing: a request body (or query) with every value the redactor would hide
 * replaced by `***`, and the list of what was masked, so a "masked" cURL command can say
 * exactly that. Secret fields are found by name (`isSecretJsonKey`, `isSecretQueryKey`); the
 * values found that way, and any credential the redactor knows by shape (`Bearer …`, `//user:pw@`),
 * are then hidden wherever else they appear (`redactText`).
 */
import { visit, type JSONPath } from 'jsonc-parser';
import { isSecretJsonKey, isSecretQueryKey, REDACTED, redactText } from './redact';

/** Values that name a secret rather than hold one: `${keychain:NAME}`, `{{instance:1:token}}`, `<INSERT_…>`. */
const REFERENCE = /^\s*(?:\$\{keychain:[^}]*\}|\{\{[^{}]*\}\}|<[A-Z_]+>)\s*$/;

export function isReferenceValue(value: string): boolean {
  return REFERENCE.test(value);
}

/** `configuration › oauth.api.secret`: a JSON path up to and including its first secret key. */
function fieldName(path: JSONPath): string | undefined {
  const at = path.findIndex((segment) => typeof segment === 'string' && isSecretJsonKey(segment));
  if (at < 0) return undefined;
  return path
    .slice(0, at + 1)
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment))
    .join(' › ');
}

export interface MaskedText {
  text: string;
  /** The secret fields masked by name, in order, each once (`password`, `configuration › oauth.api.secret`). */
  fields: string[];
  /** The values masked by name: hide them wherever else they appear. */
  values: string[];
}

/**
 * A JSON text with the value of every secret key (and everything below one) replaced by `"***"`,
 * the rest byte for byte as it was. Empty values, null and references are kept. Text that is not
 * JSON is read as far as it goes.
 */
export function maskJsonText(text: string): MaskedText {
  const edits: Array<{ offset: number; length: number }> = [];
  const fields: string[] = [];
  const values: string[] = [];
  visit(text, {
    onLiteralValue(value: unknown, offset: number, length: number, _line: number, _column: number, pathSupplier: () => JSONPath) {
      if (value === null || value === '' || (typeof value === 'string' && isReferenceValue(value))) return;
      const field = fieldName(pathSupplier());
      if (field === undefined) return;
      edits.push({ offset, length });
      values.push(String(value));
      if (!fields.includes(field)) fields.push(field);
    },
  });
  let masked = text;
  for (const { offset, length } of edits.reverse()) masked = `${masked.slice(0, offset)}"${REDACTED}"${masked.slice(offset + length)}`;
  return { text: masked, fields, values };
}

/** `a=1&password=x` with the values of secret names masked (`&` or `;` separated), and those values. */
export function maskFormText(text: string): MaskedText {
  const fields: string[] = [];
  const values: string[] = [];
  const masked = text
    .split(/([&;])/)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decodeForm(pair.slice(0, eq));
      const value = decodeForm(pair.slice(eq + 1));
      if (!isSecretQueryKey(name.trim()) || value === '' || isReferenceValue(value)) return pair;
      values.push(value);
      if (!fields.includes(name)) fields.push(name);
      return `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('');
  return { text: masked, fields, values };
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A body as JSON when it looks like JSON, as a form when it looks like one, else as text (nothing to mask by name). */
export function maskBodyText(text: string): MaskedText {
  if (/^\s*[[{]/.test(text)) return maskJsonText(text);
  if (/^[^\s=&;]+=\S*$/.test(text.trim())) return maskFormText(text);
  return { text, fields: [], values: [] };
}

/** `text` with `known` secrets (in any encoding) and credentials the redactor knows by shape hidden. */
export function maskKnown(text: string, known: Iterable<string>): string {
  return redactText(text, known);
}

/**
 * An instance.json body for a command line without secrets: secret fields (and their values
 * wherever else they appear) masked. `masked` names each field (`configuration › oauth.api.secret`).
 */
export function maskInstanceBody(text: string): { text: string; masked: string[] } {
  const byName = maskJsonText(text);
  const masked = maskKnown(byName.text, byName.values);
  return { text: masked, masked: [...byName.fields, ...(masked !== byName.text ? ['other values repeating them'] : [])] };
}
