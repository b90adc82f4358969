/** The instance console's routes: the docs of an instance and its hub's resources. */
import type { ApiRoute } from '../apiRoutes';
import type { EmulatorServices, Handler } from '../context';
import { ApiError, jsonReply } from '../http';
import type { Router } from '../router';
import { findOperationInDocs, instanceDocs, operationDefinitions } from './docs';
import { HubData, hubHandlers, hubOf } from './hubResources';

function docsOf(services: EmulatorServices, request: Parameters<Handler>[0]) {
  const instance = services.instances.require(request.params.id!);
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

/** Adds the console's routes after the others (so `/hubs/{hub}/ping` keeps its own handler). */
export function addConsoleRoutes(router: Router<ApiRoute>, services: EmulatorServices): Router<ApiRoute> {
  const account = (handler: Handler): ApiRoute => ({ auth: 'account', handler });
  const hub = hubHandlers(services, new HubData());
  return router
    .add('GET', '/instances/:id/docs', account((request) => jsonReply(200, docsOf(services, request).docs)))
    .add(
      'GET',
      '/instances/:id/docs/:operationId/definitions',
      account((request) => {
        const { instance, docs } = docsOf(services, request);
        const operation = findOperationInDocs(docs, request.params.operationId!);
        if (!operation) throw new ApiError(404, `Instance ${instance.id} (${instance.element.key}) has no operation with the operationId in the path.`);
        return jsonReply(200, operationDefinitions(docs, operation, request.query.get('resolveReferences') === 'true'));
      }),
    )
    // Element token checked by the handlers, after the account secrets, as on /hubs/{hub}/ping.
    .add('GET', '/hubs/:hub/:resource', account(hub.list))
    .add('POST', '/hubs/:hub/:resource', account(hub.create))
    .add('GET', '/hubs/:hub/:resource/:id', account(hub.get))
    .add('PATCH', '/hubs/:hub/:resource/:id', account(hub.update(false)))
    .add('PUT', '/hubs/:hub/:resource/:id', account(hub.update(true)))
    .add('DELETE', '/hubs/:hub/:resource/:id', account(hub.delete));
}
