/** Tolerant parsing of an instance file: its tree with offsets, its tokens, and its curly-quote delimiters. */
import { ParseErrorCode, parseJsonTree } from './jsonTree';
import type { DuplicateKey, Node, ParseError, Property, TokenList } from './jsonTree';
import { findDelimiterQuotes, hasSmartQuote, straighten } from './smartQuotes';
import type { SmartQuote } from './smartQuotes';

export type { DuplicateKey, Node, ParseError, Property, Token, TokenList } from './jsonTree';

export interface ParsedInstance {
  text: string;
  /** `text` with delimiter smart quotes made straight (and a BOM blanked); the tree and tokens are of this text. */
  normalized: string;
  smartQuotes: SmartQuote[];
  root: Node | undefined;
  /** Each object's properties by name, as `properties(node)` would list them. */
  objectProperties: WeakMap<Node, Map<string, Property>>;
  errors: ParseError[];
  /** Significant tokens (no whitespace or line breaks; comments included). */
  tokens: TokenList;
  /** Keys repeated in their object, in text order. */
  duplicates: DuplicateKey[];
  /** Start offsets of strings that run to the end of their line: their values are not what the user meant. */
  unterminated: Set<number>;
  /** Objects and arrays without their closing brace or bracket. */
  unclosed: Set<Node>;
}

/**
 * Curly quotes are looked for as delimiters only when the text does not parse as it is: in a
 * file that parses, every curly quote is inside a string, and straightening it would change a value.
 */
export function parseInstance(text: string): ParsedInstance {
  const blanked = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parseJsonTree(blanked);
  const quotes = tree.errors.length > 0 && hasSmartQuote(blanked) ? findDelimiterQuotes(blanked) : [];
  if (quotes.length === 0) return parsed(text, blanked, quotes, tree);
  const normalized = straighten(blanked, quotes);
  return parsed(text, normalized, quotes, parseJsonTree(normalized));
}

function parsed(text: string, normalized: string, smartQuotes: SmartQuote[], tree: ReturnType<typeof parseJsonTree>): ParsedInstance {
  const unterminated = new Set(
    tree.errors.filter((error) => error.error === ParseErrorCode.UnexpectedEndOfString).map((error) => error.offset),
  );
  return { text, normalized, smartQuotes, root: tree.root, objectProperties: tree.properties, errors: tree.errors, tokens: tree.tokens, duplicates: tree.duplicates, unterminated, unclosed: tree.unclosed };
}

/** An object node's properties by name; for duplicate names the last one wins, as in JSON.parse. */
export function properties(node: Node | undefined): Map<string, Property> {
  const result = new Map<string, Property>();
  if (node?.type !== 'object') return result;
  for (const child of node.children ?? []) {
    const [key, value] = child.children ?? [];
    if (key?.type === 'string') result.set(String(key.value), { key, value });
  }
  return result;
}

/**
 * A node's value one level deep: an object's or array's entries as scalars, with nested objects
 * and arrays as empty ones (enough to tell a value present, as the requirement checks need).
 * Given an object's `properties` and the `only` names wanted, the record holds just those.
 */
export function shallowValue(node: Node | undefined, known?: ReadonlyMap<string, Property>, only?: ReadonlySet<string>): unknown {
  const scalar = (item: Node): unknown => (item.type === 'object' ? Object.create(null) : item.type === 'array' ? [] : item.value);
  if (!node) return undefined;
  if (node.type === 'array') return (node.children ?? []).map(scalar);
  if (node.type !== 'object') return scalar(node);
  const record: Record<string, unknown> = Object.create(null);
  if (known && only) {
    for (const name of only) {
      const value = known.get(name)?.value;
      if (value) record[name] = scalar(value);
    }
    return record;
  }
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) record[String(key.value)] = scalar(value);
  }
  return record;
}
