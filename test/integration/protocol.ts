/**
 * What the runners (run.ts, runElectron.ts) and the suite inside the extension host agree on:
 * the environment variables that reach the extension host, and the result file the suite
 * writes. No `vscode` here.
 */

/** Environment variables the extension host inherits from the server the runner starts. */
export const ENV = {
  /** The emulator's api-v2 base URL (`…/elements/api-v2`). */
  emulatorApi: 'ELEMENTS_TEST_EMULATOR_URL',
  /** The emulator's origin, for its admin endpoints (`/__admin/…`). */
  emulatorAdmin: 'ELEMENTS_TEST_EMULATOR_ADMIN',
  userSecret: 'ELEMENTS_TEST_USER_SECRET',
  orgSecret: 'ELEMENTS_TEST_ORG_SECRET',
  /** The folder where each window's run writes `<label>.json` (a TestResult). */
  resultDir: 'ELEMENTS_TEST_RESULT_DIR',
  /** Optional: only these suite files (comma-separated base names, e.g. `60-commands`). */
  only: 'ELEMENTS_TEST_ONLY',
  /** Optional: the runner's UI driver (answers quick inputs in the page). */
  driver: 'ELEMENTS_TEST_DRIVER_URL',
} as const;

export interface TestFailure {
  title: string;
  error: string;
}

export interface TestResult {
  /** Which run: `suite`, or `activation-<event>`. */
  label: string;
  tests: number;
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  failed: TestFailure[];
  /** The spec reporter's output. */
  output: string[];
}

/** The name of a run's result file. */
export function resultFileName(label: string): string {
  return `${label.replace(/[^\w.-]+/g, '-')}.json`;
}

/**
 * Why a result means the run failed, or undefined when it passed. A skipped test fails the run
 * unless `allowSkipped` (runElectron.ts: no UI driver there, and it says so).
 */
export function verdict(result: TestResult | undefined, expectedLabel: string, options: { allowSkipped?: boolean } = {}): string | undefined {
  if (!result) return `${expectedLabel}: no result was written (the extension host did not run the suite to the end)`;
  if (result.failures > 0) return `${expectedLabel}: ${result.failures} of ${result.tests} test(s) failed`;
  if (result.tests === 0 || result.passes === 0) return `${expectedLabel}: no tests ran`;
  if (result.pending > 0 && !options.allowSkipped) return `${expectedLabel}: ${result.pending} test(s) were skipped`;
  return undefined;
}
