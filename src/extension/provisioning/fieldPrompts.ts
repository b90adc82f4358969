/**
 * What the provisioning wizard asks, derived from the catalog's FlowDefinition alone: one
 * prompt per configuration field (minus the callback URL the engine sets for OAuth flows),
 * then the instance name and tags; the check of each answer, and how the review shows it.
 * No `vscode` here, so it is unit-testable.
 */
import { CALLBACK_PLACEHOLDER } from '../../core/catalog/fields';
import { documentedDefault, flowChoices, isAsked, isDemanded } from '../../core/catalog/presets';
import type { ConfigField, ElementDefinition, FlowDefinition, ValueKind } from '../../core/catalog/types';
import { isPlaceholder, isTemplatePlaceholder, keychainReference } from '../../core/instanceFile/values';

export const CALLBACK_URL_KEY = 'oauth.callback.url';

/** A field that takes only the site's own name: `acme` of `acme.freshbooks.com`. */
export interface SiteName {
  /** The example name its help gives: `targetcompany`. */
  example: string;
  /** The domain the name goes in front of: `freshbooks.com`. */
  domain: string;
}

export interface FieldPrompt {
  key: string;
  label: string;
  kind: ValueKind;
  /** Under the box: what the field is (its help text), and whether it may be skipped. */
  prompt: string;
  /** An example value in the empty box, never a documentation placeholder such as `<INSERT_…>`. */
  placeHolder: string;
  /** Prefilled value: the instance's or the open file's (a secret only as a `${keychain:…}` reference), else the catalog default. */
  value: string | undefined;
  /** The documented default: what an empty answer sends (a default is never demanded); the boolean picker marks it "default". */
  defaultValue?: string;
  password: boolean;
  optional: boolean;
  /** An app credential kept in the keychain per element and offered again next time. */
  offerStored: boolean;
  siteName?: SiteName;
}

export interface PromptOptions {
  /** Values to prefill (the instance's configuration, an open instance file's); secrets only as keychain references. */
  prefill?: Record<string, unknown>;
  /** The run talks to the toolkit's local emulator: any app key and secret will do. */
  emulator?: boolean;
}

/**
 * An app credential (API key / secret, signature) rather than one authorization's tokens:
 * worth keeping per element and offering again.
 */
export function isAppSecret(field: ConfigField): boolean {
  return field.secret && !field.key.startsWith('oauth.user.');
}

/**
 * The configuration fields the user is asked for, in the catalog's order: not the callback URL the
 * engine sets for OAuth flows, nor what choosing the flow already answered (`authentication.type`)
 * or what the flow does not use.
 */
export function promptedFields(flow: FlowDefinition): ConfigField[] {
  return flow.configuration.filter((field) => !(flow.oauth && field.key === CALLBACK_URL_KEY) && isAsked(field));
}

/**
 * What is sent without a prompt: the values the flow fixes, and — for a field the flow does not
 * use — the value the instance or file being reused already has (never a secret's value, never a placeholder).
 */
export function unaskedConfiguration(flow: FlowDefinition, prefill: Record<string, unknown> = {}): Record<string, string> {
  const configuration: Record<string, string> = Object.fromEntries(flowChoices(flow));
  for (const field of flow.configuration) {
    if (field.asked !== false || field.key in configuration) continue;
    const given = prefillFor(field, prefill[field.key]);
    if (given !== undefined && keychainReference(given) === undefined) configuration[field.key] = given;
  }
  return configuration;
}

export function elementNotes(element: ElementDefinition, extra: string[] = []): string[] {
  return [...(element.notes ?? []), ...extra];
}

export const EMULATOR_NOTE = 'The local emulator stands in for the provider: any app key and secret will do.';

/** A documentation stand-in rather than an example a user could type: `<INSERT_…>`, `insert_api_key`. */
function isDocumentationFiller(value: string): boolean {
  return /[<>]/.test(value) || /^(insert|fake)_/i.test(value.trim()) || value.trim() === '';
}

