/**
 * The instance record Cloud Elements keeps for a checked body and what its authorization
 * granted: the configuration (common entries, documented defaults, what the client sent, the
 * user's tokens), the element as the catalog describes it, a new instance token.
 */
import type { FlowDefinition } from '../../core/catalog/types';
import { newInstanceToken } from '../base/random';
import { COMMON_INSTANCE_DEFAULTS } from '../base/shapes';
import type { ElementDirectory } from '../stores/elements';
import type { NewInstance } from '../stores/instances';
import type { InstanceInput } from './instanceInput';

export function externalAuthenticationOf(input: InstanceInput): 'initial' | 'none' {
  return input.externalAuthentication ?? (input.flow.externalAuthentication === 'initial' ? 'initial' : 'none');
}

/**
 * The flow's configuration entries with a documented default (`defaultSource` in the catalog,
 * QuickBooks' `scope`): what the service fills in when the body leaves them out.
 */
export function documentedDefaults(flow: FlowDefinition): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const field of flow.configuration) if (field.defaultSource !== undefined && field.default !== undefined) defaults[field.key] = field.default;
  return defaults;
}

/**
 * An instance's configuration: the entries common to all elements, the element's documented
 * defaults (its responses' and its fields'), what the client sent, and what the authorization
 * added, later ones winning.
 */
export function instanceConfiguration(input: InstanceInput, generated: Record<string, string>): Record<string, string | null> {
  const defaults = documentedDefaults(input.flow);
  // An empty value is no value: the default stands in for it too.
  const given = Object.fromEntries(Object.entries(input.configuration).filter(([key, value]) => !(value === '' && key in defaults)));
  return { ...COMMON_INSTANCE_DEFAULTS, ...input.element.instanceDefaults, ...defaults, ...given, ...generated };
}

export function buildInstance(
  input: InstanceInput,
  generated: Record<string, string>,
  elements: ElementDirectory,
): NewInstance {
  return {
    name: input.name ?? input.element.name,
    token: newInstanceToken(),
    element: elements.summary(input.element),
    provisionInteractions: [],
    valid: true,
    disabled: false,
    maxCacheSize: 0,
    cacheTimeToLive: 0,
    configuration: instanceConfiguration(input, generated),
    eventsEnabled: false,
    cachingEnabled: false,
    traceLoggingEnabled: false,
    externalAuthentication: externalAuthenticationOf(input),
    tags: input.tags ?? [],
    createdDate: new Date().toISOString(),
    ...(input.providerData !== undefined && { providerData: input.providerData }),
    flow: input.flow.type,
  };
}
