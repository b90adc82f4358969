/**
 * Measures the walk a reader makes through the code during one "Provision Element" (Xero,
 * OAuth 2, URI handler) against the emulator, in the unit harness: every statement executed in
 * `src/core/` and `src/extension/` is stepped through with the V8 inspector (a worker thread
 * debugging the main thread), and the files of consecutive statements give the walk.
 *
 *   npx tsx test/unit/walk/measureWalk.ts [--list]
 *
 * The transpiler's export getters (reading an imported name steps into its module for one
 * statement) are not counted as visits. A loop that calls into another file on each turn (163 catalog elements made into quick pick
 * items) is read once, not 163 times: immediate repetitions of the same stretch of files (up to
 * eight files long) are folded before counting.
 *
 * Prints: moves between files, files entered, moves landing in a file already visited (raw and
 * folded), and with `--list` the folded walk. Not part of `npm test`.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import '../vscode/register';
// Loaded before tracing starts: module loading is not part of the walk.
import { startEmulator } from '../../../src/emulator/server';
import * as setup from '../extension/provisioning/setup';

const ROOT = join(__dirname, '..', '..', '..');
const TRACED = [join(ROOT, 'src', 'core'), join(ROOT, 'src', 'extension')].map((folder) => `${pathToFileURL(folder).href}/`);
/** Stepped through without being counted: the fakes and the scripted user call into the extension. */
const STEPPED = [`${pathToFileURL(join(ROOT, 'test')).href}/`];

const TRACER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const inspector = require('node:inspector');
const session = new inspector.Session();
session.connectToMainThread();
const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
const scripts = new Map();
/** Per traced script: where its code starts, after the transpiler's prelude and export getters. */
const getterLines = new Map();
const files = [];
let on = false;
session.on('Debugger.scriptParsed', ({ params }) => {
  scripts.set(params.scriptId, params.url);
  if (!workerData.traced.some((prefix) => params.url.startsWith(prefix))) return;
  post('Debugger.getScriptSource', { scriptId: params.scriptId }).then(({ scriptSource }) => {
    const lineStarts = [0];
    for (let i = 0; i < scriptSource.length; i++) if (scriptSource[i] === '\n') lineStarts.push(i + 1);
    // Everything before module.exports = __toCommonJS(…) is the transpiler's prelude and export getters.
    const start = scriptSource.search(/__export\(\w+_exports,\s*\{/);
    const end = start < 0 ? -1 : scriptSource.indexOf('module.exports', start);
    getterLines.set(params.scriptId, { lineStarts, end });
  });
});
session.on('Debugger.paused', ({ params }) => {
  const { scriptId, lineNumber } = params.callFrames[0].location;
  const url = scripts.get(scriptId) || '';
  if (!on) return void post('Debugger.resume');
  if (workerData.traced.some((prefix) => url.startsWith(prefix))) {
    // Reading an imported name runs its module's export getter: not a visit to that file.
    const getters = getterLines.get(scriptId);
    const offset = getters ? getters.lineStarts[lineNumber] + params.callFrames[0].location.columnNumber : -1;
    const getter = getters !== undefined && offset < getters.end;
    if (!getter && files[files.length - 1] !== url) files.push(url);
    return void post('Debugger.stepInto');
  }
  // Test code may call into the extension (the fake VS Code runs its commands): step through it.
  // Node's internals, node_modules and the emulator do not: step out of them.
  post(workerData.stepped.some((prefix) => url.startsWith(prefix)) ? 'Debugger.stepInto' : 'Debugger.stepOut');
});
parentPort.on('message', async (message) => {
  if (message === 'start') {
    on = true;
    await post('Debugger.pause');
    parentPort.postMessage('started');
  } else if (message === 'stop') {
    on = false;
    await post('Debugger.resume').catch(() => {});
    parentPort.postMessage(files);
  }
});
post('Debugger.enable').then(() => parentPort.postMessage('ready'));
`;

function ask<T>(worker: Worker, message: string): Promise<T> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const m = await setup.mount(emulator);
  setup.script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'WALK-KEY-0001', 'Client Secret': 'WALK-SECRET-0002' } });
  m.browser.behavior = setup.returnsToVsCode('allow');

  const worker = new Worker(TRACER, { eval: true, workerData: { traced: TRACED, stepped: STEPPED } });
  await new Promise((resolve) => worker.once('message', resolve));
  const started = ask(worker, 'start');
  // The pause lands on the next statement the main thread runs: right here.
  await started;
  await setup.provision(m);
  const walk = await ask<string[]>(worker, 'stop');
  await worker.terminate();

  const created = (await setup.storedInstances(emulator)).length;
  m.dispose();
  await emulator.close();

  const names = walk.map((url) => relative(ROOT, new URL(url).pathname));
  const folded = fold(names);
  // The same walk seen from the adapters alone: only its steps through src/extension/provisioning/.
  const adapters = folded.filter((name) => name.startsWith('src/extension/provisioning/')).filter((name, k, all) => k === 0 || name !== all[k - 1]);
  if (process.argv.includes('--list')) console.log(folded.join('\n'));
  console.log(JSON.stringify({ instancesCreated: created, raw: count(names), folded: count(folded), provisioningAdapters: count(adapters) }, null, 2));
}

function count(walk: readonly string[]) {
  const seen = new Set<string>();
  let reentries = 0;
  for (const [index, name] of walk.entries()) {
    if (index > 0 && seen.has(name)) reentries++;
    seen.add(name);
  }
  return { movesBetweenFiles: Math.max(0, walk.length - 1), filesEntered: seen.size, movesIntoFileAlreadyVisited: reentries };
}

/** Drops immediate repetitions of a stretch of the walk (a loop read once), until none is left. */
function fold(walk: readonly string[]): string[] {
  let current = [...walk];
  for (let changed = true; changed; ) {
    changed = false;
    for (let length = 1; length <= 8; length++) {
      const next: string[] = [];
      for (let i = 0; i < current.length; ) {
        next.push(current[i]!);
        const block = current.slice(i - length + 1, i + 1);
        const following = current.slice(i + 1, i + 1 + length);
        if (i + 1 >= length && block.length === length && following.length === length && block.every((name, k) => name === following[k])) {
          i += 1 + length;
          changed = true;
        } else {
          i += 1;
        }
      }
      // Removing a repeated block can join two equal neighbours: keep only moves between files.
      current = next.filter((name, k) => k === 0 || name !== next[k - 1]);
    }
  }
  return current;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
