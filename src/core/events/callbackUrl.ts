/**
 * The event callback URL (`event.notification.callback.url`): where the platform posts each event
 * to "your application's URL … such as https://mycoolapp.com/callback" (cloud-elements/devportal
 * docs/guides/event-management/index.md L30).
 */

export type CallbackUrlKind =
  /** https to any host. */
  | 'https'
  /** http to this machine (localhost, 127.0.0.0/8, ::1): what a local receiver and the emulator use. */
  | 'loopback'
  /** http to another host: the events and their signatures would cross the network in the clear. */
  | 'insecure'
  /**
   * The platform's own inbound URL for provider webhooks, `…/elements/api-v2/events/{elementKey}`:
   * element pages put it in this key (docs/elements/quickbooksonline/events.md L114, L148, L194;
   * _elementTemplate/setup-oauth2.md L66, "Record the Webhook URL which you will use … as the
   * Event Notification Callback URL"), so events would go back to the platform, not to the app.
   */
  | 'inbound'
  /** Not an http(s) URL (the url rule says why). */
  | 'not-a-url';

/** `/elements/api-v2/events/<key>`, with or without a trailing slash. */
const INBOUND_PATH = /\/elements\/api-v2\/events\/[^/]+\/?$/i;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function classifyCallbackUrl(text: string): CallbackUrlKind {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'not-a-url';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return 'not-a-url';
  if (INBOUND_PATH.test(url.pathname)) return 'inbound';
  if (url.protocol === 'https:') return 'https';
  return isLoopbackHost(url.hostname) ? 'loopback' : 'insecure';
}
