/**
 * The last request of a flow — `POST /instances` or `PUT /instances/{id}?reAuthenticate=true` —
 * and how to tell, when its answer is lost, whether it took effect. Neither is ever retried:
 * a second POST creates a second instance, and a second PUT carries an OAuth code the first
 * one already used.
 */
import type { CloudElementsClient } from '../api/client';
import { isApiError } from '../api/errors';
import { isMaskedValue } from '../api/masked';
import type { CreateInstanceRequest, Instance } from '../api/types';
import type { WriteOutcome } from './errors';

export interface InstanceWrite {
  /** What the write does, for messages: "Creating the instance" or "Re-authorizing the instance". */
  readonly action: 'create' | 'reauthorize';
  /** Runs before the write (a failure here means nothing was sent). */
  prepare?(signal?: AbortSignal): Promise<void>;
  /** Sends the request, once. */
  send(body: CreateInstanceRequest, signal?: AbortSignal): Promise<Instance>;
  /**
   * After an answer that leaves open whether the write happened: the instance when the account
   * shows it did, undefined when it shows no trace of it. Throws when the account cannot be read.
   */
  find?(body: CreateInstanceRequest, signal?: AbortSignal): Promise<Instance | undefined>;
}

/** The write took effect: its answer, or — when the answer was lost — the instance the account shows. */
export interface WriteResult {
  instance: Instance;
  /** Set when the answer was lost and the instance was found by looking at the account. */
  lostAnswer?: Error;
}

/** The write failed; `outcome` says what is known of its effect. */
export class WriteFailure extends Error {
  override readonly name = 'WriteFailure';

  constructor(
    /** What `prepare` or `send` threw. */
    readonly error: unknown,
    readonly outcome: WriteOutcome,
    /** `unknown`: why the account could not be checked. */
    readonly lookupError?: Error,
  ) {
    super(toError(error).message, { cause: error });
  }
}

/**
 * Sends the write once. Only the API's own refusal (or not sending at all) proves that nothing
 * happened; after any other failure the account is looked at (`onCheck` first) before anything
 * is said. Throws a {@link WriteFailure}.
 */
