/**
 * The parse tree's types: jsonc-parser's nodes (same offsets, lengths and errors), a property
 * holding its key and value instead of `children`. Every field is readonly: a parse is made once
 * for one text and only read afterwards — by the rules, the fixers, the adapters — so what is
 * derived from it lives with whoever derived it (the lint context), never on a node.
 */

/** The numbers are jsonc-parser's `ParseErrorCode`. */
export const ParseErrorCode = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;
export type ParseErrorCode = (typeof ParseErrorCode)[keyof typeof ParseErrorCode];

export interface ParseError {
  readonly error: ParseErrorCode;
  readonly offset: number;
  readonly length: number;
}

export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

interface Span {
  readonly offset: number;
  readonly length: number;
}

/** An object: its properties in text order (repeated names included). */
export interface ObjectNode extends Span {
  readonly type: 'object';
  readonly children: readonly PropertyNode[];
  readonly value?: undefined;
}

export interface ArrayNode extends Span {
  readonly type: 'array';
  readonly children: readonly ValueNode[];
  readonly value?: undefined;
}

/** A property: its key and, when there is one, its value (jsonc-parser's `children: [key, value]`). */
export interface PropertyNode extends Span {
  readonly type: 'property';
  readonly key: StringNode;
  readonly value: ValueNode | undefined;
  readonly children?: undefined;
}

export interface StringNode extends Span {
  readonly type: 'string';
  readonly value: string;
  readonly children?: undefined;
}

export interface ScalarNode extends Span {
  readonly type: 'number' | 'boolean' | 'null';
  readonly value: number | boolean | null;
  readonly children?: undefined;
}

export type ValueNode = ObjectNode | ArrayNode | StringNode | ScalarNode;

/** A node of the tree: jsonc-parser's `Node` without `parent`, a property holding its key and value. */
export type Node = ValueNode | PropertyNode;

/** A property of an object, as each object's map of properties by name holds it. */
export type Property = PropertyNode;

/** A key that its object already has: the last one wins, as in JSON.parse. */
export interface DuplicateKey {
  readonly key: StringNode;
  readonly first: StringNode;
}
