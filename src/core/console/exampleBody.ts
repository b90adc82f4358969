/**
 * An example JSON value for a Swagger 2.0 schema, to prefill a request body: the schema's own
 * `example`/`default`/first `enum` value where it has one, else an empty value of its type — but
 * never an empty required field: a required string gets example text ("Example name",
 * name@example.com for an email), a required number its `minimum`.
 * References (`#/definitions/Name`) are followed through `definitions`; a reference back into
 * a definition already being expanded, a nesting deeper than `maxDepth` and anything past
 * `maxNodes` values are left out, so no document can make it loop or grow without bound.
 */
import { decodePointerToken } from './operations';
import { asRecord, own, ownString, type JsonRecord } from './json';

export interface ExampleOptions {
  /** Nesting levels of objects and arrays. Default 6. */
  maxDepth?: number;
  /** Values produced in all. Default 400. */
  maxNodes?: number;
  /** Leave out read-only properties (`readOnly`, `x-readonly`, `x-readOnly`): what a request body should not send. Default true. */
  omitReadOnly?: boolean;
}

const DEFINITION_PREFIX = '#/definitions/';
/** Examples written into a document larger than this are not copied; an empty value of the type is used. */
const MAX_EXAMPLE_CHARS = 2000;

const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-01-31T09:30:00Z',
  date: '2024-01-31',
  email: 'name@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
};

interface Walk {
  definitions: ReadonlyMap<string, unknown>;
  maxDepth: number;
  omitReadOnly: boolean;
  nodes: number;
  maxNodes: number;
}

/** The example, or undefined when the schema gives nothing to build one from. */
export function exampleFromSchema(schema: unknown, definitions: ReadonlyMap<string, unknown> = new Map(), options: ExampleOptions = {}): unknown {
  const walk: Walk = {
    definitions,
    maxDepth: options.maxDepth ?? 6,
    omitReadOnly: options.omitReadOnly ?? true,
    nodes: 0,
    maxNodes: options.maxNodes ?? 400,
  };
  return example(schema, walk, 0, []);
}

/** The definition a `#/definitions/Name` reference names, if `definitions` has it. */
export function definitionName(ref: string): string | undefined {
  return ref.startsWith(DEFINITION_PREFIX) ? decodePointerToken(ref.slice(DEFINITION_PREFIX.length)) : undefined;
}

function example(value: unknown, walk: Walk, depth: number, expanding: readonly string[]): unknown {
  const schema = asRecord(value);
  if (!schema || walk.nodes >= walk.maxNodes) return undefined;

  const ref = ownString(schema, '$ref');
  if (ref !== undefined) {
    const name = definitionName(ref);
    if (name === undefined || expanding.includes(name)) return undefined;
    return example(walk.definitions.get(name), walk, depth, [...expanding, name]);
  }

  const given = documented(schema);
  if (given !== undefined) {
    walk.nodes++;
    return given;
  }

  const allOf = own(schema, 'allOf');
  if (Array.isArray(allOf)) return mergeAll(allOf, walk, depth, expanding);

  const type = typeOf(schema);
  if (type === 'object') return objectExample(schema, walk, depth, expanding);
  if (type === 'array') {
    if (depth >= walk.maxDepth) return undefined;
    walk.nodes++;
    const item = example(own(schema, 'items'), walk, depth + 1, expanding);
    return item === undefined ? [] : [item];
  }
  walk.nodes++;
  switch (type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return FORMAT_EXAMPLES[ownString(schema, 'format') ?? ''] ?? '';
    default:
      walk.nodes--;
      return undefined;
  }
}

function objectExample(schema: JsonRecord, walk: Walk, depth: number, expanding: readonly string[]): JsonRecord | undefined {
  if (depth >= walk.maxDepth) return undefined;
  walk.nodes++;
  const required = own(schema, 'required');
  const isRequired = (name: string) => Array.isArray(required) && required.includes(name);
  // Object.fromEntries defines own properties: a property named __proto__ stays a plain property.
  const entries: Array<[string, unknown]> = [];
  for (const [name, property] of Object.entries(asRecord(own(schema, 'properties')) ?? {})) {
    if (walk.nodes >= walk.maxNodes) break;
    if (walk.omitReadOnly && isReadOnly(property, walk.definitions)) continue;
    const value = example(property, walk, depth + 1, expanding);
    // A required field is never sent empty: the first Send of the document would be refused for it.
    if (value !== undefined) entries.push([name, isRequired(name) ? filledIn(name, value, resolved(property, walk.definitions)) : value]);
  }
  return Object.fromEntries(entries);
}

