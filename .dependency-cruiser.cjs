// The import rules of src/ (npm run lint:deps; CONTRIBUTING.md "How the code is layered").
// Checked by dependency-cruiser with TypeScript's own reading of the files
// (tsPreCompilationDeps): `import type` is an import like any other here, so a type two files
// share lives in a leaf file below both of them, never in one of the two.
//
// "Upward" means against the order of the layers below. A layer may import its own files and any
// layer under it, never one above it:
//
// 1. src/ as a whole: the adapters (extension, cli, emulator, action) over the pure core.
//      extension | cli | emulator | action   →   core   →   (Node built-ins, npm packages)
//    core imports no adapter and no `vscode`; an adapter imports no other adapter.
//
// 2. Inside src/extension, read from the code (each arrow: what a folder may import):
//      extension.ts — the composition root: builds each collaborator once and wires the features
//        ↓
//      instanceFiles/ — instance files: lint, fixes, provision from a file (uses provisioning's wizard and outcome)
//        ↓
//      provisioning/ — Provision Element, Re-authorize (tests the new instance through the console)
//        ↓
//      events/ — the event receiver, the Events view, Forward to…, Enable/Disable Events (provisioning's events step uses it)
//        ↓
//      console/ — the instance console (API nodes, Test Connection, Send; signs in through commands)
//        ↓
//      commands/ — account and instance commands (they act on the Instances view's nodes)
//        ↓
//      views/ — the trees and their node models (the lowest feature: others act on its nodes;
//               a hook another feature fills in is a type the view declares)
//        ↓
//      the shared adapter leaf files: src/extension/*.ts other than extension.ts (log, notify,
//      errorText, settings, secrets, session, services, pickers, walkthrough, …): no feature folder.
//    Two features that need the same type or function get it from a shared leaf file (or core),
//    and a new folder is placed in EXTENSION_FEATURES before it can import anything.
//    The console's code is loaded on first use (dist/console.js): besides the order, nothing on
//    the extension side imports a file of the console side except for its types.
//
// 3. Inside src/emulator, a request's way down (EMULATOR_LAYERS, every file named; the folders of
//    src/emulator/README.md's "Files and layers"):
//      entry (start, flags) → dispatch → routes (tables and handler groups) → group models (a route
//      group's own store and model) → platform (what the service does behind the routes) → stores
//      (state) → base (types, replies, pure helpers)
//    A new emulator file is placed in a layer before it can import anything.
//
// Every rule is an error; there is no list of tolerated violations. test/unit/lint/dependencyRules.test.ts
// plants a violation of each rule in a scratch tree and checks that it is reported.

/** Feature folders of src/extension, highest first: each may import only the folders after it. */
const EXTENSION_FEATURES = ['instanceFiles', 'provisioning', 'events', 'console', 'commands', 'views'];

/** The files of src/extension/console/ that are in extension.js (activation); every other file there is the console side, in console.js. */
const CONSOLE_EXTENSION_SIDE = ['register', 'lazyConsole', 'contract'];

/** The files of src/extension/provisioning/ that are in extension.js (activation); every other file there is Provision Element's code, in provisioning.js. */
const PROVISIONING_EXTENSION_SIDE = ['register', 'contract', 'outcomeTexts', 'texts', 'fieldPrompts'];

