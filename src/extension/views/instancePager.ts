/**
 * The instances loaded so far, page by page. The API only says whether another page exists
 * by answering the next request, so the pager reads one page ahead: "Load more" then shows
 * only when there really is more, and appends the page it already holds.
 */
import type { Instance } from '../../core/api/types';

export type PageSource = AsyncIterator<Instance[], void, undefined>;

type Lookahead = { kind: 'none' } | { kind: 'page'; items: Instance[] } | { kind: 'failed'; error: unknown };

export class InstancePager {
  private readonly loaded: Instance[] = [];
  private lookahead: Lookahead = { kind: 'none' };

  constructor(private readonly pages: PageSource) {}

  get instances(): readonly Instance[] {
    return this.loaded;
  }

  /** There is another page to append. */
  get hasMore(): boolean {
    return this.lookahead.kind === 'page';
  }

  /** Reading ahead failed after the pages already shown; loading more cannot continue. */
  get moreError(): unknown {
    return this.lookahead.kind === 'failed' ? this.lookahead.error : undefined;
  }

  /** Reads the first page (its error is thrown) and the page after it (its error is kept in `moreError`). */
  async loadFirst(): Promise<void> {
    const first = await this.pages.next();
    if (first.done) return;
    this.loaded.push(...first.value);
    await this.readAhead();
  }

  /** Appends the page read ahead and reads the next one. False when there was nothing to append. */
  async loadMore(): Promise<boolean> {
    if (this.lookahead.kind !== 'page') return false;
    this.loaded.push(...this.lookahead.items);
    await this.readAhead();
    return true;
  }

  /** Stops reading: the generator's `finally` blocks run and no further request is made. */
  async close(): Promise<void> {
    this.lookahead = { kind: 'none' };
    await this.pages.return?.(undefined);
  }

  private async readAhead(): Promise<void> {
    try {
      const next = await this.pages.next();
      this.lookahead = next.done ? { kind: 'none' } : { kind: 'page', items: next.value };
    } catch (error) {
      this.lookahead = { kind: 'failed', error };
    }
  }
}
