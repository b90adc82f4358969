/** What both runners (run.ts and runElectron.ts) do around the windows: build, time, read and judge results. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../host/paths';
import { run } from '../host/processes';
import { bundleSuite } from './bundle';
import { verdict } from './protocol';
import type { TestResult } from './protocol';

export class Timings {
  private readonly entries: Array<[string, number]> = [];

  async time<T>(label: string, task: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await task();
    } finally {
      this.entries.push([label, Date.now() - started]);
    }
  }

  print(): void {
    console.log('\nTimings:');
    for (const [label, ms] of this.entries) console.log(`  ${label.padEnd(38)} ${(ms / 1000).toFixed(1)} s`);
  }
}

export async function readResult(file: string): Promise<TestResult | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as TestResult;
  } catch {
    return undefined; // still being written
  }
}

/** Builds dist/ (the extension the host loads) and bundles the suite into out/integration/. */
export async function buildAll(): Promise<void> {
  await run(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
  await bundleSuite();
}

/** Prints a run's mocha output and failures; adds the reason to `problems` when it did not pass. */
export function report(result: TestResult, problems: string[], options: { allowSkipped?: boolean } = {}): void {
  for (const line of result.output) console.log(line);
  for (const failure of result.failed) console.log(`✗ ${failure.title}\n${failure.error}\n`);
  const problem = verdict(result, result.label, options);
  if (problem) problems.push(problem);
}

/** Prints the timings and the verdict; the exit code: 1 when anything went wrong. */
export function finish(label: string, timings: Timings, problems: string[]): number {
  timings.print();
  if (problems.length > 0) {
    console.error(`\n${label} FAILED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 1;
  }
  console.log(`\n${label} passed.`);
  return 0;
}

/** Runs a runner's main and exits with its code; an unexpected error exits 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
