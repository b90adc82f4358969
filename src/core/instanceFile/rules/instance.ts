/**
 * The instance body against the catalog: required keys per element and flow, unknown
 * elements and keys, value types, placeholders, URLs and secrets written in plain text.
 */
import { closestMatches } from '../../catalog/suggest';
import type { ConfigField, ElementDefinition, FlowDefinition } from '../../catalog/types';
import type { Fix, TextEdit } from '../diagnostics';
import { insertProperties, renameKey, replaceValue } from '../edits';
import { properties, valueOf } from '../parse';
import type { Node, Property } from '../parse';
import { detectFlow, missingRequired } from '../requirements';
import { isPlaceholder, keychainReference, looksLikeRealSecret, looksLikeSecretKey } from '../values';
import type { RuleContext } from './context';

/** Properties `POST /instances` accepts at the top level. */
const TOP_LEVEL = [
  'element',
  'name',
  'configuration',
  'providerData',
  'tags',
  'externalAuthentication',
  'description',
  'disabled',
  'eventsEnabled',
  'traceLoggingEnabled',
  'cachingEnabled',
  'cacheTimeToLive',
  'maxCacheSize',
];

const range = (node: Node) => ({ offset: node.offset, length: node.length });

/** Longer names are not typos of a known one; and edit distance is quadratic in the length. */
const MAX_SUGGESTIBLE_LENGTH = 200;
const nearest = (name: string, candidates: readonly string[]): string | undefined =>
  name.length > MAX_SUGGESTIBLE_LENGTH ? undefined : closestMatches(name, candidates, 1)[0];
const quoted = (keys: string[]) => keys.map((key) => `"${key}"`).join(', ');

class InstanceChecker {
  private readonly text: string;
  /** The key of the property that names the element: "element", or the impostor standing in for it. */
  private elementProperty: Node | undefined;

  constructor(private readonly ctx: RuleContext) {
    this.text = ctx.parsed.normalized;
  }

  run(): void {
    const root = this.ctx.parsed.root;
    if (!root) return; // nothing parsed: the syntax rule has said why
    if (root.type !== 'object') {
      this.ctx.report('required-key', 'An instance file holds one JSON object: {"element": …, "name": …, "configuration": …}', range(root));
      return;
    }
    const top = properties(root);
    this.unknownTopLevel(top);
    const element = this.element(root, top);
    this.name(root, top);
    const configuration = this.configuration(root, top, element);
    this.tags(top.get('tags'));
    this.externalAuthentication(top.get('externalAuthentication'));
    if (!element) {
      this.genericValues(configuration);
      return;
    }
    const flow = detectFlow(element, valueOf(root) as Record<string, unknown>);
    this.requirements(root, top, element, flow);
    this.configurationValues(configuration, flow);
    this.providerDataValues(top.get('providerData')?.value, flow);
  }

  private unknownTopLevel(top: Map<string, Property>): void {
    for (const [name, { key }] of top) {
      if (TOP_LEVEL.includes(name)) continue;
      if (name !== 'element' && !top.has('element') && this.looksLikeElement(top.get(name)!.value)) continue; // reported by element()
      const suggestion = nearest(name, TOP_LEVEL);
      this.ctx.report(
        'unknown-key',
        `Unknown property "${name}"${suggestion ? `: did you mean "${suggestion}"?` : ': Cloud Elements ignores it'}`,
        range(key),
        suggestion ? [{ title: `Rename to "${suggestion}"`, edits: [renameKey(key, suggestion)], safe: false, preferred: true }] : [],
      );
    }
  }

  private looksLikeElement(node: Node | undefined): boolean {
    return typeof properties(node).get('key')?.value?.value === 'string';
  }

