/**
 * A tolerant JSON parser that builds jsonc-parser's tree (same nodes, offsets, lengths and errors,
 * with comments and trailing commas reported as errors; a property holds its key and value instead
 * of `children`; no `colonOffset`, which nothing reads) without recursion, so no nesting depth can
 * overflow the stack. It reads the tokens through a TokenReader (tokenReader.ts), which records each
 * and reports the errors inside them; on the same pass it finds repeated keys and indexes the names of
 * large objects. The tree it returns is read-only (jsonNodes.ts): nodes are
 * completed while the parser holds them, in the writable shapes below, and never change after.
 */
import type { DuplicateKey, ParseError, PropertyNode, ScalarNode, StringNode, ValueNode } from './jsonNodes';
import { ParseErrorCode } from './jsonNodes';
import { NameTable, PropertyIndex, type PropertyLookup } from './propertyIndex';
import { SyntaxKind } from './syntaxKind';
import type { Tokens } from './tokenList';
import { TokenReader } from './tokenReader';

export interface JsonTree {
  readonly root: ValueNode | undefined;
  readonly properties: PropertyLookup;
  readonly errors: readonly ParseError[];
  /** Significant tokens in text order (no whitespace or line breaks; comments included). */
  readonly tokens: Tokens;
  /** Objects and arrays that the text ends inside: their length runs to the end of the text. */
  readonly unclosed: ReadonlySet<ValueNode>;
  /** Repeated keys, in text order. */
  readonly duplicates: readonly DuplicateKey[];
}

/** An object, array or property while the parser completes it: its length, its children, its value. */
interface OpenObject {
  type: 'object';
  offset: number;
  length: number;
  children: PropertyNode[];
}
interface OpenArray {
  type: 'array';
  offset: number;
  length: number;
  children: ValueNode[];
}
interface OpenProperty {
  type: 'property';
  offset: number;
  length: number;
  key: StringNode;
  value: ValueNode | undefined;
}

/** From this many properties on, an object's names are kept in a table; below it, comparing names is cheaper. */
const TABLE_FROM = 12;

/** An object or array being parsed. */
interface Frame {
  node: OpenObject | OpenArray;
  needsComma: boolean;
  /** From TABLE_FROM properties on: the names of the object's properties so far. */
  names?: NameTable;
}

const enum Started {
  NoValue,
  Scalar,
  Container,
}

class TreeParser extends TokenReader {
  private readonly duplicates: DuplicateKey[] = [];
  private readonly unclosed = new Set<ValueNode>();
  private readonly frames: Frame[] = [];
  /** jsonc-parser's chain of "current parents": containers and properties still open, innermost last. */
  private readonly open: Array<OpenObject | OpenArray | OpenProperty> = [];
  private readonly properties = new PropertyIndex();

  parse(): JsonTree {
    const top: OpenArray = { type: 'array', offset: -1, length: -1, children: [] };
    this.open.push(top);
    this.parseDocument();
    this.readRest();
    return { root: top.children[0], properties: this.properties, errors: this.errors, tokens: this.tokens, unclosed: this.unclosed, duplicates: this.duplicates };
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

  private startValue(): Started {
    const scanner = this.scanner;
    switch (scanner.token) {
      case SyntaxKind.OpenBraceToken: {
        const node: OpenObject = { type: 'object', offset: scanner.tokenOffset, length: -1, children: [] };
        this.openContainer(node);
        return Started.Container;
      }
      case SyntaxKind.OpenBracketToken: {
        const node: OpenArray = { type: 'array', offset: scanner.tokenOffset, length: -1, children: [] };
        this.openContainer(node);
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

  private openContainer(node: OpenObject | OpenArray): void {
    this.addChild(node);
    this.open.push(node);
    this.frames.push({ node, needsComma: false });
    this.scanNext();
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
    const key: StringNode = { type: 'string', offset: scanner.tokenOffset, length: scanner.pos - scanner.tokenOffset, value: scanner.tokenValue };
    const property: OpenProperty = { type: 'property', offset: scanner.tokenOffset, length: -1, key, value: undefined };
    this.addProperty(frame, property);
    this.open.push(property);
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
    const node = frame.node;
    if (node.type === 'object') {
      this.completeProperty(end);
      if (frame.names) this.properties.adopt(node, frame.names);
    }
    node.length = end - node.offset;
    this.open.pop();
    this.completeProperty(end);
    this.frames.pop();
    if (scanner.token === closer) this.scanNext();
    else {
      this.error(missing); // only at the end of the text: nothing left to skip
      this.unclosed.add(node);
    }
  }

  private literal(type: 'string' | 'number' | 'boolean' | 'null', value: string | number | boolean | null): void {
    const { tokenOffset: offset, pos: end } = this.scanner;
    this.addChild({ type, offset, length: end - offset, value } as StringNode | ScalarNode);
    this.completeProperty(end);
    this.scanNext();
  }

  /** Adds a property to the frame's object; a name it already has is a duplicate key. */
  private addProperty(frame: Frame, property: OpenProperty): void {
    const siblings = (frame.node as OpenObject).children;
    const index = siblings.push(property) - 1;
    let first = -1;
    if (frame.names) first = frame.names.add(index);
    else if (index >= TABLE_FROM) {
      frame.names = NameTable.of(siblings, index);
      first = frame.names.add(index);
    } else {
      const name = property.key.value;
      for (let i = 0; i < index; i++) {
        if (siblings[i]!.key.value === name) {
          first = i;
          break;
        }
      }
    }
    if (first >= 0) this.duplicates.push({ key: property.key, first: siblings[first]!.key });
  }

  private addChild(node: ValueNode): void {
    const parent = this.open[this.open.length - 1]!;
    if (parent.type === 'property') parent.value = node;
    else (parent as OpenArray).children.push(node); // the top, or an array: an object's children are properties
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
