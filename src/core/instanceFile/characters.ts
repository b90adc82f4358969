/** The characters the JSON scanner tells apart, and how it classifies them. */

export const enum Char {
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

export const isDigit = (ch: number) => ch >= Char.Zero && ch <= Char.Nine;
export const isLineBreak = (ch: number) => ch === Char.LineFeed || ch === Char.CarriageReturn;
export const isWhiteSpace = (ch: number) => ch === Char.Space || ch === Char.Tab;

/** Characters that end a run of unknown text (a word such as `true` or `s3cr3t`). */
export function endsWord(ch: number): boolean {
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

export function hexValue(ch: number): number {
  if (ch >= Char.Zero && ch <= Char.Nine) return ch - Char.Zero;
  if (ch >= Char.UpperA && ch <= Char.UpperF) return ch - Char.UpperA + 10;
  if (ch >= Char.LowerA && ch <= Char.LowerF) return ch - Char.LowerA + 10;
  return -1;
}
