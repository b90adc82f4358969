/** The instance console's routes: the docs of an instance and its hub's resources. */
import type { ApiRoute, EmulatorServices, Handler, RequestContext } from '../context';
import { ApiError, jsonReply } from '../http';
import { instanceOfRequest } from '../instanceRoutes';
import type { Router } from '../router';
import { findOperationInDocs, instanceDocs, operationDefinitions } from './docs';
import { HubData, hubHandlers, hubOf } from './hubResources';

/** The docs of the path's instance, or (`/instances/docs`) of the Element token's instance. */
function docsOf(services: EmulatorServices, request: RequestContext) {
  const instance = instanceOfRequest(services, request);
  const element = services.elements.find(instance.element.key);
  return {
    instance,
    docs: instanceDocs({
      elementKey: instance.element.key,
      elementName: element?.name ?? instance.element.name,
      hub: hubOf(services, instance),
      host: new URL(request.origin).host,
    }),
  };
}

/** `GET /instances/{id}/docs` and `GET /instances/docs` (churros: "should support get instance specific docs with out instance id"). */
export function instanceDocsHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, docsOf(services, request).docs);
}

export function operationDefinitionsHandler(services: EmulatorServices): Handler {
  return (request) => {
    const { instance, docs } = docsOf(services, request);
    const operation = findOperationInDocs(docs, request.params.operationId!);
    if (!operation) throw new ApiError(404, `Instance ${instance.id} (${instance.element.key}) has no operation with the operationId in the path.`);
    return jsonReply(200, operationDefinitions(docs, operation, request.query.get('resolveReferences') === 'true'));
  };
}

/** Adds the hub resource routes after the others (so `/hubs/{hub}/ping` and `/hubs/{hub}/elements` keep their own handlers). */
export function addConsoleRoutes(router: Router<ApiRoute>, services: EmulatorServices): Router<ApiRoute> {
  // User and the Element token checked by the dispatcher; the instance found by the handlers.
  const instance = (handler: Handler): ApiRoute => ({ auth: 'instance', handler });
  const hub = hubHandlers(services, new HubData());
  return router
    .add('GET', '/hubs/:hub/:resource', instance(hub.list))
    .add('POST', '/hubs/:hub/:resource', instance(hub.create))
    .add('GET', '/hubs/:hub/:resource/:id', instance(hub.get))
    .add('PATCH', '/hubs/:hub/:resource/:id', instance(hub.update(false)))
    .add('PUT', '/hubs/:hub/:resource/:id', instance(hub.update(true)))
    .add('DELETE', '/hubs/:hub/:resource/:id', instance(hub.delete));
}
