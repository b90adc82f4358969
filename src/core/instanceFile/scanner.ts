/**
 * A JSON tokenizer with the token kinds, values and error codes of jsonc-parser's scanner, so the
 * tree built on it reports what jsonc-parser reports. It differs where jsonc-parser is wrong: an
 * unterminated block comment ends at the end of the text (jsonc-parser's can end one past it) and
 * says so. Trivia (spaces, line breaks) is skipped without building its text.
 */
import { Char, endsWord, hexValue, isDigit, isLineBreak, isWhiteSpace } from './characters';
import { ScanError, SyntaxKind } from './syntaxKind';

export { ScanError, SyntaxKind } from './syntaxKind';

export class Scanner {
  /** The position after the current token, where the next one starts. */
  pos = 0;
  private readonly length: number;
  /** The current token: kind, start, error, and its value (strings unescaped, numbers and words as written). */
  token: SyntaxKind = SyntaxKind.Unknown;
  tokenOffset = 0;
  tokenError: ScanError = ScanError.None;
  tokenValue = '';

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  /** The next token that is not whitespace or a line break (comments are tokens). */
  scanSignificant(): SyntaxKind {
    const text = this.text;
    let code = text.charCodeAt(this.pos);
    while (isWhiteSpace(code) || isLineBreak(code)) code = text.charCodeAt(++this.pos);
    return this.scan();
  }

  scan(): SyntaxKind {
    const text = this.text;
    this.tokenError = ScanError.None;
    this.tokenValue = '';
    this.tokenOffset = this.pos;
    if (this.pos >= this.length) {
      this.tokenOffset = this.length;
      return (this.token = SyntaxKind.EOF);
    }
    let code = text.charCodeAt(this.pos);
    if (isWhiteSpace(code)) {
      do code = text.charCodeAt(++this.pos);
      while (isWhiteSpace(code));
      return (this.token = SyntaxKind.Trivia);
    }
    if (isLineBreak(code)) {
      this.pos++;
      if (code === Char.CarriageReturn && text.charCodeAt(this.pos) === Char.LineFeed) this.pos++;
      return (this.token = SyntaxKind.LineBreakTrivia);
    }
    switch (code) {
      case Char.OpenBrace:
        this.pos++;
        return (this.token = SyntaxKind.OpenBraceToken);
      case Char.CloseBrace:
        this.pos++;
        return (this.token = SyntaxKind.CloseBraceToken);
      case Char.OpenBracket:
        this.pos++;
        return (this.token = SyntaxKind.OpenBracketToken);
      case Char.CloseBracket:
        this.pos++;
        return (this.token = SyntaxKind.CloseBracketToken);
      case Char.Colon:
        this.pos++;
        return (this.token = SyntaxKind.ColonToken);
      case Char.Comma:
        this.pos++;
        return (this.token = SyntaxKind.CommaToken);
      case Char.DoubleQuote:
        this.pos++;
        this.tokenValue = this.scanString();
        return (this.token = SyntaxKind.StringLiteral);
      case Char.Slash:
        return (this.token = this.scanSlash());
      case Char.Minus:
        this.pos++;
        if (this.pos === this.length || !isDigit(text.charCodeAt(this.pos))) {
          this.tokenValue = '-';
          return (this.token = SyntaxKind.Unknown);
        }
        this.tokenValue = '-' + this.scanNumber();
        return (this.token = SyntaxKind.NumericLiteral);
      default:
        if (isDigit(code)) {
          this.tokenValue = this.scanNumber();
          return (this.token = SyntaxKind.NumericLiteral);
        }
        return (this.token = this.scanWord());
    }
  }

  private scanWord(): SyntaxKind {
    const start = this.pos;
    do this.pos++;
    while (this.pos < this.length && !endsWord(this.text.charCodeAt(this.pos)));
    const word = this.text.slice(start, this.pos);
    this.tokenValue = word;
    if (word === 'true') return SyntaxKind.TrueKeyword;
    if (word === 'false') return SyntaxKind.FalseKeyword;
    if (word === 'null') return SyntaxKind.NullKeyword;
    return SyntaxKind.Unknown;
  }

