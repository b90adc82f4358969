/** Typed client for the Cloud Elements api-v2 calls the toolkit makes. */
import { normalizeBaseUrl } from './environments';
import { ApiError } from './errors';
import { maskedEntries, MASKED_VALUE } from './masked';
import { collectPages, DEFAULT_PAGE_SIZE, NEXT_PAGE_HEADER, pageThrough, type Page } from './paging';
import type { RequestLogEntry } from '../http/attempts';
import { sleep, type Sleep } from '../http/sleep';
import type { ApiRequest, Credentials } from './request';
import { HttpTransport } from './transport';
import type {
  CreateInstanceRequest,
  ElementSummary,
  Instance,
  OAuthQuery,
  OAuthTokenResponse,
  OAuthUrlResponse,
  PingResponse,
  UpdateInstanceRequest,
} from './types';

export type { RequestLogEntry } from '../http/attempts';
export type { Sleep } from '../http/sleep';
export type { Credentials } from './request';

export interface CloudElementsClientOptions {
  /** e.g. https://api.cloud-elements.com/elements/api-v2 (see environments.ts); validated, trailing slash trimmed. */
  baseUrl: string;
  /** Needed by every call except the OAuth ones. */
  credentials?: Credentials;
  /** Per attempt. Default 30 000. */
  timeoutMs?: number;
  /**
   * Extra attempts for GET, PUT and DELETE on 429/502/503/504 and network errors. Default 2.
   * Never for `POST /instances` or `PUT …?reAuthenticate=true`; a `Retry-After` is honoured
   * up to `timeoutMs`.
   */
  retries?: number;
  fetch?: typeof globalThis.fetch;
  /** One entry per attempt; URLs are redacted and no entry holds a secret. */
  log?: (entry: RequestLogEntry) => void;
  /** Waits between retries; injectable so tests don't wait. */
  sleep?: Sleep;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface PageOptions {
  pageSize?: number;
  signal?: AbortSignal;
}

type Id = string | number;

/**
 * Never sends a mask back: `"********"` is what Cloud Elements shows instead of a secret, and a
 * write carrying it would replace the real secret with it. Refused before sending (definitive).
 */
function refuseMasks(method: string, path: string, body: unknown): void {
  const masked = maskedEntries(body);
  if (masked.length === 0) return;
  throw new ApiError(
    `${method} ${path} was not sent: ${masked.join(', ')} ${masked.length > 1 ? 'hold a mask' : 'holds a mask'} (Cloud Elements shows a secret as "${MASKED_VALUE}"), not the secret itself; sent back, it would replace the real secret. Give the real value, or leave the entry out of an update.`,
    { kind: 'invalid-request', method, path, definitive: true },
  );
}

const segment = (value: Id): string => encodeURIComponent(String(value));

export class CloudElementsClient {
  private readonly transport: HttpTransport;

