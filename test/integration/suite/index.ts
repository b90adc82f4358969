/**
 * The extension-host entry (`extensionTestsPath`, @vscode/test-electron layout): runs mocha
 * over the bundled `*.test.js` beside this file and writes the result for the runner.
 */
import { runMocha } from '../mochaRun';
import { ENV } from '../protocol';

export function run(): Promise<void> {
  const only = process.env[ENV.only]?.split(',').map((name) => name.trim()).filter(Boolean);
  return runMocha({ label: 'suite', directory: __dirname, timeoutMs: 30_000, ...(only?.length && { only }) });
}
