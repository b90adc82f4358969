/**
 * What the lint rules read: the parsed file and the facts derived from it (the element it
 * names, the flow it is written for, the entries that flow lacks, its configuration values),
 * each computed once, on first use, however many rules read it.
 */
import type { Catalog } from '../../catalog';
import type { ConfigField, ElementDefinition, FlowDefinition, ValueKind } from '../../catalog/types';
import type { Fix, TextEdit } from '../findings';
import { insertProperties, replaceValue } from '../edits';
import { eventPolling } from '../eventConfiguration';
import type { EventPolling } from '../eventConfiguration';
import { shallowValue } from '../parse';
import type { Node, ObjectNode, ParsedInstance, Properties, Property, StringNode, ValueNode } from '../parse';
import { detectFlow, missingRequired } from '../requirements';
import type { InstanceLike, MissingEntries } from '../requirements';
import { isPlaceholder, keychainReference, looksLikeSecretKey } from '../values';
import { LineIndex } from '../text';

/** Properties `POST /instances` accepts at the top level. */
export const TOP_LEVEL = [
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

/** What a missing or non-object value has: no properties. */
const NO_OBJECT: ObjectNode = { type: 'object', offset: 0, length: 0, children: [] };

export const range = (node: Node) => ({ offset: node.offset, length: node.length });

/** How the file names its element. */
export type ElementReference =
  | { kind: 'absent' }
  /** A vandalised or mistyped key holding {"key": …} (the docs' "your_mom": {"key": "xero"}). */
  | { kind: 'impostor'; name: string; property: Property; keyNode: ValueNode }
  /** `"element": "xero"` */
  | { kind: 'string'; property: Property; keyNode: StringNode }
  | { kind: 'not-an-object'; property: Property }
  /** `"element": {"id": 123}`: valid, and nothing to check against. */
  | { kind: 'by-id'; property: Property }
  | { kind: 'no-key'; property: Property; object: ObjectNode }
  | { kind: 'key-not-a-string'; property: Property; keyValue: ValueNode }
  | { kind: 'key'; property: Property; keyNode: StringNode };

/** One entry of `configuration` or `providerData`, with what the catalog says about it. */
export interface ValueEntry {
  key: string;
  property: Property;
  /** The value to check: absent when missing or unterminated (a syntax error already says why). */
  value: ValueNode | undefined;
  /** The string value, when it is one. */
  text: string | undefined;
  /** Configuration only: the catalog's field for this key in the flow, when there is one. */
  field: ConfigField | undefined;
  placeholder: boolean;
  keychainReference: boolean;
}

export class LintContext {
  private lines: LineIndex | undefined;
  private cache = new Map<string, unknown>();

  constructor(
    readonly parsed: ParsedInstance,
    readonly catalog: Catalog,
  ) {}

  /** The text the tree's offsets refer to (curly delimiters straightened). */
  get text(): string {
    return this.parsed.normalized;
  }

  /** The root object; undefined when the file holds no object (the syntax or required-key rule says why). */
  get body(): ObjectNode | undefined {
    return this.parsed.root?.type === 'object' ? this.parsed.root : undefined;
  }

  /** 1-based line of an offset, for messages that point elsewhere ("first defined on line 3"). */
  lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.parsed.text);
    return this.lines.position(offset).line;
  }

  private once<T>(name: string, compute: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, compute());
    return this.cache.get(name) as T;
  }

  /** An object's properties by name (the last of a repeated name wins), as the parser recorded them. */
  propertiesOf(node: Node | undefined): Properties {
    return this.parsed.objectProperties.of(node?.type === 'object' ? node : NO_OBJECT);
  }

  get top(): Properties {
    return this.propertiesOf(this.body);
  }

  /** A top-level property by name, when the body has it. */
  property(name: string): Property | undefined {
    return this.top.get(name);
  }

  get elementReference(): ElementReference {
    return this.once('elementReference', () => referenceOf(this));
  }

  /** The element key the file names (even through an impostor or a bare string), and where. */
  get elementKey(): { key: string; node: Node } | undefined {
    const reference = this.elementReference;
    if (reference.kind === 'impostor' || reference.kind === 'string' || reference.kind === 'key') {
      return { key: String(reference.keyNode.value), node: reference.keyNode };
    }
    return undefined;
  }

  /** The key of the property that names the element: "element", or the impostor standing in for it. */
  get elementAnchor(): Node | undefined {
    const reference = this.elementReference;
    return reference.kind === 'absent' ? undefined : reference.property.key;
  }

  /** The catalog's element, when the key is neither a placeholder nor unknown. */
  get element(): ElementDefinition | undefined {
    return this.once('element', () => {
      const named = this.elementKey;
      return named && !isPlaceholder(named.key) ? this.catalog.get(named.key) : undefined;
    });
  }

  /**
   * The sections the requirement checks read, one level deep (deeper values only count as
   * present); of configuration only the keys the element's flows name, however large it is.
   */
  private get instance(): InstanceLike {
    return this.once('instance', () => {
      const configuration = this.property('configuration')?.value;
      const named = this.element ? configurationKeys(this.element) : NO_KEYS;
      return {
        providerData: shallowValue(this.property('providerData')?.value),
        configuration: shallowValue(configuration, configuration?.type === 'object' ? this.propertiesOf(configuration) : undefined, named),
        externalAuthentication: shallowValue(this.property('externalAuthentication')?.value),
      };
    });
  }

  get flow(): FlowDefinition | undefined {
    return this.once('flow', () => (this.element ? detectFlow(this.element, this.instance) : undefined));
  }

  /** The required entries the flow lacks. */
  get missing(): MissingEntries | undefined {
    return this.once('missing', () => (this.flow ? missingRequired(this.flow, this.instance) : undefined));
  }

  /** The configuration object, when "configuration" is one. */
  get configuration(): ObjectNode | undefined {
    const value = this.property('configuration')?.value;
    return value?.type === 'object' ? value : undefined;
  }

  /** Configuration entries, with the flow's field for each when the element is known. */
  get configurationEntries(): ValueEntry[] {
    return this.once('configurationEntries', () => {
      const flow = this.flow;
      return this.entries(this.configuration, flow && new Map(flow.configuration.map((field) => [field.key, field])));
    });
  }

  /** providerData entries, read only for a known element (without one there is no flow to read them for). */
  get providerDataEntries(): ValueEntry[] {
    return this.once('providerDataEntries', () => (this.flow ? this.entries(this.property('providerData')?.value, undefined) : []));
  }

  /** An object's entries, a repeated name once (where it first appears, with its last value). */
  private entries(object: ValueNode | undefined, fields: ReadonlyMap<string, ConfigField> | undefined): ValueEntry[] {
    if (object?.type !== 'object') return [];
    const properties = this.propertiesOf(object).unique();
    const unterminated = this.parsed.unterminated.size > 0 ? this.parsed.unterminated : undefined;
    const entries: ValueEntry[] = new Array(properties.length);
    for (let i = 0; i < properties.length; i++) {
      const property = properties[i]!;
      const key = property.key.value;
      const node = property.value;
      const value = node && !unterminated?.has(node.offset) ? node : undefined;
      const text = value?.type === 'string' ? value.value : undefined;
      const placeholder = text !== undefined && isPlaceholder(text);
      const reference = text !== undefined && !placeholder && keychainReference(text) !== undefined;
      entries[i] = { key, property, value, text, field: fields?.get(key), placeholder, keychainReference: reference };
    }
    return entries;
  }

  /** `event.poller.configuration` and `event.poller.urls`, decoded and checked once for the event rules. */
  get eventPolling(): EventPolling {
    return this.once('eventPolling', () => {
      const value = (key: string) => this.propertiesOf(this.configuration).get(key)?.value;
      return eventPolling(value('event.poller.configuration'), value('event.poller.urls'), this.parsed);
    });
  }

  /** Adds properties to an object of this file, in its indentation. */
  insert(object: ObjectNode, entries: Array<[key: string, json: string]>): TextEdit {
    return insertProperties(this.text, object, entries, !this.parsed.unclosed.has(object));
  }

  /** A boolean or number as the file writes it (`true`, `3600`); undefined for any other value. */
  scalarText(node: Node): string | undefined {
    return node.type === 'boolean' || node.type === 'number' ? this.text.slice(node.offset, node.offset + node.length) : undefined;
  }

  /** Quotes a boolean or number: `true` → `"true"`. */
  quoteFix(node: Node): Fix[] {
    const scalar = this.scalarText(node);
    if (scalar === undefined) return [];
    const json = JSON.stringify(scalar);
    return [{ title: `Quote the value: ${json}`, edits: [replaceValue(node, json)], safe: false, preferred: true }];
  }
}

