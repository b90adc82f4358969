/** The linter, loaded on first use (linterFeature.ts). */
import { catalog } from '../../core/catalog';
import type { LintOptions } from '../../core/instanceFile/lint';
import type * as LinterFeature from './linterFeature';

let loaded: typeof LinterFeature | undefined;

function feature(): typeof LinterFeature {
  // The build turns this into require('./linter.js'); in tests it is the source module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  return (loaded ??= require('./linterFeature') as typeof LinterFeature);
}

/**
 * The extension's own catalog goes with every call: the linter's bundle has a copy of the catalog
 * module, and it would otherwise read dist/catalog.json a second time.
 */
const withCatalog = (options: LintOptions): LintOptions => ({ catalog, ...options });

export function lintInstanceText(text: string, options: LintOptions = {}): ReturnType<typeof LinterFeature.lintInstanceText> {
  return feature().lintInstanceText(text, withCatalog(options));
}

export function fixInstanceText(text: string, options: LintOptions = {}): ReturnType<typeof LinterFeature.fixInstanceText> {
  return feature().fixInstanceText(text, withCatalog(options));
}

/** What each value to fill in is (fillValues.ts), read with the linter's parser. */
export function describeFill(text: string, targets: Parameters<typeof LinterFeature.describeFill>[2]): ReturnType<typeof LinterFeature.describeFill> {
  return feature().describeFill(text, catalog, targets);
}

export function fillEdits(...args: Parameters<typeof LinterFeature.fillEdits>): ReturnType<typeof LinterFeature.fillEdits> {
  return feature().fillEdits(...args);
}
