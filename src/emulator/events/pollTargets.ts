/**
 * What a poll reads for an instance: each polled resource with its url and how its records'
 * dates and ids are found. From `event.poller.configuration` (the JSON poller configuration,
 * src/core/events/pollerConfiguration.ts), else the legacy `event.poller.urls` (its three
 * shapes, src/core/events/legacyPollerUrls.ts), else every resource of the instance's hub (the
 * emulator's choice: an instance with neither still shows its polling).
 */
import { parseLegacyPollerUrls, readPollerConfiguration } from '../../core/events';
import type { EventSettings } from './eventConfig';

export interface PollTarget {
  /** The resource's name, which events carry as `objectType`. */
  name: string;
  /** A hub path with its query, placeholders not yet expanded. */
  url: string;
  idField: string;
  updatedDateField: string;
  updatedDateFormat?: string;
  createdDateField: string;
  createdDateFormat?: string;
  /** Seconds within which equal created and updated dates mean CREATED. */
  createdCheckTolerance: number;
  /** Whether records are filtered by their updated date (else by their created date). */
  filterByUpdatedDate: boolean;
  /** Seconds subtracted from the last poll time. */
  pollDelay: number;
  pageSize?: number;
}

/**
 * The hub records' own fields (console/records.ts sets them), used when a configuration names none.
 * The tolerance's default is not documented: one second (the emulator's choice: a create sets both
 * dates from two clock reads).
 */
const DEFAULTS = { idField: 'id', updatedDateField: 'modifiedDate', createdDateField: 'createdDate', createdCheckTolerance: 1, filterByUpdatedDate: true, pollDelay: 0 };

export type PollTargets = { ok: true; targets: PollTarget[] } | { ok: false; message: string };

/** The resources a poll of the instance reads. */
export function pollTargets(settings: Pick<EventSettings, 'pollerConfiguration' | 'pollerUrls'>, hub: string, hubResources: readonly string[]): PollTargets {
  if (settings.pollerConfiguration !== undefined) {
    const read = readPollerConfiguration(settings.pollerConfiguration);
    if (!read.ok) return { ok: false, message: read.message };
    return {
      ok: true,
      targets: read.resources.map((resource) => ({
        name: resource.name,
        url: resource.url.trim(),
        idField: resource.idField ?? DEFAULTS.idField,
        updatedDateField: resource.dates.updatedDateField ?? DEFAULTS.updatedDateField,
        ...(resource.dates.updatedDateFormat !== undefined && { updatedDateFormat: resource.dates.updatedDateFormat }),
        createdDateField: resource.dates.createdDateField ?? DEFAULTS.createdDateField,
        ...(resource.dates.createdDateFormat !== undefined && { createdDateFormat: resource.dates.createdDateFormat }),
        createdCheckTolerance: resource.createdCheckTolerance ?? DEFAULTS.createdCheckTolerance,
        filterByUpdatedDate: resource.filterByUpdatedDate,
        pollDelay: resource.pollDelay,
        ...(resource.pageSize !== undefined && { pageSize: resource.pageSize }),
      })),
    };
  }
  if (settings.pollerUrls !== undefined) {
    const targets: PollTarget[] = [];
    for (const line of parseLegacyPollerUrls(settings.pollerUrls)) {
      if (line.kind === 'names') {
        for (const field of line.fields) {
          const name = field.text.trim();
          if (name !== '') targets.push({ ...DEFAULTS, name, url: `/hubs/${hub}/${name}` });
        }
        continue;
      }
      const [name, url, , updatedField, updatedFormat, , createdField, createdFormat] = line.fields.map((field) => field.text.trim());
      if (!name || !url) continue;
      targets.push({
        ...DEFAULTS,
        name,
        url,
        ...(updatedField && { updatedDateField: updatedField }),
        ...(updatedFormat && { updatedDateFormat: updatedFormat }),
        ...(createdField && { createdDateField: createdField }),
        ...(createdFormat && { createdDateFormat: createdFormat }),
      });
    }
    return { ok: true, targets };
  }
  return { ok: true, targets: hubResources.map((name) => ({ ...DEFAULTS, name, url: `/hubs/${hub}/${name}` })) };
}

/** A JSON path such as `id` or `_info.lastUpdated` in a record. */
export function fieldAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * A record's date as epoch milliseconds: a number (or digits) for `milliseconds`, else the text
 * as JavaScript reads a date (ISO 8601 and RFC 2822): the emulator's hub records are ISO 8601, and
 * it does not model every Java pattern's reading.
 */
export function dateValue(value: unknown, format: string | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (format === 'milliseconds' || /^\d{10,}$/.test(value.trim())) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
