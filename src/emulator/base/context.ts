/**
 * What every handler receives (the request) and returns (a `Reply`), and how an API route says
 * the authorization it needs. Handlers get the stores they use when their group is built
 * (`server.ts`), never a bag of all of them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './http';
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

/** A route group's handlers by name (`list`, `get`…), built with the stores the group uses. */
export type Handlers<Name extends string> = Readonly<Record<Name, Handler>>;
