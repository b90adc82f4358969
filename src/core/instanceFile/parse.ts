/** Tolerant parsing of an instance file: its tree with offsets, its tokens, and its curly-quote delimiters. */
import { ParseErrorCode } from './jsonNodes';
import type { DuplicateKey, ParseError, Property, ValueNode } from './jsonNodes';
import { parseJsonTree, type JsonTree } from './jsonTree';
import type { PropertyLookup } from './propertyIndex';
import { readQuotes } from './quoteReadings';
import { findDelimiterQuotes, hasSmartQuote, straighten } from './smartQuotes';
import type { SmartQuote } from './smartQuotes';
import type { Tokens } from './tokenList';

export type { DuplicateKey, Node, ObjectNode, ParseError, Property, StringNode, ValueNode } from './jsonNodes';
export type { Properties } from './propertyIndex';
export type { Token, Tokens } from './tokenList';

/**
 * One text's parse, read-only: made once for the text, never patched or written to afterwards. What
 * a reader derives from it lives with the reader (the lint context), never on a node.
 */
export interface ParsedInstance {
  readonly text: string;
  /** `text` with delimiter smart quotes made straight (and a BOM blanked); the tree and tokens are of this text. */
  readonly normalized: string;
  readonly smartQuotes: readonly SmartQuote[];
  /**
   * Whether `smartQuotes` are the delimiters a person reading the text would see, as the only
   * reading of its curly quotes that is JSON and takes the most of them as quotes (quoteReadings.ts).
   * When false they are a guess, so the tree may merge or split keys: no fix built on it is safe.
   */
  readonly smartQuotesCertain: boolean;
  readonly root: ValueNode | undefined;
  /** Each object's properties by name, as `properties(node)` would list them. */
  readonly objectProperties: PropertyLookup;
  readonly errors: readonly ParseError[];
  /** Significant tokens (no whitespace or line breaks; comments included). */
  readonly tokens: Tokens;
  /** Keys repeated in their object, in text order. */
  readonly duplicates: readonly DuplicateKey[];
  /** Start offsets of strings that run to the end of their line: their values are not what the user meant. */
  readonly unterminated: ReadonlySet<number>;
  /** Objects and arrays without their closing brace or bracket. */
  readonly unclosed: ReadonlySet<ValueNode>;
}

/**
 * Curly quotes are looked for as delimiters only when the text does not parse as it is: in a
 * file that parses, every curly quote is inside a string, and straightening it would change a value.
 * They are the one reading a person would see when there is one, else the line-by-line guess of
 * `findDelimiterQuotes`, which gives the diagnostics their places but no safe fix.
 */
export function parseInstance(text: string): ParsedInstance {
  const blanked = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parseJsonTree(blanked);
  if (tree.errors.length === 0 || !hasSmartQuote(blanked)) return parsed(text, blanked, [], true, tree);
  const reading = readQuotes(blanked);
  const quotes = reading.kind === 'one' ? reading.quotes : findDelimiterQuotes(blanked);
  if (quotes.length === 0) return parsed(text, blanked, quotes, reading.kind === 'one', tree);
  const normalized = straighten(blanked, quotes);
  return parsed(text, normalized, quotes, reading.kind === 'one', parseJsonTree(normalized));
}

function parsed(text: string, normalized: string, smartQuotes: SmartQuote[], smartQuotesCertain: boolean, tree: JsonTree): ParsedInstance {
  const unterminated = unterminatedStrings(tree.errors);
  return {
    text,
    normalized,
    smartQuotes,
    smartQuotesCertain,
    root: tree.root,
    objectProperties: tree.properties,
    errors: tree.errors,
    tokens: tree.tokens,
    duplicates: tree.duplicates,
    unterminated,
    unclosed: tree.unclosed,
  };
}

/** `ParsedInstance.unterminated` from the parse errors. */
function unterminatedStrings(errors: readonly ParseError[]): Set<number> {
  return new Set(errors.filter((error) => error.error === ParseErrorCode.UnexpectedEndOfString).map((error) => error.offset));
}

/** An object node's properties by name; for duplicate names the last one wins, as in JSON.parse. */
export function properties(node: ValueNode | undefined): Map<string, Property> {
  const result = new Map<string, Property>();
  if (node?.type !== 'object') return result;
  for (const property of node.children) result.set(property.key.value, property);
  return result;
}

/**
 * A node's value one level deep: an object's or array's entries as scalars, with nested objects
 * and arrays as empty ones (enough to tell a value present, as the requirement checks need).
 * Given an object's `properties` and the `only` names wanted, the record holds just those.
 */
export function shallowValue(node: ValueNode | undefined, known?: { get(name: string): Property | undefined }, only?: ReadonlySet<string>): unknown {
  const scalar = (item: ValueNode): unknown => (item.type === 'object' ? Object.create(null) : item.type === 'array' ? [] : item.value);
  if (!node) return undefined;
  if (node.type === 'array') return node.children.map(scalar);
  if (node.type !== 'object') return scalar(node);
  const record: Record<string, unknown> = Object.create(null);
  if (known && only) {
    for (const name of only) {
      const value = known.get(name)?.value;
      if (value) record[name] = scalar(value);
    }
    return record;
  }
  for (const { key, value } of node.children) if (value) record[key.value] = scalar(value);
  return record;
}