  constructor(options: CloudElementsClientOptions) {
    this.transport = new HttpTransport({
      baseUrl: normalizeBaseUrl(options.baseUrl),
      credentials: options.credentials,
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 2,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      log: options.log,
      sleep: options.sleep ?? sleep,
      random: options.random ?? Math.random,
    });
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  // ── Elements ────────────────────────────────────────────────────────────

  /** `GET /elements`, every page. */
  listElements(signal?: AbortSignal): Promise<ElementSummary[]> {
    return collectPages(this.pages<ElementSummary>('/elements', { signal }));
  }

  /** `GET /elements/{keyOrId}`. */
  async getElement(keyOrId: Id, signal?: AbortSignal): Promise<ElementSummary> {
    return this.json<ElementSummary>({ method: 'GET', path: `/elements/${segment(keyOrId)}`, auth: 'account', signal }, [
      'key',
    ]);
  }

  /** `GET /elements/{keyOrId}/oauth/token`: the OAuth 1 request token. Sent without Authorization. */
  async getOAuthToken(keyOrId: Id, params: OAuthQuery, signal?: AbortSignal): Promise<OAuthTokenResponse> {
    return this.json<OAuthTokenResponse>(
      { method: 'GET', path: `/elements/${segment(keyOrId)}/oauth/token`, query: params, auth: 'none', signal },
      ['token', 'secret'],
    );
  }

  /** `GET /elements/{keyOrId}/oauth/url`: the provider's authorization URL. Sent without Authorization. */
  async getOAuthUrl(keyOrId: Id, params: OAuthQuery, signal?: AbortSignal): Promise<OAuthUrlResponse> {
    return this.json<OAuthUrlResponse>(
      { method: 'GET', path: `/elements/${segment(keyOrId)}/oauth/url`, query: params, auth: 'none', signal },
      ['oauthUrl'],
    );
  }

  // ── Instances ───────────────────────────────────────────────────────────

  /** `POST /instances`. Never retried: a blind retry could create a second instance. */
  async createInstance(body: CreateInstanceRequest, signal?: AbortSignal): Promise<Instance> {
    refuseMasks('POST', '/instances', body);
    return this.json<Instance>({ method: 'POST', path: '/instances', body, auth: 'account', signal }, ['id']);
  }

  /** `GET /instances`, every page. */
  listInstances(signal?: AbortSignal): Promise<Instance[]> {
    return collectPages(this.instancePages({ signal }));
  }

  /** `GET /instances` one page at a time. */
  instancePages(options: PageOptions = {}): AsyncGenerator<Instance[], void, undefined> {
    return this.pages<Instance>('/instances', options);
  }

  getInstance(id: Id, signal?: AbortSignal): Promise<Instance> {
    return this.json<Instance>({ method: 'GET', path: `/instances/${segment(id)}`, auth: 'account', signal }, ['id']);
  }

  /** `PATCH /instances/{id}` (not retried). */
  async updateInstance(id: Id, patch: UpdateInstanceRequest, signal?: AbortSignal): Promise<Instance> {
    refuseMasks('PATCH', `/instances/${segment(id)}`, patch);
    return this.json<Instance>(
      { method: 'PATCH', path: `/instances/${segment(id)}`, body: patch, auth: 'account', signal },
      ['id'],
    );
  }

  async deleteInstance(id: Id, signal?: AbortSignal): Promise<void> {
    await this.transport.send({ method: 'DELETE', path: `/instances/${segment(id)}`, auth: 'account', expect: 'ignore', signal });
  }

  /**
   * `PUT /instances/{id}?reAuthenticate=true` with a full instance body (new providerData).
   * Never retried: the body's OAuth code is single use, so a retry of a request whose answer
   * was lost would be refused even though the first one worked.
   */
  async reauthenticateInstance(id: Id, body: CreateInstanceRequest, signal?: AbortSignal): Promise<Instance> {
    refuseMasks('PUT', `/instances/${segment(id)}`, body);
    return this.json<Instance>(
      {
        method: 'PUT',
        path: `/instances/${segment(id)}`,
        query: { reAuthenticate: 'true' },
        body,
        auth: 'account',
        retry: false,
        signal,
      },
      ['id'],
    );
  }

  /** `PUT /instances/{id}/enabled`. */
  async enableInstance(id: Id, signal?: AbortSignal): Promise<void> {
    await this.transport.send({
      method: 'PUT',
      path: `/instances/${segment(id)}/enabled`,
      auth: 'account',
      expect: 'ignore',
      signal,
    });
  }

  /** `DELETE /instances/{id}/enabled`. */
  async disableInstance(id: Id, signal?: AbortSignal): Promise<void> {
    await this.transport.send({
      method: 'DELETE',
      path: `/instances/${segment(id)}/enabled`,
      auth: 'account',
      expect: 'ignore',
      signal,
    });
  }

  // ── Hub calls ───────────────────────────────────────────────────────────

  /** `GET /hubs/{hub}/ping` on one instance (Authorization: User …, Organization …, Element <token>). */
  ping(hub: string, instanceToken: string, signal?: AbortSignal): Promise<PingResponse> {
    return this.json<PingResponse>(
      { method: 'GET', path: `/hubs/${segment(hub)}/ping`, auth: { elementToken: instanceToken }, signal },
      [],
    );
  }

  // ── Plumbing ────────────────────────────────────────────────────────────

  /** Sends a request whose answer must be a JSON object carrying `required` fields. */
  private async json<T>(request: Omit<ApiRequest, 'expect'>, required: string[]): Promise<T> {
    const { data, status } = await this.transport.send({ ...request, expect: 'json' });
    const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    const missing = record ? required.filter((key) => record[key] === undefined || record[key] === null) : required;
    if (!record || missing.length > 0) {
      const what = record ? `without ${missing.join(', ')}` : 'that is not a JSON object';
      throw new ApiError(`${request.method} ${request.path}: the server answered HTTP ${status} with a response ${what}.`, {
        kind: 'invalid-response',
        method: request.method,
        path: request.path,
        status,
      });
    }
    return data as T;
  }

  private pages<T>(path: string, options: PageOptions): AsyncGenerator<T[], void, undefined> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    return pageThrough<T>({ method: 'GET', path }, async (token): Promise<Page<T>> => {
      const { data, headers, status } = await this.transport.send({
        method: 'GET',
        path,
        query: { pageSize, nextPage: token },
        auth: 'account',
        expect: 'json',
        signal: options.signal,
      });
      if (!Array.isArray(data)) {
        throw new ApiError(`GET ${path}: the server answered HTTP ${status} with a response that is not a JSON list.`, {
          kind: 'invalid-response',
          method: 'GET',
          path,
          status,
        });
      }
      return { items: data as T[], next: headers.get(NEXT_PAGE_HEADER) ?? undefined };
    });
  }
}
