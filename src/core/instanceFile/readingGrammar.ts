/**
 * The JSON grammar the curly-quote search (quoteReadings.ts) follows, as a pushdown automaton whose
 * state is one number — `stack * 8 + Expect` — so readings in the same state compare as numbers.
 * It allows the mistakes that lose no data: a missing comma between entries, a trailing comma.
 */

/** What the parser expects next; a state is `stack * 8 + Expect`. */
const enum Expect {
  /** A value: the text's start, after a colon. */
  Value,
  /** A value or `]`: after `[` or a comma in an array (a trailing comma loses nothing). */
  ValueOrClose,
  /** A key or `}`: after `{` or a comma in an object. */
  KeyOrClose,
  Colon,
  /** A comma or the closer after a value in an array or object; a missing comma is allowed. */
  After,
  /** The top-level value is complete. */
  End,
}

export const enum Token {
  String,
  Scalar,
  OpenBrace,
  OpenBracket,
  CloseBrace,
  CloseBracket,
  Colon,
  Comma,
}

const enum Container {
  None,
  Object,
  Array,
}

export const DEAD = -1;

/**
 * The containers open around a position, each stack a number; equal stacks are the same number,
 * so two readings in the same state compare as two numbers.
 */
class Stacks {
  private readonly top: Container[] = [Container.None];
  private readonly below: number[] = [-1];
  private readonly pushed = new Map<number, number>();

  /** The stack of no container. */
  readonly empty = 0;

  topOf(stack: number): Container {
    return this.top[stack]!;
  }

  belowOf(stack: number): number {
    return this.below[stack]!;
  }

  push(stack: number, container: Container.Object | Container.Array): number {
    const key = stack * 2 + (container === Container.Object ? 0 : 1);
    let pushed = this.pushed.get(key);
    if (pushed === undefined) {
      pushed = this.top.push(container) - 1;
      this.below.push(stack);
      this.pushed.set(key, pushed);
    }
    return pushed;
  }
}

/** The automaton: its states' stacks, and a step per token. */
export class Grammar {
  private readonly stacks = new Stacks();

  /** Before the text: a value is expected, no container open. */
  readonly start = this.stacks.empty * 8 + Expect.Value;

  /** Whether the top-level value is complete. */
  static ended(state: number): boolean {
    return (state & 7) === Expect.End;
  }

  /** The parser state after `token`, or DEAD when the token cannot come here. */
  step(state: number, token: Token): number {
    const expect = (state & 7) as Expect;
    const stack = state >> 3;
    const container = this.stacks.topOf(stack);
    const valueHere = expect === Expect.Value || expect === Expect.ValueOrClose || (expect === Expect.After && container === Container.Array);
    switch (token) {
      case Token.String:
        if (expect === Expect.KeyOrClose || (expect === Expect.After && container === Container.Object)) return stack * 8 + Expect.Colon;
        return valueHere ? this.complete(stack) : DEAD;
      case Token.Scalar:
        return valueHere ? this.complete(stack) : DEAD;
      case Token.OpenBrace:
        return valueHere ? this.stacks.push(stack, Container.Object) * 8 + Expect.KeyOrClose : DEAD;
      case Token.OpenBracket:
        return valueHere ? this.stacks.push(stack, Container.Array) * 8 + Expect.ValueOrClose : DEAD;
      case Token.CloseBrace:
        return container === Container.Object && (expect === Expect.KeyOrClose || expect === Expect.After) ? this.complete(this.stacks.belowOf(stack)) : DEAD;
      case Token.CloseBracket:
        return container === Container.Array && (expect === Expect.ValueOrClose || expect === Expect.After) ? this.complete(this.stacks.belowOf(stack)) : DEAD;
      case Token.Colon:
        return expect === Expect.Colon ? stack * 8 + Expect.Value : DEAD;
      case Token.Comma:
        return expect === Expect.After ? stack * 8 + (container === Container.Object ? Expect.KeyOrClose : Expect.ValueOrClose) : DEAD;
    }
  }

  /** The state after a value that leaves `stack` open. */
  private complete(stack: number): number {
    return stack * 8 + (this.stacks.topOf(stack) === Container.None ? Expect.End : Expect.After);
  }
}
