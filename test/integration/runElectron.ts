/**
 * The same suite in desktop VS Code through @vscode/test-electron (`npm run test:electron`), for
 * machines that can download VS Code (or have it: ELEMENTS_VSCODE_EXECUTABLE=/path/to/code).
 * Each window is one `runTests` call: the main suite, then one per activation event. There is no
 * UI driver here, so the tests that type into quick inputs are skipped and listed.
 *
 *   npx tsx test/integration/runElectron.ts [--only 60-commands] [--version stable]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { startEmulator } from '../../src/emulator/server';
import type { RunningEmulator } from '../../src/emulator/server';
import { ROOT } from '../host/paths';
import { OUT_DIR } from './bundle';
import { ENV, resultFileName } from './protocol';
import { buildAll, finish, readResult, report, runMain, Timings } from './runnerSupport';
import { ACTIVATION_SCENARIOS, activationLabel } from './scenarios';
import { prepareWorkspaces } from './workspaces';

/** The user settings run.ts gives the server, for desktop VS Code's user-data folder. */
async function writeSettings(userDataDir: string, emulator: RunningEmulator): Promise<void> {
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'cloudElements.environment': 'custom',
    'cloudElements.customBaseUrl': emulator.apiBaseUrl,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
  };
  await writeFile(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

async function main(): Promise<number> {
  const { values: options } = parseArgs({ options: { only: { type: 'string' }, version: { type: 'string' } } });
  const timings = new Timings();
  const problems: string[] = [];
  const root = await mkdtemp(join(tmpdir(), 'elements-toolkit-electron-'));
  let emulator: RunningEmulator | undefined;
  try {
    await timings.time('build (extension + suite bundle)', buildAll);
    emulator = await startEmulator({ port: 0, seed: true });
    const resultDir = join(root, 'results');
    await mkdir(resultDir, { recursive: true });
    const workspaces = await prepareWorkspaces(join(root, 'workspace'));

    const env = {
      [ENV.emulatorApi]: emulator.apiBaseUrl,
      [ENV.emulatorAdmin]: emulator.url,
      [ENV.userSecret]: emulator.userSecret,
      [ENV.orgSecret]: emulator.orgSecret,
      [ENV.resultDir]: resultDir,
      ...(options.only !== undefined && { [ENV.only]: options.only }),
    };
    const windows = [
      { label: 'suite', folder: workspaces.main, testsPath: join(OUT_DIR, 'suite/index.js') },
      ...(options.only === undefined
        ? ACTIVATION_SCENARIOS.map((scenario) => ({
            label: activationLabel(scenario),
            folder: workspaces.activation[scenario],
            testsPath: join(OUT_DIR, 'activation/index.js'),
          }))
        : []),
    ];
    for (const window of windows) {
      // A user-data folder per window: no state (settings changed by a test, views opened) carries over.
      const userDataDir = join(root, `user-data-${window.label}`);
      await writeSettings(userDataDir, emulator);
      await timings.time(window.label, async () => {
        try {
          await runTests({
            ...(process.env.ELEMENTS_VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.ELEMENTS_VSCODE_EXECUTABLE } : { version: options.version ?? 'stable' }),
            extensionDevelopmentPath: ROOT,
            extensionTestsPath: window.testsPath,
            extensionTestsEnv: env,
            launchArgs: [window.folder, `--user-data-dir=${userDataDir}`, `--extensions-dir=${join(root, 'extensions')}`],
          });
        } catch (error) {
          // A failing suite makes VS Code exit non-zero: the result file says why. Anything else
          // (VS Code could not be downloaded or started) ends the run.
          if (!(error instanceof TestRunFailedError)) {
            throw new Error(
              `Could not run desktop VS Code (${error instanceof Error ? error.message : String(error)}). Set ELEMENTS_VSCODE_EXECUTABLE to an installed VS Code, or run npm run test:integration (code-server).`,
              { cause: error },
            );
          }
        }
        const result = await readResult(join(resultDir, resultFileName(window.label)));
        if (!result) problems.push(`${window.label}: no result was written (VS Code did not run the suite to the end)`);
        else report(result, problems, { allowSkipped: true });
        if (result && result.pending > 0) console.log(`${window.label}: ${result.pending} test(s) skipped here (they need the UI driver of test/integration/run.ts).`);
      });
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await emulator?.close();
    await rm(root, { recursive: true, force: true });
  }
  return finish('Integration suite (desktop VS Code)', timings, problems);
}

runMain(main);
