/** `startEmulator`: a local Cloud Elements api-v2 with fake OAuth providers, on node:http. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog as defaultCatalog, type Catalog } from '../core/catalog';
import { addressPolicy } from './addresses';
import { AppRegistry, parseAppRegistration } from './apps';
import { API_PREFIX } from './apiRoutes';
import type { EmulatorServices } from './context';
import { loadDataFile, saveDataFile } from './dataFile';
import { createDispatcher } from './dispatch';
import { ElementDirectory } from './elements';
import { FaultRegistry } from './faults';
import { OAuthGrants } from './grants';
import { HubDirectory } from './hubs';
import { InstanceStore, type StoreSnapshot } from './instances';
import { newAccountSecret } from './random';
import { RequestLog } from './requestLog';
import { seedInstances } from './seed';

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
   * redirectUris, flow?, development?}` (apps.ts). They stay registered through `POST /__admin/reset`.
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
  const services: EmulatorServices = {
    elements,
    hubs: new HubDirectory(catalog),
    instances,
    grants: new OAuthGrants(),
    apps: new AppRegistry(startApps(options.apps ?? [], elements)),
    faults: new FaultRegistry(),
    requests: new RequestLog(),
    secrets: { user: options.userSecret ?? newAccountSecret(), organization: options.orgSecret ?? newAccountSecret() },
    seed: options.seed ?? false,
  };
  if (options.seed && instances.size === 0) {
    instances.replaceAll(seedInstances(services.elements));
  }

  let port = options.port ?? 0;
  let origin = originOf(host, port);
  const dispatch = createDispatcher(services, {
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
    userSecret: services.secrets.user,
    orgSecret: services.secrets.organization,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
