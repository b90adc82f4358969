/**
 * Reading a JSON text's significant tokens for the tree parser (jsonTree.ts): each recorded in the
 * token list, and each error inside a token (a comment, a bad symbol, a broken escape) reported where
 * it is, as jsonc-parser reports it. The parser builds the tree from the tokens this gives it.
 */
import { ParseErrorCode, type ParseError } from './jsonNodes';
import { Scanner } from './scanner';
import { ScanError, SyntaxKind } from './syntaxKind';
import { TokenList } from './tokenList';

/** Errors inside a token, reported as such (an unterminated comment is reported with the comment). */
const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

export class TokenReader {
  protected readonly scanner: Scanner;
  protected readonly errors: ParseError[] = [];
  protected readonly tokens: TokenList;

  constructor(text: string) {
    this.scanner = new Scanner(text);
    this.tokens = new TokenList((text.length >> 3) + 16); // formatted JSON has a token every 8 to 16 characters
  }

  /** The tokens after where the parser stopped (stray content after the value): the rules still want them. */
  protected readRest(): void {
    while (this.scanner.scanSignificant() !== SyntaxKind.EOF) this.record();
  }

  private record(): void {
    const { token, tokenOffset, pos } = this.scanner;
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia && token !== SyntaxKind.EOF) this.tokens.push(token, tokenOffset, pos - tokenOffset);
  }

  /** The next token that is not whitespace or a comment, reporting comments and bad tokens on the way. */
  protected scanNext(): SyntaxKind {
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

  protected error(error: ParseErrorCode): void {
    this.errors.push({ error, offset: this.scanner.tokenOffset, length: this.scanner.pos - this.scanner.tokenOffset });
  }

  /** Reports, then skips to `stop` (or `or`) without consuming it, or to the end. */
  protected errorSkippingTo(error: ParseErrorCode, stop: SyntaxKind, or: SyntaxKind): void {
    this.error(error);
    for (let token = this.scanner.token; token !== SyntaxKind.EOF && token !== stop && token !== or; ) token = this.scanNext();
  }
}
