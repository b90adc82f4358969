/**
 * Measures the walk a reader makes through the code during one "Provision Element" (Xero,
 * OAuth 2, URI handler) against the emulator, wizard and connection test included: the run
 * provisions the instance, then tests its connection through the instance console, as the
 * extension does. Every statement executed in `src/core/` and `src/extension/` is stepped
 * through with the V8 inspector (a worker thread debugging the main thread), and the files of
 * consecutive statements give the walk.
 *
 *   npm run walk [-- --list]        (npx tsx test/unit/walk/measureWalk.ts)
 *
 * Counted as a reader reads (CONTRIBUTING, "The provisioning adapters"):
 * - getters are skipped: a property read (`session.state`, the transpiler's export getters that
 *   reading an imported name steps into) is not a visit to the file that defines it;
 * - logging is skipped: the log and the redaction of its lines (`log.ts`, `core/redact/`);
 * - infrastructure is entered once: the shared adapter files (`src/extension/*.ts`), the HTTP
 *   client and its attempt loop (`core/api/`, `core/http/`) and core's small helpers are read the
 *   first time the walk enters them; a later call into one is a statement of its caller;
 * - a loop is read once: immediate repetitions of the same stretch of files (up to eight files
 *   long) are folded (163 catalog elements made into quick pick items).
 *
 * Prints: moves between files, files entered, moves landing in a file already visited, for the
 * walk as a reader reads it and raw; with `--list`, the reader's walk. Not part of `npm test`.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import '../vscode/register';
import * as vscode from '../vscode/fakeVscode';
// Loaded before tracing starts: module loading is not part of the walk.
import type { RunningEmulator } from '../../../src/emulator/server';
import { mountConsole } from '../extension/console/setup';
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
    // Reading an imported name runs its module's export getter, reading a property its getter: not a visit to that file.
    const getters = getterLines.get(scriptId);
    const offset = getters ? getters.lineStarts[lineNumber] + params.callFrames[0].location.columnNumber : -1;
    const getter = (getters !== undefined && offset < getters.end) || params.callFrames[0].functionName.startsWith('get ');
    if (!getter && files[files.length - 1] !== url) files.push(url);
    return void post('Debugger.stepInto');
  }
  // Test code may call into the extension (the fake VS Code runs its commands): step through it.
  // Node's internals, node_modules and the emulator do not: step out of them.
  post(workerData.stepped.some((prefix) => url.startsWith(prefix)) ? 'Debugger.stepInto' : 'Debugger.stepOut');
});
// Stepping out of Node's internals back to the event loop lets the thread run free: ask it to pause
// again, so the statements after an await on I/O (the connection test after the create) are stepped too.
const again = setInterval(() => {
  if (on) session.post('Debugger.pause', () => {});
}, 10);
parentPort.on('message', async (message) => {
  if (message === 'start') {
    on = true;
    await post('Debugger.pause');
    parentPort.postMessage('started');
  } else if (message === 'stop') {
    on = false;
    clearInterval(again);
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

/** Logging: not read on the way. */
const LOGGING = [/^src\/extension\/log\.ts$/, /^src\/core\/redact\//];
/** Infrastructure: read once, the first time the walk enters it. */
const INFRASTRUCTURE = [/^src\/extension\/(?!extension\.ts$)[^/]+\.ts$/, /^src\/core\/(api|http|node)\//, /^src\/core\/[^/]+\.ts$/];

/** The walk as a reader reads it: logging skipped, infrastructure entered once, loops read once. */
export function asReader(walk: readonly string[]): string[] {
  const read = new Set<string>();
  const kept: string[] = [];
  for (const name of walk) {
    if (LOGGING.some((pattern) => pattern.test(name))) continue;
    if (INFRASTRUCTURE.some((pattern) => pattern.test(name))) {
      if (read.has(name)) continue;
      read.add(name);
    }
    if (kept.at(-1) !== name) kept.push(name);
  }
  return fold(kept);
}

/**
 * The emulator runs in a worker thread of its own, at full speed: in the traced thread every
 * statement waits for the debugger, and its keep-alive sockets would time out between requests.
 * It answers every request with `Connection: close`: the traced thread notices a socket the
 * emulator closed only when it steps that far, too late not to reuse it.
 */
const EMULATOR = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs');
const http = require('node:http');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, response) {
  if (event === 'request') response.shouldKeepAlive = false;
  return emit.apply(this, arguments);
};
const { startEmulator } = require(workerData.server);
startEmulator({ port: 0 }).then((emulator) => {
  parentPort.once('message', () => emulator.close().then(() => parentPort.postMessage('closed')));
  parentPort.postMessage({ url: emulator.url, apiBaseUrl: emulator.apiBaseUrl, userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
});
`;

async function emulatorInWorker(): Promise<RunningEmulator> {
  const worker = new Worker(EMULATOR, { eval: true, workerData: { server: join(ROOT, 'src', 'emulator', 'server.ts') } });
  const running = await new Promise<Omit<RunningEmulator, 'close'>>((resolve) => worker.once('message', resolve));
  return { ...running, close: () => ask<unknown>(worker, 'close').then(() => worker.terminate()).then(() => {}) };
}

async function main(): Promise<void> {
  const emulator = await emulatorInWorker();
  // The Instances view, the console and provisioning wired as extension.ts wires them: the run ends with the connection test.
  const m = await mountConsole(emulator, { provisioning: true });
  setup.script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'WALK-KEY-0001', 'Client Secret': 'WALK-SECRET-0002' } });
  m.browser.behavior = setup.returnsToVsCode('allow');
  // Code loaded on first use is loaded before tracing starts too (stepping out of the loader lets the thread run free).
  m.console.get();
  // Provisioning's collaborators are wired before tracing starts, as they were at activation before
  // provisioning loaded on first use: a command that finds nothing to do loads and wires them.
  await vscode.commands.executeCommand('cloudElements.copyAuthorizationUrl');

  const worker = new Worker(TRACER, { eval: true, workerData: { traced: TRACED, stepped: STEPPED } });
  await new Promise((resolve) => worker.once('message', resolve));
  const started = ask(worker, 'start');
  // The pause lands on the next statement the main thread runs: right here.
  await started;
  // The command itself, not setup.provision(): stepping statement by statement takes far longer than its deadline.
  await vscode.commands.executeCommand('cloudElements.provision');
  await m.browser.settled();
  const walk = await ask<string[]>(worker, 'stop');
  await worker.terminate();

  const stored = await setup.storedInstances(emulator);
  const created = stored.length;
  const tested = stored[0] && m.console.connections.get('custom', stored[0].id);
  m.dispose();
  await emulator.close();

  const names = walk.map((url) => relative(ROOT, new URL(url).pathname));
  const reader = asReader(names);
  if (process.argv.includes('--list')) console.log(reader.join('\n'));
  console.log(JSON.stringify({ instancesCreated: created, connectionTested: tested !== undefined, reader: count(reader), raw: count(names) }, null, 2));
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
