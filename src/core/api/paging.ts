/**
 * api-v2 paging: `pageSize` and `nextPage` query parameters; the next page's token comes in
 * the `Elements-Next-Page-Token` response header and is absent on the last page.
 */
import { ApiError } from './errors';

export const NEXT_PAGE_HEADER = 'Elements-Next-Page-Token';
export const DEFAULT_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  /** Token of the next page; undefined on the last one. */
  next?: string;
}

export interface PageRequest {
  method: string;
  path: string;
}

/**
 * Yields page after page until the server stops sending a next-page token. A token the
 * server already sent would restart a page already read: that is reported instead of
 * looping forever.
 */
export async function* pageThrough<T>(
  request: PageRequest,
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T[], void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield page.items;
    const next = page.next?.trim();
    if (next === undefined || next === '') return;
    if (seen.has(next)) {
      throw new ApiError(
        `${request.method} ${request.path}: the server sent the same next-page token twice; stopped paging to avoid an endless loop. Try again later.`,
        { kind: 'invalid-response', method: request.method, path: request.path, status: 200 },
      );
    }
    seen.add(next);
    token = next;
  }
}

export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages) all.push(...items);
  return all;
}
