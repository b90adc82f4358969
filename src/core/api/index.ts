export * from './client';
export * from './environments';
export * from './errors';
export { plainText } from './plainText';
export { DEFAULT_PAGE_SIZE, NEXT_PAGE_HEADER } from './paging';
export type * from './types';
