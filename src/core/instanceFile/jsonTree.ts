/**
 * A tolerant JSON parser that builds jsonc-parser's tree (same nodes, offsets, lengths and errors,
 * with comments and trailing commas reported as errors; no `colonOffset`, which nothing reads)
 * without recursion, so no nesting depth can overflow the stack. On the same pass it records every
 * significant token, each object's properties by name, and repeated keys.
 */
import { ScanError, Scanner, SyntaxKind } from './scanner';

export { SyntaxKind } from './scanner';

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
  error: ParseErrorCode;
  offset: number;
  length: number;
}

export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

/** A node of the tree, as jsonc-parser's `Node` (without `parent`). */
export interface Node {
  type: NodeType;
  offset: number;
  length: number;
  /** Objects: properties; properties: the key and, when there is one, the value; arrays: items. */
  children?: Node[];
  value?: string | number | boolean | null;
}

export interface Token {
  kind: SyntaxKind;
  offset: number;
  length: number;
}

/** Tokens in text order, packed in typed arrays: a megabyte of JSON has a hundred thousand of them. */
export class TokenList {
  private kinds = new Uint8Array(256);
  private offsets = new Int32Array(256);
  private lengths = new Int32Array(256);
  length = 0;

  push(kind: SyntaxKind, offset: number, length: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = kind;
    this.offsets[this.length] = offset;
    this.lengths[this.length++] = length;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    const offsets = new Int32Array(size);
    const lengths = new Int32Array(size);
    kinds.set(this.kinds);
    offsets.set(this.offsets);
    lengths.set(this.lengths);
    this.kinds = kinds;
    this.offsets = offsets;
    this.lengths = lengths;
  }

  kindAt(index: number): SyntaxKind {
    return this.kinds[index] as SyntaxKind;
  }