/** The emulator's layers, highest first: each file of a layer may import only its own layer and the ones after it. */
const EMULATOR_LAYERS = [
  { layer: 'entry', files: ['main', 'cli', 'server'] },
  { layer: 'dispatch', files: ['dispatch'] },
  // The route tables and the handler groups (src/emulator/README.md, "Files and layers").
  {
    layer: 'routes',
    files: ['routes/api', 'routes/provider', 'routes/admin', 'routes/elements', 'routes/oauth', 'routes/instances', 'routes/configuration', 'routes/hubs', 'console/docsHandlers', 'console/records', 'events/eventRoutes'],
  },
  // What a route group with a store of its own holds below its handlers.
  { layer: 'group models', files: ['console/recordQuery', 'console/recordBody', 'console/hubRecords', 'console/docs', 'console/hubModel', 'console/sampleData', 'events/emitter', 'events/poller', 'events/pollTargets', 'events/deliverer', 'events/outbound', 'events/eventConfig', 'events/eventStore'] },
  { layer: 'platform', files: ['platform/exchange', 'platform/flowTypes', 'platform/instanceBody', 'platform/instanceCalls', 'platform/instanceRecord', 'platform/seed', 'platform/instanceInput', 'platform/hubChanges'] },
  { layer: 'stores', files: ['stores/apps', 'stores/dataFile', 'stores/elements', 'stores/faults', 'stores/grants', 'stores/hubs', 'stores/instances', 'stores/requestLog'] },
  {
    layer: 'base',
    files: ['base/addresses', 'base/auth', 'base/callbackUrl', 'base/ceql', 'base/outboundAddress', 'base/context', 'base/fakeProviders', 'base/hash', 'base/http', 'base/jsonBody', 'base/paging', 'base/providerHtml', 'base/query', 'base/random', 'base/router', 'base/sanitize', 'base/shapes', 'base/sorted'],
  },
];

const ADAPTERS = ['extension', 'cli', 'emulator', 'action'];
/** `vscode` is types only here (@types/vscode): it resolves to the declaration file, or not at all. */
const VSCODE = ['^vscode$', '^node_modules/@types/vscode/'];

const anyOf = (names) => `(${names.join('|')})`;
const emulatorFiles = (files) => `^src/emulator/${anyOf(files)}\\.ts$`;

/** One rule per feature folder: it may not import a folder listed before it, nor the composition root. */
const extensionRules = EXTENSION_FEATURES.map((feature, index) => ({
  name: `extension-upward-from-${feature}`,
  comment: `src/extension/${feature}/ imports ${index === 0 ? 'the composition root' : `a feature above it (${EXTENSION_FEATURES.slice(0, index).join(', ')}) or the composition root`}: imports run extension.ts → ${EXTENSION_FEATURES.join(' → ')} → shared leaf files. Move what both need into a shared leaf file (src/extension/*.ts) or core, or hand it over from extension.ts.`,
  severity: 'error',
  from: { path: `^src/extension/${feature}/` },
  to: { path: [`^src/extension/extension\\.ts$`, ...(index === 0 ? [] : [`^src/extension/${anyOf(EXTENSION_FEATURES.slice(0, index))}/`])] },
}));

