/**
 * The instance a call is about, for every route that acts on one: by the path's id, or by the
 * `Element <token>` part of Authorization (routes without an id, and every hub call). One place,
 * so the instance routes, the hub routes and the console's answer alike.
 */
import { credentialsOf, INVALID_AUTH_MESSAGE } from '../base/auth';
import type { RequestContext } from '../base/context';
import { ApiError, type Reply } from '../base/http';
import type { ElementDirectory } from '../stores/elements';
import type { InstanceStore, StoredInstance } from '../stores/instances';

/** The header every hub answer carries (churros "should return element-instance-id on headers"). */
export const INSTANCE_ID_HEADER = 'Elements-Element-Instance-Id';

/** The stores a lookup reads. */
export interface InstanceLookup {
  instances: InstanceStore;
  elements: ElementDirectory;
}

/** The instance whose token is the `Element <token>` part of Authorization (with the account's User and Organization). */
function tokenInstance(instances: InstanceStore, request: RequestContext): StoredInstance {
  const { element: token } = credentialsOf(request.headers.authorization);
  if (token === undefined) {
    throw new ApiError(401, `${INVALID_AUTH_MESSAGE} A call without an instance id needs the instance's token: Authorization: User …, Organization …, Element <instance token>.`);
  }
  const record = instances.byToken(token);
  if (!record) throw new ApiError(401, INVALID_AUTH_MESSAGE);
  return record;
}

/**
 * The instance a request is about: the Element token's (routes without an id), else the path's
 * id — under `/elements/{keyOrId}/instances/{id}` only an instance of that element.
 */
export function instanceOfRequest({ instances, elements }: InstanceLookup, request: RequestContext): StoredInstance {
  if (request.params.id === undefined) return tokenInstance(instances, request);
  const record = instances.require(request.params.id);
  if (request.params.keyOrId !== undefined) {
    const element = elements.require(request.params.keyOrId);
    if (record.element.key !== element.key) throw new ApiError(404, `No ${element.key} instance found with id '${record.id}'.`);
  }
  return record;
}

/**
 * A hub call's instance, which the Element token names: 401 without one or for an unknown one,
 * 403 disabled, 401 when its authorization expired. Its own hub answers, whatever hub the path
 * names (churros "should ignore any provided hub").
 */
export function instanceForHubCall(instances: InstanceStore, request: RequestContext): StoredInstance {
  const { element: token } = credentialsOf(request.headers.authorization);
  const instance = token ? instances.byToken(token) : undefined;
  if (!instance) throw new ApiError(401, INVALID_AUTH_MESSAGE);
  if (instance.disabled) throw new ApiError(403, `Instance ${instance.id} is disabled; enable it with PUT /instances/${instance.id}/enabled.`);
  if (!instance.valid) {
    throw new ApiError(
      401,
      `Instance ${instance.id} is not valid: its authorization with ${instance.element.name} has expired; re-authorize it with PUT /instances/${instance.id}?reAuthenticate=true.`,
      'invalid_token: the access token has expired',
    );
  }
  return instance;
}

/** A reply of a hub call, with the instance it was answered for. */
export function withInstanceId(reply: Reply, instance: StoredInstance): Reply {
  return { ...reply, headers: { ...reply.headers, [INSTANCE_ID_HEADER]: String(instance.id) } };
}

/** The hub an instance's calls go to: its element's, as stored (the summary names it) or as the catalog has it. */
export function hubOf(elements: ElementDirectory, instance: StoredInstance): string {
  return instance.element.hub ?? elements.find(instance.element.key)?.hub ?? 'general';
}