export async function writeOnce(write: InstanceWrite, body: CreateInstanceRequest, signal?: AbortSignal, onCheck?: () => void): Promise<WriteResult> {
  try {
    await write.prepare?.(signal);
  } catch (error) {
    throw new WriteFailure(error, 'not-applied');
  }
  if (signal?.aborted) throw new WriteFailure(signal.reason, 'not-applied');
  let failure: unknown;
  try {
    return { instance: await write.send(body, signal) };
  } catch (error) {
    failure = error;
  }
  if (isApiError(failure) && failure.definitive) throw new WriteFailure(failure, 'not-applied');
  if (!write.find) throw new WriteFailure(failure, 'unknown');
  onCheck?.();
  let found: Instance | undefined;
  try {
    // Not the caller's signal: after a cancel too, the user needs to know what happened.
    found = await write.find(body);
  } catch (lookupError) {
    throw new WriteFailure(failure, 'unknown', toError(lookupError));
  }
  if (found) return { instance: found, lostAnswer: toError(failure) };
  throw new WriteFailure(failure, 'not-found');
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export type CreateApi = Pick<CloudElementsClient, 'createInstance' | 'listInstances'>;
export type ReauthorizeApi = Pick<CloudElementsClient, 'getInstance' | 'reauthenticateInstance'>;

/**
 * The look at the account found instances that may be the write's and nothing that tells which
 * (or whether): the message says so and names them, instead of guessing.
 */
export class UndecidedLookup extends Error {
  override readonly name = 'UndecidedLookup';
}

/**
 * `POST /instances`. The account is listed just before the request; its trace is an instance of
 * the same element that was not in that listing, and has the request's name (and tags, when
 * that is what tells two apart). No clock is compared: the server's `createdDate` and this
 * machine's time need not agree. When the listing before failed, or the new instances do not
 * tell which is the request's, the lookup says it cannot tell ({@link UndecidedLookup}).
 */
export function createWrite(api: CreateApi): InstanceWrite {
  let before: ReadonlySet<number> | undefined;
  return {
    action: 'create',
    async prepare(signal) {
      try {
        before = new Set((await api.listInstances(signal)).map((instance) => instance.id));
      } catch {
        // Not a reason to hold the request back (a cancel is seen by writeOnce): the lookup then says what it cannot tell.
        before = undefined;
      }
    },
    send: (body, signal) => api.createInstance(body, signal),
    async find(body, signal) {
      const instances = (await api.listInstances(signal)).filter((instance) => sameElement(instance, body));
      const element = elementName(body);
      if (before === undefined) {
        const named = instances.filter((instance) => instance.name === body.name);
        if (named.length === 0) return undefined;
        throw new UndecidedLookup(
          `The account could not be listed before the request, and it holds ${count(named.length, 'instance')} named "${body.name}" (${element}) (${ids(named)}): nothing tells whether one is the request's.`,
        );
      }
      const known = before;
      const fresh = instances.filter((instance) => !known.has(instance.id));
      if (fresh.length === 0) return undefined;
      const named = fresh.filter((instance) => instance.name === body.name);
      if (named.length === 1) return named[0];
      if (named.length === 0) {
        throw new UndecidedLookup(
          `${count(fresh.length, 'new instance')} of ${element} appeared in the account while the request was under way (${ids(fresh)}), none named "${body.name}": it may be the request's under another name.`,
        );
      }
      const tagged = body.tags === undefined ? [] : named.filter((instance) => sameTags(instance.tags, body.tags!));
      if (tagged.length === 1) return tagged[0];
      throw new UndecidedLookup(
        `${named.length} instances named "${body.name}" (${element}) appeared in the account while the request was under way (${ids(named)}): nothing tells which one it created.`,
      );
    },
  };
}

function count(n: number, noun: string): string {
  return n === 1 ? `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}` : `${n} ${noun}s`;
}

function ids(instances: readonly Instance[]): string {
  return instances.map((instance) => `#${instance.id}`).join(', ');
}

function elementName(body: CreateInstanceRequest): string {
  return 'key' in body.element ? body.element.key : `element #${body.element.id}`;
}

function sameTags(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const sorted = (tags: readonly string[]) => JSON.stringify([...tags].sort());
  return sorted(a ?? []) === sorted(b);
}

/**
 * `PUT /instances/{id}?reAuthenticate=true`. The instance is read just before the request; its
 * trace is a change since then: a new configuration (new provider tokens), name or tags, or
 * `valid` turning true. (A change someone else made in those seconds would look the same.)
 */
export function reauthorizeWrite(api: ReauthorizeApi, instanceId: number): InstanceWrite {
  let before: string | undefined;
  let wasValid = false;
  return {
    action: 'reauthorize',
    async prepare(signal) {
      const instance = await api.getInstance(instanceId, signal);
      before = fingerprint(instance);
      wasValid = instance.valid;
    },
    send: (body, signal) => api.reauthenticateInstance(instanceId, body, signal),
    async find(_body, signal) {
      if (before === undefined) throw new Error(`Instance ${instanceId} was not read before the request, so there is nothing to compare it with.`);
      const instance = await api.getInstance(instanceId, signal);
      const changed = fingerprint(instance) !== before || (!wasValid && instance.valid);
      if (changed) return instance;
      // What re-authorizing a valid instance changes is its tokens, and the API masks secrets: a
      // record that looks the same may still have new ones.
      if (wasValid && Object.values(instance.configuration ?? {}).some(isMaskedValue)) {
        throw new UndecidedLookup(
          `Instance ${instanceId} was valid before and looks the same now, but the API masks the secrets a re-authorization changes: it cannot be seen whether it took effect.`,
        );
      }
      return undefined;
    },
  };
}

function sameElement(instance: Instance, body: CreateInstanceRequest): boolean {
  return 'key' in body.element ? instance.element?.key === body.element.key : instance.element?.id === body.element.id;
}

/** What a re-authorization changes, in a stable order. */
function fingerprint(instance: Instance): string {
  const configuration = Object.entries(instance.configuration ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([instance.name, [...(instance.tags ?? [])].sort(), configuration]);
}
