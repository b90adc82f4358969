/**
 * JSON syntax errors with messages a person can act on, placed where the fix belongs.
 * Messages never echo a value: a malformed line may hold a secret.
 */
import type { Fix, Report } from '../findings';
import { ParseErrorCode } from '../jsonNodes';
import type { ParseError } from '../jsonNodes';
import { SyntaxKind } from '../syntaxKind';
import type { SyntaxKind as Kind } from '../syntaxKind';
import type { Token, Tokens } from '../tokenList';
import type { LintContext } from './context';
import { defineRule } from './rule';
import { STRAY_QUOTE_MESSAGE, strayQuoteAt } from '../strayQuote';

const VALUE_END = new Set<Kind>([
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
  SyntaxKind.CloseBraceToken,
  SyntaxKind.CloseBracketToken,
]);
const VALUE_START = new Set<Kind>([
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
  SyntaxKind.OpenBraceToken,
  SyntaxKind.OpenBracketToken,
]);
const isComment = (kind: Kind) => kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia;
const KEYWORD_CASE = /^(true|false|null)$/i;

class SyntaxChecker {
  private readonly tokens: Tokens;
  private readonly text: string;
  private readonly reported = new Set<number>();
  /** Per token, the index of the last token at or before it that is not a comment (-1: none). */
  private lastCodeToken: Int32Array | undefined;
  private contentEnd: number | undefined;
  /** The end of the line of the last stray quote reported (strayQuote.ts). */
  private strayLineEnd = -1;

  constructor(
    private readonly ctx: LintContext,
    private readonly reportFinding: Report,
  ) {
    this.tokens = ctx.parsed.tokens;
    this.text = ctx.parsed.normalized;
  }

  run(): void {
    for (const error of this.ctx.parsed.errors) this.check(error);
    for (const { key, first } of this.ctx.parsed.duplicates) {
      const name = String(key.value);
      this.report(`Duplicate key "${name}": already defined on line ${this.ctx.lineOf(first.offset)}; the last one wins`, key.offset, key.length);
    }
  }

  private tokenText(token: Token): string {
    return this.text.slice(token.offset, token.offset + token.length);
  }

  /** The last non-comment token ending at or before `offset`, and its index. */
  private previous(offset: number): { token: Token | undefined; index: number } {
    const before = this.tokens.before(offset);
    if (before < 0) return { token: undefined, index: -1 };
    if (!this.lastCodeToken) {
      // Computed once: walking back over comments per error is quadratic in a file of comments.
      this.lastCodeToken = new Int32Array(this.tokens.length);
      let last = -1;
      for (let i = 0; i < this.tokens.length; i++) {
        if (!isComment(this.tokens.kindAt(i))) last = i;
        this.lastCodeToken[i] = last;
      }
    }
    const index = this.lastCodeToken[before]!;
    return { token: this.tokens.at(index), index };
  }

  private tokenAt(offset: number): Token | undefined {
    const token = this.tokens.at(this.tokens.before(offset) + 1);
    return token && token.offset === offset ? token : undefined;
  }

  private report(message: string, offset: number, length: number, fixes: Fix[] = []): void {
    if (this.reported.has(offset)) return;
    this.reported.add(offset);
    this.reportFinding(message, { offset, length }, fixes);
  }