  at(index: number): Token | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return { kind: this.kinds[index] as SyntaxKind, offset: this.offsets[index]!, length: this.lengths[index]! };
  }

  /** Index of the last token that ends at or before `offset` (-1: none). */
  before(offset: number): number {
    let low = 0;
    let high = this.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.offsets[mid]! + this.lengths[mid]! <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  toArray(): Token[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}

/** A key that its object already has: the last one wins, as in JSON.parse. */
export interface DuplicateKey {
  key: Node;
  first: Node;
}

/** A property of an object: its key, and its value when it has one. */
export interface Property {
  key: Node;
  value: Node | undefined;
}

export interface JsonTree {
  root: Node | undefined;
  /** Each object's properties by name (for a repeated name the last one wins, as in JSON.parse). */
  properties: WeakMap<Node, Map<string, Property>>;
  errors: ParseError[];
  /** Significant tokens in text order (no whitespace or line breaks; comments included). */
  tokens: TokenList;
  /** Objects and arrays that the text ends inside: their length runs to the end of the text. */
  unclosed: Set<Node>;
  /** Repeated keys, in text order. */
  duplicates: DuplicateKey[];
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

/** An object or array being parsed. */
interface Frame {
  node: Node;
  needsComma: boolean;
  /** An object's properties so far, by name. */
  properties?: Map<string, Property>;
  /** From the object's first repeated key on: where each of its keys was first defined. */
  firstKeys?: { keys: Map<string, Node>; indexed: number };
}

const enum Started {
  NoValue,
  Scalar,
  Container,
}

class TreeParser {
  private readonly scanner: Scanner;
  private readonly errors: ParseError[] = [];
  private readonly tokens = new TokenList();
  private readonly duplicates: DuplicateKey[] = [];
  private readonly unclosed = new Set<Node>();
  private readonly frames: Frame[] = [];
  /** jsonc-parser's chain of "current parents": containers and properties still open, innermost last. */
  private readonly open: Node[] = [];
  /** The innermost open property's record, waiting for its value. */
  private openProperties: Property[] = [];
  private readonly properties = new WeakMap<Node, Map<string, Property>>();

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  parse(): JsonTree {
    const top: Node = { type: 'array', offset: -1, length: -1, children: [] };
    this.open.push(top);
    this.parseDocument();
    // The parser stops at stray content after the value; the rules still want its tokens.
    while (this.scanner.scanSignificant() !== SyntaxKind.EOF) this.record();
    return { root: top.children![0], properties: this.properties, errors: this.errors, tokens: this.tokens, unclosed: this.unclosed, duplicates: this.duplicates };
  }

  private parseDocument(): void {
    if (this.scanNext() === SyntaxKind.EOF) {
      this.error(ParseErrorCode.ValueExpected);
      return;
    }
    if (this.startValue() === Started.NoValue) {
      this.error(ParseErrorCode.ValueExpected);
      return;
    }
    while (this.frames.length > 0) {
      const frame = this.frames[this.frames.length - 1]!;
      if (frame.node.type === 'object') this.stepObject(frame);
      else this.stepArray(frame);
    }
    if (this.scanner.token !== SyntaxKind.EOF) this.error(ParseErrorCode.EndOfFileExpected);
  }

  private record(): void {
    const { token, tokenOffset, pos } = this.scanner;
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia && token !== SyntaxKind.EOF) this.tokens.push(token, tokenOffset, pos - tokenOffset);
  }

  /** The next token that is not whitespace or a comment, reporting comments and bad tokens on the way. */
  private scanNext(): SyntaxKind {
    const scanner = this.scanner;
    for (;;) {
      const kind = scanner.scanSignificant();
      this.record();
      const scanError = SCAN_ERRORS[scanner.tokenError];
      if (scanError !== undefined) this.error(scanError);
      switch (kind) {
        case SyntaxKind.LineCommentTrivia:
          this.error(ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.BlockCommentTrivia:
          this.error(scanner.tokenError === ScanError.UnexpectedEndOfComment ? ParseErrorCode.UnexpectedEndOfComment : ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.Unknown:
          this.error(ParseErrorCode.InvalidSymbol);
          break;
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        default:
          return kind;
      }
    }
  }

  private error(error: ParseErrorCode): void {
    this.errors.push({ error, offset: this.scanner.tokenOffset, length: this.scanner.pos - this.scanner.tokenOffset });
  }

  /** Reports, then skips to `stop` (or `or`) without consuming it, or to the end. */
  private errorSkippingTo(error: ParseErrorCode, stop: SyntaxKind, or: SyntaxKind): void {
    this.error(error);
    for (let token = this.scanner.token; token !== SyntaxKind.EOF && token !== stop && token !== or; ) token = this.scanNext();
  }

  private startValue(): Started {
    const scanner = this.scanner;
    switch (scanner.token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const node: Node = { type: scanner.token === SyntaxKind.OpenBraceToken ? 'object' : 'array', offset: scanner.tokenOffset, length: -1, children: [] };
        this.addChild(node);
        this.open.push(node);
        this.frames.push({ node, needsComma: false });
        this.scanNext();
        return Started.Container;
      }
      case SyntaxKind.StringLiteral:
        this.literal('string', scanner.tokenValue);
        return Started.Scalar;
      case SyntaxKind.NumericLiteral: {
        let value = Number(scanner.tokenValue);
        if (Number.isNaN(value)) {
          this.error(ParseErrorCode.InvalidNumberFormat);
          value = 0;
        }
        this.literal('number', value);
        return Started.Scalar;
      }
      case SyntaxKind.NullKeyword:
        this.literal('null', null);
        return Started.Scalar;
      case SyntaxKind.TrueKeyword:
        this.literal('boolean', true);
        return Started.Scalar;
      case SyntaxKind.FalseKeyword:
        this.literal('boolean', false);
        return Started.Scalar;
      default:
        return Started.NoValue;
    }
  }

  private stepObject(frame: Frame): void {
    const scanner = this.scanner;
    if (scanner.token === SyntaxKind.CloseBraceToken || scanner.token === SyntaxKind.EOF) {
      this.closeContainer(frame, SyntaxKind.CloseBraceToken, ParseErrorCode.CloseBraceExpected);
      return;
    }
    this.separate(frame);
    if (scanner.token !== SyntaxKind.StringLiteral) {
      this.errorSkippingTo(ParseErrorCode.PropertyNameExpected, SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken);
      this.errorSkippingTo(ParseErrorCode.ValueExpected, SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken);
      return;
    }
    const name = scanner.tokenValue;
    const key: Node = { type: 'string', value: name, offset: scanner.tokenOffset, length: scanner.pos - scanner.tokenOffset };
    // Room for the value from the start (growing a one-item array costs far more than it holds).
    const property: Node = { type: 'property', offset: scanner.tokenOffset, length: -1, children: [key, key] };
    this.addChild(property);
    this.open.push(property);
    const record: Property = { key, value: undefined };
    this.openProperties.push(record);
    this.addProperty(frame, name, record);
    if (this.scanNext() !== SyntaxKind.ColonToken) {
      this.errorSkippingTo(ParseErrorCode.ColonExpected, SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken);
      return;
    }
    this.scanNext();
    if (this.startValue() === Started.NoValue) {
      this.errorSkippingTo(ParseErrorCode.ValueExpected, SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken);
    }
  }

  private stepArray(frame: Frame): void {
    const scanner = this.scanner;
    if (scanner.token === SyntaxKind.CloseBracketToken || scanner.token === SyntaxKind.EOF) {
      this.closeContainer(frame, SyntaxKind.CloseBracketToken, ParseErrorCode.CloseBracketExpected);
      return;
    }
    this.separate(frame);
    if (this.startValue() === Started.NoValue) {
      this.errorSkippingTo(ParseErrorCode.ValueExpected, SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken);
    }
  }

  /** Before an entry: consumes its comma, or reports the comma missing (or one too many). */
  private separate(frame: Frame): void {
    const scanner = this.scanner;
    if (scanner.token === SyntaxKind.CommaToken) {
      if (!frame.needsComma) this.error(ParseErrorCode.ValueExpected);
      this.completeProperty(scanner.tokenOffset);
      this.scanNext();
    } else if (frame.needsComma) {
      this.error(ParseErrorCode.CommaExpected);
    }
    frame.needsComma = true;
  }

  /** At the closing brace or bracket, or at the end of the text when it is missing. */
  private closeContainer(frame: Frame, closer: SyntaxKind, missing: ParseErrorCode): void {
    const scanner = this.scanner;
    const end = scanner.pos;
    if (frame.node.type === 'object') this.completeProperty(end);
    frame.node.length = end - frame.node.offset;
    this.open.pop();
    this.completeProperty(end);
    this.frames.pop();
    if (scanner.token === closer) this.scanNext();
    else {
      this.error(missing); // only at the end of the text: nothing left to skip
      this.unclosed.add(frame.node);
    }
  }

  private literal(type: NodeType, value: string | number | boolean | null): void {
    const { tokenOffset: offset, pos: end } = this.scanner;
    this.addChild({ type, offset, length: end - offset, value });
    this.completeProperty(end);
    this.scanNext();
  }

  /** Records a property of the frame's object; a name it already has is a duplicate key. */
  private addProperty(frame: Frame, name: string, record: Property): void {
    let properties = frame.properties;
    if (!properties) {
      properties = frame.properties = new Map();
      this.properties.set(frame.node, properties);
    }
    const size = properties.size;
    properties.set(name, record); // one lookup per key: this runs for every key of the file
    if (properties.size === size) this.duplicate(frame, name, record.key);
  }

  /**
   * Where a repeated name was first defined. The object's keys are indexed from its first repeat
   * on, each key once (the index grows to the newest key when a name is not in it yet).
   */
  private duplicate(frame: Frame, name: string, key: Node): void {
    const index = (frame.firstKeys ??= { keys: new Map(), indexed: 0 });
    const properties = frame.node.children!;
    for (; !index.keys.has(name) && index.indexed < properties.length; index.indexed++) {
      const first = properties[index.indexed]!.children![0]!;
      if (!index.keys.has(String(first.value))) index.keys.set(String(first.value), first);
    }
    this.duplicates.push({ key, first: index.keys.get(name)! });
  }

  private addChild(node: Node): void {
    const parent = this.open[this.open.length - 1]!;
    if (parent.type === 'property') {
      parent.children![1] = node;
      this.openProperties[this.openProperties.length - 1]!.value = node;
    } else parent.children!.push(node);
  }

  /** Ends the innermost open property at `end`, if the innermost open node is one. */
  private completeProperty(end: number): void {
    const current = this.open[this.open.length - 1]!;
    if (current.type !== 'property') return;
    current.length = end - current.offset;
    if (!this.openProperties.pop()!.value) current.children!.length = 1; // a property without a value has only its key
    this.open.pop();
  }
}

export function parseJsonTree(text: string): JsonTree {
  return new TreeParser(text).parse();
}
