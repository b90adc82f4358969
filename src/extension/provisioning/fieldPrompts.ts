/**
 * What the provisioning wizard asks, derived from the catalog's FlowDefinition alone: one
 * prompt per configuration field (minus the callback URL the engine sets for OAuth flows),
 * then the instance name and tags. No `vscode` here, so it is unit-testable.
 */
import type { ConfigField, ElementDefinition, FlowDefinition, ValueKind } from '../../core/catalog/types';
import { isTemplatePlaceholder } from '../../core/instanceFile/values';

export const CALLBACK_URL_KEY = 'oauth.callback.url';

export interface FieldPrompt {
  key: string;
  label: string;
  kind: ValueKind;
  /** The input box's prompt: the field's description, whether it may be skipped, the element's notes. */
  prompt: string;
  /** The placeholder shape from the catalog (`<INSERT_XERO_CONSUMER_KEY>`), shown as a hint. */
  placeHolder: string;
  /** Prefilled value: the previous instance's (never for secrets), else the catalog default. */
  value: string | undefined;
  password: boolean;
  optional: boolean;
  /** An app credential kept in the keychain per element and offered again next time. */
  offerStored: boolean;
}

export interface PromptOptions {
  /** Values to prefill (re-authorizing: the instance's configuration); secret ones are ignored. */
  prefill?: Record<string, string | null | undefined>;
  /** Extra information lines for every prompt (e.g. the callback mode's requirement). */
  notes?: string[];
}

/**
 * An app credential (API key / secret, signature) rather than one authorization's tokens:
 * worth keeping per element and offering again.
 */
export function isAppSecret(field: ConfigField): boolean {
  return field.secret && !field.key.startsWith('oauth.user.');
}

/** The configuration fields the user is asked for, in the catalog's order. */
export function promptedFields(flow: FlowDefinition): ConfigField[] {
  return flow.configuration.filter((field) => !(flow.oauth && field.key === CALLBACK_URL_KEY));
}

export function elementNotes(element: ElementDefinition, extra: string[] = []): string[] {
  return [...(element.notes ?? []), ...extra];
}

export function fieldPrompts(element: ElementDefinition, flow: FlowDefinition, options: PromptOptions = {}): FieldPrompt[] {
  const notes = elementNotes(element, options.notes);
  return promptedFields(flow).map((field) => {
    const optional = !field.required;
    const previous = field.secret ? undefined : options.prefill?.[field.key];
    const value = typeof previous === 'string' && previous !== '' ? previous : field.default;
    const parts = [field.description ?? field.label];
    if (field.recommended) parts.push('Recommended, not required: leave empty to skip.');
    else if (optional) parts.push(field.default !== undefined ? `Optional (default ${field.default}).` : 'Optional: leave empty to skip.');
    return {
      key: field.key,
      label: field.label,
      kind: field.kind,
      prompt: withNotes(parts.join(' '), notes),
      placeHolder: field.placeholder,
      value,
      password: field.secret,
      optional,
      offerStored: isAppSecret(field),
    };
  });
}

export function withNotes(text: string, notes: readonly string[]): string {
  return [text, ...notes.map((note) => `Note: ${note}`)].join(' — ');
}

/** The input box's check of one value; undefined when acceptable. */
export function validateField(prompt: Pick<FieldPrompt, 'label' | 'kind' | 'optional'>, text: string): string | undefined {
  const value = text.trim();
  if (value === '') return prompt.optional ? undefined : `${prompt.label} is required.`;
  if (isTemplatePlaceholder(value)) return `Replace the placeholder with your ${prompt.label}.`;
  if (prompt.kind === 'url' && !isUrl(value)) return `${prompt.label} must be an absolute URL, e.g. https://www.example.com/auth.`;
  if (prompt.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return `${prompt.label} must be a number.`;
  if (prompt.kind === 'boolean' && value !== 'true' && value !== 'false') return `${prompt.label} must be true or false.`;
  return undefined;
}

export function isUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && (url.host !== '' || !/^https?:$/.test(url.protocol));
  } catch {
    return false;
  }
}

export function isHttpUrl(text: string): boolean {
  return isUrl(text) && /^https?:\/\//i.test(text.trim());
}

export function defaultInstanceName(element: ElementDefinition, flow: FlowDefinition): string {
  return `${element.name} (${flow.label})`;
}

/** `a, b,,c ` → `['a', 'b', 'c']`, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}
