/**
 * The integration suite inside a real VS Code: the VS Code server bundled in code-server runs
 * the extension from this repository (`extensionDevelopmentPath`) and the mocha suite
 * (`extensionTestsPath`) in its Node extension host, one browser window (headless Chromium)
 * per run: the main suite, then one fresh window and browser profile per activation event.
 * The extension talks to the local emulator. The extension host exits 0 even when tests fail,
 * so the verdict comes from the result files the suite writes: any failure, a skipped test,
 * no tests or no result fails the run.
 *
 *   npx tsx test/integration/run.ts [--keep] [--only 60-commands,70-uriHandler]
 *
 * --keep leaves the temp folder (logs, workspace, screenshots of failed UI answers) for
 * inspection; --only runs some suite files and no activation windows (for work on the suite).
 * ELEMENTS_TEST_TIMEOUT_MS changes how long the main suite may take (default 5 minutes).
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startEmulator } from '../../src/emulator/server';
import type { RunningEmulator } from '../../src/emulator/server';
import type { Browser } from '../host/browser';
import { launchBrowser } from '../host/browser';
import { hostDirs } from '../host/codeServer';
import { ensureHost } from '../host/install';
import { ROOT } from '../host/paths';
import { CHROMIUM_PREREQUISITE, MissingPrerequisiteError, requirePrerequisites } from '../host/prerequisites';
import { reapWhenOrphaned } from '../host/reaper';
import type { RunningVsCodeServer } from '../host/vscodeServer';
import { startVsCodeServer, testWorkbenchUrl } from '../host/vscodeServer';
import { OUT_DIR } from './bundle';
import { ENV, resultFileName } from './protocol';
import type { TestResult } from './protocol';
import { buildAll, finish, readResult, report, runMain, Timings } from './runnerSupport';
import { ACTIVATION_SCENARIOS, activationLabel } from './scenarios';
import { startUiDriver } from './uiDriver';
import type { UiDriver } from './uiDriver';
import { prepareWorkspaces } from './workspaces';

const SUITE_TIMEOUT_MS = Number(process.env.ELEMENTS_TEST_TIMEOUT_MS ?? 5 * 60_000);
const ACTIVATION_TIMEOUT_MS = 90_000;
/** Activation windows opened at once (each is a workbench and an extension host). */
const ACTIVATION_CONCURRENCY = 2;

interface TestWindow {
  label: string;
  folder: string;
  /** The bundled entry exporting run(). */
  testsPath: string;
  timeoutMs: number;
}

/**
 * Opens the workbench in `page` with the extension under development and its tests, and waits
 * for the run's result file. Fails early when the page crashes or the server exits.
 */
