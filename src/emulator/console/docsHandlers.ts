/**
 * `GET /instances/{id}/docs` (and `GET /instances/docs` by the Element token; churros: "should
 * support get instance specific docs with out instance id") and
 * `GET …/docs/{operationId}/definitions`: the Swagger of the instance's hub (`docs.ts`).
 */
import type { Handlers, RequestContext } from '../base/context';
import { ApiError, jsonReply } from '../base/http';
import { hubOf, instanceOfRequest, type InstanceLookup } from '../platform/instanceCalls';
import { findOperationInDocs, instanceDocs, operationDefinitions } from './docs';

export function docsRoutes(stores: InstanceLookup): Handlers<'docs' | 'definitions'> {
  /** The docs of the path's instance, or (`/instances/docs`) of the Element token's instance. */
  const docsOf = (request: RequestContext) => {
    const instance = instanceOfRequest(stores, request);
    const element = stores.elements.find(instance.element.key);
    return {
      instance,
      docs: instanceDocs({
        elementKey: instance.element.key,
        elementName: element?.name ?? instance.element.name,
        hub: hubOf(stores.elements, instance),
        host: new URL(request.origin).host,
      }),
    };
  };
  return {
    docs: (request) => jsonReply(200, docsOf(request).docs),
    definitions: (request) => {
      const { instance, docs } = docsOf(request);
      const operation = findOperationInDocs(docs, request.params.operationId!);
      if (!operation) throw new ApiError(404, `Instance ${instance.id} (${instance.element.key}) has no operation with the operationId in the path.`);
      return jsonReply(200, operationDefinitions(docs, operation, request.query.get('resolveReferences') === 'true'));
    },
  };
}
