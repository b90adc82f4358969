/**
 * Everything the end-to-end suite runs against, set up once per run and torn down at the end:
 * the packaged extension installed into a real VS Code (code-server) in throwaway folders under
 * .cache/e2e/, user settings as `npm start` writes them (the "Local emulator" environment at the
 * seeded emulator's address), a workspace with fixture files, and Debian's Chromium on the
 * workbench, allowed to use the clipboard.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator } from '../../src/emulator/server';
import type { RunningEmulator } from '../../src/emulator/server';
import type { StoredInstance } from '../../src/emulator/stores/instances';
import { launchBrowser } from '../host/browser';
import type { Browser } from '../host/browser';
import { hostDirs, installExtension, startCodeServer, writeUserSettings } from '../host/codeServer';
import type { HostDirs, RunningCodeServer } from '../host/codeServer';
import { ensureHost } from '../host/install';
import { ROOT } from '../host/paths';
import { CHROMIUM_PREREQUISITE, requirePrerequisites } from '../host/prerequisites';
import { packageVsix } from '../host/vsix';

export const E2E_CACHE = join(ROOT, '.cache/e2e');
/**
 * Screenshots go to .cache/e2e/screenshots; `ELEMENTS_E2E_SCREENSHOTS=media` (npm run
 * screenshots) refreshes the committed ones in media/screenshots/ that the README shows.
 */
export const SCREENSHOTS =
  process.env.ELEMENTS_E2E_SCREENSHOTS === 'media' ? join(ROOT, 'media/screenshots') : join(ROOT, '.cache/e2e/screenshots');

/**
 * The emulator stands in for the remote Cloud Elements API, so it listens on a loopback address
 * VS Code does not treat as "localhost": code-server rewrites an opened http://127.0.0.1:PORT
 * or localhost URL to its own /proxy/PORT/ port forwarding (re-encoding the query on the way),
 * which the real API's and providers' URLs never go through.
 */
export const EMULATOR_HOST = '127.0.0.2';

/** The file scenario 4 repairs: the vandalised Xero OAuth 1 page example, with curly quotes added. */
export const BROKEN_FILE = 'instances/xero-oauth1-from-the-docs.json';

export interface World {
  emulator: RunningEmulator;
  dirs: HostDirs;
  codeServer: RunningCodeServer;
  browser: Browser;
  page: Page;
  /** Stored emulator records, with providerData (GET /__admin/instances). */
  storedInstances(): Promise<StoredInstance[]>;
}

/** The Xero OAuth 1 example as the vandalised page prints it, plus the curly quotes of a word processor. */
async function brokenInstanceText(): Promise<string> {
  const page = await readFile(join(ROOT, 'test/fixtures/seeds/xero-oauth1.page.json'), 'utf8');
  return page.replace('"key": "xero"', '“key”: “xero”').replace('"name": "<INSERT_NAME>"', '“name”: “<INSERT_NAME>”');
}

async function writeWorkspace(workspace: string): Promise<void> {
  const copies: Array<[from: string, to: string]> = [
    ['test/fixtures/seeds/quickbooks-token.instance.json', 'quickbooks-token.instance.json'],
    ['test/fixtures/seeds/xero-oauth2.instance.json', 'xero-oauth2.instance.json'],
    ['test/fixtures/lint/valid.instance.json', 'valid.instance.json'],
  ];
  await mkdir(join(workspace, 'instances'), { recursive: true });
  for (const [from, to] of copies) await copyFile(join(ROOT, from), join(workspace, to));
  await writeFile(join(workspace, BROKEN_FILE), await brokenInstanceText());
}

/** The cleanups of what was started so far, run in reverse order; one failing does not stop the others. */
class Teardown {
  private readonly steps: Array<() => Promise<unknown>> = [];

  add(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0)) await step().catch((error: unknown) => console.error(`e2e teardown: ${String(error)}`));
  }
}

const teardown = new Teardown();

// Ctrl+C during a run: stop what was started (code-server's group, the emulator, the browser) before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void teardown.run().finally(() => process.exit(130)));
}

export async function startWorld(log: (line: string) => void = (line) => console.log(`      ${line}`)): Promise<World> {
  try {
    let started = Date.now();
    const lap = (what: string) => {
      log(`${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      started = Date.now();
    };
    // Before anything slow: a missing browser is named with the command that installs it.
    requirePrerequisites([CHROMIUM_PREREQUISITE]);
    await ensureHost(log);
    const root = join(E2E_CACHE, `run-${process.pid}`);
    await rm(root, { recursive: true, force: true });
    teardown.add(() => (process.env.E2E_KEEP ? Promise.resolve() : rm(root, { recursive: true, force: true })));
    // Its own .vsix: the integration suite may package at the same time.
    const vsix = await packageVsix(join(root, 'elements-toolkit.vsix'));
    lap('packaged the extension');

    const emulator = await startEmulator({ port: 0, host: EMULATOR_HOST, seed: true });
    teardown.add(() => emulator.close());
    const dirs = await hostDirs(root);
    await writeWorkspace(dirs.workspace);
    await installExtension(dirs, vsix);
    await writeUserSettings(dirs, {
      // As npm start: the demo is the "Local emulator" environment, on 127.0.0.2.
      'cloudElements.environment': 'local',
      'cloudElements.localEmulatorAddress': new URL(emulator.apiBaseUrl).host,
      'workbench.editor.enablePreview': false,
      'editor.lightbulb.enabled': 'on',
      'files.autoSave': 'off',
    });
    lap('installed the extension');

    const codeServer = await startCodeServer(dirs);
    teardown.add(() => codeServer.stop());
    lap(`code-server on ${codeServer.url}`);

    // Scenario 7 serves the forwarding page over https with a certificate made for the run (redirectWalk.ts).
    const browser = await launchBrowser({ viewport: { width: 1400, height: 860 }, ignoreHTTPSErrors: true });
    teardown.add(() => browser.close());
    // "Copy the authorization URL" is checked by reading the clipboard back.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.url });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await mkdir(SCREENSHOTS, { recursive: true });

    return {
      emulator,
      dirs,
      codeServer,
      browser,
      page,
      async storedInstances() {
        const response = await fetch(`${emulator.url}/__admin/instances`);
        return (await response.json()) as StoredInstance[];
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

export function stopWorld(): Promise<void> {
  return teardown.run();
}
