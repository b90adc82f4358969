/**
 * The part of CEQL the emulator understands: `field = 'value'` clauses joined with `AND`
 * (`name = 'O''Brien' AND active = true`). Values may be quoted with `'` (a doubled `''` is a
 * quote) or bare numbers and booleans. Anything else is refused with a 400 that says so.
 */
import { ApiError } from '../http';
import { READ_ONLY_FIELDS, type ResourceSpec } from './hubModel';
import type { HubRecord } from './sampleData';

export interface Clause {
  field: string;
  value: string;
}

const MAX_WHERE_LENGTH = 2000;
const CLAUSE = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?|true|false))\s*/;
const AND = /^AND\b/i;

export function parseWhere(text: string, spec: ResourceSpec): Clause[] {
  if (text.trim() === '') return [];
  // Where it stopped, never what it read: a request value is never echoed.
  const unsupported = (rest: string) =>
    new ApiError(400, `The emulator understands where clauses of the form field = 'value', joined with AND; it cannot read the clause from position ${text.length - rest.length + 1}.`);
  if (text.length > MAX_WHERE_LENGTH) throw new ApiError(400, `The where clause is longer than ${MAX_WHERE_LENGTH} characters.`);
  const fields = [...READ_ONLY_FIELDS, ...spec.fields].map((field) => field.name);
  const clauses: Clause[] = [];
  let rest = text;
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (!match) throw unsupported(rest);
    const field = match[1]!;
    if (!fields.includes(field)) {
      throw new ApiError(400, `The where clause names a field ${spec.name} do not have (at position ${text.length - rest.length + 1}): they have ${fields.join(', ')}.`);
    }
    clauses.push({ field, value: match[2] !== undefined ? match[2].replace(/''/g, "'") : match[3]! });
    rest = rest.slice(match[0].length);
    if (rest.trim() === '') return clauses;
    if (!AND.test(rest)) throw unsupported(rest);
    rest = rest.replace(AND, '');
  }
}

export function matchesWhere(record: HubRecord, clauses: readonly Clause[]): boolean {
  return clauses.every(({ field, value }) => {
    const actual = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
    return (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') && String(actual) === value;
  });
}
