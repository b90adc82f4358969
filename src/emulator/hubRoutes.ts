/** Calls on one instance: `GET /hubs/{hub}/ping` with `Authorization: Element <token>, User …, Organization …`. */
import { INVALID_AUTH_MESSAGE, parseAuthorization } from './auth';
import type { EmulatorServices, Handler } from './context';
import { ApiError, jsonReply } from './http';

export function pingHandler(services: EmulatorServices): Handler {
  return (request) => {
    const { element: token } = parseAuthorization(request.headers.authorization);
    const instance = token ? services.instances.byToken(token) : undefined;
    if (!instance) throw new ApiError(401, INVALID_AUTH_MESSAGE);
    const hub = request.params.hub!;
    if (instance.element.hub !== undefined && instance.element.hub !== hub) {
      throw new ApiError(404, `The ${instance.element.key} instance belongs to the '${instance.element.hub}' hub; call /hubs/${instance.element.hub}/ping.`);
    }
    if (instance.disabled) {
      throw new ApiError(403, `Instance ${instance.id} is disabled; enable it with PUT /instances/${instance.id}/enabled.`);
    }
    if (!instance.valid) {
      throw new ApiError(
        401,
        `Instance ${instance.id} is not valid: its authorization with ${instance.element.name} has expired; re-authorize it with PUT /instances/${instance.id}?reAuthenticate=true.`,
        'invalid_token: the access token has expired',
      );
    }
    return jsonReply(200, { endpoint: instance.element.key, dateTime: new Date().toISOString() });
  };
}
