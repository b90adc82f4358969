/**
 * What an instance's configuration says about its events (the keys of src/core/events/keys.ts,
 * devportal _includes/events/polling-parameters.md L8-17), and which elements have events at all.
 */
import { CALLBACK_URL, EVENTS_ENABLED, isOn, POLLER_CONFIGURATION, POLLER_URLS, REFRESH_INTERVAL, SIGNATURE_KEY, VENDOR_TYPE } from '../../core/events';
import type { StoredInstance } from '../stores/instances';

/**
 * Elements whose documentation says they have no events: Xero, "Events | Not Supported"
 * (devportal _archive/xero/index.md L25). The other elements' pages document polling, webhooks
 * or both; an element the docs say nothing about is taken as having events (the emulator's choice).
 */
export const ELEMENTS_WITHOUT_EVENTS: ReadonlySet<string> = new Set(['xero']);

/**
 * Elements whose pages document polling only (the notes' first-sentence scan of every
 * docs/elements/<key>/events.md): their events come from polls when `event.vendor.type` is unset.
 */
const POLLING_ONLY: ReadonlySet<string> = new Set([
  'actessentials', 'adobe-sign', 'bullhorn', 'concur', 'epages', 'etsy', 'oraclesalescloud', 'sagelive', 'sageone', 'sageoneus', 'volusion', 'quickbooksonprem', 'intacct',
]);

/** The refresh interval when the instance has none: "15" in every platform response (devportal docs/elements/box/authenticate.md L228-247). */
export const DEFAULT_REFRESH_MINUTES = 15;

export interface EventSettings {
  /** `polling`: the instance is polled; `webhook`: hub changes are delivered at once. */
  mode: 'polling' | 'webhook';
  callbackUrl: string;
  /** Undefined when unset or empty: deliveries are then not signed. */
  signatureKey?: string;
  refreshMinutes: number;
  pollerConfiguration?: string;
  pollerUrls?: string;
}

const text = (value: string | null | undefined) => (value === null || value === undefined || value.trim() === '' ? undefined : value);

/** The instance's event settings when it emits events (enabled, a callback URL, an element with events); else undefined. */
export function eventSettings(instance: StoredInstance): EventSettings | undefined {
  const configuration = instance.configuration;
  if (!isOn(configuration[EVENTS_ENABLED])) return undefined;
  if (ELEMENTS_WITHOUT_EVENTS.has(instance.element.key)) return undefined;
  const callbackUrl = text(configuration[CALLBACK_URL]);
  if (callbackUrl === undefined) return undefined;
  return { ...deliverySettings(instance), callbackUrl, ...pollingSettings(instance) };
}

/** How the instance polls, whether or not its events are on. */
export function pollingSettings(instance: StoredInstance): Pick<EventSettings, 'mode' | 'refreshMinutes' | 'pollerConfiguration' | 'pollerUrls'> {
  const configuration = instance.configuration;
  const vendor = text(configuration[VENDOR_TYPE])?.trim().toLowerCase();
  const mode = vendor === 'polling' || (vendor === undefined && POLLING_ONLY.has(instance.element.key)) ? 'polling' : 'webhook';
  const interval = Number(text(configuration[REFRESH_INTERVAL]) ?? DEFAULT_REFRESH_MINUTES);
  const pollerConfiguration = text(configuration[POLLER_CONFIGURATION]);
  const pollerUrls = text(configuration[POLLER_URLS]);
  return {
    mode,
    refreshMinutes: Number.isFinite(interval) && interval > 0 ? interval : DEFAULT_REFRESH_MINUTES,
    ...(pollerConfiguration !== undefined && pollerConfiguration.trim() !== '{}' && { pollerConfiguration }),
    ...(pollerUrls !== undefined && { pollerUrls }),
  };
}

/** The signature key (an empty one signs nothing: churros provisions `'event.notification.signature.key': ''`). */
export function deliverySettings(instance: StoredInstance): { signatureKey?: string } {
  const key = instance.configuration[SIGNATURE_KEY];
  return key === null || key === undefined || key === '' ? {} : { signatureKey: key };
}

/** The instance's own callback URL, set or not (asynchronous requests fall back to it). */
export function instanceCallbackUrl(instance: StoredInstance): string | undefined {
  return text(instance.configuration[CALLBACK_URL]);
}
