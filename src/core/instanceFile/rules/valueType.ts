/** Values of the wrong JSON type: the element reference, name, sections, tags, and every configuration value. */
import { OBJECT_VALUED_KEYS } from '../../events/keys';
import { replaceValue } from '../edits';
import type { Node, Property } from '../parse';
import { kindOf, range } from './context';
import type { LintContext } from './context';
import type { Report } from '../findings';
import { defineRule } from './rule';

export const valueType = defineRule({
  id: 'value-type',
  description: 'Values of the wrong JSON type, and configuration values that do not fit their field',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (!ctx.body) return;
    element(ctx, report);
    const name = ctx.property('name');
    if (name && name.value?.type !== 'string') report('"name" must be a string', at(name));
    const configuration = ctx.property('configuration');
    if (configuration && configuration.value?.type !== 'object') report('"configuration" must be an object of string values', at(configuration));
    tags(ctx, report, ctx.property('tags')?.value);
    const external = ctx.property('externalAuthentication')?.value;
    if (external && !(external.type === 'string' && (external.value === 'initial' || external.value === 'none'))) {
      report('"externalAuthentication" is "initial" (provision with tokens you hold) or "none"', range(external));
    }
    const providerData = ctx.property('providerData');
    // Only when the flow needs providerData: elsewhere Cloud Elements ignores it.
    if (providerData && providerData.value?.type !== 'object' && ctx.missing?.providerData.length) {
      report('"providerData" must be an object of string values', at(providerData));
    }
    configurationValues(ctx, report);
    for (const { key, value } of ctx.providerDataEntries) {
      if (value && value.type !== 'string') report(`providerData values are strings: "${key}" must be a string`, range(value), ctx.quoteFix(value));
    }
  },
});

const DIGITS = /^\d+$/;

/** The value, or the key when there is no value. */
const at = (property: Property) => range(property.value ?? property.key);

function element(ctx: LintContext, report: Report): void {
  const reference = ctx.elementReference;
  if (reference.kind === 'string') {
    const value = reference.keyNode;
    report('"element" is an object: {"key": "…"}', range(value), [
      { title: 'Wrap in {"key": …}', edits: [replaceValue(value, `{ "key": ${JSON.stringify(value.value)} }`)], safe: false, preferred: true },
    ]);
  } else if (reference.kind === 'not-an-object') {
    report('"element" must be an object: {"key": "…"}', at(reference.property));
  } else if (reference.kind === 'key-not-a-string') {
    report('"element.key" must be a string', range(reference.keyValue));
  }
}

function tags(ctx: LintContext, report: Report, value: Node | undefined): void {
  if (!value) return;
  if (value.type === 'string') {
    report('"tags" is an array of strings', range(value), [
      { title: 'Wrap in an array', edits: [replaceValue(value, `[${JSON.stringify(value.value)}]`)], safe: false, preferred: true },
    ]);
  } else if (value.type !== 'array') {
    report('"tags" must be an array of strings', range(value));
  } else {
    for (const item of value.children ?? []) if (item.type !== 'string') report('Each tag must be a string', range(item), ctx.quoteFix(item));
  }
}

function configurationValues(ctx: LintContext, report: Report): void {
  for (const entry of ctx.configurationEntries) {
    const { key, value, text } = entry;
    if (!value) continue;
    // A number or boolean is accepted as its text (the unquoted-value rule says so); its kind still counts.
    const scalar = ctx.scalarText(value);
    const written = text ?? scalar;
    if (written === undefined) {
      // The docs' requests write event.poller.configuration as an object (event-poller-configuration checks it).
      if (value.type === 'object' && OBJECT_VALUED_KEYS.has(key)) continue;
      report(`Configuration values are strings: "${key}" must be a string`, range(value));
      continue;
    }
    if (entry.placeholder || entry.keychainReference) continue;
    const kind = kindOf(entry);
    if (kind === 'url' && scalar !== undefined) {
      report(`"${key}" must be a URL string`, range(value));
    } else if (kind === 'boolean' && written !== 'true' && written !== 'false') {
      report(`"${key}" must be "true" or "false"`, range(value));
    } else if (kind === 'number' && !DIGITS.test(written.trim())) {
      report(`"${key}" must be a whole number written as a string, e.g. "3600"`, range(value));
    }
  }
}
