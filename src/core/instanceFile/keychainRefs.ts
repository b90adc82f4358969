/**
 * `${keychain:NAME}` references in instance bodies: taking secrets out of a body before it is
 * written to a file, and putting them back from the keychain before it is sent.
 */
import type { CreateInstanceRequest } from '../api/types';
import type { FlowDefinition } from '../catalog/types';
import { isMaskedValue } from '../api/masked';
import { isPlaceholder, isTemplatePlaceholder, keychainReference, looksLikeSecretKey } from './values';

export type Section = 'configuration' | 'providerData';

export interface SecretEntry {
  section: Section;
  key: string;
  value: string;
  /** The keychain name it is (or would be) stored under. */
  name: string;
}

export function keychainName(elementKey: string, section: Section, key: string): string {
  return section === 'configuration' ? `${elementKey}.${key}` : `${elementKey}.providerData.${key}`;
}

export function referenceTo(name: string): string {
  return `\${keychain:${name}}`;
}

function isSecretField(flow: FlowDefinition | undefined, section: Section, key: string): boolean {
  const fields = section === 'configuration' ? flow?.configuration : flow?.providerData;
  const field = fields?.find((candidate) => candidate.key === key);
  return field ? field.secret : looksLikeSecretKey(key);
}

/** The secret values of a body (per the flow's fields, else by key name), references excluded. */
export function secretEntries(body: CreateInstanceRequest, elementKey: string, flow?: FlowDefinition): SecretEntry[] {
  const entries: SecretEntry[] = [];
  for (const section of ['configuration', 'providerData'] as const) {
    for (const [key, value] of Object.entries(body[section] ?? {})) {
      // A placeholder holds nothing to keep: it stays in the file for the user (or the next sign-in) to fill.
      if (typeof value !== 'string' || value === '' || keychainReference(value) !== undefined || isPlaceholder(value)) continue;
      if (isSecretField(flow, section, key)) entries.push({ section, key, value, name: keychainName(elementKey, section, key) });
    }
  }
  return entries;
}

/** What a file gets where a body held a mask (`"********"`): the field's template placeholder, to fill in. */
function placeholderFor(flow: FlowDefinition | undefined, section: Section, key: string): string {
  const fields = section === 'configuration' ? flow?.configuration : flow?.providerData;
  const placeholder = fields?.find((candidate) => candidate.key === key)?.placeholder;
  return placeholder !== undefined && isTemplatePlaceholder(placeholder) ? placeholder : `<INSERT_${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}>`;
}

/**
 * The body with every secret replaced by a keychain reference, and the values to store. A mask
 * the service showed instead of a secret is neither stored nor written: the file gets a
 * placeholder to fill in.
 */
export function extractSecrets(
  body: CreateInstanceRequest,
  elementKey: string,
  flow?: FlowDefinition,
): { body: CreateInstanceRequest; secrets: SecretEntry[] } {
  const secrets = secretEntries(body, elementKey, flow);
  const copy: CreateInstanceRequest = structuredClone(body);
  for (const secret of secrets) copy[secret.section]![secret.key] = referenceTo(secret.name);
  for (const section of ['configuration', 'providerData'] as const) {
    for (const [key, value] of Object.entries(copy[section] ?? {})) if (isMaskedValue(value)) copy[section]![key] = placeholderFor(flow, section, key);
  }
  return { body: copy, secrets };
}

/** The body with references replaced by their keychain values; names not found are listed. */
export async function resolveKeychainReferences(
  body: CreateInstanceRequest,
  lookup: (name: string) => Promise<string | undefined>,
): Promise<{ body: CreateInstanceRequest; missing: string[] }> {
  const copy: CreateInstanceRequest = structuredClone(body);
  const missing: string[] = [];
  for (const section of ['configuration', 'providerData'] as const) {
    const values = copy[section];
    if (!values) continue;
    for (const [key, value] of Object.entries(values)) {
      const name = typeof value === 'string' ? keychainReference(value) : undefined;
      if (name === undefined) continue;
      const secret = await lookup(name);
      if (secret === undefined) missing.push(name);
      else values[key] = secret;
    }
  }
  return { body: copy, missing };
}
