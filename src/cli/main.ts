/**
 * The elements-lint command. This file stays small: it turns on Node's compile cache (Node 22.1
 * and later; not when NODE_DISABLE_COMPILE_CACHE is set), so the program, loaded next, is compiled
 * once per version of it rather than on every run — a pre-commit hook runs it on every commit.
 */
if (Number(process.versions.node.split('.')[0]) >= 22) {
  // Required only where it can help: on Node 20, node:module loads parts of the ES module loader for nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  (require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
// The build turns this into require('./cli-program.js'), a bundle of its own (scripts/build.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the compile cache is on
require('./program');
