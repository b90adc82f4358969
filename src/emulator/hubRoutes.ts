/**
 * The hubs: `GET /hubs`, `/hubs/keys`, `/hubs/{key}` and `/hubs/{key}/elements` (no Cloud
 * Elements authorization, devportal `docs/platform-api/hubs/index.md`), and `GET /hubs/{hub}/ping`
 * on one instance (`Authorization: User …, Organization …, Element <token>`), answered by the
 * instance's own hub whatever hub the path names.
 */
import type { EmulatorServices, Handler } from './context';
import { ApiError, jsonReply } from './http';
import { booleanParameter, refuseUnknownParameters } from './paging';
import { instanceForHubCall, withInstanceId } from './console/hubResources';

export function pingHandler(services: EmulatorServices): Handler {
  return (request) => {
    const instance = instanceForHubCall(services, request);
    return withInstanceId(jsonReply(200, { endpoint: instance.element.key, dateTime: new Date().toISOString() }), instance);
  };
}

/**
 * `GET /hubs`. With `hydrate=true` the service adds each hub's resources (churros
 * `src/test/platform/hubs/hubs.js`), which the emulator does not model: a 400 rather than an
 * answer without them.
 */
export function listHubsHandler(services: EmulatorServices): Handler {
  return (request) => {
    refuseUnknownParameters(request.query, 'GET /hubs', ['hydrate']);
    if (booleanParameter(request.query, 'hydrate')) throw new ApiError(400, "The emulator's hubs carry no resources, so hydrate=true cannot be honoured.");
    return jsonReply(200, services.hubs.list());
  };
}

export function hubKeysHandler(services: EmulatorServices): Handler {
  return () => jsonReply(200, services.hubs.keys());
}

function requireHub(services: EmulatorServices, key: string) {
  const hub = services.hubs.find(key);
  if (!hub) throw new ApiError(404, `No hub found with that key; GET /hubs/keys lists them (${services.hubs.keys().join(', ')}).`);
  return hub;
}

export function getHubHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, requireHub(services, request.params.hub!));
}

export function hubElementsHandler(services: EmulatorServices): Handler {
  return (request) => {
    const hub = requireHub(services, request.params.hub!);
    return jsonReply(200, services.hubs.elementsOf(hub.key).map((element) => services.elements.summary(element)));
  };
}
