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
}

/** The routers, each route group built with the stores it uses and nothing else. */
export function createRouters(stores: EmulatorStores): Routers {
  const { elements, hubs, instances, grants, apps } = stores;
  const api = apiRouter({
    elements: elementRoutes(elements),
    oauth: oauthRoutes({ elements, grants, apps }),
    instances: instanceRoutes({ elements, instances, grants }),
    configuration: configurationRoutes({ elements, instances }),
    hubs: hubRoutes({ hubs, elements, instances }),
    docs: docsRoutes({ elements, instances }),
    records: recordRoutes({ elements, instances, records: new HubRecords() }),
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
  };
  if (options.seed && instances.size === 0) {
    instances.replaceAll(seedInstances(elements));
  }

  let port = options.port ?? 0;
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

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    apiBaseUrl: `${origin}${API_PREFIX}`,
    userSecret: secrets.user,
    orgSecret: secrets.organization,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
