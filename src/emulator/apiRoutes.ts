/** The api-v2 routes (relative to `/elements/api-v2`) and the authorization each needs. */
import { addConsoleRoutes } from './console/routes';
import type { EmulatorServices, Handler } from './context';
import { getElementHandler, listElementsHandler } from './elementRoutes';
import { pingHandler } from './hubRoutes';
import {
  createElementInstanceHandler,
  createInstanceHandler,
  deleteInstanceHandler,
  getInstanceHandler,
  listInstancesHandler,
  patchInstanceHandler,
  reauthenticateHandler,
  setEnabledByTokenHandler,
  setEnabledHandler,
} from './instanceRoutes';
import { oauthTokenHandler, oauthUrlHandler } from './oauthRoutes';
import { Router } from './router';

export const API_PREFIX = '/elements/api-v2';

export interface ApiRoute {
  /** `account`: `User …, Organization …` required. `none`: documented with "HTTP Header: None". */
  auth: 'account' | 'none';
  handler: Handler;
}

export function apiRouter(services: EmulatorServices): Router<ApiRoute> {
  const account = (handler: Handler): ApiRoute => ({ auth: 'account', handler });
  const open = (handler: Handler): ApiRoute => ({ auth: 'none', handler });
  const router = new Router<ApiRoute>()
    .add('GET', '/elements', account(listElementsHandler(services)))
    .add('GET', '/elements/:keyOrId', account(getElementHandler(services)))
    .add('GET', '/elements/:keyOrId/oauth/token', open(oauthTokenHandler(services)))
    .add('GET', '/elements/:keyOrId/oauth/url', open(oauthUrlHandler(services)))
    .add('POST', '/elements/:keyOrId/instances', account(createElementInstanceHandler(services)))
    .add('POST', '/instances', account(createInstanceHandler(services)))
    .add('GET', '/instances', account(listInstancesHandler(services)))
    // Before /instances/:id, which would take "enabled" for an id. The Element token is checked by the handler.
    .add('PUT', '/instances/enabled', account(setEnabledByTokenHandler(services, true)))
    .add('DELETE', '/instances/enabled', account(setEnabledByTokenHandler(services, false)))
    .add('GET', '/instances/:id', account(getInstanceHandler(services)))
    .add('PATCH', '/instances/:id', account(patchInstanceHandler(services)))
    .add('PUT', '/instances/:id', account(reauthenticateHandler(services)))
    .add('DELETE', '/instances/:id', account(deleteInstanceHandler(services)))
    .add('PUT', '/instances/:id/enabled', account(setEnabledHandler(services, true)))
    .add('DELETE', '/instances/:id/enabled', account(setEnabledHandler(services, false)))
    // Element token checked by the handler, after the account secrets.
    .add('GET', '/hubs/:hub/ping', account(pingHandler(services)));
  return addConsoleRoutes(router, services);
}
