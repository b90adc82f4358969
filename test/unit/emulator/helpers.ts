/** Shared helpers for the emulator tests: an API client over fetch and a scripted browser. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { StoredInstance } from '../../../src/emulator/stores/instances';
import { startEmulator } from '../../../src/emulator/server';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/server';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export function accountAuth(emulator: RunningEmulator): string {
  return `User ${emulator.userSecret}, Organization ${emulator.orgSecret}`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** A raw body string sent as is. */
  rawBody?: string;
  /** Account auth unless false or an explicit header value. */
  auth?: boolean | string;
}

/** Calls the API (`path` relative to the API base URL) and parses JSON when there is a body. */
export async function api<T = unknown>(emulator: RunningEmulator, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const auth = options.auth ?? true;
  if (auth !== false) headers.Authorization = auth === true ? accountAuth(emulator) : auth;
  const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  const response = await fetch(`${emulator.apiBaseUrl}${path}`, {
    method: options.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  let json: unknown = undefined;
  if (text !== '' && response.headers.get('content-type')?.includes('application/json')) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json: json as T };
}

export function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export interface AuthorizePageResult {
  html: string;
  /** The Location the browser is sent to after the decision. */
  location: string;
}

/** Opens the oauthUrl like a browser, checks the page, clicks Allow or Deny, returns where it redirects. */
export async function decide(oauthUrl: string, decision: 'allow' | 'deny'): Promise<AuthorizePageResult> {
  const page = await fetch(oauthUrl);
  const html = await page.text();
  assert.equal(page.status, 200, html);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(html, /<button id="allow"[^>]*>Allow<\/button>/);
  assert.match(html, /<button id="deny"[^>]*>Deny<\/button>/);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const handle = /name="request" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(action && handle, 'the page has a decision form');
  const response = await fetch(new URL(action, oauthUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: handle, decision }).toString(),
    redirect: 'manual',
  });
  assert.equal(response.status, 302);
  const location = response.headers.get('location');
  assert.ok(location, 'the decision redirects');
  return { html, location };
}

/** The query parameters of a callback URL (works for custom schemes too). */
export function callbackParams(location: string): URLSearchParams {
  return new URL(location).searchParams;
}

/** A complete QuickBooks Online token-based (quick provision) body: no browser step needed. */
export function quickbooksTokenBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    element: { key: 'quickbooks' },
    configuration: {
      'oauth.callback.url': 'https://www.mycoolapp.com/auth',
      'quickbooks.datasource': 'QBO',
      'quickbooks.realm.id': '123',
      'oauth.user.token': 't',
      'oauth.user.token.secret': 'ts',
      'oauth.api.key': 'k',
      'oauth.api.secret': 's',
    },
    name,
    externalAuthentication: 'initial' as const,
    ...extra,
  };
}

// ── Admin endpoints (src/emulator/README.md) ────────────────────────────────

/** A stored record as `GET /__admin/instances` returns it (configuration values as sent: strings). */
export type StoredRecord = Omit<StoredInstance, 'configuration'> & { configuration: Record<string, string> };

export async function resetEmulator(emulator: RunningEmulator): Promise<void> {
  await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
}

/**
 * The hooks of a suite that runs the extension against the emulator: one emulator for the suite;
 * before each test the emulator reset and the extension mounted afresh (handed to `use`), disposed
 * after it. A test that needs another mount (signed out, say) calls `remount`, which disposes the
 * current one first and hands the new one to `use`.
 */
export function mountForEachTest<Mounted extends { dispose(): void }>(
  emulatorOptions: EmulatorOptions,
  mount: (emulator: RunningEmulator) => Promise<Mounted>,
  use: (emulator: RunningEmulator, mounted: Mounted) => void,
): { remount(mountAgain: (emulator: RunningEmulator) => Promise<Mounted>): Promise<void> } {
  let emulator: RunningEmulator;
  let mounted: Mounted | undefined;
  const mountWith = async (mountNow: (emulator: RunningEmulator) => Promise<Mounted>): Promise<void> => {
    mounted?.dispose();
    mounted = await mountNow(emulator);
    use(emulator, mounted);
  };
  before(async () => {
    emulator = await startEmulator(emulatorOptions);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    await mountWith(mount);
  });
  afterEach(() => {
    mounted?.dispose();
    mounted = undefined;
  });
  return { remount: mountWith };
}

export async function addFault(emulator: RunningEmulator, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 201) throw new Error(`fault not added: ${response.status}`);
}

export async function clearFaults(emulator: RunningEmulator): Promise<void> {
  await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' });
}

/** The full stored records, including providerData. */
export async function storedInstances(emulator: RunningEmulator): Promise<StoredRecord[]> {
  return (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredRecord[];
}

// ── Raw HTTP (headers fetch would not send: Host, Origin, Sec-Fetch-Site) ─────

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Path and query, sent as is. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request over node:http with exactly the given headers (plus Host unless given). */
export function rawRequest(emulator: RunningEmulator, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: hostname, port, method: request.method ?? 'GET', path: request.path, headers: request.headers ?? {}, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
