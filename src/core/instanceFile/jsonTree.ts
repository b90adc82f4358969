/**
 * A tolerant JSON parser that builds jsonc-parser's tree (same nodes, offsets, lengths and errors,
 * with comments and trailing commas reported as errors) without recursion, so no nesting depth
 * can overflow the stack. It records every significant token on the way.
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
  colonOffset?: number;
}

export interface Token {
  kind: SyntaxKind;
  offset: number;
  length: number;
}

export interface JsonTree {
  root: Node | undefined;
  errors: ParseError[];
  /** Significant tokens in text order (no whitespace or line breaks; comments included). */
  tokens: Token[];
  /** Objects and arrays that the text ends inside: their length runs to the end of the text. */
  unclosed: Set<Node>;
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
}

const enum Started {
  NoValue,
  Scalar,
  Container,
}

class TreeParser {
  private readonly scanner: Scanner;
  private readonly errors: ParseError[] = [];
  private readonly tokens: Token[] = [];
  private readonly unclosed = new Set<Node>();
  private readonly frames: Frame[] = [];
  /** jsonc-parser's chain of "current parents": containers and properties still open, innermost last. */
  private readonly open: Node[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  parse(): JsonTree {
    const top: Node = { type: 'array', offset: -1, length: -1, children: [] };
    this.open.push(top);
    this.parseDocument();
    // The parser stops at stray content after the value; the rules still want its tokens.
    while (this.scanner.scan() !== SyntaxKind.EOF) this.record();
    return { root: top.children![0], errors: this.errors, tokens: this.tokens, unclosed: this.unclosed };
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
    const { token } = this.scanner;
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia && token !== SyntaxKind.EOF) {
      this.tokens.push({ kind: token, offset: this.scanner.tokenOffset, length: this.scanner.tokenLength });
    }
  }

  /** The next token that is not whitespace or a comment, reporting comments and bad tokens on the way. */
  private scanNext(): SyntaxKind {
    const scanner = this.scanner;
    for (;;) {
      const kind = scanner.scan();
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
    this.errors.push({ error, offset: this.scanner.tokenOffset, length: this.scanner.tokenLength });
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
    const property: Node = { type: 'property', offset: scanner.tokenOffset, length: -1, children: [] };
    this.addChild(property);
    this.open.push(property);
    property.children!.push({ type: 'string', value: scanner.tokenValue, offset: scanner.tokenOffset, length: scanner.tokenLength });
    if (this.scanNext() !== SyntaxKind.ColonToken) {
      this.errorSkippingTo(ParseErrorCode.ColonExpected, SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken);
      return;
    }
    property.colonOffset = scanner.tokenOffset;
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
    const end = scanner.tokenOffset + scanner.tokenLength;
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
    const { tokenOffset: offset, tokenLength: length } = this.scanner;
    this.addChild({ type, offset, length, value });
    this.completeProperty(offset + length);
    this.scanNext();
  }

  private addChild(node: Node): void {
    this.open[this.open.length - 1]!.children!.push(node);
  }

  /** Ends the innermost open property at `end`, if the innermost open node is one. */
  private completeProperty(end: number): void {
    const current = this.open[this.open.length - 1]!;
    if (current.type !== 'property') return;
    current.length = end - current.offset;
    this.open.pop();
  }
}

export function parseJsonTree(text: string): JsonTree {
  return new TreeParser(text).parse();
}
