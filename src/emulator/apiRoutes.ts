/** The api-v2 routes (relative to `/elements/api-v2`) and the authorization each needs. */
import { addConsoleRoutes, instanceDocsHandler, operationDefinitionsHandler } from './console/routes';
import type { ApiRoute, EmulatorServices, Handler } from './context';
import { elementConfigurationHandler, elementKeysHandler, getElementHandler, listElementsHandler } from './elementRoutes';
import { getHubHandler, hubElementsHandler, hubKeysHandler, listHubsHandler, pingHandler } from './hubRoutes';
import {
  createElementInstanceHandler,
  createInstanceHandler,
  deleteInstanceHandler,
  getConfigurationHandler,
  getInstanceHandler,
  listConfigurationHandler,
  listInstancesHandler,
  patchConfigurationHandler,
  patchInstanceHandler,
  putInstanceHandler,
  setEnabledHandler,
} from './instanceRoutes';
import { oauthTokenHandler, oauthUrlHandler, oauthUrlPostHandler } from './oauthRoutes';
import { Router } from './router';

export const API_PREFIX = '/elements/api-v2';

export function apiRouter(services: EmulatorServices): Router<ApiRoute> {
  const account = (handler: Handler): ApiRoute => ({ auth: 'account', handler });
  const instance = (handler: Handler): ApiRoute => ({ auth: 'instance', handler });
  const open = (handler: Handler): ApiRoute => ({ auth: 'none', handler });
  const enable = setEnabledHandler(services, true);
  const disable = setEnabledHandler(services, false);
  // Literal segments before parameters: the router takes the first pattern that matches.
  const router = new Router<ApiRoute>()
    .add('GET', '/elements', open(listElementsHandler(services)))
    .add('GET', '/elements/keys', open(elementKeysHandler(services)))
    .add('GET', '/elements/:keyOrId', open(getElementHandler(services)))
    .add('GET', '/elements/:keyOrId/configuration', open(elementConfigurationHandler(services)))
    .add('GET', '/elements/:keyOrId/oauth/token', open(oauthTokenHandler(services)))
    .add('GET', '/elements/:keyOrId/oauth/url', open(oauthUrlHandler(services)))
    .add('POST', '/elements/:keyOrId/oauth/url', open(oauthUrlPostHandler(services)))
    .add('POST', '/elements/:keyOrId/instances', account(createElementInstanceHandler(services)))
    .add('GET', '/elements/:keyOrId/instances', account(listInstancesHandler(services)))
    .add('GET', '/elements/:keyOrId/instances/:id', account(getInstanceHandler(services)))
    .add('PUT', '/elements/:keyOrId/instances/:id', account(putInstanceHandler(services)))
    .add('PATCH', '/elements/:keyOrId/instances/:id', account(patchInstanceHandler(services)))
    .add('DELETE', '/elements/:keyOrId/instances/:id', account(deleteInstanceHandler(services)))
    .add('POST', '/instances', account(createInstanceHandler(services)))
    .add('GET', '/instances', account(listInstancesHandler(services)))
    // Without an id: the instance whose token is the Element part of Authorization (checked by the handler).
    .add('PUT', '/instances', account(putInstanceHandler(services)))
    .add('PATCH', '/instances', account(patchInstanceHandler(services)))
    .add('PUT', '/instances/enabled', account(enable))
    .add('DELETE', '/instances/enabled', account(disable))
    .add('GET', '/instances/docs', account(instanceDocsHandler(services)))
    .add('GET', '/instances/docs/:operationId/definitions', account(operationDefinitionsHandler(services)))
    .add('GET', '/instances/configuration', account(listConfigurationHandler(services)))
    .add('GET', '/instances/configuration/:configId', account(getConfigurationHandler(services)))
    .add('PATCH', '/instances/configuration/:configId', account(patchConfigurationHandler(services)))
    .add('GET', '/instances/:id', account(getInstanceHandler(services)))
    .add('PATCH', '/instances/:id', account(patchInstanceHandler(services)))
    .add('PUT', '/instances/:id', account(putInstanceHandler(services)))
    .add('DELETE', '/instances/:id', account(deleteInstanceHandler(services)))
    .add('PUT', '/instances/:id/enabled', account(enable))
    .add('DELETE', '/instances/:id/enabled', account(disable))
    .add('GET', '/instances/:id/docs', account(instanceDocsHandler(services)))
    .add('GET', '/instances/:id/docs/:operationId/definitions', account(operationDefinitionsHandler(services)))
    .add('GET', '/instances/:id/configuration', account(listConfigurationHandler(services)))
    .add('GET', '/instances/:id/configuration/:configId', account(getConfigurationHandler(services)))
    .add('PATCH', '/instances/:id/configuration/:configId', account(patchConfigurationHandler(services)))
    .add('GET', '/hubs', open(listHubsHandler(services)))
    .add('GET', '/hubs/keys', open(hubKeysHandler(services)))
    .add('GET', '/hubs/:hub', open(getHubHandler(services)))
    .add('GET', '/hubs/:hub/elements', open(hubElementsHandler(services)))
    .add('GET', '/hubs/:hub/ping', instance(pingHandler(services)));
  return addConsoleRoutes(router, services);
}