const NO_KEYS: ReadonlySet<string> = new Set();
const keysByElement = new WeakMap<ElementDefinition, ReadonlySet<string>>();

/** The configuration keys any of an element's flows names (the catalog's elements do not change). */
function configurationKeys(element: ElementDefinition): ReadonlySet<string> {
  let keys = keysByElement.get(element);
  if (!keys) keysByElement.set(element, (keys = new Set(element.flows.flatMap((flow) => flow.configuration.map((field) => field.key)))));
  return keys;
}

/** What a configuration value holds: the catalog's kind, else a URL when its key says so. */
export function kindOf(entry: ValueEntry): ValueKind {
  return entry.field?.kind ?? (endsWithUrl(entry.key) ? 'url' : 'string');
}

/** Whether a key ends in "url", in any case (no other character lower-cases to u, r or l). */
function endsWithUrl(key: string): boolean {
  const end = key.length;
  return end >= 3 && (key.charCodeAt(end - 3) | 0x20) === 0x75 && (key.charCodeAt(end - 2) | 0x20) === 0x72 && (key.charCodeAt(end - 1) | 0x20) === 0x6c;
}

/** Whether a configuration value is a credential: the catalog says so, else its key's name does. */
export function isSecretEntry(entry: ValueEntry): boolean {
  return entry.field?.secret ?? looksLikeSecretKey(entry.key);
}

