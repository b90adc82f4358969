/**
 * `npm run bench`: elements-lint started as a pre-commit hook starts it, once per commit — one
 * process on one small file — against `node -e 0`, the floor of any Node command (target: within
 * 1.5×). Measured with the Node running the bench and, when the test host has installed it, the
 * official Node 24 build (what the GitHub runner gives the Action), whose own start is much faster.
 * Pairs interleaved, order alternating, two warm-up rounds (the compile cache fills on the first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NODE as HOST_NODE } from '../../test/host/paths';

interface Stats {
  median: number;
  spreadPercent: number;
}

export interface StartupRow {
  node: string;
  /** What the file held: elements-lint's output is empty for a clean one. */
  file: string;
  floor: Stats;
  elementsLint: Stats;
  ratio: number;
  load: string;
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/** Prints a line per Node and file, and returns the rows and their section of bench/results.md. */
export function startupComparison(root: string, rounds: number, stats: (samples: number[]) => Stats): { rows: StartupRow[]; markdown: string[] } {
  const nodes = [process.execPath, ...(existsSync(HOST_NODE) ? [HOST_NODE] : [])];
  const files = { clean: join(root, 'test/fixtures/lint/valid.instance.json'), 'with findings': join(root, 'test/fixtures/lint/value-type.instance.json') };
  const cli = join(root, 'dist/cli.js');
  const rows: StartupRow[] = [];
  for (const node of nodes) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    for (const [what, file] of Object.entries(files)) {
      const run = (args: string[]) => () => {
        // stdout and stderr through pipes, as a hook runner and CI read them.
        const result = spawnSync(node, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        if (result.status !== 0 && !(result.status === 1 && what === 'with findings')) throw new Error(`${node} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
      };
      const contenders = { floor: run(['-e', '0']), elementsLint: run([cli, file]) };
      const samples: Record<keyof typeof contenders, number[]> = { floor: [], elementsLint: [] };
      for (let round = -2; round < rounds; round++) {
        const order = round % 2 === 0 ? (['floor', 'elementsLint'] as const) : (['elementsLint', 'floor'] as const);
        for (const name of order) {
          const start = performance.now();
          contenders[name]();
          if (round >= 0) samples[name].push(performance.now() - start);
        }
      }
      const floor = stats(samples.floor);
      const elementsLint = stats(samples.elementsLint);
      const row = { node: version, file: what, floor, elementsLint, ratio: elementsLint.median / floor.median, load: load() };
      rows.push(row);
      console.log(
        `process on one small file (${what}), node ${version}: elements-lint ${elementsLint.median.toFixed(1)} ms, node -e 0 ${floor.median.toFixed(1)} ms, ${row.ratio.toFixed(2)}× (target ≤ 1.5); load average ${row.load}`,
      );
    }
  }
  const spread = (s: Stats) => `±${(s.spreadPercent / 2).toFixed(0)} %`;
  const markdown = [
    '## Start: one process on one small file, as a pre-commit hook runs it (ms, lower is better; target: within 1.5× of `node -e 0`)',
    '',
    '| node | file | elements-lint | `node -e 0` | ratio | target | load average |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.node} | ${r.file} | ${r.elementsLint.median.toFixed(1)} ${spread(r.elementsLint)} | ${r.floor.median.toFixed(1)} ${spread(r.floor)} | ${r.ratio.toFixed(2)}× | ${r.ratio <= 1.5 ? 'met' : '**missed**'} | ${r.load} |`),
    '',
    '`dist/cli.js` on a fixture of `test/fixtures/lint/`, output through pipes (`scripts/bench/startup.ts`). Node 24 is the test host\'s',
    'official build (`.cache/host/node`), when installed: its own start is about half the Debian Node 20\'s, so the same work weighs more there.',
  ];
  return { rows, markdown };
}
