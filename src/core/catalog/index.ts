import curated from './curatedElements.json';
import { seedElements } from './seedElements';
import { closestMatches } from './suggest';
import type { ElementDefinition, FlowDefinition, FlowType } from './types';

export type * from './types';

export class Catalog {
  private readonly byKey = new Map<string, ElementDefinition>();
  private readonly byAlias = new Map<string, ElementDefinition>();

  constructor(elements: readonly ElementDefinition[]) {
    for (const element of elements) {
      this.byKey.set(element.key, element);
      for (const alias of element.aliases ?? []) this.byAlias.set(alias.toLowerCase(), element);
    }
  }

  get elements(): ElementDefinition[] {
    return [...this.byKey.values()];
  }

  get(key: string): ElementDefinition | undefined {
    return this.byKey.get(key);
  }

  /** The flow of `type`, or the element's preferred flow when no type is given. */
  flow(element: ElementDefinition, type?: FlowType): FlowDefinition | undefined {
    return type ? element.flows.find((flow) => flow.type === type) : element.flows[0];
  }

  /** Keys the user probably meant by an unknown `key`, best first: documented aliases, then near spellings. */
  suggest(key: string, limit = 3): string[] {
    const alias = this.byAlias.get(key.trim().toLowerCase());
    if (alias) return [alias.key];
    return closestMatches(key, [...this.byKey.keys()], limit);
  }

  hubs(): string[] {
    return [...new Set(this.elements.map((element) => element.hub))].sort();
  }
}

// Hand-transcribed seed elements win over generated ones with the same key.
const seedKeys = new Set(seedElements.map((element) => element.key));
export const catalog = new Catalog([
  ...seedElements,
  ...(curated as ElementDefinition[]).filter((element) => !seedKeys.has(element.key)),
]);