const emulatorRules = EMULATOR_LAYERS.slice(1).map(({ layer, files }, index) => ({
  name: `emulator-upward-from-${layer}`,
  comment: `An emulator ${layer} file imports a layer above it (${EMULATOR_LAYERS.slice(0, index + 1)
    .map((above) => above.layer)
    .join(', ')}): a request goes ${EMULATOR_LAYERS.map((each) => each.layer).join(' → ')}. Move what both need down.`,
  severity: 'error',
  from: { path: emulatorFiles(files) },
  to: { path: emulatorFiles(EMULATOR_LAYERS.slice(0, index + 1).flatMap((above) => above.files)) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle (type imports count): a reader cannot start anywhere. Put what the files share in a leaf file both import.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-not-to-adapters',
      comment: 'src/core is pure: it imports no adapter (extension, cli, emulator, action). Hand what it needs in as a parameter, or move the code to the adapter.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: `^src/${anyOf(ADAPTERS)}/` },
    },
    {
      name: 'vscode-only-in-extension',
      comment: 'Only src/extension imports vscode: core runs in plain Node and in a browser, the CLI, the emulator and the Action run without VS Code.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/extension/' },
      to: { path: VSCODE },
    },
    {
      name: 'adapters-not-to-each-other',
      comment: 'An adapter imports another adapter: what two adapters share belongs in src/core.',
      severity: 'error',
      from: { path: `^src/${anyOf(ADAPTERS)}/` },
      to: { path: `^src/${anyOf(ADAPTERS)}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'extension-root-imported',
      comment: 'src/extension/extension.ts is the composition root: nothing imports it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/extension/extension\\.ts$' },
    },
    ...extensionRules,
    {
      name: 'extension-shared-to-feature',
      comment: `A shared leaf file of src/extension (src/extension/*.ts) imports a feature folder or the composition root: shared files are the bottom of the adapter; move the code it needs down here or into core.`,
      severity: 'error',
      from: { path: '^src/extension/[^/]+\\.ts$', pathNot: '^src/extension/extension\\.ts$' },
      to: { path: ['^src/extension/[^/]+/', '^src/extension/extension\\.ts$'] },
    },
    {
      name: 'extension-unplaced-folder',
      comment: `A folder of src/extension that is not in EXTENSION_FEATURES (.dependency-cruiser.cjs): place it in the order first.`,
      severity: 'error',
      from: { path: '^src/extension/[^/]+/', pathNot: `^src/extension/${anyOf(EXTENSION_FEATURES)}/` },
      to: {},
    },
    {
      name: 'console-loaded-on-first-use',
      comment: `The extension side imports console code: it would land in extension.js and load at activation. Reach the console through LazyConsole; share types through console/contract.ts (type imports).`,
      severity: 'error',
      from: { path: '^src/extension/', pathNot: `^src/extension/console/(?!${anyOf(CONSOLE_EXTENSION_SIDE)}\\.ts$)` },
      to: {
        path: `^src/extension/console/(?!${anyOf(CONSOLE_EXTENSION_SIDE)}\\.ts$)`,
        pathNot: '^src/extension/console/feature\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'console-entry-only-from-lazy-console',
      comment: 'console/feature.ts is the console bundle\'s entry: only lazyConsole.ts requires it (scripts/build.mjs turns that require into ./console.js).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/extension/console/lazyConsole\\.ts$' },
      to: { path: '^src/extension/console/feature\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'provisioning-loaded-on-first-use',
      comment: `The extension side imports Provision Element's code: it would land in extension.js and load at activation. Reach it through the commands provisioning/register.ts registers; share types and command ids through provisioning/contract.ts.`,
      severity: 'error',
      from: { path: '^src/extension/', pathNot: `^src/extension/provisioning/(?!${anyOf(PROVISIONING_EXTENSION_SIDE)}\\.ts$)` },
      to: {
        path: `^src/extension/provisioning/(?!${anyOf(PROVISIONING_EXTENSION_SIDE)}\\.ts$)`,
        pathNot: '^src/extension/provisioning/feature\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'provisioning-entry-only-from-register',
      comment: "provisioning/feature.ts is the provisioning bundle's entry: only provisioning/register.ts requires it (scripts/build.mjs turns that require into ./provisioning.js).",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/extension/provisioning/register\\.ts$' },
      to: { path: '^src/extension/provisioning/feature\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    ...emulatorRules,
    {
      name: 'emulator-unplaced-file',
      comment: 'An emulator file that is in no layer of EMULATOR_LAYERS (.dependency-cruiser.cjs): place it first.',
      severity: 'error',
      from: { path: '^src/emulator/.+\\.ts$', pathNot: emulatorFiles(EMULATOR_LAYERS.flatMap(({ files }) => files)) },
      to: {},
    },
  ],
  options: {
    // The TypeScript compiler reads the imports, type-only ones included.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // JSON modules (the curated catalog, package.json) import nothing.
    exclude: { path: '\\.json$' },
  },
};

// The layers, for test/unit/lint/dependencyRules.test.ts (which checks that every emulator file and
// extension folder is placed); not enumerable, so dependency-cruiser's schema does not see it.
Object.defineProperty(config, 'layers', { value: { EXTENSION_FEATURES, CONSOLE_EXTENSION_SIDE, PROVISIONING_EXTENSION_SIDE, EMULATOR_LAYERS, ADAPTERS } });

module.exports = config;
