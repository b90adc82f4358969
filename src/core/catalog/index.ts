import { catalogSource } from './elements';
import { closestMatches } from './suggest';
import type { CatalogSource, ElementDefinition, FlowDefinition, FlowType } from './types';

export type * from './types';

interface CatalogIndex {
  source: CatalogSource;
  /** Each key's position in the source. */
  byKey: Map<string, number>;
  /** Lower-cased alias → the key it means. */
  byAlias: Map<string, string>;
  /** The definitions asked for so far, by position: each is read once and kept. */
  loaded: Array<ElementDefinition | undefined>;
}

export class Catalog {
  private indexed: CatalogIndex | undefined;

  /** `load` is called on first use, not when the module loads; it gives each element's definition only when asked for. */
  constructor(private readonly load: () => CatalogSource) {}

  private get index(): CatalogIndex {
    if (this.indexed) return this.indexed;
    const source = this.load();
    const byKey = new Map(source.keys.map((key, position) => [key, position]));
    const byAlias = new Map(source.aliases.map(([alias, key]) => [alias.toLowerCase(), key]));
    return (this.indexed = { source, byKey, byAlias, loaded: [] });
  }

  private at(position: number): ElementDefinition {
    const index = this.index;
    return (index.loaded[position] ??= index.source.element(position));
  }

  /** Every element, in catalog order (reads them all). */
  get elements(): ElementDefinition[] {
    return [...this.index.byKey.values()].map((position) => this.at(position));
  }

  get(key: string): ElementDefinition | undefined {
    const position = this.index.byKey.get(key);
    return position === undefined ? undefined : this.at(position);
  }

  /** The flow of `type`, or the element's preferred flow when no type is given. */
  flow(element: ElementDefinition, type?: FlowType): FlowDefinition | undefined {
    return type ? element.flows.find((flow) => flow.type === type) : element.flows[0];
  }

  /** Keys the user probably meant by an unknown `key`, best first: documented aliases, then near spellings. */
  suggest(key: string, limit = 3): string[] {
    const alias = this.index.byAlias.get(key.trim().toLowerCase());
    if (alias) return [alias];
    return closestMatches(key, [...this.index.byKey.keys()], limit);
  }

  hubs(): string[] {
    return [...new Set(this.elements.map((element) => element.hub))].sort();
  }
}

export const catalog = new Catalog(catalogSource);
