/**
 * Redirects from the API are never followed. A request to api-v2 carries the account's secrets
 * in its Authorization header and often more in its body (an app secret, an OAuth code, a
 * token); a `307 Location: http://elsewhere/…` would have fetch send the body again to that
 * host, and a 301/302/303 would turn a write into a GET of something else. The API client and
 * the console both send with `redirect: 'manual'` and make any 3xx an error that names the
 * Location it refused.
 */
import { redactText, redactUrl } from '../redact';
import { plainText } from './plainText';

const MAX_LOCATION_LENGTH = 200;

/** A 3xx answer: with `redirect: 'manual'`, fetch hands it over instead of following it. */
export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** The Location as a message shows it: absolute, without credentials or secret values, one short plain line. */
function shownLocation(location: string, requestUrl: string, secrets: Iterable<string>): { text: string; host?: string } {
  let absolute: URL | undefined;
  try {
    absolute = new URL(location, requestUrl);
  } catch {
    absolute = undefined;
  }
  const flat = plainText(redactText(redactUrl(absolute?.href ?? location), secrets).replace(/[\p{Cc}\s]+/gu, ' ').trim());
  const text = flat.length > MAX_LOCATION_LENGTH ? `${flat.slice(0, MAX_LOCATION_LENGTH - 1)}…` : flat;
  return { text, ...(absolute && { host: absolute.hostname }) };
}

/**
 * Why a redirect was refused, for `where` (`POST /instances`) answered with `label`
 * (`HTTP 307 Temporary Redirect`). `baseUrl` is the configured API; `secrets` are kept out.
 */
export function redirectRefusal(where: string, label: string, location: string | null, requestUrl: string, baseUrl: string, secrets: Iterable<string>): string {
  const policy = 'The toolkit does not follow redirects from the API: requests carry your secrets, so they go only to the configured base URL.';
  if (location === null || location.trim() === '') return `${where} was answered with a redirect (${label}) without a Location. ${policy}`;
  const shown = shownLocation(location.trim(), requestUrl, secrets);
  let baseHost: string | undefined;
  try {
    baseHost = new URL(baseUrl).hostname;
  } catch {
    baseHost = undefined;
  }
  const advice =
    shown.host !== undefined && shown.host === baseHost
      ? ' If the API has moved to that address, change the base URL to it.'
      : ' Check the base URL.';
  return `${where} was redirected (${label}) to ${shown.text}, which was not followed. ${policy}${advice}`;
}