const HOST = /(?:https?:\/\/)?([A-Za-z0-9_-]+)\.((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;

/**
 * A text field whose help shows a site's own name in front of its domain and then that name by
 * itself — "targetcompany for targetcompany.freshbooks.com", "in https://acme.myshopify.com
 * just enter acme" — takes only that name.
 */
export function siteNameOf(field: Pick<ConfigField, 'kind' | 'description'>): SiteName | undefined {
  if (field.kind !== 'string' || !field.description) return undefined;
  const help = field.description;
  for (const match of help.matchAll(HOST)) {
    const [whole, example, domain] = match as unknown as [string, string, string];
    const start = match.index;
    const elsewhere = help.slice(0, start) + ' '.repeat(whole.length) + help.slice(start + whole.length);
    const alone = new RegExp(`(^|[^\\w./-])${example.replace(/[-]/g, '\\-')}(?![\\w-]|\\.\\w)`);
    if (alone.test(elsewhere)) return { example, domain: domain.toLowerCase() };
  }
  return undefined;
}

/** `democo` of `democo`, `democo.freshbooks.com` or `https://democo.freshbooks.com/…`; undefined when it is not one. */
export function siteNameFrom(text: string, site: SiteName): string | undefined {
  const value = text.trim();
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  const host = value.replace(/^https?:\/\//i, '').split(/[/?#]/)[0]!.toLowerCase();
  const suffix = `.${site.domain}`;
  if (!host.endsWith(suffix)) return undefined;
  const name = host.slice(0, -suffix.length);
  return /^[a-z0-9_-]+$/.test(name) ? name : undefined;
}

/** A value-like example given in the help: "e.g. 23", "for example 108.24.145.246" (not "for example, if…"). */
function exampleInHelp(help: string | undefined): string | undefined {
  const match = help ? /\b(?:e\.g\.|for example)[,:]?\s+([^\s,;()]*[\d.:/][^\s,;()]*[^\s,;().])/i.exec(help) : null;
  return match && !isDocumentationFiller(match[1]!) ? match[1] : undefined;
}

/** The placeholder of a field's box: an example of a value (none for a secret, except that the emulator takes anything). */
export function examplePlaceholder(field: ConfigField, emulator = false): string {
  if (field.secret) return emulator ? 'Any value will do with the local emulator' : '';
  const site = siteNameOf(field);
  if (site) return `e.g. ${site.example}`;
  if (!isDocumentationFiller(field.placeholder) && !isPlaceholder(field.placeholder)) return `e.g. ${field.placeholder}`;
  const example = exampleInHelp(field.description);
  if (example) return `e.g. ${example}`;
  if (field.role === 'callbackUrl') return `e.g. ${CALLBACK_PLACEHOLDER}`;
  if (field.kind === 'url') return 'e.g. https://www.example.com';
  if (field.kind === 'number') return field.default !== undefined ? `e.g. ${field.default}` : 'A number';
  return '';
}

/** What the field is when the catalog has no help for it. */
function defaultHelp(field: ConfigField, element: ElementDefinition): string {
  return field.role === 'apiKey' || field.role === 'apiSecret' ? `The ${field.label} of your ${element.name} app.` : `The ${field.label}.`;
}

/** A prefill value fit for the field: a secret only as a keychain reference, never a placeholder. */
function prefillFor(field: ConfigField, given: unknown): string | undefined {
  if (typeof given !== 'string' || given.trim() === '') return undefined;
  if (keychainReference(given.trim()) !== undefined) return given.trim();
  if (field.secret || isPlaceholder(given)) return undefined;
  return given;
}

/** What the box says about leaving it empty: a documented default is filled in, never demanded. */
function emptyAnswerHelp(field: ConfigField, defaultValue: string | undefined): string | undefined {
  if (defaultValue !== undefined) return field.kind === 'boolean' ? `Optional (default ${defaultValue}).` : `Optional: leave empty for the default, ${defaultValue}.`;
  if (field.recommended) return 'Recommended, not required: leave empty to skip.';
  return field.required ? undefined : 'Optional: leave empty to skip.';
}

export function fieldPrompts(element: ElementDefinition, flow: FlowDefinition, options: PromptOptions = {}): FieldPrompt[] {
  return promptedFields(flow).map((field) => {
    const defaultValue = documentedDefault(field);
    const help = emptyAnswerHelp(field, defaultValue);
    const siteName = siteNameOf(field);
    return {
      key: field.key,
      label: field.label,
      kind: field.kind,
      prompt: [field.description ?? defaultHelp(field, element), ...(help ? [help] : [])].join(' '),
      placeHolder: examplePlaceholder(field, options.emulator),
      value: prefillFor(field, options.prefill?.[field.key]) ?? defaultValue,
      ...(defaultValue !== undefined && { defaultValue }),
      password: field.secret,
      optional: !isDemanded(field),
      offerStored: isAppSecret(field),
      ...(siteName && { siteName }),
    };
  });
}

export function withNotes(text: string, notes: readonly string[]): string {
  return [text, ...notes.map((note) => `Note: ${note}`)].join(' — ');
}

/** An answer as the wizard keeps it (`value` trimmed and normalised), or why it cannot be taken. */
export type AnswerCheck = { ok: true; value: string; info?: string } | { ok: false; message: string };

/**
 * The check of one typed value: what is kept (a site address reduced to the site's name), a
 * line saying so, or why it is refused. A `${keychain:NAME}` reference is taken as such.
 */
export function checkAnswer(prompt: Pick<FieldPrompt, 'label' | 'kind' | 'optional' | 'siteName'>, text: string): AnswerCheck {
  const value = text.trim();
  const refuse = (message: string): AnswerCheck => ({ ok: false, message });
  if (value === '') return prompt.optional ? { ok: true, value } : refuse(`${prompt.label} is required.`);
  if (keychainReference(value) !== undefined) return { ok: true, value, info: 'Taken from the keychain when the instance is created.' };
  if (isTemplatePlaceholder(value)) return refuse(`Replace the placeholder with your ${prompt.label}.`);
  if (prompt.siteName) {
    const { example, domain } = prompt.siteName;
    const name = siteNameFrom(value, prompt.siteName);
    if (name === undefined) return refuse(`Enter the site's name only: ${example} for ${example}.${domain}.`);
    return name === value ? { ok: true, value } : { ok: true, value: name, info: `Kept as ${name}, the site's name in ${name}.${domain}.` };
  }
  if (prompt.kind === 'url' && !isUrl(value)) return refuse(`${prompt.label} must be an absolute URL, e.g. https://www.example.com/auth.`);
  if (prompt.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return refuse(`${prompt.label} must be a number.`);
  if (prompt.kind === 'boolean' && value !== 'true' && value !== 'false') return refuse(`${prompt.label} must be true or false.`);
  return { ok: true, value };
}

/** The input box's check of one value; undefined when acceptable. */
export function validateField(prompt: Pick<FieldPrompt, 'label' | 'kind' | 'optional' | 'siteName'>, text: string): string | undefined {
  const check = checkAnswer(prompt, text);
  return check.ok ? undefined : check.message;
}

/** How the review shows an answer: a secret masked (its length too), a reference as written. */
export function displayAnswer(prompt: Pick<FieldPrompt, 'password'>, value: string, fromKeychain = false): string {
  if (value === '') return '(not set)';
  if (keychainReference(value) !== undefined) return value;
  if (fromKeychain) return '•••••••• (stored in the keychain)';
  return prompt.password ? '••••••••' : value;
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

/** The Tags box's example: the documentation's own tags when they are real ones. */
export function tagsPlaceholder(flow: FlowDefinition): string {
  const tags = (flow.template.tags ?? []).filter((tag) => !isDocumentationFiller(tag));
  return `e.g. ${tags.length > 0 ? tags.join(', ') : 'finance, sandbox'}`;
}

/** `a, b,,c ` → `['a', 'b', 'c']`, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}
