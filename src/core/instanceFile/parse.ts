/** Tolerant parsing of an instance file: a jsonc-parser tree with offsets, plus its tokens. */
import { createScanner, getNodeValue, ParseErrorCode, parseTree, SyntaxKind } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { scanSmartQuotes } from './smartQuotes';
import type { SmartQuote } from './smartQuotes';

export interface Token {
  kind: SyntaxKind;
  offset: number;
  length: number;
}

export interface ParsedInstance {
  text: string;
  /** `text` with delimiter smart quotes made straight; the tree and tokens are of this text. */
  normalized: string;
  smartQuotes: SmartQuote[];
  root: Node | undefined;
  errors: ParseError[];
  /** Significant tokens (no whitespace or line breaks; comments included). */
  tokens: Token[];
  /** Start offsets of strings that run to the end of their line: their values are not what the user meant. */
  unterminated: Set<number>;
}

export function parseInstance(text: string): ParsedInstance {
  const { quotes, normalized } = scanSmartQuotes(text);
  const errors: ParseError[] = [];
  const root = parseTree(normalized, errors, { disallowComments: true, allowTrailingComma: false });
  const tokens: Token[] = [];
  const scanner = createScanner(normalized, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    tokens.push({ kind, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
  }
  const unterminated = new Set(
    errors.filter((error) => error.error === ParseErrorCode.UnexpectedEndOfString).map((error) => error.offset),
  );
  return { text, normalized, smartQuotes: quotes, root, errors, tokens, unterminated };
}

export interface Property {
  key: Node;
  value: Node | undefined;
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

export function valueOf(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

/** Index of the last token that ends at or before `offset`. */
export function tokenBefore(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const token = tokens[mid]!;
    if (token.offset + token.length <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
