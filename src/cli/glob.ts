/**
 * Glob expansion for elements-lint: a bundle of its own (dist/cli-glob.js), loaded by
 * onFirstUse.ts only when a command line has a pattern that may be a glob.
 */
export { glob, isDynamicPattern } from 'tinyglobby';
