/**
 * CEQL, the `where` of `GET /elements` and of the hub resources (`/hubs/{hub}/{resource}`): one
 * parser for both. The documented operators (devportal `_includes/ceql-ref.md`, "Valid CEQL
 * Operators"): `AND`, `OR`, `=`, `!=`, `<`, `>`, `<=`, `>=`, `LIKE` (`%` matches any run of
 * characters), `IN (…)`, `IS NULL`, and parentheses (its "OR and Greater Than" example). Values
 * are quoted with `'` (a doubled `''` is a quote), or bare numbers and `true`/`false`.
 *
 * Anything else — `NOT`, `<>`, `IS NOT NULL`, a field the listing does not have — is a 400 that
 * says what the emulator understands: a filter is never ignored, or a client that trusts
 * server-side filtering acts on everything. Messages name positions, never the clause's values.
 */
import { ApiError } from './http';

export type Scalar = string | number | boolean;

export interface Literal {
  kind: 'string' | 'number' | 'boolean';
  text: string;
}

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { kind: 'compare'; field: string; operator: ComparisonOperator; value: Literal }
  | { kind: 'like'; field: string; pattern: string }
  | { kind: 'in'; field: string; values: Literal[] }
  | { kind: 'null'; field: string };

export type Expression = Condition | { kind: 'and'; left: Expression; right: Expression } | { kind: 'or'; left: Expression; right: Expression };

/** What a listing can be filtered on. */
export interface CeqlFields {
  /** For messages: "elements", "customers". */
  what: string;
  names: readonly string[];
  /** String comparisons on these fields ignore case (element names and hubs). */
  caseInsensitive?: readonly string[];
  /** Refuses a condition the emulator cannot honour on this listing (throw an ApiError). */
  check?(condition: Condition): void;
}

export const MAX_WHERE_LENGTH = 2000;
const OPERATORS = '=, !=, <, >, <=, >=, LIKE (% wildcards), IN (…), IS NULL, AND, OR and parentheses';

export function unsupportedWhere(reason: string, fields?: CeqlFields): ApiError {
  const on = fields ? ` on ${fields.what}: ${fields.names.join(', ')}` : '';
  return new ApiError(400, `Unsupported where clause: ${reason}. The emulator understands ${OPERATORS}${on}.`);
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'symbol'; text: string; at: number };

/** What a token is and where, for a message: never its text (a request value is never echoed), only a symbol's. */
function describe(token: Token | undefined): string {
  if (!token) return 'the end of the clause';
  const what = token.kind === 'string' ? 'a quoted value' : token.kind === 'number' ? 'a number' : token.kind === 'word' ? 'a word' : `"${token.text}"`;
  return `${what} at position ${token.at + 1}`;
}

const SYMBOLS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ','];

