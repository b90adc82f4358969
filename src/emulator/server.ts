/**
 * `startEmulator`: a local Cloud Elements api-v2 with fake OAuth providers, on node:http. This is
 * where the emulator is put together: the stores are made once, and each route group is built
 * with the stores it uses (`createRouters`), as VS Code's github-authentication tells each flow
 * only what it needs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog as defaultCatalog, type Catalog } from '../core/catalog';
import { addressPolicy } from './base/addresses';
import type { AccountSecrets } from './base/auth';
import { newAccountSecret } from './base/random';
import { docsRoutes } from './console/docsHandlers';
import { HubRecords } from './console/hubRecords';
import { recordRoutes } from './console/records';
import { createDispatcher, type Routers } from './dispatch';
import { DEFAULT_DELIVERY_TIMEOUT_MS, Deliverer } from './events/deliverer';
import { EventEmitter } from './events/emitter';
import { eventRoutes, withAsyncRequests } from './events/eventRoutes';
import { EventStore } from './events/eventStore';
import { Poller } from './events/poller';
import { resourcesOf } from './console/hubModel';
import type { Handler, RequestContext } from './base/context';
import { ApiError } from './base/http';
import { newRequestId } from './base/random';
import { hubOf } from './platform/instanceCalls';
import type { StoredInstance } from './stores/instances';
import { seedInstances } from './platform/seed';
import { adminRouter, type EmulatorState } from './routes/admin';
import { API_PREFIX, apiRouter } from './routes/api';
import { configurationRoutes } from './routes/configuration';
import { elementRoutes } from './routes/elements';
import { hubRoutes } from './routes/hubs';
import { instanceRoutes } from './routes/instances';
import { oauthRoutes } from './routes/oauth';
import { providerRouter } from './routes/provider';
import { AppRegistry, parseAppRegistration } from './stores/apps';
import { loadDataFile, saveDataFile } from './stores/dataFile';
import { ElementDirectory } from './stores/elements';
import { FaultRegistry } from './stores/faults';
import { OAuthGrants } from './stores/grants';
import { HubDirectory } from './stores/hubs';
import { InstanceStore, type StoreSnapshot } from './stores/instances';
import { RequestLog } from './stores/requestLog';

export interface EmulatorOptions {
  /** 0 = any free port (tests); the CLI default is 8787. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /**
   * More host names to answer to (e.g. a Docker service name). Requests whose Host header is
   * not one of the emulator's own names are refused (DNS rebinding).
   */
  allowedHosts?: string[];
  /** Default: random per start. */
  userSecret?: string;
  /** Default: random per start. */
  orgSecret?: string;
  /** If set, instances are loaded from / saved to this JSON file. */
  dataFile?: string;
  /** Pre-populate a few instances (when there are none yet). */
  seed?: boolean;
  /** Default: the project's catalog. */
  catalog?: Catalog;
  /** Added to every API response. */
  latencyMs?: number;
  /** One line per request, secrets redacted. */
  log?: (line: string) => void;
  /**
   * Provider apps registered at start, as with the real provider: `{element, clientId,
   * redirectUris, flow?, development?}` (stores/apps.ts). They stay registered through `POST /__admin/reset`.
   */
  apps?: readonly unknown[];
  /** How many milliseconds an emulated minute lasts, for event polling and delivery retries (default 60000: real time). */
  eventMinuteMs?: number;
  /** How long a delivery waits for the callback's answer (default 10000 ms). */
  deliveryTimeoutMs?: number;
}

