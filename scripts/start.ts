/**
 * `npm start`: the live demo. Builds and packages the extension, starts the local Cloud
 * Elements emulator with sample instances and a real VS Code (code-server) with the extension
 * installed and pointed at it, prints where to go, and stops both on Ctrl+C. The demo folder
 * (.cache/demo, or $ELEMENTS_DEMO_DIR) is kept between runs — workspace, VS Code's settings and
 * sign-in, the emulator's instances and secrets (scripts/demo/folder.ts); --fresh starts over.
 *
 *   npm start [-- --port 8080] [--emulator-port 8787] [--fresh]
 */
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/server';
import type { RunningEmulator } from '../src/emulator/server';
import { installExtension, startCodeServer } from '../test/host/codeServer';
import type { RunningCodeServer } from '../test/host/codeServer';
import { ensureHost } from '../test/host/install';
import { PortTakenError } from '../test/host/listening';
import { ROOT } from '../test/host/paths';
import { reapWhenOrphaned } from '../test/host/reaper';
import { packageVsix } from '../test/host/vsix';
import { prepareDemoFolder, writeDemoSettings, type DemoFolder } from './demo/folder';
import { DEMO_LOOPBACK_PORT, demoApps, demoAppsBanner } from './demoApps';
import { DEMO_EVENTS_PORT, demoEventsBanner, enableDemoEvents } from './demo/events';
import { freePortAfter, isPortFree, portTakenText } from './demo/ports';

/**
 * Not 127.0.0.1: code-server rewrites links to 127.0.0.1/localhost into its own port-forwarding
 * proxy, which garbles the OAuth authorize URL and sends the provider page's form to the
 * wrong server. Any other loopback address (Linux routes all of 127/8 to lo) is left alone.
 */
const EMULATOR_HOST = '127.0.0.2';
const CODE_SERVER_HOST = '127.0.0.1';

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(2);
}

/** Fails, before anything slow, when a port is taken: which one, and a free one to pass instead. */
async function requireFreePort(what: string, host: string, port: number, flag: string): Promise<void> {
  if (!(await isPortFree(host, port))) fail(portTakenText(what, host, port, flag, await freePortAfter(host, port)));
}

/** The banner's lines about the demo folder: what was kept, how to start over. */
function folderLines(folder: DemoFolder): string[] {
  const where = relative(ROOT, folder.root) || folder.root;
  return folder.kept
    ? [
        `  Demo folder:            ${where}, kept from the last run: your workspace files, VS Code's`,
        `                          settings and sign-in, the emulator's instances${folder.secretsKept ? ' and secrets' : ''}.`,
        '                          npm start -- --fresh starts over.',
      ]
    : [`  Demo folder:            ${where}, new: the sample files and instances. Kept for the next`, '                          npm start (npm start -- --fresh starts over).'];
}

async function main(): Promise<void> {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: { port: { type: 'string', default: '8080' }, 'emulator-port': { type: 'string', default: '8787' }, fresh: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const port = Number(options.port);
  const emulatorPort = Number(options['emulator-port']);
  if (!Number.isInteger(port) || !Number.isInteger(emulatorPort)) fail('--port and --emulator-port take port numbers');
  await requireFreePort('VS Code (code-server)', CODE_SERVER_HOST, port, '--port');
  await requireFreePort('the emulator', EMULATOR_HOST, emulatorPort, '--emulator-port');

  await ensureHost();
  const folder = await prepareDemoFolder(process.env.ELEMENTS_DEMO_DIR ?? join(ROOT, '.cache/demo'), { fresh: options.fresh });
  const { dirs } = folder;
  console.log('Packaging the extension…');
  // Into the demo folder, not the shared host cache: another checkout's tests may package at the same time.
  const vsix = await packageVsix(join(folder.root, 'elements-toolkit.vsix'));

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ host: EMULATOR_HOST, port: emulatorPort, seed: true, dataFile: folder.dataFile, ...folder.secrets, apps: demoApps() });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(portTakenText('the emulator', EMULATOR_HOST, emulatorPort, '--emulator-port', await freePortAfter(EMULATOR_HOST, emulatorPort)));
    fail(`cannot start the emulator on ${EMULATOR_HOST}:${emulatorPort}: ${code ?? (error as Error).message}`);
  }

  const eventsInstance = await enableDemoEvents(emulator).catch((error: unknown) => fail((error as Error).message));
  await installExtension(dirs, vsix);
  // The "Local emulator" environment, at the demo's address (a desktop user's `npm run emulator` is on 127.0.0.1:8787).
  await writeDemoSettings(
    dirs,
    {
      'cloudElements.environment': 'local',
      'cloudElements.localEmulatorAddress': new URL(emulator.apiBaseUrl).host,
      // The port the demo's provider apps registered (scripts/demoApps.ts).
      'cloudElements.loopbackPort': DEMO_LOOPBACK_PORT,
      // Where the sample instance's events go (scripts/demo/events.ts).
      'cloudElements.events.receiverPort': DEMO_EVENTS_PORT,
    },
    folder.kept,
  );

  let codeServer: RunningCodeServer;
  try {
    codeServer = await startCodeServer(dirs, { port });
  } catch (error) {
    await emulator.close();
    // Never a banner for a server that is not ours: the answer on that port may be another program's.
    if (error instanceof PortTakenError) fail(portTakenText('VS Code (code-server)', CODE_SERVER_HOST, port, '--port', await freePortAfter(CODE_SERVER_HOST, port)));
    fail(`cannot start code-server on ${CODE_SERVER_HOST}:${port}: ${(error as Error).message.split('\n')[0]}`);
  }

  // If this process is killed outright, a watchdog still stops code-server's whole group.
  if (codeServer.process.child.pid) reapWhenOrphaned(codeServer.process.child.pid);

  console.log(`
Cloud Elements Toolkit — live demo

  VS Code (code-server):  ${codeServer.workbenchUrl}
  Emulator API:           ${emulator.apiBaseUrl}
${folderLines(folder).join('\n')}

  In VS Code: open the Cloud Elements view in the activity bar → Sign In (to the
  "Local emulator" environment), with
    user secret:          ${emulator.userSecret}
    organization secret:  ${emulator.orgSecret}
  ${folder.secretsKept ? '(the same as last time: they are kept with the demo folder)' : '(new for this demo folder; they stay the same until npm start -- --fresh)'}
  then Provision Element… (any app key and secret will do; the emulator's provider pages ask
  Allow / Deny), and open the sample instance files in the workspace to see the linter and its
  quick fixes.

${demoAppsBanner(demoApps())}

${demoEventsBanner(eventsInstance)}

Press Ctrl+C to stop both.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.allSettled([codeServer.stop(), emulator.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  codeServer.process.child.once('exit', () => {
    if (!stopping) {
      console.error('code-server stopped unexpectedly:\n' + codeServer.process.output().slice(-2000));
      void emulator.close().then(() => process.exit(1));
    }
  });
}

main().catch((error: unknown) => fail((error as Error).message));