  private scanSlash(): SyntaxKind {
    const text = this.text;
    const start = this.pos;
    const next = text.charCodeAt(this.pos + 1);
    if (next === Char.Slash) {
      this.pos += 2;
      while (this.pos < this.length && !isLineBreak(text.charCodeAt(this.pos))) this.pos++;
      this.tokenValue = text.slice(start, this.pos);
      return SyntaxKind.LineCommentTrivia;
    }
    if (next === Char.Asterisk) {
      const close = text.indexOf('*/', this.pos + 2);
      if (close < 0) {
        this.pos = this.length;
        this.tokenError = ScanError.UnexpectedEndOfComment;
      } else this.pos = close + 2;
      this.tokenValue = text.slice(start, this.pos);
      return SyntaxKind.BlockCommentTrivia;
    }
    this.pos++;
    this.tokenValue = '/';
    return SyntaxKind.Unknown;
  }

  /** As jsonc-parser: the value leaves out an exponent without digits, keeps a fraction without them. */
  private scanNumber(): string {
    const text = this.text;
    const start = this.pos;
    if (text.charCodeAt(this.pos) === Char.Zero) this.pos++;
    else {
      this.pos++;
      while (this.pos < this.length && isDigit(text.charCodeAt(this.pos))) this.pos++;
    }
    if (this.pos < this.length && text.charCodeAt(this.pos) === Char.Dot) {
      this.pos++;
      if (this.pos < this.length && isDigit(text.charCodeAt(this.pos))) {
        while (this.pos < this.length && isDigit(text.charCodeAt(this.pos))) this.pos++;
      } else {
        this.tokenError = ScanError.UnexpectedEndOfNumber;
        return text.slice(start, this.pos);
      }
    }
    let end = this.pos;
    const exponent = text.charCodeAt(this.pos);
    if (exponent === Char.UpperE || exponent === Char.LowerE) {
      this.pos++;
      const sign = text.charCodeAt(this.pos);
      if (sign === Char.Plus || sign === Char.Minus) this.pos++;
      if (this.pos < this.length && isDigit(text.charCodeAt(this.pos))) {
        while (this.pos < this.length && isDigit(text.charCodeAt(this.pos))) this.pos++;
        end = this.pos;
      } else this.tokenError = ScanError.UnexpectedEndOfNumber;
    }
    return text.slice(start, end);
  }

  /** After the opening quote; stops after the closing quote, or before a line break or the end. */
  private scanString(): string {
    const text = this.text;
    let start = this.pos;
    let result = '';
    for (;;) {
      if (this.pos >= this.length) {
        this.tokenError = ScanError.UnexpectedEndOfString;
        return result + text.slice(start, this.pos);
      }
      const ch = text.charCodeAt(this.pos);
      if (ch === Char.DoubleQuote) {
        result += text.slice(start, this.pos);
        this.pos++;
        return result;
      }
      if (ch === Char.Backslash) {
        result += text.slice(start, this.pos);
        this.pos++;
        if (this.pos >= this.length) {
          this.tokenError = ScanError.UnexpectedEndOfString;
          return result;
        }
        result += this.scanEscape(text.charCodeAt(this.pos++));
        start = this.pos;
        continue;
      }
      if (ch <= 0x1f) {
        if (isLineBreak(ch)) {
          this.tokenError = ScanError.UnexpectedEndOfString;
          return result + text.slice(start, this.pos);
        }
        this.tokenError = ScanError.InvalidCharacter; // reported, and the string goes on
      }
      this.pos++;
    }
  }

  private scanEscape(ch: number): string {
    switch (ch) {
      case Char.DoubleQuote:
        return '"';
      case Char.Backslash:
        return '\\';
      case Char.Slash:
        return '/';
      case Char.LowerB:
        return '\b';
      case Char.LowerF:
        return '\f';
      case Char.LowerN:
        return '\n';
      case Char.LowerR:
        return '\r';
      case Char.LowerT:
        return '\t';
      case Char.LowerU: {
        let value = 0;
        for (let digits = 0; digits < 4; digits++) {
          const digit = hexValue(this.text.charCodeAt(this.pos));
          if (digit < 0) {
            this.tokenError = ScanError.InvalidUnicode;
            return '';
          }
          value = value * 16 + digit;
          this.pos++;
        }
        return String.fromCharCode(value);
      }
      default:
        this.tokenError = ScanError.InvalidEscapeCharacter;
        return '';
    }
  }
}
