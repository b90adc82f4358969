/**
 * A JSON tokenizer with the token kinds, values and error codes of jsonc-parser's scanner, so the
 * tree built on it reports what jsonc-parser reports. It differs where jsonc-parser is wrong: an
 * unterminated block comment ends at the end of the text (jsonc-parser's can end one past it) and
 * says so. Trivia (spaces, line breaks) is skipped without building its text.
 */

/** Token kinds; the numbers are jsonc-parser's `SyntaxKind`. */
export const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  ColonToken: 6,
  NullKeyword: 7,
  TrueKeyword: 8,
  FalseKeyword: 9,
  StringLiteral: 10,
  NumericLiteral: 11,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;
export type SyntaxKind = (typeof SyntaxKind)[keyof typeof SyntaxKind];

/** Errors inside one token; the numbers are jsonc-parser's `ScanError`. */
export const ScanError = {
  None: 0,
  UnexpectedEndOfComment: 1,
  UnexpectedEndOfString: 2,
  UnexpectedEndOfNumber: 3,
  InvalidUnicode: 4,
  InvalidEscapeCharacter: 5,
  InvalidCharacter: 6,
} as const;
export type ScanError = (typeof ScanError)[keyof typeof ScanError];

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Asterisk = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperA = 65,
  UpperE = 69,
  UpperF = 70,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerA = 97,
  LowerB = 98,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

const isDigit = (ch: number) => ch >= Char.Zero && ch <= Char.Nine;
const isLineBreak = (ch: number) => ch === Char.LineFeed || ch === Char.CarriageReturn;
const isWhiteSpace = (ch: number) => ch === Char.Space || ch === Char.Tab;

/** Characters that end a run of unknown text (a word such as `true` or `s3cr3t`). */
function endsWord(ch: number): boolean {
  switch (ch) {
    case Char.Space:
    case Char.Tab:
    case Char.LineFeed:
    case Char.CarriageReturn:
    case Char.CloseBrace:
    case Char.CloseBracket:
    case Char.OpenBrace:
    case Char.OpenBracket:
    case Char.DoubleQuote:
    case Char.Colon:
    case Char.Comma:
    case Char.Slash:
      return true;
    default:
      return false;
  }
}

function hexValue(ch: number): number {
  if (ch >= Char.Zero && ch <= Char.Nine) return ch - Char.Zero;
  if (ch >= Char.UpperA && ch <= Char.UpperF) return ch - Char.UpperA + 10;
  if (ch >= Char.LowerA && ch <= Char.LowerF) return ch - Char.LowerA + 10;
  return -1;
}

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
