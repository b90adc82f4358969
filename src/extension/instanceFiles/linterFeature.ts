/**
 * The linter as the extension loads it: a bundle of its own (dist/linter.js, scripts/build.mjs),
 * read the first time an instance file is linted or fixed, not at activation — most JSON files
 * that activate the extension are not instance files.
 */
export { fixInstanceText } from '../../core/instanceFile/fix';
export { lintInstanceText } from '../../core/instanceFile/lint';
export { describeFill, fillEdits } from '../../core/instanceFile/fillIn';
