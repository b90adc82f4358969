/** `pageSize` / `nextPage` paging with the `Elements-Next-Page-Token` response header. */
import { ApiError } from './http';

export const NEXT_PAGE_HEADER = 'Elements-Next-Page-Token';
export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  /** Present only when more pages follow. */
  nextPageToken?: string;
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
 */
export function paginate<T>(items: readonly T[], position: (item: T) => number, query: URLSearchParams, kind: string): Page<T> {
  const size = pageSizeOf(query);
  const token = query.get('nextPage');
  const after = token ? decode(token, kind).a : undefined;
  const remaining = after === undefined ? items : items.filter((item) => position(item) > after);
  const page = remaining.slice(0, size);
  const last = page[page.length - 1];
  return {
    items: page,
    ...(remaining.length > size && last !== undefined && { nextPageToken: encode({ k: kind, a: position(last) }) }),
  };
}

/** The response headers of a page: the next-page token when more pages follow. */
export function pageHeaders(page: Page<unknown>): Record<string, string> {
  return page.nextPageToken ? { [NEXT_PAGE_HEADER]: page.nextPageToken } : {};
}