function tokenize(where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < where.length) {
    const char = where[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "'") {
      const start = i;
      let text = '';
      i += 1;
      for (;;) {
        if (i >= where.length) throw unsupportedWhere(`the value starting at position ${start + 1} is not closed with '`);
        if (where[i] === "'") {
          if (where[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += where[i];
        i += 1;
      }
      tokens.push({ kind: 'string', text, at: start });
    } else if (/[-0-9]/.test(char) && /^-?\d/.test(where.slice(i, i + 2))) {
      const number = /^-?\d+(?:\.\d+)?/.exec(where.slice(i))![0];
      tokens.push({ kind: 'number', text: number, at: i });
      i += number.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const start = i;
      while (i < where.length && /[A-Za-z0-9_.]/.test(where[i]!)) i += 1;
      tokens.push({ kind: 'word', text: where.slice(start, i), at: start });
    } else {
      const symbol = SYMBOLS.find((candidate) => where.startsWith(candidate, i));
      if (symbol === undefined) throw unsupportedWhere(`unexpected character at position ${i + 1}`);
      if (symbol === '<>') throw unsupportedWhere(`the operator <> at position ${i + 1} is not one the emulator knows (use !=)`);
      tokens.push({ kind: 'symbol', text: symbol, at: i });
      i += symbol.length;
    }
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === word;
const isSymbol = (token: Token | undefined, symbol: string): boolean => token?.kind === 'symbol' && token.text === symbol;
const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'is', 'null']);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: CeqlFields,
  ) {}

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  parse(): Expression {
    const expression = this.or();
    const rest = this.peek();
    if (rest) throw unsupportedWhere(`expected AND, OR or the end, found ${describe(rest)}`);
    return expression;
  }

  private or(): Expression {
    let left = this.and();
    while (isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expression {
    let left = this.primary();
    while (isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Expression {
    const token = this.peek();
    if (isSymbol(token, '(')) {
      this.next();
      if (++this.depth > 50) throw unsupportedWhere('parentheses nested more than 50 deep');
      const inner = this.or();
      const close = this.next();
      if (!isSymbol(close, ')')) throw unsupportedWhere(`expected ) to close the ( at position ${token!.at + 1}, found ${describe(close)}`);
      this.depth -= 1;
      return inner;
    }
    return this.condition();
  }

  private condition(): Condition {
    const token = this.next();
    if (isWord(token, 'not')) throw unsupportedWhere(`NOT (position ${token!.at + 1}) is not one the emulator knows`);
    if (token?.kind !== 'word' || KEYWORDS.has(token.text.toLowerCase())) throw unsupportedWhere(`expected a field name, found ${describe(token)}`, this.fields);
    const field = token.text;
    if (!this.fields.names.includes(field)) throw unsupportedWhere(`the field at position ${token.at + 1} is not one of the ${this.fields.what}'s`, this.fields);
    const operator = this.next();
    let condition: Condition;
    if (operator?.kind === 'symbol' && ['=', '!=', '<', '>', '<=', '>='].includes(operator.text)) {
      condition = { kind: 'compare', field, operator: operator.text as ComparisonOperator, value: this.literal() };
    } else if (isWord(operator, 'like')) {
      const pattern = this.next();
      if (pattern?.kind !== 'string') throw unsupportedWhere(`LIKE takes a quoted pattern, found ${describe(pattern)}`);
      condition = { kind: 'like', field, pattern: pattern.text };
    } else if (isWord(operator, 'in')) {
      condition = { kind: 'in', field, values: this.list() };
    } else if (isWord(operator, 'is')) {
      const word = this.next();
      if (isWord(word, 'not')) throw unsupportedWhere(`IS NOT NULL (position ${word!.at + 1}) is not one the emulator knows`);
      if (!isWord(word, 'null')) throw unsupportedWhere(`expected NULL after IS, found ${describe(word)}`);
      condition = { kind: 'null', field };
    } else {
      throw unsupportedWhere(`expected an operator after the field at position ${token.at + 1}, found ${describe(operator)}`);
    }
    this.fields.check?.(condition);
    return condition;
  }

  private list(): Literal[] {
    const open = this.next();
    if (!isSymbol(open, '(')) throw unsupportedWhere(`expected ( after IN, found ${describe(open)}`);
    const values = [this.literal()];
    for (;;) {
      const token = this.next();
      if (isSymbol(token, ')')) return values;
      if (!isSymbol(token, ',')) throw unsupportedWhere(`expected , or ) in the IN (…) list, found ${describe(token)}`);
      values.push(this.literal());
    }
  }

  private literal(): Literal {
    const token = this.next();
    if (token?.kind === 'string') return { kind: 'string', text: token.text };
    if (token?.kind === 'number') return { kind: 'number', text: token.text };
    if (isWord(token, 'true') || isWord(token, 'false')) return { kind: 'boolean', text: token!.text.toLowerCase() };
    throw unsupportedWhere(`expected a value ('quoted', a number, true or false), found ${describe(token)}`);
  }
}

/** The clause as an expression; a 400 for anything outside the documented forms or the listing's fields. */
export function parseWhere(where: string, fields: CeqlFields): Expression {
  if (where.length > MAX_WHERE_LENGTH) throw unsupportedWhere(`longer than ${MAX_WHERE_LENGTH} characters`);
  if (where.trim() === '') throw unsupportedWhere('it is empty');
  return new Parser(tokenize(where), fields).parse();
}

/** A subject's field value; undefined or null when it has none. */
export type FieldValue = (field: string) => Scalar | null | undefined;

const isNumeric = (text: string) => /^-?\d+(?:\.\d+)?$/.test(text.trim());

function equal(actual: Scalar, literal: Literal, ignoreCase: boolean): boolean {
  if (typeof actual === 'number' && isNumeric(literal.text)) return actual === Number(literal.text);
  const left = String(actual);
  return ignoreCase ? left.toLowerCase() === literal.text.toLowerCase() : left === literal.text;
}

/** An ISO 8601 date-time with its zone (`2026-12-07T00:50:00Z`, `…00.123+01:00`), as the hub records and poller urls write them. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function order(actual: Scalar, literal: Literal): number {
  const left = String(actual);
  if (isNumeric(left) && isNumeric(literal.text)) return Number(left) - Number(literal.text);
  // Two date-times compare as the instants they write, not as text ("…00.123Z" is after "…00Z": a poller url's where clause).
  if (INSTANT.test(left) && INSTANT.test(literal.text)) {
    const difference = Date.parse(left) - Date.parse(literal.text);
    if (!Number.isNaN(difference)) return difference;
  }
  return left < literal.text ? -1 : left > literal.text ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
  const source = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`, 'i');
}

function test(condition: Condition, value: FieldValue, fields: CeqlFields): boolean {
  const actual = value(condition.field);
  if (condition.kind === 'null') return actual === null || actual === undefined;
  // As in SQL: a comparison with a missing value is never true.
  if (actual === null || actual === undefined) return false;
  const ignoreCase = fields.caseInsensitive?.includes(condition.field) ?? false;
  switch (condition.kind) {
    case 'like':
      return likePattern(condition.pattern).test(String(actual));
    case 'in':
      return condition.values.some((literal) => equal(actual, literal, ignoreCase));
    case 'compare': {
      switch (condition.operator) {
        case '=':
          return equal(actual, condition.value, ignoreCase);
        case '!=':
          return !equal(actual, condition.value, ignoreCase);
        case '<':
          return order(actual, condition.value) < 0;
        case '>':
          return order(actual, condition.value) > 0;
        case '<=':
          return order(actual, condition.value) <= 0;
        case '>=':
          return order(actual, condition.value) >= 0;
      }
    }
  }
}

export function matchesWhere(expression: Expression, value: FieldValue, fields: CeqlFields): boolean {
  if (expression.kind === 'and') return matchesWhere(expression.left, value, fields) && matchesWhere(expression.right, value, fields);
  if (expression.kind === 'or') return matchesWhere(expression.left, value, fields) || matchesWhere(expression.right, value, fields);
  return test(expression, value, fields);
}
