/**
 * The fields of a JSON poller configuration (`event.poller.configuration`): an object keyed by
 * resource name, each resource an object of these fields. Sources (cloud-elements/devportal at
 * dad3573): _archive/events/polling.md L44-59 (the "JSON Poller Configuration" page, live as
 * docs/guides/event-management/polling.md until 60b7db9) and docs/guides/elements/events.md
 * L104-146 (the element-builder guide's "all possible polling configuration parameters").
 *
 * `filterByUpdatedDate`, not `filterByUpdateDate`: the archived page's prose spells it without the
 * "d" once (L48), but its own example (L68, L85), the element-builder guide (L111, L127, L137,
 * L209), HubSpot's and NetSuite's pages, and a configuration the platform itself stored (a 2019
 * netsuiteerpv2 instance) all write `filterByUpdatedDate`.
 */

export type PollerFieldKind = 'string' | 'boolean' | 'count' | 'object';

export interface PollerField {
  name: string;
  kind: PollerFieldKind;
  /** Required per the element-builder guide's table (Y). */
  required: boolean;
  description: string;
}

/** Fields of a polled resource. */
export const RESOURCE_FIELDS: readonly PollerField[] = [
  { name: 'url', kind: 'string', required: true, description: 'The find API URL to fetch records for the resource (a hub path, usually with a where clause on the last poll date).' },
  { name: 'idField', kind: 'string', required: true, description: 'The JSON path to the ID field in the returned payload: the objectId of each event.' },
  { name: 'datesConfiguration', kind: 'object', required: false, description: 'Where the updated and created dates are in each record, and their formats.' },
  { name: 'filterByUpdatedDate', kind: 'boolean', required: false, description: 'Whether the poller filters by updated date (default true; false to filter by the created date).' },
  { name: 'filterByCurrentDate', kind: 'boolean', required: false, description: 'Whether the poller adds an upper limit date constraint (uses the updated date settings of datesConfiguration).' },
  { name: 'createdCheckTolerance', kind: 'count', required: false, description: 'Seconds of tolerance when comparing the created and updated dates to tell CREATED from UPDATED.' },
  { name: 'pageSize', kind: 'count', required: false, description: 'Records to retrieve per page (the default page size when left out).' },
  { name: 'pollDelay', kind: 'count', required: false, description: 'Seconds to subtract from the last poll date, for records not yet searchable (default 0).' },
];

/** Fields of a resource's `datesConfiguration`. */
export const DATES_FIELDS: readonly PollerField[] = [
  { name: 'updatedDateField', kind: 'string', required: true, description: 'The JSON path of the updated date in each record.' },
  { name: 'updatedDateFormat', kind: 'string', required: true, description: 'Its format: a Java date pattern, or milliseconds.' },
  { name: 'updatedDateTimezone', kind: 'string', required: false, description: 'The time zone to parse the updated date in (GMT, EST, …).' },
  { name: 'createdDateField', kind: 'string', required: true, description: 'The JSON path of the created date, to tell CREATED from UPDATED.' },
  { name: 'createdDateFormat', kind: 'string', required: true, description: 'Its format: a Java date pattern, or milliseconds.' },
  { name: 'createdDateTimezone', kind: 'string', required: false, description: 'The time zone to parse the created date in.' },
];

export const RESOURCE_FIELD_NAMES: readonly string[] = RESOURCE_FIELDS.map((field) => field.name);
export const DATES_FIELD_NAMES: readonly string[] = DATES_FIELDS.map((field) => field.name);

/** Misspellings the docs print, with the field they mean. */
export const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  filterByUpdateDate: 'filterByUpdatedDate',
};

/** The date field and the format that reads it, for each of the two dates. */
export const DATE_PAIRS = [
  { field: 'updatedDateField', format: 'updatedDateFormat', zone: 'updatedDateTimezone' },
  { field: 'createdDateField', format: 'createdDateFormat', zone: 'createdDateTimezone' },
] as const;
