import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance } from '../../src/core/api/types';
import type { LintDiagnostic } from '../../src/core/instanceFile/diagnostics';
import { lintInstanceText } from '../../src/core/instanceFile/lint';
import { LineIndex } from '../../src/core/instanceFile/text';

export const fixturesDir = join(__dirname, '../fixtures');

export function fixture(path: string): string {
  return readFileSync(join(fixturesDir, path), 'utf8');
}

/** An instance record as the API returns it: the fields every record has, and what the test sets. */
export function instanceRecord(id: number, elementKey: string, overrides: Partial<Instance> = {}): Instance {
  return {
    id,
    name: `Instance ${id}`,
    token: `instance-token-${id}`,
    element: { id: 1, key: elementKey, name: elementKey, active: true, deleted: false, typeOauth: true, trialAccount: false },
    provisionInteractions: [],
    valid: true,
    disabled: false,
    maxCacheSize: 0,
    cacheTimeToLive: 0,
    eventsEnabled: false,
    cachingEnabled: false,
    ...overrides,
  };
}

export interface Located extends LintDiagnostic {
  line: number;
  column: number;
}

export function lintAt(text: string): Located[] {
  const lines = new LineIndex(text);
  return lintInstanceText(text).map((diagnostic) => ({ ...diagnostic, ...lines.position(diagnostic.offset) }));
}

export function summary(diagnostics: Located[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);
}

/**
 * Runs `run` and asserts it took less than `bound` ms of this process's CPU time. CPU time, not
 * the wall clock: other work on the machine (another suite, busy loops on every core) stretches
 * wall time but not the time this process computes. Over the bound it runs twice more and keeps
 * the fastest: a runaway (quadratic) input is slow every time; a cold cache or a garbage
 * collection is not.
 */
export function timed<T>(bound: number, what: string, run: () => T): T {
  let fastest = Infinity;
  let attempts = 0;
  let result: T;
  do {
    const start = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(start);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  } while (fastest >= bound && ++attempts < 3);
  assert.ok(fastest < bound, `${what} took ${fastest.toFixed(0)} ms of CPU time (bound ${bound} ms)`);
  return result;
}
