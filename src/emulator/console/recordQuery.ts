/**
 * A hub resource's list query (devportal `_includes/ceql-ref.md`, "Query Reference"): CEQL
 * `where`, `orderBy` (`field [asc|desc]`, comma separated), `fields` (`a,b`: only those), `page`
 * (1-based, with `pageSize`), and the paging every list takes; anything else is a 400 naming it.
 */
import { matchesWhere, parseWhere, type CeqlFields } from '../base/ceql';
import { ApiError } from '../base/http';
import { cursorAfter, DEFAULT_PAGE_SIZE, PAGING_PARAMETERS, pageHeaders, pageSizeOf, paginate } from '../base/paging';
import { refuseUnknownParameters } from '../base/query';
import type { Entry } from './hubRecords';
import { READ_ONLY_FIELDS, type ResourceSpec } from './hubModel';
import type { HubRecord } from './sampleData';

/** The query parameters of a hub list, and nothing it would ignore. */
export const HUB_LIST_PARAMETERS = ['where', 'orderBy', 'fields', 'page', ...PAGING_PARAMETERS] as const;

/** The names a query can use on a resource: the read-only fields and its own. */
function fieldNames(spec: ResourceSpec): string[] {
  return [...READ_ONLY_FIELDS, ...spec.fields].map((field) => field.name);
}

/** What `where` can filter a resource on: its fields and the read-only ones (exact, case-sensitive). */
function whereFieldsOf(spec: ResourceSpec): CeqlFields {
  return { what: spec.name, names: fieldNames(spec) };
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The entries in `orderBy` order (`field [asc|desc]`, comma separated), else by creation. With an
 * order, a page's position is its place in that order.
 */
function orderedBy(entries: Entry[], orderBy: string | null, spec: ResourceSpec): { entries: Entry[]; position: (entry: Entry) => number } {
  const byCreation = [...entries].sort((a, b) => a.position - b.position);
  if (orderBy === null || orderBy.trim() === '') return { entries: byCreation, position: (entry) => entry.position };
  const names = fieldNames(spec);
  const keys = orderBy.split(',').map((part, index) => {
    const [name, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    if (!name || !names.includes(name) || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      throw new ApiError(400, `orderBy takes field [asc|desc], comma separated, on the ${spec.name}' fields (${names.join(', ')}); part ${index + 1} is not one.`);
    }
    return { name, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === undefined || a === null) return 1;
    if (b === undefined || b === null) return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
  };
  const sorted = byCreation.sort((a, b) => {
    for (const key of keys) {
      const order = compare(a.record[key.name], b.record[key.name]);
      if (order !== 0) return order * key.sign;
    }
    return a.position - b.position;
  });
  const places = new Map(sorted.map((entry, index) => [entry, index + 1]));
  return { entries: sorted, position: (entry) => places.get(entry)! };
}

/**
 * `page=<n>` (1-based, with pageSize): the documented offset paging, as the cursor of the page
 * before it. Not together with nextPage.
 */
function withPageOffset(query: URLSearchParams, kind: string, entries: Entry[], position: (entry: Entry) => number): URLSearchParams {
  const page = query.get('page');
  if (page === null || page === '') return query;
  if (!/^\d{1,9}$/.test(page) || Number(page) < 1) throw new ApiError(400, 'page must be a page number from 1 (with pageSize).');
  if (query.get('nextPage')) throw new ApiError(400, 'Give page or nextPage, not both.');
  const skip = (Number(page) - 1) * (query.get('pageSize') ? pageSizeOf(query) : DEFAULT_PAGE_SIZE);
  const adjusted = new URLSearchParams(query);
  adjusted.delete('page');
  if (skip === 0) return adjusted;
  const before = entries[Math.min(skip, entries.length) - 1];
  adjusted.set('nextPage', cursorAfter(kind, before ? position(before) : 0));
  return adjusted;
}

/** `fields=a,b`: only those fields of each record; undefined for all. */
function selectedFields(fields: string | null, spec: ResourceSpec): string[] | undefined {
  if (fields === null || fields.trim() === '') return undefined;
  const names = fieldNames(spec);
  const selected = fields.split(',').map((name) => name.trim());
  const unknown = selected.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    const shown = unknown.every((name) => FIELD_NAME.test(name) && name.length <= 40) ? unknown.join(', ') : `${unknown.length} names`;
    throw new ApiError(400, `fields names ${shown}, which the ${spec.name} do not have (${names.join(', ')}).`);
  }
  return selected;
}

/** One page of a resource's records as the query asks: filtered, ordered, paged, and with the fields it selects. */
export function queryRecords(entries: Iterable<Entry>, spec: ResourceSpec, query: URLSearchParams): { items: HubRecord[]; headers: Record<string, string> } {
  refuseUnknownParameters(query, 'GET /hubs/{hub}/{resource}', HUB_LIST_PARAMETERS);
  const fields = whereFieldsOf(spec);
  const whereText = query.get('where');
  const where = whereText === null || whereText === '' ? undefined : parseWhere(whereText, fields);
  const value = (record: HubRecord) => (field: string) => {
    const item = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
    return typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? item : undefined;
  };
  const matching = [...entries].filter(({ record }) => !where || matchesWhere(where, value(record), fields));
  const ordered = orderedBy(matching, query.get('orderBy'), spec);
  const kind = `hub:${spec.name}:${query.get('orderBy') ?? ''}`;
  const page = paginate(ordered.entries, (entry) => ordered.position(entry), withPageOffset(query, kind, ordered.entries, (entry) => ordered.position(entry)), kind);
  const selected = selectedFields(query.get('fields'), spec);
  const items = page.items.map(({ record }) => (selected ? Object.fromEntries(selected.filter((name) => name in record).map((name) => [name, record[name]])) : record));
  return { items, headers: pageHeaders(page, query) };
}