async function runWindow(page: Page, server: RunningVsCodeServer, resultDir: string, window: TestWindow): Promise<TestResult> {
  const pageLog: string[] = [];
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  page.on('console', (message) => {
    if (message.type() === 'error') pageLog.push(message.text().slice(0, 1000));
  });
  const file = join(resultDir, resultFileName(window.label));
  await page.goto(testWorkbenchUrl(server, window.folder, { extensionDevelopmentPath: ROOT, extensionTestsPath: window.testsPath }));
  const details = () =>
    `The last server output:\n${server.process.output().slice(-3000) || '(none)'}\nThe page's last errors:\n${pageLog.slice(-15).join('\n') || '(none)'}`;
  const deadline = Date.now() + window.timeoutMs;
  for (;;) {
    const result = await readResult(file);
    if (result) return result;
    if (crashed) throw new Error(`"${window.label}": the browser page crashed.\n${details()}`);
    if (server.process.child.exitCode !== null) throw new Error(`"${window.label}": the VS Code server exited.\n${details()}`);
    if (Date.now() > deadline) throw new Error(`"${window.label}" wrote no result within ${window.timeoutMs / 1000} s.\n${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

async function main(): Promise<number> {
  const { values: options } = parseArgs({ options: { keep: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const timings = new Timings();
  const problems: string[] = [];
  const root = join(ROOT, '.cache/integration', `run-${process.pid}`);
  // Browser profiles go in a temp folder of the run's own, which cleanup and the watchdog remove,
  // so a run that is killed leaves nothing behind; the server keeps the usual temp folder. Not
  // under the checkout: Chromium puts a socket in it, and a socket path has at most 107 bytes
  // (a checkout at /tmp/elements-concurrent-XXXXXX/clone1 was already too deep).
  const systemTmp = tmpdir();
  const runTmp = mkdtempSync(join(systemTmp, 'elements-it-'));
  process.env.TMPDIR = runTmp;
  let emulator: RunningEmulator | undefined;
  let server: RunningVsCodeServer | undefined;
  let browser: Browser | undefined;
  let driver: UiDriver | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await browser?.close();
      await driver?.close();
      await server?.stop();
      await emulator?.close();
      if (options.keep) console.log(`Kept ${root} and ${runTmp}`);
      else await Promise.all([rm(root, { recursive: true, force: true }), rm(runTmp, { recursive: true, force: true })]);
    })());
  // The server runs in its own process group, out of reach of the terminal's Ctrl+C: stop it
  // here. Repeated signals (tsx relays the one the terminal already sent) must not kill the cleanup.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!cleaned) console.error(`\n${signal}: stopping the server, the browser and the emulator…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await rm(root, { recursive: true, force: true });
    requirePrerequisites([CHROMIUM_PREREQUISITE]);
    await timings.time('host install check', () =>
      ensureHost().catch((error: unknown) => {
        if (error instanceof MissingPrerequisiteError) throw error;
        throw new Error(`Could not install the test host (Node 24 and code-server; see test/host/README.md): ${error instanceof Error ? error.message : String(error)}`);
      }),
    );
    await timings.time('build (extension + suite bundle)', buildAll);

    emulator = await startEmulator({ port: 0, seed: true });
    const dirs = await hostDirs(root);
    const resultDir = join(root, 'results');
    await mkdir(resultDir, { recursive: true });
    const workspaces = await prepareWorkspaces(dirs.workspace);

    browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    driver = await startUiDriver(page, { screenshotDir: root });
    const running = emulator;
    const uiDriver = driver;
    server = await timings.time('VS Code server start', () =>
      startVsCodeServer(dirs, {
        settings: { 'cloudElements.environment': 'custom', 'cloudElements.customBaseUrl': running.apiBaseUrl },
        env: {
          [ENV.emulatorApi]: running.apiBaseUrl,
          [ENV.emulatorAdmin]: running.url,
          [ENV.userSecret]: running.userSecret,
          [ENV.orgSecret]: running.orgSecret,
          [ENV.resultDir]: resultDir,
          [ENV.driver]: uiDriver.url,
          TMPDIR: systemTmp,
          ...(options.only !== undefined && { [ENV.only]: options.only }),
        },
      }),
    );
    const vscodeServer = server;
    if (vscodeServer.process.child.pid) reapWhenOrphaned(vscodeServer.process.child.pid, [root, runTmp]);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: vscodeServer.url });

    await timings.time('suite', async () => {
      const testsPath = join(OUT_DIR, 'suite/index.js');
      report(await runWindow(page, vscodeServer, resultDir, { label: 'suite', folder: workspaces.main, testsPath, timeoutMs: SUITE_TIMEOUT_MS }), problems);
    });
    if (options.only === undefined) {
      // Each activation window in a browser of its own: windows of one browser profile share
      // workbench state live, so one window opening the views could activate another's extension.
      await timings.time('activation events (one window each)', () =>
        eachLimited(ACTIVATION_SCENARIOS, ACTIVATION_CONCURRENCY, async (scenario) => {
          const own = await launchBrowser();
          try {
            const windowPage = own.context.pages()[0] ?? (await own.context.newPage());
            const testsPath = join(OUT_DIR, 'activation/index.js');
            const window = { label: activationLabel(scenario), folder: workspaces.activation[scenario], testsPath, timeoutMs: ACTIVATION_TIMEOUT_MS };
            report(await runWindow(windowPage, vscodeServer, resultDir, window), problems);
          } catch (error) {
            // Recorded, not thrown: the other windows finish and close their browsers.
            problems.push(error instanceof Error ? error.message : String(error));
          } finally {
            await own.close();
          }
        }),
      );
    }
  } catch (error) {
    problems.push(error instanceof MissingPrerequisiteError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanup();
  }
  return finish('Integration suite', timings, problems);
}

runMain(main);