  private element(root: Node, top: Map<string, Property>): ElementDefinition | undefined {
    const property = top.get('element');
    if (!property) {
      // A vandalised or mistyped key holding {"key": …} (the docs' "your_mom": {"key": "xero"}).
      const impostor = [...top].find(([name, { value }]) => !TOP_LEVEL.includes(name) && this.looksLikeElement(value));
      if (impostor) {
        const [name, { key }] = impostor;
        this.elementProperty = key;
        this.ctx.report('required-key', `Missing "element": "${name}" holds the element key; the API only reads "element"`, range(key), [
          { title: `Rename "${name}" to "element"`, edits: [renameKey(key, 'element')], safe: false, preferred: true },
        ]);
        // Go on checking against the element it names, so the rest of the file still gets its diagnostics.
        const keyNode = properties(impostor[1].value).get('key')!.value!;
        return this.knownElement(String(keyNode.value), keyNode);
      } else {
        this.ctx.report('required-key', 'Missing "element": which element to instantiate, e.g. "element": {"key": "xero"}', { offset: root.offset, length: 1 }, [
          { title: 'Add "element"', edits: [this.insert(root, [['element', '{ "key": "<INSERT_ELEMENT_KEY>" }']])], safe: false },
        ]);
      }
      return undefined;
    }
    this.elementProperty = property.key;
    const value = property.value;
    if (value?.type === 'string') {
      this.ctx.report('value-type', '"element" is an object: {"key": "…"}', range(value), [
        { title: 'Wrap in {"key": …}', edits: [replaceValue(value, `{ "key": ${JSON.stringify(value.value)} }`)], safe: false, preferred: true },
      ]);
      return this.knownElement(String(value.value), value);
    }
    if (value?.type !== 'object') {
      this.ctx.report('value-type', '"element" must be an object: {"key": "…"}', value ? range(value) : range(property.key));
      return undefined;
    }
    const keyProperty = properties(value).get('key');
    if (!keyProperty && properties(value).has('id')) return undefined; // {"id": 123} is valid; nothing to check against
    if (!keyProperty?.value) {
      this.ctx.report('required-key', 'Missing "element.key": the element key, e.g. "xero"', range(property.key), [
        { title: 'Add "key"', edits: [this.insert(value, [['key', '"<INSERT_ELEMENT_KEY>"']])], safe: false },
      ]);
      return undefined;
    }
    if (keyProperty.value.type !== 'string') {
      this.ctx.report('value-type', '"element.key" must be a string', range(keyProperty.value));
      return undefined;
    }
    return this.knownElement(String(keyProperty.value.value), keyProperty.value);
  }

  private knownElement(key: string, node: Node): ElementDefinition | undefined {
    if (isPlaceholder(key)) {
      this.ctx.report('placeholder', `"element.key" is still the placeholder ${JSON.stringify(key)}: put the element key here, e.g. "xero"`, range(node));
      return undefined;
    }
    const element = this.ctx.catalog.get(key);
    if (element) return element;
    const suggestions = key.length > MAX_SUGGESTIBLE_LENGTH ? [] : this.ctx.catalog.suggest(key);
    this.ctx.report(
      'unknown-element',
      `Unknown element "${key}"${suggestions.length ? `: did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
      range(node),
      suggestions.map((suggestion, index) => ({
        title: `Change to "${suggestion}"`,
        edits: [replaceValue(node, JSON.stringify(suggestion))],
        safe: false,
        preferred: index === 0,
      })),
    );
    return undefined;
  }

  private name(root: Node, top: Map<string, Property>): void {
    const property = top.get('name');
    if (!property) {
      this.ctx.report('required-key', 'Missing "name": the new instance needs a name', { offset: root.offset, length: 1 }, [
        { title: 'Add "name"', edits: [this.insert(root, [['name', '"<INSERT_INSTANCE_NAME>"']])], safe: false },
      ]);
    } else if (property.value?.type !== 'string') {
      this.ctx.report('value-type', '"name" must be a string', range(property.value ?? property.key));
    } else if (isPlaceholder(String(property.value.value))) {
      this.ctx.report('placeholder', `"name" is still the placeholder ${JSON.stringify(property.value.value)}: give the instance a name`, range(property.value));
    }
  }

  private configuration(root: Node, top: Map<string, Property>, element: ElementDefinition | undefined): Node | undefined {
    const property = top.get('configuration');
    if (!property) {
      const flow = element?.flows[0];
      const entries = flow?.configuration.filter((field) => field.required).map((field): [string, string] => [field.key, JSON.stringify(field.placeholder)]) ?? [];
      const body = entries.length ? `{ ${entries.map(([key, json]) => `${JSON.stringify(key)}: ${json}`).join(', ')} }` : '{}';
      this.ctx.report('required-key', 'Missing "configuration": the element\'s settings (API key, secret, callback URL, …)', { offset: root.offset, length: 1 }, [
        { title: 'Add "configuration"', edits: [this.insert(root, [['configuration', body]])], safe: false },
      ]);
      return undefined;
    }
    if (property.value?.type !== 'object') {
      this.ctx.report('value-type', '"configuration" must be an object of string values', range(property.value ?? property.key));
      return undefined;
    }
    return property.value;
  }

