/**
 * Query parameters: a value by name (exact, else case-insensitive), a `true`/`false` one, and the
 * refusal of every parameter a route does not honour (a filter is never quietly ignored).
 */
import { ApiError } from './http';

/** A query value by exact name, else case-insensitively (`Signature` / `signature`); empty counts as absent. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const exact = query.get(name);
  if (exact !== null) return exact === '' ? undefined : exact;
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted && value !== '') return value;
  return undefined;
}

/** A `true`/`false` query parameter (absent: false); anything else is a 400 naming it. */
export function booleanParameter(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ApiError(400, `The query parameter ${name} takes true or false.`);
}

const PARAMETER_NAME = /^[A-Za-z0-9_.[\]-]{1,40}$/;

/**
 * A 400 for every query parameter of `route` the emulator does not honour, naming it: a list
 * that quietly ignored a filter would hand a client every record (a "delete by tag" script
 * would delete them all).
 */
export function refuseUnknownParameters(query: URLSearchParams, route: string, honoured: readonly string[]): void {
  const unknown = [...new Set([...query.keys()].filter((name) => !honoured.includes(name)))];
  if (unknown.length === 0) return;
  const named = unknown.map((name) => (PARAMETER_NAME.test(name) ? name : 'a parameter with an unusual name'));
  const hint = unknown.includes('tags') && honoured.includes('tags[]') ? ' (tags are filtered with tags[]=…)' : '';
  throw new ApiError(
    400,
    `${route} does not take the query parameter${unknown.length > 1 ? 's' : ''} ${named.join(', ')}${hint}: the emulator honours ${honoured.join(', ')}, and ignores no filter.`,
  );
}
