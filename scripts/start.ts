/**
 * `npm start`: the live demo. Builds and packages the extension, starts the local Cloud
 * Elements emulator with sample instances and a real VS Code (code-server) with the extension
 * installed and pointed at the emulator, prints where to go, and stops both on Ctrl+C.
 *
 *   npm start [-- --port 8080] [--emulator-port 8787]
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/server';
import { DEMO_LOOPBACK_PORT, demoApps, demoAppsBanner } from './demoApps';
import type { RunningEmulator } from '../src/emulator/server';
import { hostDirs, installExtension, startCodeServer, writeUserSettings } from '../test/host/codeServer';
import type { RunningCodeServer } from '../test/host/codeServer';
import { ensureHost } from '../test/host/install';
import { ROOT } from '../test/host/paths';
import { reapWhenOrphaned } from '../test/host/reaper';
import { packageVsix } from '../test/host/vsix';

const SAMPLES: Array<[from: string, to: string]> = [
  ['test/fixtures/seeds/xero-oauth1.page.json', 'instances/xero-from-the-docs.json'],
  ['test/fixtures/lint/smart-quotes.instance.json', 'xero.instance.json'],
  ['test/fixtures/seeds/quickbooks-token.instance.json', 'quickbooks-token.instance.json'],
];

/**
 * Not 127.0.0.1: code-server rewrites links to 127.0.0.1/localhost into its own port-forwarding
 * proxy, which garbles the OAuth authorize URL and sends the provider page's form to the
 * wrong server. Any other loopback address (Linux routes all of 127/8 to lo) is left alone.
 */
const EMULATOR_HOST = '127.0.0.2';

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: { port: { type: 'string', default: '8080' }, 'emulator-port': { type: 'string', default: '8787' } },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const port = Number(options.port);
  const emulatorPort = Number(options['emulator-port']);
  if (!Number.isInteger(port) || !Number.isInteger(emulatorPort)) fail('--port and --emulator-port take port numbers');

  await ensureHost();
  console.log('Packaging the extension…');
  const vsix = await packageVsix();

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ host: EMULATOR_HOST, port: emulatorPort, seed: true, apps: demoApps() });
  } catch (error) {
    fail(`cannot start the emulator on ${EMULATOR_HOST}:${emulatorPort} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass --emulator-port`);
  }

  const root = join(ROOT, '.cache/demo');
  await rm(root, { recursive: true, force: true });
  const dirs = await hostDirs(root);
  for (const [from, to] of SAMPLES) {
    await mkdir(join(dirs.workspace, to, '..'), { recursive: true });
    await copyFile(join(ROOT, from), join(dirs.workspace, to));
  }
  await installExtension(dirs, vsix);
  // The "Local emulator" environment, at the demo's address (a desktop user's `npm run emulator` is on 127.0.0.1:8787).
  await writeUserSettings(dirs, {
    'cloudElements.environment': 'local',
    'cloudElements.localEmulatorAddress': new URL(emulator.apiBaseUrl).host,
    // The port the demo's provider apps registered (scripts/demoApps.ts).
    'cloudElements.loopbackPort': DEMO_LOOPBACK_PORT,
  });

  let codeServer: RunningCodeServer;
  try {
    codeServer = await startCodeServer(dirs, { port });
  } catch (error) {
    await emulator.close();
    fail(`cannot start code-server on 127.0.0.1:${port}: ${(error as Error).message.split('\n')[0]}; pass --port`);
  }

  // If this process is killed outright, a watchdog still stops code-server's whole group.
  if (codeServer.process.child.pid) reapWhenOrphaned(codeServer.process.child.pid);

  console.log(`
Cloud Elements Toolkit — live demo

  VS Code (code-server):  ${codeServer.workbenchUrl}
  Emulator API:           ${emulator.apiBaseUrl}

  In VS Code: open the Cloud Elements view in the activity bar → Sign In (to the
  "Local emulator" environment), with
    user secret:          ${emulator.userSecret}
    organization secret:  ${emulator.orgSecret}
  then Provision Element… (any app key and secret will do; the emulator's provider pages ask
  Allow / Deny), and open the sample instance files in the workspace to see the linter and its
  quick fixes.

${demoAppsBanner(demoApps())}

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
