/**
 * The instance configuration keys for events (cloud-elements/devportal at dad3573:
 * _includes/events/polling-parameters.md L8-17, _includes/events/webhook-parameters.md L8,
 * docs/guides/elements/config.md L28-46, docs/elements/quickbooksonline/events.md L255).
 */

export const EVENTS_ENABLED = 'event.notification.enabled';
export const CALLBACK_URL = 'event.notification.callback.url';
export const SIGNATURE_KEY = 'event.notification.signature.key';
export const VENDOR_TYPE = 'event.vendor.type';
export const REFRESH_INTERVAL = 'event.poller.refresh_interval';
export const POLLER_CONFIGURATION = 'event.poller.configuration';
export const POLLER_URLS = 'event.poller.urls';

/** What each key holds, as the docs' parameter tables say (the instance file's schema shows it on hover). */
export const EVENT_KEYS: Readonly<Record<string, string>> = {
  [EVENTS_ENABLED]: 'Events Enabled: "true" turns events on (default "false").',
  [VENDOR_TYPE]: 'Event Type: "polling" or "webhook" (the docs also write "webhooks"), when the element supports both.',
  [CALLBACK_URL]: "Event Notification Callback URL: your app's https URL, where the platform posts each event.",
  [SIGNATURE_KEY]:
    'Callback Notification Signature Key (optional): deliveries then carry Elements-Webhook-Signature: sha256=<base64 HMAC-SHA256 of the raw body>. A secret: keep it in the keychain (${keychain:…}).',
  [REFRESH_INTERVAL]: 'Event poller refresh interval: minutes between polls (polling only).',
  [POLLER_CONFIGURATION]:
    'Configure Polling: the JSON poller configuration, {"<resource>": {"url": "/hubs/…?where=…\'${gmtDate:…}\'", "idField": …, "datesConfiguration": {…}}}. Stored as a JSON string; the docs also send it as an object.',
  [POLLER_URLS]: 'Legacy poller configuration: resource names split by "|", or one resource|url… line per resource.',
};

/** Configuration keys whose value may be written as a JSON object (the docs' requests do; the platform stores a string). */
export const OBJECT_VALUED_KEYS: ReadonlySet<string> = new Set([POLLER_CONFIGURATION]);

/** Whether a flag value reads as on: true, or "true" in any case (Java's Boolean.parseBoolean). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