  private tags(property: Property | undefined): void {
    const value = property?.value;
    if (!value) return;
    if (value.type === 'string') {
      this.ctx.report('value-type', '"tags" is an array of strings', range(value), [
        { title: 'Wrap in an array', edits: [replaceValue(value, `[${JSON.stringify(value.value)}]`)], safe: false, preferred: true },
      ]);
    } else if (value.type !== 'array') {
      this.ctx.report('value-type', '"tags" must be an array of strings', range(value));
    } else {
      for (const item of value.children ?? []) {
        if (item.type !== 'string') this.ctx.report('value-type', 'Each tag must be a string', range(item), this.quoteFix(item));
        else if (isPlaceholder(String(item.value))) this.ctx.report('placeholder', `Tag ${JSON.stringify(item.value)} is still a placeholder: set a tag or remove it`, range(item));
      }
    }
  }

  private externalAuthentication(property: Property | undefined): void {
    const value = property?.value;
    if (value && !(value.type === 'string' && (value.value === 'initial' || value.value === 'none'))) {
      this.ctx.report('value-type', '"externalAuthentication" is "initial" (provision with tokens you hold) or "none"', range(value));
    }
  }

  private requirements(root: Node, top: Map<string, Property>, element: ElementDefinition, flow: FlowDefinition): void {
    const missing = missingRequired(flow, valueOf(root) as Record<string, unknown>);
    const where = `${element.key} (${flow.label})`;
    this.missingEntries('configuration', top.get('configuration'), missing.configuration, flow.configuration, where);
    if (missing.providerData.length === 0) return;
    const providerData = top.get('providerData');
    if (providerData?.value?.type === 'object') {
      this.missingEntries('providerData', providerData, missing.providerData, flow.providerData, where);
      return;
    }
    if (providerData) {
      this.ctx.report('value-type', '"providerData" must be an object of string values', range(providerData.value ?? providerData.key));
      return;
    }
    const fields = flow.providerData.filter((field) => missing.providerData.includes(field.key));
    const body = `{ ${fields.map((field) => `${JSON.stringify(field.key)}: ${JSON.stringify(field.placeholder)}`).join(', ')} }`;
    this.ctx.report(
      'required-key',
      `Missing "providerData" for ${where}: the ${flow.label} flow returns ${quoted(missing.providerData)} after the user authorizes`,
      this.elementProperty ? range(this.elementProperty) : { offset: root.offset, length: 1 },
      [{ title: 'Add "providerData"', edits: [this.insert(root, [['providerData', body]])], safe: false, preferred: true }],
      { missing: missing.providerData },
    );
  }

  /** One diagnostic naming every missing required entry of a section, with a fix adding the absent ones. */
  private missingEntries(
    section: 'configuration' | 'providerData',
    property: Property | undefined,
    missing: string[],
    fields: ReadonlyArray<{ key: string; placeholder: string }>,
    where: string,
  ): void {
    if (missing.length === 0 || property?.value?.type !== 'object') return; // a non-object is reported where it is read
    const present = properties(property.value);
    const absent = fields.filter((field) => missing.includes(field.key) && !present.has(field.key));
    const fix: Fix = {
      title: `Add missing required key(s) to ${section}`,
      edits: [this.insert(property.value, absent.map((field) => [field.key, JSON.stringify(field.placeholder)]))],
      safe: false,
      preferred: true,
    };
    this.ctx.report('required-key', `Missing required ${section} for ${where}: ${quoted(missing)}`, range(property.key), absent.length ? [fix] : [], { missing });
  }

  private insert(object: Node, entries: Array<[key: string, json: string]>): TextEdit {
    return insertProperties(this.text, object, entries, !this.ctx.parsed.unclosed.has(object));
  }

  private quoteFix(node: Node): Fix[] {
    if (node.type !== 'boolean' && node.type !== 'number') return [];
    const json = JSON.stringify(this.text.slice(node.offset, node.offset + node.length));
    return [{ title: `Quote the value: ${json}`, edits: [replaceValue(node, json)], safe: false, preferred: true }];
  }

  /** Without a known element: types, URLs and secrets by key name alone. */
  private genericValues(configuration: Node | undefined): void {
    for (const [key, property] of properties(configuration)) this.configurationValue(key, property, undefined);
  }

  private configurationValues(configuration: Node | undefined, flow: FlowDefinition): void {
    const known = new Map(flow.configuration.map((field) => [field.key, field]));
    const present = properties(configuration);
    for (const [key, property] of present) {
      const field = known.get(key);
      if (!field) this.unknownEntry('configuration', key, property.key, flow.configuration.map((f) => f.key).filter((k) => !present.has(k)));
      this.configurationValue(key, property, field);
    }
  }

