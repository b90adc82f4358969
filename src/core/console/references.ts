/**
 * References in request documents: `{{baseUrl}}` (the current environment's api-v2 base URL),
 * `{{instance:<id>:token}}`, `{{account:user}}` and `{{account:organization}}`. Documents hold
 * these names, never the values; Send resolves them from the keychain through a
 * {@link SecretLookup}, and only in header values.
 */
import { authorizationHeader } from '../api/authorization';

export type SecretReference =
  | { kind: 'instance-token'; instanceId: string }
  | { kind: 'account-user' }
  | { kind: 'account-organization' };

/** The keychain, as Send sees it: a value or undefined when it holds none. Values are never logged. */
export type SecretLookup = (reference: SecretReference) => Promise<string | undefined>;

/** Where an environment's secrets live, as the extension's environment-bound vault has them. */
export interface SecretSource {
  instanceToken(instanceId: string): Promise<string | undefined>;
  credentials(): Promise<{ userSecret: string; orgSecret: string } | undefined>;
}

/** A {@link SecretLookup} over one environment's vault: the adapter a caller needs, in one line. */
export function secretLookup(source: SecretSource): SecretLookup {
  return async (reference) => {
    if (reference.kind === 'instance-token') return source.instanceToken(reference.instanceId);
    const credentials = await source.credentials();
    return reference.kind === 'account-user' ? credentials?.userSecret : credentials?.orgSecret;
  };
}

export const BASE_URL_REFERENCE = '{{baseUrl}}';
export const USER_REFERENCE = '{{account:user}}';
export const ORGANIZATION_REFERENCE = '{{account:organization}}';

/** An instance id as it may appear in a reference: what the API's ids look like, nothing that could break out of `{{…}}`. */
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function instanceTokenReference(instanceId: string | number): string {
  const id = String(instanceId);
  if (!INSTANCE_ID.test(id)) throw new RangeError(`"${id}" is not an instance id.`);
  return `{{instance:${id}:token}}`;
}

/** The Authorization value of a hub call on one instance, as references. */
export function elementAuthorization(instanceId: string | number): string {
  return authorizationHeader({ user: USER_REFERENCE, organization: ORGANIZATION_REFERENCE, element: instanceTokenReference(instanceId) });
}

/** The Authorization value of an account call (`/instances/…`), as references. */
export function accountAuthorization(): string {
  return authorizationHeader({ user: USER_REFERENCE, organization: ORGANIZATION_REFERENCE });
}

/** Every `{{…}}` in a text, with what is between the braces, trimmed. */
export const REFERENCE_PATTERN = /\{\{([^{}]*)\}\}/g;

export type ParsedReference = { kind: 'base-url' } | { kind: 'secret'; reference: SecretReference } | { kind: 'unknown'; name: string };

export function parseReference(name: string): ParsedReference {
  const text = name.trim();
  if (text === 'baseUrl') return { kind: 'base-url' };
  if (text === 'account:user') return { kind: 'secret', reference: { kind: 'account-user' } };
  if (text === 'account:organization') return { kind: 'secret', reference: { kind: 'account-organization' } };
  const instance = /^instance:([^:]+):token$/.exec(text);
  if (instance && INSTANCE_ID.test(instance[1]!)) return { kind: 'secret', reference: { kind: 'instance-token', instanceId: instance[1]! } };
  return { kind: 'unknown', name: text };
}

/** How a reference reads in a message: "the token of instance 12", "your user secret". */
export function describeReference(reference: SecretReference): string {
  switch (reference.kind) {
    case 'instance-token':
      return `the token of instance ${reference.instanceId}`;
    case 'account-user':
      return 'your user secret';
    case 'account-organization':
      return 'your organization secret';
  }
}

export const KNOWN_REFERENCES = `${BASE_URL_REFERENCE} (at the start of the URL), {{instance:<id>:token}}, ${USER_REFERENCE} and ${ORGANIZATION_REFERENCE} (in headers)`;
