/**
 * Paging and counts of the list routes: `pageSize` / `nextPage` with the
 * `Elements-Next-Page-Token` response header; `Elements-Returned-Count` on every page and
 * `Elements-Total-Count` when `returnTotalCount=true` (the headers Cloud Elements exposes to
 * browsers, churros `src/test/platform/general/headers.js`).
 */
import { ApiError } from './http';
import { booleanParameter } from './query';
import { firstAfter } from './sorted';

export const NEXT_PAGE_HEADER = 'Elements-Next-Page-Token';
export const RETURNED_COUNT_HEADER = 'Elements-Returned-Count';
export const TOTAL_COUNT_HEADER = 'Elements-Total-Count';
export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 500;

/** The query parameters every paged list takes. */
export const PAGING_PARAMETERS = ['pageSize', 'nextPage', 'returnTotalCount', 'returnCount'] as const;

export interface Page<T> {
  items: T[];
  /** Present only when more pages follow. */
  nextPageToken?: string;
  /** Every matching item, when `returnTotalCount=true`. */
  total?: number;
}

interface Cursor {
  /** Which listing the token belongs to, so an instances token is refused on /elements. */
  k: string;
  /** Position of the last item already returned. */
  a: number;
}

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The `nextPage` token of the page that ends at `position` in the `kind` listing (for `page=<n>`). */
export function cursorAfter(kind: string, position: number): string {
  return encode({ k: kind, a: position });
}

function decode(token: string, kind: string): Cursor {
  const invalid = new ApiError(400, `Invalid nextPage token: pass the ${NEXT_PAGE_HEADER} header of the previous page unchanged.`);
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const candidate = cursor as Partial<Cursor> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.k !== kind || !Number.isInteger(candidate.a)) throw invalid;
  return candidate as Cursor;
}

export function pageSizeOf(query: URLSearchParams): number {
  const raw = query.get('pageSize');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ApiError(400, `pageSize must be a positive whole number (at most ${MAX_PAGE_SIZE}).`);
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

/**
 * One page of `items`, which must be sorted by `position` (strictly increasing). Paging by
 * position rather than offset keeps pages stable when earlier items are deleted meanwhile.
 * For short lists (the catalog, a hub resource): {@link pageOfSorted} over their positions.
 */
export function paginate<T>(items: readonly T[], position: (item: T) => number, query: URLSearchParams, kind: string): Page<T> {
  const byPosition = new Map(items.map((item) => [position(item), item]));
  return pageOfSorted([...byPosition.keys()], (at) => byPosition.get(at), () => true, query, kind);
}

/**
 * A page of a long listing kept as ascending positions: a binary search for the cursor, then
 * only as many items as the page shows (plus one, to know whether another page follows).
 * `total` (when asked for) counts every accepted item: the one part that reads them all.
 */
export function pageOfSorted<T>(
  positions: readonly number[],
  itemAt: (position: number) => T | undefined,
  accept: (item: T) => boolean,
  query: URLSearchParams,
  kind: string,
): Page<T> {
  const size = pageSizeOf(query);
  const token = query.get('nextPage');
  let index = token ? firstAfter(positions, decode(token, kind).a) : 0;
  const items: T[] = [];
  let last: number | undefined;
  let more = false;
  for (; index < positions.length; index++) {
    const item = itemAt(positions[index]!);
    if (item === undefined || !accept(item)) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(item);
    last = positions[index];
  }
  let total: number | undefined;
  if (booleanParameter(query, 'returnTotalCount')) {
    total = 0;
    for (const position of positions) {
      const item = itemAt(position);
      if (item !== undefined && accept(item)) total += 1;
    }
  }
  return {
    items,
    ...(more && last !== undefined && { nextPageToken: encode({ k: kind, a: last }) }),
    ...(total !== undefined && { total }),
  };
}

/** The response headers of a page: the next-page token when more pages follow, and the counts. */
export function pageHeaders(page: Page<unknown>, query?: URLSearchParams): Record<string, string> {
  if (query) booleanParameter(query, 'returnCount');
  return {
    ...(page.nextPageToken && { [NEXT_PAGE_HEADER]: page.nextPageToken }),
    [RETURNED_COUNT_HEADER]: String(page.items.length),
    ...(page.total !== undefined && { [TOTAL_COUNT_HEADER]: String(page.total) }),
  };
}
