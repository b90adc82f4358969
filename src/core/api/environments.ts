/**
 * The hosts the toolkit can talk to — Cloud Elements, and SAP Open Connectors, which Cloud
 * Elements became (same api-v2) — and validation of a user-given base URL.
 */

export type EnvironmentId = 'production' | 'eu' | 'staging' | 'openconnectors' | 'local' | 'custom';

export interface Environment {
  id: EnvironmentId;
  label: string;
  /** Undefined for `custom`, whose base URL the user gives. */
  baseUrl?: string;
  description: string;
  /** One more line for the environment picker. */
  hint?: string;
}

/** Any other SAP Open Connectors region works as a custom base URL of this form. */
export const OPEN_CONNECTORS_URL_PATTERN = 'https://api.openconnectors.<region>.ext.hana.ondemand.com/elements/api-v2';

export const LOCAL_EMULATOR_PORT = 8787;
/** Where `npm run emulator` listens; the `local` environment's address unless a setting says otherwise. */
export const LOCAL_EMULATOR_DEFAULT_ADDRESS = `127.0.0.1:${LOCAL_EMULATOR_PORT}`;
const API_PATH = '/elements/api-v2';

export const ENVIRONMENTS: readonly Environment[] = [
  {
    id: 'production',
    label: 'Production (US)',
    baseUrl: 'https://api.cloud-elements.com/elements/api-v2',
    description: 'api.cloud-elements.com',
  },
  {
    id: 'eu',
    label: 'Production (EU)',
    baseUrl: 'https://api.cloud-elements.co.uk/elements/api-v2',
    description: 'api.cloud-elements.co.uk',
  },
  {
    id: 'staging',
    label: 'Staging',
    baseUrl: 'https://staging.cloud-elements.com/elements/api-v2',
    description: 'staging.cloud-elements.com',
  },
  {
    id: 'openconnectors',
    label: 'SAP Open Connectors (US2)',
    baseUrl: 'https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2',
    description: 'api.openconnectors.us2.ext.hana.ondemand.com',
    hint: 'Cloud Elements is now SAP Open Connectors (elements are "connectors" there); same api-v2.',
  },
  {
    id: 'local',
    label: 'Local emulator',
    // The default; `localEmulatorAddress` (the setting) may put it elsewhere.
    baseUrl: `http://${LOCAL_EMULATOR_DEFAULT_ADDRESS}${API_PATH}`,
    description: `The toolkit's emulator (npm run emulator)`,
  },
  {
    id: 'custom',
    label: 'Custom base URL',
    description: 'Any api-v2 base URL, e.g. https://example.com/elements/api-v2',
    hint: `Other SAP Open Connectors regions: ${OPEN_CONNECTORS_URL_PATTERN}`,
  },
];

export const DEFAULT_ENVIRONMENT: EnvironmentId = 'production';

export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return ENVIRONMENTS.some((environment) => environment.id === value);
}

export function getEnvironment(id: EnvironmentId): Environment {
  const environment = ENVIRONMENTS.find((candidate) => candidate.id === id);
  if (!environment) throw new Error(`Unknown Cloud Elements environment "${String(id)}".`);
  return environment;
}

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks a user-given base URL: http(s) only, no credentials, query or fragment; trailing
 * slashes trimmed. Returns a message fit for an input box when it is not acceptable.
 */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a base URL such as https://api.cloud-elements.com/elements/api-v2.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a URL: enter an address such as https://api.cloud-elements.com/elements/api-v2.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `The base URL must start with https:// or http:// (got ${url.protocol}).` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'The base URL must not contain a user name or password; secrets are stored separately.' };
  }
  if (trimmed.includes('?')) return { ok: false, message: 'The base URL must not contain a query string (?…).' };
  if (trimmed.includes('#')) return { ok: false, message: 'The base URL must not contain a fragment (#…).' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * A base URL (as checkBaseUrl returns it) whose path is not api-v2's: what is expected, and the
 * URL with `/elements/api-v2` appended. Not a refusal — a proxy may serve api-v2 elsewhere — but
 * Cloud Elements and SAP Open Connectors serve it there, and without it every call is a 404.
 */
export function missingApiPath(url: string): { message: string; withPath: string } | undefined {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (path.endsWith(API_PATH)) return undefined;
  const withPath = `${url.replace(/\/+$/, '')}${API_PATH}`;
  return { message: `${url} does not end with ${API_PATH}, where Cloud Elements serves api-v2 (e.g. ${withPath}).`, withPath };
}

export class InvalidBaseUrlError extends Error {
  override readonly name = 'InvalidBaseUrlError';
}

/** {@link checkBaseUrl} that throws an {@link InvalidBaseUrlError} instead of returning a message. */
export function normalizeBaseUrl(text: string): string {
  const check = checkBaseUrl(text);
  if (!check.ok) throw new InvalidBaseUrlError(check.message);
  return check.url;
}

/**
 * The api-v2 base URL of the local emulator at `address`: `host:port` as the emulator prints it
 * (`127.0.0.2:8787`, `[::1]:8787`), a bare host (port 8787), or its URL with or without the
 * `/elements/api-v2` path. Empty: the default address. Throws an InvalidBaseUrlError otherwise.
 */
export function localEmulatorBaseUrl(address = ''): string {
  const trimmed = address.trim() || LOCAL_EMULATOR_DEFAULT_ADDRESS;
  const refuse = (): never => {
    throw new InvalidBaseUrlError(`"${trimmed}" is not an address of the local emulator: give host:port, e.g. ${LOCAL_EMULATOR_DEFAULT_ADDRESS}.`);
  };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
  } catch {
    return refuse();
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || /[?#]/.test(trimmed) || (path !== '' && path !== API_PATH)) refuse();
  // A bare host gets the emulator's port; a URL (or an explicit :80, which new URL() drops) keeps its scheme's.
  const authority = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!;
  const port = url.port || (hasScheme || /:\d+$/.test(authority) ? '' : String(LOCAL_EMULATOR_PORT));
  return `${url.protocol}//${url.hostname}${port ? `:${port}` : ''}${API_PATH}`;
}

/** What resolveBaseUrl needs from the settings. */
export interface BaseUrlSettings {
  /** For `custom`; validated. */
  customBaseUrl?: string;
  /** For `local` (`cloudElements.localEmulatorAddress`); see localEmulatorBaseUrl. */
  localEmulatorAddress?: string;
}

/** The base URL of an environment; `custom` needs a custom URL, `local` may have its own address. Both are validated. */
export function resolveBaseUrl(id: EnvironmentId, settings: string | BaseUrlSettings = {}): string {
  const { customBaseUrl: customUrl, localEmulatorAddress } = typeof settings === 'string' ? { customBaseUrl: settings } : settings;
  if (id === 'local') return localEmulatorBaseUrl(localEmulatorAddress);
  if (id === 'custom') {
    if (customUrl === undefined || customUrl.trim() === '') {
      throw new InvalidBaseUrlError('The custom environment needs a base URL, e.g. https://example.com/elements/api-v2.');
    }
    return normalizeBaseUrl(customUrl);
  }
  const { baseUrl } = getEnvironment(id);
  if (baseUrl === undefined) throw new Error(`Environment "${id}" has no base URL.`);
  return baseUrl;
}
