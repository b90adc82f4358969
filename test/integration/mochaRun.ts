/**
 * Runs mocha programmatically inside the extension host and records the outcome: the spec
 * reporter's lines and the counts go to `<ELEMENTS_TEST_RESULT_DIR>/<label>.json`, because the
 * extension host's own exit code and output do not reach the runner reliably.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { format } from 'node:util';
import type MochaType from 'mocha';
import { ENV, resultFileName } from './protocol';
import type { TestResult } from './protocol';

/** mocha 12 is an ES module: require() returns its namespace (Node ≥ 20.19, Electron's Node ≥ 22.12). */
function loadMocha(): typeof MochaType {
  const loaded = createRequire(__filename)('mocha') as typeof MochaType & { default?: typeof MochaType };
  return loaded.default ?? loaded;
}

export interface MochaRunOptions {
  /** Names the result file. */
  label: string;
  /** The folder holding the bundled `*.test.js`. */
  directory: string;
  /** Only these files (base names without `.test.js`); default all. */
  only?: string[];
  timeoutMs: number;
}

function writeResult(result: TestResult): void {
  const dir = process.env[ENV.resultDir];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, resultFileName(result.label)), JSON.stringify(result, null, 2));
}

/** Resolves when every test passed; rejects otherwise (test-electron reads that as failure). */
export async function runMocha(options: MochaRunOptions): Promise<void> {
  const Mocha = loadMocha();
  const output: string[] = [];
  const reporterBase = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  const consoleLog = reporterBase.consoleLog;
  reporterBase.useColors = false;
  reporterBase.consoleLog = (...args: unknown[]) => {
    const line = format(...args);
    output.push(line);
    console.log(line);
  };

  const started = Date.now();
  const result: TestResult = { label: options.label, tests: 0, passes: 0, failures: 0, pending: 0, durationMs: 0, failed: [], output };
  try {
    // A stray .only must fail the run, not quietly narrow it; skips are judged by the runner (protocol.ts).
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: options.timeoutMs, color: false, forbidOnly: true });
    const files = readdirSync(options.directory)
      .filter((name) => name.endsWith('.test.js'))
      .filter((name) => !options.only || options.only.includes(name.slice(0, -'.test.js'.length)))
      .sort();
    for (const file of files) mocha.addFile(join(options.directory, file));
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('test end', () => (result.tests += 1));
      runner.on('pass', () => (result.passes += 1));
      runner.on('pending', () => (result.pending += 1));
      runner.on('fail', (test, error: Error) => {
        result.failures += 1;
        result.failed.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
      });
    });
  } catch (error) {
    result.failures += 1;
    result.failed.push({ title: `${options.label} (loading the tests)`, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    reporterBase.consoleLog = consoleLog;
    result.durationMs = Date.now() - started;
    writeResult(result);
  }
  if (result.failures > 0) throw new Error(`${result.failures} test(s) failed.`);
}
