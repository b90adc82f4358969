/** What every handler receives, and the services the emulator's modules share. */
import type { IncomingHttpHeaders } from 'node:http';
import type { AppRegistry } from './apps';
import type { AccountSecrets } from './auth';
import type { ElementDirectory } from './elements';
import type { FaultRegistry } from './faults';
import type { HubDirectory } from './hubs';
import type { OAuthGrants } from './grants';
import type { Reply } from './http';
import type { InstanceStore } from './instances';
import type { RequestLog } from './requestLog';
import type { Params } from './router';

export interface RequestContext {
  method: string;
  /** The URL path, e.g. `/elements/api-v2/instances/3`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Params;
  requestId: string;
  /** The origin the client addressed (from the Host header), for URLs handed back to it. */
  origin: string;
  remoteAddress: string | undefined;
  body(): Promise<string>;
}

export type Handler = (request: RequestContext) => Reply | Promise<Reply>;

/**
 * `account`: `User …, Organization …` required. `instance`: a call on one instance, `User …`
 * and `Element <token>` required, `Organization …` checked when given (the element pages show
 * `User …, Element …`). `none`: documented without Cloud Elements authorization (the OAuth calls'
 * "HTTP Header: None"; the Element and Hub APIs' overview pages).
 */
export type RouteAuth = 'account' | 'instance' | 'none';

export interface ApiRoute {
  auth: RouteAuth;
  handler: Handler;
}

export interface EmulatorServices {
  elements: ElementDirectory;
  hubs: HubDirectory;
  instances: InstanceStore;
  grants: OAuthGrants;
  /** Provider apps registered with their redirect URIs (apps.ts). */
  apps: AppRegistry;
  faults: FaultRegistry;
  requests: RequestLog;
  secrets: AccountSecrets;
  /** Whether `POST /__admin/reset` puts the seed instances back. */
  seed: boolean;
}
