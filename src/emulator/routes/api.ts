/**
 * The api-v2 route table (relative to `/elements/api-v2`): every route, the authorization it
 * needs and the handler that answers it. It knows the handler groups by their names only; they
 * are built with the stores they use in `server.ts`. The router takes the first pattern that
 * matches, so literal segments come before parameters (`/instances/docs` before
 * `/instances/:id`), and a route group's catch-all routes (the console's hub records) come last.
 */
import type { ApiRoute, Handler, Handlers } from '../base/context';
import { Router } from '../base/router';

export const API_PREFIX = '/elements/api-v2';

/**
 * The handler groups the table routes to, one per resource (`routes/<resource>.ts`) and per
 * route group (`console/`), each built with the stores it uses.
 */
export interface ApiHandlers {
  elements: Handlers<'list' | 'keys' | 'get' | 'configuration'>;
  oauth: Handlers<'token' | 'url' | 'urlPost'>;
  instances: Handlers<'create' | 'createForElement' | 'list' | 'get' | 'patch' | 'put' | 'delete' | 'enable' | 'disable'>;
  configuration: Handlers<'list' | 'get' | 'patch'>;
  hubs: Handlers<'list' | 'keys' | 'get' | 'elements' | 'ping'>;
  /** The console's: the instance's docs, and its hub's records. */
  docs: Handlers<'docs' | 'definitions'>;
  records: Handlers<'list' | 'get' | 'create' | 'update' | 'replace' | 'delete'>;
  /** The events group's: the event API and the inbound provider webhooks. */
  events: Handlers<'list' | 'get' | 'inbound'>;
}

/** Documented without Cloud Elements authorization. */
const open = (handler: Handler): ApiRoute => ({ auth: 'none', handler });
/** `User …, Organization …` (the dispatcher checks them). */
const account = (handler: Handler): ApiRoute => ({ auth: 'account', handler });
/** A call on one instance: `User …` and the `Element` token checked by the dispatcher; the handler finds the instance. */
const instance = (handler: Handler): ApiRoute => ({ auth: 'instance', handler });

/** The console's hub-record routes, after the others (so `/hubs/{hub}/ping` and `/hubs/{hub}/elements` keep their own handlers). */
function addRecordRoutes(router: Router<ApiRoute>, records: ApiHandlers['records']): Router<ApiRoute> {
  return router
    .add('GET', '/hubs/:hub/:resource', instance(records.list))
    .add('POST', '/hubs/:hub/:resource', instance(records.create))
    .add('GET', '/hubs/:hub/:resource/:id', instance(records.get))
    .add('PATCH', '/hubs/:hub/:resource/:id', instance(records.update))
    .add('PUT', '/hubs/:hub/:resource/:id', instance(records.replace))
    .add('DELETE', '/hubs/:hub/:resource/:id', instance(records.delete));
}

export function apiRouter({ elements, oauth, instances, configuration, hubs, docs, records, events }: ApiHandlers): Router<ApiRoute> {
  const router = new Router<ApiRoute>()
    .add('GET', '/elements', open(elements.list))
    .add('GET', '/elements/keys', open(elements.keys))
    .add('GET', '/elements/:keyOrId', open(elements.get))
    .add('GET', '/elements/:keyOrId/configuration', open(elements.configuration))
    .add('GET', '/elements/:keyOrId/oauth/token', open(oauth.token))
    .add('GET', '/elements/:keyOrId/oauth/url', open(oauth.url))
    .add('POST', '/elements/:keyOrId/oauth/url', open(oauth.urlPost))
    .add('POST', '/elements/:keyOrId/instances', account(instances.createForElement))
    .add('GET', '/elements/:keyOrId/instances', account(instances.list))
    .add('GET', '/elements/:keyOrId/instances/:id', account(instances.get))
    .add('PUT', '/elements/:keyOrId/instances/:id', account(instances.put))
    .add('PATCH', '/elements/:keyOrId/instances/:id', account(instances.patch))
    .add('DELETE', '/elements/:keyOrId/instances/:id', account(instances.delete))
    .add('POST', '/instances', account(instances.create))
    .add('GET', '/instances', account(instances.list))
    // Without an id: the instance whose token is the Element part of Authorization (checked by the handler).
    .add('PUT', '/instances', account(instances.put))
    .add('PATCH', '/instances', account(instances.patch))
    .add('PUT', '/instances/enabled', account(instances.enable))
    .add('DELETE', '/instances/enabled', account(instances.disable))
    .add('GET', '/instances/docs', account(docs.docs))
    .add('GET', '/instances/docs/:operationId/definitions', account(docs.definitions))
    .add('GET', '/instances/events', account(events.list))
    .add('GET', '/instances/events/:eventId', account(events.get))
    .add('GET', '/instances/configuration', account(configuration.list))
    .add('GET', '/instances/configuration/:configId', account(configuration.get))
    .add('PATCH', '/instances/configuration/:configId', account(configuration.patch))
    .add('GET', '/instances/:id', account(instances.get))
    .add('PATCH', '/instances/:id', account(instances.patch))
    .add('PUT', '/instances/:id', account(instances.put))
    .add('DELETE', '/instances/:id', account(instances.delete))
    .add('PUT', '/instances/:id/enabled', account(instances.enable))
    .add('DELETE', '/instances/:id/enabled', account(instances.disable))
    .add('GET', '/instances/:id/docs', account(docs.docs))
    .add('GET', '/instances/:id/docs/:operationId/definitions', account(docs.definitions))
    .add('GET', '/instances/:id/events', account(events.list))
    .add('GET', '/instances/:id/events/:eventId', account(events.get))
    .add('GET', '/instances/:id/configuration', account(configuration.list))
    .add('GET', '/instances/:id/configuration/:configId', account(configuration.get))
    .add('PATCH', '/instances/:id/configuration/:configId', account(configuration.patch))
    // Providers' webhooks carry no Cloud Elements authorization (src/emulator/README.md, "Events").
    .add('POST', '/events/:elementKey', open(events.inbound))
    .add('GET', '/hubs', open(hubs.list))
    .add('GET', '/hubs/keys', open(hubs.keys))
    .add('GET', '/hubs/:hub', open(hubs.get))
    .add('GET', '/hubs/:hub/elements', open(hubs.elements))
    .add('GET', '/hubs/:hub/ping', instance(hubs.ping));
  return addRecordRoutes(router, records);
}