  private unknownEntry(section: string, key: string, node: Node, missingKeys: string[]): void {
    const suggestion = nearest(key, missingKeys);
    if (!suggestion) return; // elements accept more settings than the catalog lists; only flag likely typos
    this.ctx.report('unknown-key', `Unknown ${section} key "${key}": did you mean "${suggestion}"?`, range(node), [
      { title: `Rename to "${suggestion}"`, edits: [renameKey(node, suggestion)], safe: false, preferred: true },
    ]);
  }

  private configurationValue(key: string, property: Property, field: ConfigField | undefined): void {
    const value = property.value;
    if (!value || this.ctx.parsed.unterminated.has(value.offset)) return;
    if (value.type !== 'string') {
      this.ctx.report('value-type', `Configuration values are strings: "${key}" must be ${value.type === 'boolean' || value.type === 'number' ? `"${this.text.slice(value.offset, value.offset + value.length)}"` : 'a string'}`, range(value), this.quoteFix(value));
      return;
    }
    const text = String(value.value);
    if (isPlaceholder(text)) {
      this.ctx.report('placeholder', `"${key}" is still the placeholder ${JSON.stringify(text)}: replace it with your ${field?.label ?? 'value'}`, range(value), [], { path: ['configuration', key] });
      return;
    }
    if (keychainReference(text) !== undefined) return;
    const kind = field?.kind ?? (/(\.url|url)$/i.test(key) ? 'url' : 'string');
    if (kind === 'boolean' && text !== 'true' && text !== 'false') {
      this.ctx.report('value-type', `"${key}" must be "true" or "false"`, range(value));
    } else if (kind === 'number' && !/^\d+$/.test(text.trim())) {
      this.ctx.report('value-type', `"${key}" must be a whole number written as a string, e.g. "3600"`, range(value));
    } else if (kind === 'url') {
      this.url(key, text, value);
    }
    if ((field?.secret ?? looksLikeSecretKey(key)) && looksLikeRealSecret(text)) this.plainSecret(['configuration', key], key, value);
  }

  private providerDataValues(node: Node | undefined, flow: FlowDefinition): void {
    const known = new Map(flow.providerData.map((field) => [field.key, field]));
    const present = properties(node);
    for (const [key, property] of present) {
      const value = property.value;
      if (!known.has(key)) this.unknownEntry('providerData', key, property.key, flow.providerData.map((f) => f.key).filter((k) => !present.has(k)));
      if (!value || this.ctx.parsed.unterminated.has(value.offset)) continue;
      if (value.type !== 'string') {
        this.ctx.report('value-type', `providerData values are strings: "${key}" must be a string`, range(value), this.quoteFix(value));
      } else if (isPlaceholder(String(value.value))) {
        this.ctx.report('placeholder', `providerData "${key}" is still the placeholder ${JSON.stringify(value.value)}: it comes back from the provider after the user authorizes`, range(value), [], { path: ['providerData', key] });
      } else if (/secret|refresh_token/i.test(key) && looksLikeRealSecret(String(value.value))) {
        this.plainSecret(['providerData', key], key, value);
      }
    }
  }

  private plainSecret(path: string[], key: string, value: Node): void {
    this.ctx.report('plain-secret', `"${key}" holds a real secret in a workspace file: keep it in the keychain and reference it as \${keychain:…}`, range(value), [], { path });
  }

  private url(key: string, text: string, node: Node): void {
    if (isValidHttpUrl(text)) return;
    const repaired = repairUrl(text);
    this.ctx.report(
      'url',
      `"${key}" is not a valid URL${repaired ? `: did you mean "${repaired}"?` : ' (expected http:// or https://)'}`,
      range(node),
      repaired ? [{ title: `Change to "${repaired}"`, edits: [replaceValue(node, JSON.stringify(repaired))], safe: false, preferred: true }] : [],
    );
  }
}

function isValidHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The documentation's URL typos: `https;//`, `https//`, `https:/`, a missing scheme. */
function repairUrl(text: string): string | undefined {
  const trimmed = text.trim();
  const candidates = [
    trimmed.replace(/^(https?)[;.,]?\s*[:;]?\/{1,3}/i, (_, scheme: string) => `${scheme.toLowerCase()}://`),
    /^[\w-]+(\.[\w-]+)+(\/|$)/.test(trimmed) ? `https://${trimmed}` : '',
  ];
  return candidates.find((candidate) => candidate && candidate !== text && isValidHttpUrl(candidate));
}

export function checkInstance(ctx: RuleContext): void {
  new InstanceChecker(ctx).run();
}
