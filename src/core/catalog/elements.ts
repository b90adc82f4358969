/**
 * The catalog's data: the hand-transcribed seed elements and the curated rest. The bundles do not
 * compile this in: `scripts/build.mjs` writes the same list to `dist/catalog.json` and swaps this
 * module for one whose catalogSource() reads that file on first use, an element at a time.
 */
import curated from './curatedElements.json';
import { seedElements } from './seedElements';
import type { CatalogSource, ElementDefinition } from './types';

export function loadElements(): ElementDefinition[] {
  // Hand-transcribed seed elements win over generated ones with the same key.
  const seedKeys = new Set(seedElements.map((element) => element.key));
  return [...seedElements, ...(curated as ElementDefinition[]).filter((element) => !seedKeys.has(element.key))];
}

/** The elements as a CatalogSource (the bundles' is made from dist/catalog.json by scripts/build.mjs). */
export function catalogSource(): CatalogSource {
  const elements = loadElements();
  return {
    keys: elements.map((element) => element.key),
    aliases: elements.flatMap((element) => (element.aliases ?? []).map((alias) => [alias, element.key] as const)),
    element: (index) => elements[index]!,
  };
}
