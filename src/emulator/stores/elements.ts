/** Catalog elements as api-v2 shows them: lookup by key or id, and the ElementSummary shape. */
import { SIGNATURE_KEY } from '../../core/events';
import type { Catalog } from '../../core/catalog';
import { hasBrowserStep } from '../../core/catalog/flowTypes';
import type { ConfigField, ElementDefinition, FlowDefinition, FlowType } from '../../core/catalog/types';
import { fnv1a } from '../base/hash';
import { ApiError } from '../base/http';
import type { DocumentedElementSummary } from '../base/shapes';

/** The hub an element belongs to; `general` for one the catalog files under none. */
export function hubKeyOf(element: Pick<ElementDefinition, 'hub'>): string {
  return element.hub || 'general';
}

/** Every configuration field of the element's flows, once each, first flow first. */
export function configurationFields(element: ElementDefinition): ConfigField[] {
  const fields = new Map<string, ConfigField>();
  for (const flow of element.flows) for (const field of flow.configuration) if (!fields.has(field.key)) fields.set(field.key, field);
  return [...fields.values()];
}

const GENERATED_ID_BASE = 100_000;
const GENERATED_ID_RANGE = 900_000;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Configuration entries the emulator's own exchange adds (the user's OAuth tokens): secrets
 * whatever the flow, masked like the catalog's secret fields.
 */
export const GRANTED_SECRET_KEYS: readonly string[] = ['oauth.user.token', 'oauth.user.token.secret', 'oauth.user.refresh_token'];

/**
 * Configuration entries common to every element that hold a secret: the events' signature key.
 * Whether the platform masks it on read is not documented; its element configuration marks it
 * `encrypt: true` (a 2019 platform descendant's export, the events notes' X2), and a key that
 * signs deliveries is a secret: masked, the emulator's choice.
 */
export const COMMON_SECRET_KEYS: readonly string[] = [SIGNATURE_KEY];

export class ElementDirectory {
  private readonly ids = new Map<string, number>();
  private readonly byId = new Map<number, ElementDefinition>();
  private readonly summaries = new Map<string, DocumentedElementSummary>();
  private readonly secrets = new Map<string, ReadonlySet<string>>();

  constructor(readonly catalog: Catalog) {
    for (const element of catalog.elements) {
      // A stable hash, so elements without a documented id get the same id on every start.
      let id = element.id ?? GENERATED_ID_BASE + (fnv1a(element.key) % GENERATED_ID_RANGE);
      while (this.byId.has(id) && element.id === undefined) id += 1;
      this.ids.set(element.key, id);
      if (!this.byId.has(id)) this.byId.set(id, element);
    }
  }

  list(): ElementDefinition[] {
    return this.catalog.elements;
  }

  idOf(element: ElementDefinition): number {
    return this.ids.get(element.key) ?? element.id ?? 0;
  }

  find(keyOrId: string): ElementDefinition | undefined {
    const byKey = this.catalog.get(keyOrId);
    if (byKey) return byKey;
    return /^\d+$/.test(keyOrId) ? this.byId.get(Number(keyOrId)) : undefined;
  }

  /** The element, or a 404 (with "did you mean" when the catalog has a close one; the key given is never repeated). */
  require(keyOrId: string): ElementDefinition {
    const element = this.find(keyOrId);
    if (element) return element;
    const suggestions = /^\d+$/.test(keyOrId) ? [] : this.catalog.suggest(keyOrId);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((key) => `'${key}'`).join(' or ')}?` : '';
    throw new ApiError(404, `No element found with that key or id.${hint}`);
  }

  flow(element: ElementDefinition, type: FlowType): FlowDefinition | undefined {
    return this.catalog.flow(element, type);
  }

  /** The element as the documented responses show it (every field of their examples); the same object each time. */
  summary(element: ElementDefinition): DocumentedElementSummary {
    let summary = this.summaries.get(element.key);
    if (!summary) this.summaries.set(element.key, (summary = this.describe(element)));
    return summary;
  }

  /**
   * The configuration keys an instance response masks: every secret field of the element's
   * flows in the catalog, and the user's tokens the authorization adds.
   */
  secretKeys(elementKey: string): ReadonlySet<string> {
    let keys = this.secrets.get(elementKey);
    if (!keys) {
      const element = this.find(elementKey);
      const fields = element ? element.flows.flatMap((flow) => flow.configuration.filter((field) => field.secret).map((field) => field.key)) : [];
      this.secrets.set(elementKey, (keys = new Set([...fields, ...GRANTED_SECRET_KEYS, ...COMMON_SECRET_KEYS])));
    }
    return keys;
  }

  private describe(element: ElementDefinition): DocumentedElementSummary {
    const preferred = element.flows[0];
    const hub = hubKeyOf(element);
    return {
      id: this.idOf(element),
      name: element.name,
      hookName: element.name.replace(/[^A-Za-z0-9]/g, ''),
      key: element.key,
      description: `Add a ${element.name} Instance to connect your existing ${element.name} account to the ${capitalize(hub)} Hub.`,
      image: `elements/provider_${element.key}.png`,
      active: true,
      deleted: false,
      typeOauth: element.flows.some((flow) => hasBrowserStep(flow.type)),
      trialAccount: false,
      existingAccountDescription: `Give your application access to your existing ${element.name} account.`,
      configDescription: `If you do not have a ${element.name} account, you can create one at ${element.signupUrl ?? `the ${element.name} website`}.`,
      ...(element.signupUrl !== undefined && { signupURL: element.signupUrl }),
      resources: [],
      defaultTransformations: [],
      objectMetadata: [],
      transformationsEnabled: false,
      bulkDownloadEnabled: false,
      bulkUploadEnabled: false,
      cloneable: false,
      extendable: false,
      beta: false,
      authentication: { type: preferred?.type ?? 'custom' },
      extended: false,
      hub,
      protocolType: 'http',
      parameters: [],
      private: false,
    };
  }
}
