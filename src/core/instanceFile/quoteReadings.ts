/**
 * Which curly quotes of a text that does not parse are string delimiters, decided only when a
 * person reading it could not see it another way. Each curly quote can be read as a `"` or as the
 * character it is; a reading counts when it is JSON, allowing the mistakes that lose no data and
 * are fixed or reported on their own (a missing comma between entries, a trailing comma, a comment).
 * A person sees:
 * - the reading that takes every curly quote as a quote, when it counts: what a paste from a word
 *   processor is (`{“a”: “b”, “c”: “d”}`; no other reading takes as many);
 * - else the only reading that counts: in `{"name": "Called “Acme”, Inc.", “tags”: []}` the inner
 *   quotes are content because no reading that ends the string there is JSON.
 * When several count, or none, or the text is too tangled to search in linear time, there is no
 * answer: a fix that guessed could merge two keys into one (`{“”:"","a”:false,“{":""}` read with
 * `a”:false,“{` as one key) or split one.
 *
 * The search: strings cannot span lines and a curly quote outside a string can only open one, so
 * the only choices are, inside a string, whether a curly quote ends it. The readings are followed
 * together, in text order, by a JSON pushdown parser whose states meet again at each quote that
 * opens a string; readings that meet in the same state are counted as one branch from there on,
 * as their futures are the same.
 */
import { MinHeap } from './minHeap';
import { DEAD, Grammar, Token } from './readingGrammar';
import { isSmartQuoteCode } from './smartQuotes';
import type { SmartQuote } from './smartQuotes';

export type QuoteReading =
  /** The reading a person sees: the curly quotes it takes as quotes (delimiters and escaped quotes). */
  | { kind: 'one'; quotes: SmartQuote[] }
  /** More than one reading counts, and not the one taking every curly quote: the text says two things. */
  | { kind: 'several' }
  /** No reading is JSON (the text has other errors), or the search gave up. */
  | { kind: 'none' };

/** The offsets of the curly quotes a reading takes as quotes, newest first, shared between readings. */
interface Taken {
  offset: number;
  rest: Taken | undefined;
}

/** Readings that met in one state at one position. */
interface Branch {
  state: number;
  /** The curly quotes the first of them took as quotes (the only one's, when `readings` is 1). */
  taken: Taken | undefined;
  /** How many readings met here: 1, or 2 for more than one. */
  readings: 1 | 2;
}