/** A property's schema, its `$ref` followed once. */
function resolved(property: unknown, definitions: ReadonlyMap<string, unknown>): JsonRecord | undefined {
  const record = asRecord(property);
  const ref = ownString(record, '$ref');
  const name = ref === undefined ? undefined : definitionName(ref);
  return name === undefined ? record : asRecord(definitions.get(name));
}

/** `firstName` → `first name`, `postal_code` → `postal code`. */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Example text for a required string by what its name says, else "Example <name>". */
function exampleText(name: string): string {
  const said = words(name);
  if (/e-?mail/.test(said)) return 'name@example.com';
  if (/phone|mobile|fax/.test(said)) return '+1 555 0100';
  if (/\b(url|uri|website|link|homepage)\b/.test(said)) return 'https://example.com';
  if (/currency/.test(said)) return 'USD';
  if (/country/.test(said)) return 'US';
  if (/\bdate\b/.test(said)) return '2024-01-31';
  if (/zip|postal/.test(said)) return '10001';
  return `Example ${said || 'value'}`;
}

/** A required field's example with a value: an empty string gets example text (within `maxLength`), a number its `minimum`. */
function filledIn(name: string, value: unknown, schema: JsonRecord | undefined): unknown {
  if (value === '') {
    const text = exampleText(name);
    const max = own(schema, 'maxLength');
    return typeof max === 'number' && max >= 1 && text.length > max ? text.slice(0, max) : text;
  }
  if (value === 0) {
    const minimum = own(schema, 'minimum');
    return typeof minimum === 'number' && Number.isFinite(minimum) && minimum > 0 ? minimum : value;
  }
  return value;
}

function mergeAll(parts: unknown[], walk: Walk, depth: number, expanding: readonly string[]): unknown {
  const entries: Array<[string, unknown]> = [];
  let other: unknown;
  for (const part of parts) {
    const value = example(part, walk, depth, expanding);
    const record = asRecord(value);
    if (record) entries.push(...Object.entries(record));
    else if (value !== undefined && other === undefined) other = value;
  }
  return entries.length > 0 ? Object.fromEntries(entries) : other;
}

function isReadOnly(property: unknown, definitions: ReadonlyMap<string, unknown>): boolean {
  const record = asRecord(property);
  const flagged = (r: JsonRecord | undefined) => own(r, 'readOnly') === true || own(r, 'x-readonly') === true || own(r, 'x-readOnly') === true;
  if (flagged(record)) return true;
  const ref = ownString(record, '$ref');
  const name = ref === undefined ? undefined : definitionName(ref);
  return name !== undefined && flagged(asRecord(definitions.get(name)));
}

function typeOf(schema: JsonRecord): string | undefined {
  const type = own(schema, 'type');
  const named = Array.isArray(type) ? type.find((t) => typeof t === 'string' && t !== 'null') : type;
  if (typeof named === 'string') return named;
  if (asRecord(own(schema, 'properties'))) return 'object';
  if (own(schema, 'items') !== undefined) return 'array';
  return undefined;
}

/** The schema's `example`, `x-example`, `default` or first `enum` value, when small enough to copy. */
function documented(schema: JsonRecord): unknown {
  for (const key of ['example', 'x-example', 'default']) {
    const value = own(schema, key);
    if (value !== undefined && small(value)) return structuredClone(value);
  }
  const values = own(schema, 'enum');
  if (Array.isArray(values) && values.length > 0 && small(values[0])) return structuredClone(values[0]);
  return undefined;
}

function small(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  try {
    return JSON.stringify(value).length <= MAX_EXAMPLE_CHARS;
  } catch {
    return false;
  }
}
