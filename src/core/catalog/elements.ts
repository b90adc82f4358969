/**
 * The catalog's data: the hand-transcribed seed elements and the curated rest. The bundles do not
 * compile this in: `scripts/build.mjs` writes the same list to `dist/catalog.json` and swaps this
 * module for one that reads that file on first use.
 */
import curated from './curatedElements.json';
import { seedElements } from './seedElements';
import type { ElementDefinition } from './types';

export function loadElements(): ElementDefinition[] {
  // Hand-transcribed seed elements win over generated ones with the same key.
  const seedKeys = new Set(seedElements.map((element) => element.key));
  return [...seedElements, ...(curated as ElementDefinition[]).filter((element) => !seedKeys.has(element.key))];
}
