/**
 * The `where` filter of `GET /elements`: the simple CEQL forms `field = 'value'`,
 * `field in ('a', 'b')` and `AND`, on key, name, hub, private and abridged. Anything else is a
 * 400: a filter the emulator cannot honour must never be ignored, or a client that trusts
 * server-side filtering acts on the whole catalog.
 */
import { ApiError } from './http';

export const WHERE_FIELDS = ['key', 'name', 'hub', 'private', 'abridged'] as const;
export type WhereField = (typeof WHERE_FIELDS)[number];

/** One condition: the field's value must be one of `values` (an `=` has one). */
export interface WhereCondition {
  field: WhereField;
  values: string[];
}

const MAX_WHERE_LENGTH = 2000;

const SUPPORTED = `The emulator understands field = 'value', field in ('a', 'b') and AND, on ${WHERE_FIELDS.join(', ')}.`;

function unsupported(reason: string): ApiError {
  return new ApiError(400, `Unsupported where clause: ${reason}. ${SUPPORTED}`);
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'symbol'; text: '=' | '(' | ')' | ','; at: number };

/** What a token is and where, for a message: never its text (a request value is never echoed), only a symbol's. */
function shown(token: Token | undefined): string {
  if (!token) return 'the end of the clause';
  const what = token.kind === 'symbol' ? `"${token.text}"` : token.kind === 'string' ? 'a quoted value' : 'a word';
  return `${what} at position ${token.at + 1}`;
}

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
        if (i >= where.length) throw unsupported(`the string starting at position ${start + 1} is not closed with '`);
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
    } else if (char === '=' || char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: 'symbol', text: char, at: i });
      i += 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const start = i;
      while (i < where.length && /[A-Za-z0-9_.]/.test(where[i]!)) i += 1;
      tokens.push({ kind: 'word', text: where.slice(start, i), at: start });
    } else {
      const operator = /^(!=|<>|<=|>=|<|>|!)/.exec(where.slice(i))?.[0];
      throw unsupported(operator ? `the operator ${operator} at position ${i + 1} is not supported` : `unexpected character at position ${i + 1}`);
    }
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === word;

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  parse(): WhereCondition[] {
    const conditions = [this.condition()];
    while (this.peek()) {
      const token = this.next();
      if (!isWord(token, 'and')) {
        throw unsupported(isWord(token, 'or') ? 'OR is not supported' : `expected AND, found ${shown(token)}`);
      }
      conditions.push(this.condition());
    }
    return conditions;
  }

  private condition(): WhereCondition {
    const token = this.next();
    if (token?.kind !== 'word') {
      throw unsupported(token?.kind === 'symbol' && token.text === '(' ? 'parentheses are not supported' : `expected a field name, found ${shown(token)}`);
    }
    if (isWord(token, 'not')) throw unsupported('NOT is not supported');
    const field = WHERE_FIELDS.find((candidate) => candidate === token.text);
    if (!field) throw unsupported(`${shown(token)} is not a field the emulator can filter on`);
    const operator = this.next();
    if (operator?.kind === 'symbol' && operator.text === '=') return { field, values: [this.literal(field)] };
    if (isWord(operator, 'in')) return { field, values: this.list(field) };
    throw unsupported(
      isWord(operator, 'like') ? 'LIKE is not supported' : `expected = or in after ${field}, found ${shown(operator)}`,
    );
  }

  private list(field: WhereField): string[] {
    const open = this.next();
    if (open?.kind !== 'symbol' || open.text !== '(') throw unsupported(`expected ( after in, found ${shown(open)}`);
    const values = [this.literal(field)];
    for (;;) {
      const token = this.next();
      if (token?.kind === 'symbol' && token.text === ')') return values;
      if (token?.kind !== 'symbol' || token.text !== ',') throw unsupported(`expected , or ) in the in (…) list, found ${shown(token)}`);
      values.push(this.literal(field));
    }
  }

  private literal(field: WhereField): string {
    const token = this.next();
    if (token?.kind === 'string') return token.text;
    const booleanField = field === 'private' || field === 'abridged';
    if (booleanField && (isWord(token, 'true') || isWord(token, 'false'))) return token!.text.toLowerCase();
    throw unsupported(`expected a value in single quotes${booleanField ? ' (or true/false)' : ''}, found ${shown(token)}`);
  }
}

/** The conditions of a `where` clause; a 400 for anything outside the supported forms. */
export function parseWhere(where: string): WhereCondition[] {
  if (where.length > MAX_WHERE_LENGTH) throw unsupported(`longer than ${MAX_WHERE_LENGTH} characters`);
  if (where.trim() === '') throw unsupported('it is empty');
  const conditions = new Parser(tokenize(where)).parse();
  for (const condition of conditions) {
    if ((condition.field === 'private' || condition.field === 'abridged') && condition.values.some((value) => value !== 'true' && value !== 'false')) {
      throw unsupported(`${condition.field} takes 'true' or 'false'`);
    }
    if (condition.field === 'abridged' && condition.values.includes('false')) {
      throw new ApiError(400, "Unsupported where clause: the emulator serves abridged elements only, so abridged = 'false' cannot be honoured.");
    }
  }
  return conditions;
}

/** The values an element is matched on; hub and name compare case-insensitively, key exactly. */
export interface WhereSubject {
  key: string;
  name: string;
  hub: string;
  private: boolean;
}

export function matchesWhere(subject: WhereSubject, conditions: readonly WhereCondition[]): boolean {
  return conditions.every(({ field, values }) => {
    switch (field) {
      case 'key':
        return values.includes(subject.key);
      case 'name':
      case 'hub': {
        const actual = subject[field].toLowerCase();
        return values.some((value) => value.toLowerCase() === actual);
      }
      case 'private':
        return values.includes(String(subject.private));
      case 'abridged':
        // Every element the emulator serves is abridged (parseWhere refuses 'false').
        return true;
    }
  });
}
