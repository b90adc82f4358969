/**
 * Wire shapes of Cloud Elements api-v2 as the documentation shows them. The API client
 * parses into these and the local emulator answers with them.
 */

/** Body of every error response. */
export interface ApiErrorBody {
  message: string;
  requestId: string;
  /** The provider's own message when the provider refused (e.g. a bad OAuth code). */
  providerMessage?: string;
}

/** `GET /elements/{keyOrId}/oauth/token` (OAuth 1 request token). */
export interface OAuthTokenResponse {
  token: string;
  secret: string;
}

/** `GET /elements/{keyOrId}/oauth/url`. */
export interface OAuthUrlResponse {
  oauthUrl: string;
  element: string;
}

/** An element as `GET /elements` and instance responses describe it. */
export interface ElementSummary {
  id: number;
  name: string;
  key: string;
  description?: string;
  image?: string;
  active: boolean;
  deleted: boolean;
  typeOauth: boolean;
  trialAccount: boolean;
  authentication?: { type: string };
  hub?: string;
}

/** An instance as `POST /instances` and `GET /instances` return it. */
export interface Instance {
  id: number;
  name: string;
  /** The instance token: a secret, kept in the keychain, never logged. */
  token: string;
  element: ElementSummary;
  provisionInteractions: unknown[];
  valid: boolean;
  disabled: boolean;
  maxCacheSize: number;
  cacheTimeToLive: number;
  configuration?: Record<string, string | null>;
  eventsEnabled: boolean;
  cachingEnabled: boolean;
  traceLoggingEnabled?: boolean;
  externalAuthentication?: string;
  tags?: string[];
  createdDate?: string;
}

/** The `POST /instances` / instance.json body. */
export interface CreateInstanceRequest {
  element: { key: string } | { id: number };
  name: string;
  configuration: Record<string, string>;
  providerData?: Record<string, string>;
  tags?: string[];
  externalAuthentication?: 'initial' | 'none';
}

/** `PATCH /instances/{id}`: the fields that may change without re-authorizing. */
export interface UpdateInstanceRequest {
  name?: string;
  tags?: string[];
  disabled?: boolean;
  configuration?: Record<string, string>;
}

/** `GET /hubs/{hub}/ping`: the instance answers when its token and provider connection work. */
export interface PingResponse {
  dateTime?: string;
  endpoint?: string;
  [key: string]: unknown;
}

/** Query parameters of the OAuth calls (`apiKey`, `apiSecret`, `callbackUrl`, `state`, extras), in sending order. */
export type OAuthQuery = Record<string, string>;