export interface RunningEmulator {
  /** Origin, e.g. 'http://127.0.0.1:8787' (no trailing slash). */
  url: string;
  /** `${url}/elements/api-v2` */
  apiBaseUrl: string;
  userSecret: string;
  orgSecret: string;
  /** Closes the server and all keep-alive sockets promptly. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

function originOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Every store of a running emulator (and whether a reset brings the seed instances back). */
export interface EmulatorStores extends EmulatorState {
  hubs: HubDirectory;
  emitter: EventEmitter;
  records: HubRecords;
}

export const DEFAULT_EVENT_MINUTE_MS = 60_000;

/**
 * What a poll reads: a GET of a hub path (with query) on the instance, through the hub's own list
 * handler, as the platform's poller calls the instance's find API.
 */
function hubReader(list: Handler) {
  return async (instance: StoredInstance, pathAndQuery: string): Promise<{ status: number; body: string }> => {
    let url: URL;
    try {
      url = new URL(pathAndQuery, 'http://emulator.invalid');
    } catch {
      return { status: 400, body: '' };
    }
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const match = /^\/hubs\/([^/]+)\/([^/]+)\/?$/.exec(path);
    if (!match) return { status: 404, body: '' };
    const request: RequestContext = {
      method: 'GET',
      path: `${API_PREFIX}${path}`,
      query: url.searchParams,
      headers: { authorization: `Element ${instance.token}` },
      params: { hub: match[1]!, resource: match[2]! },
      requestId: newRequestId(),
      origin: 'http://emulator.invalid',
      remoteAddress: '127.0.0.1',
      body: () => Promise.resolve(''),
    };
    try {
      const reply = await list(request);
      return { status: reply.status, body: reply.body };
    } catch (error) {
      return { status: error instanceof ApiError ? error.status : 500, body: '' };
    }
  };
}

/** The routers, each route group built with the stores it uses and nothing else. */
export function createRouters(stores: EmulatorStores): Routers {
  const { elements, hubs, instances, grants, apps, emitter, records } = stores;
  const api = apiRouter({
    elements: elementRoutes(elements),
    oauth: oauthRoutes({ elements, grants, apps }),
    instances: instanceRoutes({ elements, instances, grants }),
    configuration: configurationRoutes({ elements, instances }),
    hubs: hubRoutes({ hubs, elements, instances }),
    docs: docsRoutes({ elements, instances }),
    records: withAsyncRequests(recordRoutes({ elements, instances, records, onChange: (change) => emitter.hubChanged(change) }), { instances, emitter }),
    events: eventRoutes({ elements, instances, events: stores.events, emitter }),
  });
  return { api, provider: providerRouter({ elements, grants, apps }), admin: adminRouter(stores) };
}

/** The start-time app registrations; a registration the provider would refuse stops the start. */
function startApps(apps: readonly unknown[], elements: ElementDirectory) {
  return apps.map((app, index) => {
    try {
      return parseAppRegistration(app, elements);
    } catch (error) {
      throw new Error(`apps[${index}]: ${(error as Error).message}`, { cause: error });
    }
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  const { dataFile } = options;
  // Read before anything else: a corrupt file stops the start instead of being overwritten.
  const saved = dataFile ? loadDataFile(dataFile) : undefined;

  const persist = (file: string) => (snapshot: StoreSnapshot) => {
    try {
      saveDataFile(file, snapshot);
    } catch (error) {
      options.log?.(`could not save the data file ${file}: ${(error as Error).message}`);
      throw error;
    }
  };
  const instances = new InstanceStore(dataFile ? persist(dataFile) : undefined);
  if (saved) instances.load(saved);
  const catalog = options.catalog ?? defaultCatalog;
  const elements = new ElementDirectory(catalog);
  const minuteMs = options.eventMinuteMs ?? DEFAULT_EVENT_MINUTE_MS;
  let port = options.port ?? 0;
  const events = new EventStore();
  const deliverer = new Deliverer({ store: events, minuteMs, timeoutMs: options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS, ownPort: () => port, ...(options.log && { log: options.log }) });
  const emitter = new EventEmitter({ store: events, deliverer, hubOf: (instance) => hubOf(elements, instance) });
  const records = new HubRecords();
  const poller = new Poller({
    instances,
    emitter,
    minuteMs,
    find: hubReader(recordRoutes({ elements, instances, records }).list),
    hubResources: (hub) => resourcesOf(hub).map((resource) => resource.name),
    ...(options.log && { log: options.log }),
  });
  const secrets: AccountSecrets = { user: options.userSecret ?? newAccountSecret(), organization: options.orgSecret ?? newAccountSecret() };
  const stores: EmulatorStores = {
    elements,
    hubs: new HubDirectory(catalog),
    instances,
    grants: new OAuthGrants(),
    apps: new AppRegistry(startApps(options.apps ?? [], elements)),
    faults: new FaultRegistry(),
    requests: new RequestLog(),
    seed: options.seed ?? false,
    events,
    deliverer,
    poller,
    emitter,
    records,
  };
  if (options.seed && instances.size === 0) {
    instances.replaceAll(seedInstances(elements));
  }

  let origin = originOf(host, port);
  const dispatch = createDispatcher({
    routers: createRouters(stores),
    secrets,
    faults: stores.faults,
    requests: stores.requests,
    latencyMs: options.latencyMs ?? 0,
    ...(options.log && { log: options.log }),
    origin: () => origin,
    addresses: addressPolicy(host, () => port, options.allowedHosts),
  });
  const server = createServer((request, response) => {
    // dispatch answers every error itself; this only guards against a broken socket.
    dispatch(request, response).catch(() => response.destroy());
  });
  await listen(server, options.port ?? 0, host);
  port = (server.address() as AddressInfo).port;
  origin = originOf(host, port);
  poller.start();

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    apiBaseUrl: `${origin}${API_PREFIX}`,
    userSecret: secrets.user,
    orgSecret: secrets.organization,
    close() {
      poller.stop();
      deliverer.cancelAll();
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