function looksLikeElement(ctx: LintContext, node: Node | undefined): boolean {
  return typeof ctx.propertiesOf(node).get('key')?.value?.value === 'string';
}

function referenceOf(ctx: LintContext): ElementReference {
  const top = ctx.top;
  const property = top.get('element');
  if (!property) {
    const impostor = [...top].find(([name, { value }]) => !TOP_LEVEL.includes(name) && looksLikeElement(ctx, value));
    if (!impostor) return { kind: 'absent' };
    const [name, found] = impostor;
    return { kind: 'impostor', name, property: found, keyNode: ctx.propertiesOf(found.value).get('key')!.value! };
  }
  const value = property.value;
  if (value?.type === 'string') return { kind: 'string', property, keyNode: value };
  if (value?.type !== 'object') return { kind: 'not-an-object', property };
  const keyProperty = ctx.propertiesOf(value).get('key');
  if (!keyProperty && ctx.propertiesOf(value).has('id')) return { kind: 'by-id', property };
  if (!keyProperty?.value) return { kind: 'no-key', property, object: value };
  if (keyProperty.value.type !== 'string') return { kind: 'key-not-a-string', property, keyValue: keyProperty.value };
  return { kind: 'key', property, keyNode: keyProperty.value };
}

/** Whether a top-level name could be mistaken for the element (and is then reported as such, not as unknown). */
export function holdsElement(ctx: LintContext, name: string): boolean {
  return name !== 'element' && !ctx.top.has('element') && looksLikeElement(ctx, ctx.top.get(name)?.value);
}
