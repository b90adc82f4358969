/**
 * The hubs: `GET /hubs`, `/hubs/keys`, `/hubs/{key}` and `/hubs/{key}/elements` (no Cloud
 * Elements authorization, devportal `docs/platform-api/hubs/index.md`), and `GET /hubs/{hub}/ping`
 * on one instance (`Authorization: User …, Organization …, Element <token>`), answered by the
 * instance's own hub whatever hub the path names.
 */
import type { Handlers } from '../base/context';
import { ApiError, jsonReply } from '../base/http';
import { booleanParameter, refuseUnknownParameters } from '../base/query';
import { instanceForHubCall, withInstanceId } from '../platform/instanceCalls';
import type { ElementDirectory } from '../stores/elements';
import type { HubDirectory } from '../stores/hubs';
import type { InstanceStore } from '../stores/instances';

export interface HubStores {
  hubs: HubDirectory;
  elements: ElementDirectory;
  instances: InstanceStore;
}

export function hubRoutes({ hubs, elements, instances }: HubStores): Handlers<'list' | 'keys' | 'get' | 'elements' | 'ping'> {
  const requireHub = (key: string) => {
    const hub = hubs.find(key);
    if (!hub) throw new ApiError(404, `No hub found with that key; GET /hubs/keys lists them (${hubs.keys().join(', ')}).`);
    return hub;
  };
  return {
    /**
     * `GET /hubs`. With `hydrate=true` the service adds each hub's resources (churros
     * `src/test/platform/hubs/hubs.js`), which the emulator does not model: a 400 rather than an
     * answer without them.
     */
    list: (request) => {
      refuseUnknownParameters(request.query, 'GET /hubs', ['hydrate']);
      if (booleanParameter(request.query, 'hydrate')) throw new ApiError(400, "The emulator's hubs carry no resources, so hydrate=true cannot be honoured.");
      return jsonReply(200, hubs.list());
    },
    keys: () => jsonReply(200, hubs.keys()),
    get: (request) => jsonReply(200, requireHub(request.params.hub!)),
    elements: (request) => {
      const hub = requireHub(request.params.hub!);
      return jsonReply(200, hubs.elementsOf(hub.key).map((element) => elements.summary(element)));
    },
    ping: (request) => {
      const instance = instanceForHubCall(instances, request);
      return withInstanceId(jsonReply(200, { endpoint: instance.element.key, dateTime: new Date().toISOString() }), instance);
    },
  };
}
