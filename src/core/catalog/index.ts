import { loadElements } from './elements';
import { closestMatches } from './suggest';
import type { ElementDefinition, FlowDefinition, FlowType } from './types';

export type * from './types';

interface CatalogIndex {
  byKey: Map<string, ElementDefinition>;
  byAlias: Map<string, ElementDefinition>;
}

export class Catalog {
  private indexed: CatalogIndex | undefined;

  /** `elements` may be a loader: the data is then read on first use, not when the module loads. */
  constructor(private readonly source: readonly ElementDefinition[] | (() => readonly ElementDefinition[])) {}

  private get index(): CatalogIndex {
    if (this.indexed) return this.indexed;
    const elements = typeof this.source === 'function' ? this.source() : this.source;
    const index: CatalogIndex = { byKey: new Map(), byAlias: new Map() };
    for (const element of elements) {
      index.byKey.set(element.key, element);
      for (const alias of element.aliases ?? []) index.byAlias.set(alias.toLowerCase(), element);
    }
    return (this.indexed = index);
  }

  get elements(): ElementDefinition[] {
    return [...this.index.byKey.values()];
  }

  get(key: string): ElementDefinition | undefined {
    return this.index.byKey.get(key);
  }

  /** The flow of `type`, or the element's preferred flow when no type is given. */
  flow(element: ElementDefinition, type?: FlowType): FlowDefinition | undefined {
    return type ? element.flows.find((flow) => flow.type === type) : element.flows[0];
  }

  /** Keys the user probably meant by an unknown `key`, best first: documented aliases, then near spellings. */
  suggest(key: string, limit = 3): string[] {
    const alias = this.index.byAlias.get(key.trim().toLowerCase());
    if (alias) return [alias.key];
    return closestMatches(key, [...this.index.byKey.keys()], limit);
  }

  hubs(): string[] {
    return [...new Set(this.elements.map((element) => element.hub))].sort();
  }
}

export const catalog = new Catalog(loadElements);
