/**
 * A change made through an instance's hub resources (`/hubs/{hub}/{resource}`), which the console's
 * record handlers report and the events group turns into an event (issue 22 item 3). A type the
 * two groups share, so neither imports the other.
 */
import type { StoredInstance } from '../stores/instances';

export type HubEventType = 'CREATED' | 'UPDATED' | 'DELETED';

export interface HubChange {
  instance: StoredInstance;
  hub: string;
  resource: string;
  objectId: string;
  eventType: HubEventType;
  /** The record after the change (before it, for a delete). */
  record: Readonly<Record<string, unknown>>;
}

export type HubChangeListener = (change: HubChange) => void;