const enum Code {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Asterisk = 0x2a,
  Comma = 0x2c,
  Slash = 0x2f,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerU = 0x75,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'].map((c) => c.charCodeAt(0)));
const HEX4 = /[0-9a-fA-F]{4}/y;

function punctuation(code: number): Token | undefined {
  switch (code) {
    case Code.OpenBrace:
      return Token.OpenBrace;
    case Code.OpenBracket:
      return Token.OpenBracket;
    case Code.CloseBrace:
      return Token.CloseBrace;
    case Code.CloseBracket:
      return Token.CloseBracket;
    case Code.Colon:
      return Token.Colon;
    case Code.Comma:
      return Token.Comma;
    default:
      return undefined;
  }
}

/**
 * The work the search may do per character of text before it gives up (no answer, so no safe
 * fix): a character read costs 1, a way for a string to end (a branch to follow) costs BRANCH_COST.
 */
const WORK_PER_CHARACTER = 16;
const WORK_BASE = 100_000;
const BRANCH_COST = 16;

class Search {
  private readonly grammar = new Grammar();
  /** Branches waiting at the quote that opens their next string, by offset, then by state. */
  private readonly waiting = new Map<number, Map<number, Branch>>();
  private readonly offsets = new MinHeap();
  private work = 0;
  private readonly budget: number;
  /** The first reading that counts, and how many do (1, or 2 for more than one). */
  private accepted: Branch | undefined;
  private acceptedReadings = 0;
  /** With `everyQuote`, the one reading's next string. */
  private single: { offset: number; branch: Branch } | undefined;

  /** @param everyQuote follow only the reading that takes every curly quote as a quote. */
  constructor(
    private readonly text: string,
    private readonly everyQuote: boolean,
  ) {
    this.budget = WORK_PER_CHARACTER * text.length + WORK_BASE;
  }

  run(): QuoteReading {
    const start: Branch = { state: this.grammar.start, taken: undefined, readings: 1 };
    if (!this.outside(0, start)) return { kind: 'none' };
    // One reading: no meeting to arrange, each string in turn.
    for (let next = this.single; next; next = this.single) {
      this.single = undefined;
      if (!this.string(next.offset, next.branch)) return { kind: 'none' };
    }
    for (let offset = this.offsets.pop(); offset !== undefined; offset = this.offsets.pop()) {
      const branches = this.waiting.get(offset)!;
      this.waiting.delete(offset);
      for (const branch of branches.values()) if (!this.string(offset, branch)) return { kind: 'none' };
      if (this.acceptedReadings > 1) return { kind: 'several' };
    }
    if (!this.accepted) return { kind: 'none' };
    const quotes: SmartQuote[] = [];
    for (let taken = this.accepted.taken; taken; taken = taken.rest) quotes.push({ offset: taken.offset, char: this.text[taken.offset]! });
    return { kind: 'one', quotes: quotes.reverse() };
  }

  /** False when the search ran out of work. */
  private spend(characters: number): boolean {
    this.work += characters;
    return this.work <= this.budget;
  }

  /** Meets `branch` with the others at `offset` in the same state: they go on as one. */
  private meet(offset: number, branch: Branch): void {
    if (this.everyQuote) {
      this.single = { offset, branch };
      return;
    }
    let branches = this.waiting.get(offset);
    if (!branches) {
      this.waiting.set(offset, (branches = new Map()));
      this.offsets.push(offset);
    }
    const other = branches.get(branch.state);
    if (other) other.readings = 2;
    else branches.set(branch.state, branch);
  }

  private end(branch: Branch): void {
    this.accepted ??= branch;
    this.acceptedReadings += branch.readings;
  }

  /**
   * A string opened at `open`: every way it can end. It ends at the first straight quote; each
   * curly quote before it may end it too. A line break, a control character or a bad escape
   * ends every reading that has not ended the string yet.
   */
  private string(open: number, branch: Branch): boolean {
    const state = this.grammar.step(branch.state, Token.String);
    if (state === DEAD) return true;
    const text = this.text;
    const { readings } = branch;
    let taken = text.charCodeAt(open) === Code.Quote ? branch.taken : { offset: open, rest: branch.taken };
    let scanned = open + 1;
    let i = open + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === Code.Quote) return this.spend(i - scanned) && this.outside(i + 1, { state, taken, readings });
      if (c === Code.Backslash) {
        const escaped = text.charCodeAt(i + 1);
        if (SIMPLE_ESCAPES.has(escaped)) i += 2;
        else if (escaped === Code.LowerU && ((HEX4.lastIndex = i + 2), HEX4.test(text))) i += 6;
        else if (isSmartQuoteCode(escaped)) {
          // `\“` is no escape; `\"` is: this curly quote can only be a quote.
          taken = { offset: i + 1, rest: taken };
          i += 2;
        } else break;
        continue;
      }
      if (c < Code.Space) break;
      if (isSmartQuoteCode(c)) {
        if (!this.spend(i - scanned + BRANCH_COST) || !this.outside(i + 1, { state, taken: { offset: i, rest: taken }, readings })) return false;
        if (this.everyQuote) return true;
        scanned = i;
      }
      i++;
    }
    return this.spend(i - scanned);
  }

  /** Outside strings from `offset` to the next quote (which opens a string) or the end. */
  private outside(offset: number, branch: Branch): boolean {
    const text = this.text;
    let state = branch.state;
    let i = offset;
    for (;;) {
      if (i >= text.length) {
        if (Grammar.ended(state)) this.end({ ...branch, state });
        return this.spend(i - offset);
      }
      const c = text.charCodeAt(i);
      if (c === Code.Space || c === Code.Tab || c === Code.LineFeed || c === Code.CarriageReturn) {
        i++;
        continue;
      }
      if (c === Code.Quote || isSmartQuoteCode(c)) {
        this.meet(i, { ...branch, state });
        return this.spend(i - offset);
      }
      if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Slash) {
        i += 2;
        while (i < text.length && text.charCodeAt(i) !== Code.LineFeed && text.charCodeAt(i) !== Code.CarriageReturn) i++;
        continue;
      }
      if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Asterisk) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) break; // unterminated: not JSON however it is read
        i = close + 2;
        continue;
      }
      let token = punctuation(c);
      let length = 1;
      if (token === undefined) {
        NUMBER.lastIndex = i;
        const number = NUMBER.exec(text);
        if (number) length = number[0].length;
        else if (text.startsWith('true', i) || text.startsWith('null', i)) length = 4;
        else if (text.startsWith('false', i)) length = 5;
        else break;
        token = Token.Scalar;
      }
      state = this.grammar.step(state, token);
      if (state === DEAD) break;
      i += length;
    }
    return this.spend(i - offset);
  }
}

/**
 * The reading of `text`'s curly quotes a person would see, when it is certain. Linear in the text:
 * the reading that takes every curly quote as a quote is tried first, and the search of the others
 * gives up after a fixed amount of work per character.
 */
export function readQuotes(text: string): QuoteReading {
  const every = new Search(text, true).run();
  return every.kind === 'one' ? every : new Search(text, false).run();
}