  private check(error: ParseError): void {
    if (error.offset <= this.strayLineEnd) return; // follows from the stray quote reported on this line
    const { token: previous } = this.previous(error.offset);
    const stray = strayQuoteAt(this.text, error.offset, previous, previous !== undefined && !this.ctx.parsed.unterminated.has(previous.offset));
    if (stray) {
      this.strayLineEnd = stray.lineEnd;
      this.report(STRAY_QUOTE_MESSAGE, stray.offset, 1, [stray.fix]);
      return;
    }
    // An invalid token or unterminated string was already reported; the parser's follow-up complaints add nothing.
    const afterInvalid = previous !== undefined && (previous.kind === SyntaxKind.Unknown || this.ctx.parsed.unterminated.has(previous.offset));
    const at = this.tokenAt(error.offset);
    switch (error.error) {
      case ParseErrorCode.CommaExpected:
        if (!afterInvalid) this.missingComma(error.offset, previous, at);
        return;
      case ParseErrorCode.InvalidSymbol:
        this.invalidSymbol(error, previous);
        return;
      case ParseErrorCode.PropertyNameExpected:
      case ParseErrorCode.ValueExpected:
        if (afterInvalid) return;
        if (previous?.kind === SyntaxKind.CommaToken && at && (at.kind === SyntaxKind.CloseBraceToken || at.kind === SyntaxKind.CloseBracketToken)) {
          const closer = this.tokenText(at);
          this.report(`Trailing comma before "${closer}": JSON does not allow it`, previous.offset, 1, [
            { title: 'Remove the trailing comma', edits: [{ offset: previous.offset, length: 1, newText: '' }], safe: false },
          ]);
        } else if (error.error === ParseErrorCode.PropertyNameExpected) {
          this.report('Property name expected: keys are "double-quoted" strings', error.offset, error.length);
        } else {
          this.report('Value expected: a "string", a number, true, false, null, an object or an array', error.offset, error.length);
        }
        return;
      case ParseErrorCode.ColonExpected: {
        if (afterInvalid) return;
        const end = previous ? previous.offset + previous.length : error.offset;
        this.report('Missing ":" between the property name and its value', end, 0, [
          { title: 'Insert ":"', edits: [{ offset: end, length: 0, newText: ':' }], safe: false },
        ]);
        return;
      }
      case ParseErrorCode.UnexpectedEndOfString:
        this.report('Unterminated string: add the closing quote (")', error.offset, error.length, [
          { title: 'Insert the closing quote', edits: [{ offset: this.endOfContent(error.offset + error.length), length: 0, newText: '"' }], safe: false },
        ]);
        return;
      case ParseErrorCode.CloseBraceExpected:
      case ParseErrorCode.CloseBracketExpected: {
        const closer = error.error === ParseErrorCode.CloseBraceExpected ? '}' : ']';
        this.contentEnd ??= this.text.trimEnd().length;
        const atEnd = error.offset >= this.contentEnd;
        this.report(
          atEnd ? `Unexpected end of file: missing "${closer}"` : `Expected "," or "${closer}"`,
          error.offset,
          error.length,
        );
        return;
      }
      case ParseErrorCode.EndOfFileExpected:
        this.report('Unexpected content after the end of the JSON object (a stray brace?)', error.offset, error.length, at ? [
          { title: `Remove the stray "${this.tokenText(at)}"`, edits: [{ offset: at.offset, length: at.length, newText: '' }], safe: false },
        ] : []);
        return;
      case ParseErrorCode.InvalidCommentToken:
        this.report('JSON does not allow comments', error.offset, error.length, [
          { title: 'Remove the comment', edits: [{ offset: error.offset, length: error.length, newText: '' }], safe: false },
        ]);
        return;
      case ParseErrorCode.UnexpectedEndOfComment:
        this.report('Unterminated comment (and JSON does not allow comments)', error.offset, error.length);
        return;
      case ParseErrorCode.InvalidNumberFormat:
      case ParseErrorCode.UnexpectedEndOfNumber:
        this.report('Invalid number', error.offset, error.length);
        return;
      case ParseErrorCode.InvalidUnicode:
      case ParseErrorCode.InvalidEscapeCharacter:
        this.report('Invalid escape sequence in a string (use \\", \\\\, \\n, \\t or \\uXXXX)', error.offset, error.length);
        return;
      case ParseErrorCode.InvalidCharacter:
        this.report('A tab or line break inside a string must be escaped (\\t, \\n)', error.offset, error.length);
        return;
      default:
        this.report('Invalid JSON', error.offset, error.length);
    }
  }

  /** Where the closing quote goes: before trailing spaces and a trailing comma. */
  private endOfContent(offset: number): number {
    let end = offset;
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    if (this.text[end - 1] === ',') end--;
    return end;
  }

  private missingComma(offset: number, previous: Token | undefined, next: Token | undefined): void {
    const end = previous ? previous.offset + previous.length : offset;
    // Where the curly quotes are guessed, so are the tokens around the comma.
    const safe = this.ctx.parsed.smartQuotesCertain && !!previous && !!next && VALUE_END.has(previous.kind) && VALUE_START.has(next.kind);
    this.report(`Missing comma: add "," here, before the entry on line ${this.ctx.lineOf(offset)}`, end, 0, [
      { title: 'Insert missing comma', edits: [{ offset: end, length: 0, newText: ',' }], safe, preferred: true },
    ]);
  }

  private invalidSymbol(error: ParseError, previous: Token | undefined): void {
    const symbol = this.text.slice(error.offset, error.offset + error.length);
    const next = this.tokens.at(this.tokens.before(error.offset + error.length) + 1);
    if ((symbol === '.' || symbol === ';') && previous && VALUE_END.has(previous.kind) && next && VALUE_START.has(next.kind)) {
      this.report(`Unexpected "${symbol}" where JSON separates entries with ","`, error.offset, error.length, [
        { title: 'Replace with ","', edits: [{ offset: error.offset, length: error.length, newText: ',' }], safe: false, preferred: true },
      ]);
    } else if (KEYWORD_CASE.test(symbol)) {
      const keyword = symbol.toLowerCase();
      this.report(`JSON keywords are lower case: ${keyword}`, error.offset, error.length, [
        { title: `Replace with ${keyword}`, edits: [{ offset: error.offset, length: error.length, newText: keyword }], safe: false },
      ]);
    } else if (symbol.startsWith("'")) {
      this.report('JSON strings need double quotes ("), not single quotes', error.offset, error.length);
    } else {
      this.report('Unexpected characters: a value must be a "string", a number, true, false or null', error.offset, error.length);
    }
  }
}

export const syntax = defineRule({
  id: 'syntax',
  description: 'JSON syntax errors: missing commas, unterminated strings, comments, stray braces, duplicate keys',
  defaultSeverity: 'error',
  check(ctx, report) {
    new SyntaxChecker(ctx, report).run();
  },
});
