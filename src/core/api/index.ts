export * from './client';
export * from './environments';
export * from './errors';
export { DEFAULT_PAGE_SIZE, NEXT_PAGE_HEADER } from './paging';
export type * from './types';
