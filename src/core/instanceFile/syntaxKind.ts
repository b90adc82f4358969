/** The token vocabulary of the JSON scanner (scanner.ts), the parser and the token list; the numbers are jsonc-parser's. */

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
