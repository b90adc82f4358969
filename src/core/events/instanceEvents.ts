/**
 * The event configuration a new instance is given (issue 22 item 1): the keys of keys.ts with
 * the values the wizard or a template chose. The signature key is the caller's: a generated value
 * at provisioning, a `${keychain:…}` reference in a file.
 */
import type { EventMethod, EventSupport } from '../catalog/eventSupport';
import { CALLBACK_URL, EVENTS_ENABLED, POLLER_CONFIGURATION, POLLER_URLS, REFRESH_INTERVAL, SIGNATURE_KEY, VENDOR_TYPE } from './keys';
import { generatePollerConfiguration } from './pollerConfiguration';

export interface EventChoices {
  method: EventMethod;
  /** Minutes between polls (polling only). */
  refreshMinutes?: number;
  /** Resources to poll (polling only). */
  resources?: readonly string[];
  callbackUrl: string;
  signatureKey: string;
}

/** The configuration entries for events on an instance of an element of `hub` with `support`. */
export function eventConfiguration(hub: string, support: Pick<EventSupport, 'poller'>, choices: EventChoices): Record<string, string> {
  const configuration: Record<string, string> = {
    [EVENTS_ENABLED]: 'true',
    [VENDOR_TYPE]: choices.method,
    [CALLBACK_URL]: choices.callbackUrl,
    [SIGNATURE_KEY]: choices.signatureKey,
  };
  if (choices.method !== 'polling') return configuration;
  const minutes = choices.refreshMinutes ?? 15;
  if (!Number.isInteger(minutes) || minutes < 1) throw new RangeError('The refresh interval is a whole number of minutes, 1 or more');
  configuration[REFRESH_INTERVAL] = String(minutes);
  const resources = choices.resources ?? [];
  if (resources.length > 0) {
    if (support.poller === 'legacy') configuration[POLLER_URLS] = resources.join('|');
    // No where clause: "Cloud Elements will check the response … and look for records updated after the last polling time" (devportal docs/guides/elements/events.md L206-209).
    else configuration[POLLER_CONFIGURATION] = generatePollerConfiguration(resources.map((name) => ({ name, path: `/hubs/${hub}/${name}` })));
  }
  return configuration;
}

/** A refresh interval typed in: a whole number of minutes from 1 to 1440, else why not. */
export function refreshIntervalProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'A whole number of minutes, e.g. 15.';
  const minutes = Number(trimmed);
  return minutes < 1 || minutes > 1440 ? 'Between 1 and 1440 minutes (a day).' : undefined;
}
