// `npm run bench`: the linter side by side with what a user would otherwise run (a benchmark that
// prints figures, not a timed test). Pairs are interleaved round by round; medians and spreads;
// the load average is printed, as figures from a shared machine are only as good as its quiet.
// The linter measured is the core bundled as the extension and the CLI ship it (bench/shipped.ts).
// Writes bench/results.md and bench/results.json. BENCH_ROUNDS=<n> for more or fewer rounds.
// Last, the emulator at 100, 10,000 and 100,000 instances (scripts/bench/emulator.ts): p50/p99 of
// list and create; then its event delivery latency (scripts/bench/events.ts: hub create → signed
// event at a loopback receiver, p50/p99). BENCH_ONLY=emulator runs those parts alone and writes
// nothing, BENCH_ONLY=events the delivery latency and the Events view with 10,000 deliveries
// (scripts/bench/eventsInbox.ts: render < 500 ms is the target); BENCH_ONLY=linter
// runs the linter's parts (throughput, small files, keystroke, whole processes) and writes nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bigInstance, curlyQuoted, docBodies, missingCommas, seeds } from './bench/corpora';
import { emulatorScale, scaleReport, type ScaleRow } from './bench/emulator';
import { deliveryReport, eventDeliveryLatency, type DeliveryRow } from './bench/events';
import { eventsInboxBench } from './bench/eventsInbox';
import { jsoncAjv, jsoncParse, languageService } from './bench/peers';
import { shippedLinter } from './bench/shipped';
import { startupComparison } from './bench/startup';

const root = join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const MB = 1024 * 1024;

interface Stats {
  median: number;
  min: number;
  max: number;
  /** Interquartile range over the median, in percent. */
  spreadPercent: number;
  samples: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const median = at(0.5);
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, spreadPercent: ((at(0.75) - at(0.25)) / median) * 100, samples: sorted.length };
}

type Contender = () => unknown;

/** Runs every contender once per round, in an order rotated each round; two warm-up rounds. */
async function interleaved(contenders: Record<string, Contender>, rounds: number): Promise<Record<string, Stats>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -2; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + Math.max(round, 0)) % names.length]!;
      const start = performance.now();
      await contenders[name]!();
      const ms = performance.now() - start;
      if (round >= 0) samples[name]!.push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(samples[name]!)]));
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const fmt = (value: number, digits = 1) => value.toFixed(digits);

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = load();
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore}, ${ROUNDS} rounds`);
  // Always: the process and activation rows measure dist/, which must be of these sources.
  console.log('building dist/…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (process.env.BENCH_ONLY === 'events') {
    await eventDeliveryLatency(root);
    const inbox = await eventsInboxBench();
    console.log(`Events view, 10,000 deliveries: render ${fmt(inbox.renderMs)} ms median (max ${fmt(inbox.renderMaxMs)} ms; target < 500 ms); reading one in (summary + HMAC check) ${fmt(inbox.readMsPerDelivery, 3)} ms; load average ${load()}`);
    return;
  }
  if (process.env.BENCH_ONLY === 'emulator') {
    await emulatorScale(root);
    await eventDeliveryLatency(root);
    console.log(`load average ${load()}`);
    return;
  }
  const { lintInstanceText } = shippedLinter();
  const validate = languageService();
  const ajv = jsoncAjv();
  const corpora = {
    '1 MB valid': bigInstance(MB),
    '10 MB valid': bigInstance(10 * MB),
    '1 MB, every quote curly': curlyQuoted(bigInstance(MB)),
    '1 MB, a missing comma on every line': missingCommas(bigInstance(MB)),
  };

  const throughput: Array<{ corpus: string; bytes: number; results: Record<string, Stats> }> = [];
  for (const [corpus, text] of Object.entries(corpora)) {
    const rounds = text.length > 5 * MB ? Math.max(5, Math.ceil(ROUNDS / 2)) : ROUNDS;
    const results = await interleaved(
      {
        'elements linter': () => lintInstanceText(text),
        'language service': () => validate(text),
        'jsonc-parser + ajv': () => ajv(text),
        'jsonc-parser parse (floor)': () => jsoncParse(text),
      },
      rounds,
    );
    throughput.push({ corpus, bytes: text.length, results });
    console.log(`${corpus}: ${Object.entries(results).map(([name, s]) => `${name} ${fmt(text.length / MB / (s.median / 1000))} MB/s`).join(', ')}`);
  }

  const small = seeds();
  const repeat = 20;
  const smallFiles = await interleaved(
    {
      'elements linter': () => { for (let r = 0; r < repeat; r++) for (const text of small) lintInstanceText(text); },
      'language service': async () => { for (let r = 0; r < repeat; r++) for (const text of small) await validate(text); },
      'jsonc-parser + ajv': () => { for (let r = 0; r < repeat; r++) for (const text of small) ajv(text); },
    },
    ROUNDS,
  );
  const filesPerSecond = (s: Stats) => (small.length * repeat) / (s.median / 1000);
  console.log(`seed fixtures: ${Object.entries(smallFiles).map(([name, s]) => `${name} ${fmt(filesPerSecond(s), 0)} files/s`).join(', ')}`);

  // Typing in the middle of a 1 MB file: each text is the previous one with one more character
  // typed into a value, at a different place each time, made (and flattened, as an editor's
  // getText() returns it) before the clock starts. The extension lints each text afresh, as here.
  let typed = corpora['1 MB valid'];
  const typedTexts = Array.from({ length: ROUNDS + 3 }, (_, i) => {
    const at = typed.indexOf('with some text', (typed.length / 2 + i * 997) | 0);
    return (typed = Buffer.from(typed.slice(0, at) + 'x' + typed.slice(at)).toString());
  });
  const next = { linter: 1, service: 1 };
  let version = 1;
  const keystroke = await interleaved(
    {
      'elements linter': () => lintInstanceText(typedTexts[next.linter++]!),
      'language service': () => validate(typedTexts[next.service++]!, ++version),
    },
    ROUNDS,
  );
  console.log(`keystroke in 1 MB: ${Object.entries(keystroke).map(([name, s]) => `${name} ${fmt(s.median)} ms`).join(', ')}`);

  const processes = processComparison(corpora['10 MB valid']);
  if (process.env.BENCH_ONLY === 'linter') {
    console.log(`load average ${load()}`);
    return;
  }
  const startup = startupComparison(root, Math.max(20, ROUNDS * 2), stats);
  const bundleBytes = statSync(join(root, 'dist/extension.js')).size;
  const activation = activationTimes();
  const emulator = await emulatorScale(root);
  const events = await eventDeliveryLatency(root);
  const loadAfter = load();
  const seconds = (performance.now() - started) / 1000;
  const results: Results = {
    node: process.version,
    cpus: cpus().length,
    loadBefore,
    loadAfter,
    rounds: ROUNDS,
    seconds,
    throughput,
    smallFileCount: small.length * repeat,
    smallFiles,
    keystroke,
    processes,
    startup,
    bundleBytes,
    activation,
    emulator,
    events,
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(root, 'bench/results.md'), report(results));
  console.log(`load average ${loadAfter}; ${fmt(seconds, 0)} s; wrote bench/results.md and bench/results.json`);
}

/** Whole processes, as CI runs them: elements-lint vs the language service's process, on the same files. */
function processComparison(tenMegabytes: string) {
  const dir = mkdtempSync(join(tmpdir(), 'elements-bench-'));
  try {
    const big = join(dir, 'big.instance.json');
    writeFileSync(big, tenMegabytes);
    const bodies = docBodies().map((text, i) => {
      const file = join(dir, `doc-${String(i).padStart(3, '0')}.instance.json`);
      writeFileSync(file, text);
      return file;
    });
    const schema = join(root, 'dist/instance.schema.json');
    const run = (args: string[]) => () => {
      const result = spawnSync(process.execPath, args, { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
    };
    const cli = join(root, 'dist/cli.js');
    const peer = join(root, 'scripts/bench/peer-cli.mjs');
    const rounds = Math.max(5, Math.ceil(ROUNDS / 3));
    const measure = (files: string[]) => {
      const samples: Record<string, number[]> = { 'elements-lint': [], 'language service process': [] };
      const contenders: Record<string, () => void> = { 'elements-lint': run([cli, '--format', 'json', ...files]), 'language service process': run([peer, schema, ...files]) };
      for (let round = -1; round < rounds; round++) {
        for (const name of round % 2 ? Object.keys(contenders) : Object.keys(contenders).reverse()) {
          const start = performance.now();
          contenders[name]!();
          if (round >= 0) samples[name]!.push(performance.now() - start);
        }
      }
      return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, stats(values)]));
    };
    const result = { '10 MB file': measure([big]), [`${bodies.length} documentation bodies at once`]: measure(bodies) };
    for (const [what, s] of Object.entries(result)) {
      const ratio = s['language service process']!.median / s['elements-lint']!.median;
      console.log(`process, ${what}: ${Object.entries(s).map(([name, v]) => `${name} ${fmt(v.median, 0)} ms`).join(', ')}, ${fmt(ratio, 2)}× (target ≥ 2); load average ${load()}`);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** require + activate of dist/extension.js against the fake vscode, each in a fresh process. */
function activationTimes() {
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/activate.ts')], { cwd: root, encoding: 'utf8' });
    const { requireMs: r, activateMs: a } = JSON.parse(output.trim().split('\n').pop()!) as { requireMs: number; activateMs: number };
    requireMs.push(r);
    activateMs.push(a);
  }
  const total = stats(requireMs.map((r, i) => r + activateMs[i]!));
  console.log(`require + activate: ${fmt(total.median)} ms`);
  return { require: stats(requireMs), activate: stats(activateMs), total };
}

interface Results {
  node: string;
  cpus: number;
  loadBefore: string;
  loadAfter: string;
  rounds: number;
  seconds: number;
  throughput: Array<{ corpus: string; bytes: number; results: Record<string, Stats> }>;
  /** Files linted per sample of `smallFiles`. */
  smallFileCount: number;
  smallFiles: Record<string, Stats>;
  keystroke: Record<string, Stats>;
  processes: Record<string, Record<string, Stats>>;
  startup: ReturnType<typeof startupComparison>;
  bundleBytes: number;
  activation: { require: Stats; activate: Stats; total: Stats };
  emulator: ScaleRow[];
  events: DeliveryRow[];
}

function report(r: Results): string {
  const mbps = (bytes: number, s: Stats) => bytes / MB / (s.median / 1000);
  const spread = (s: Stats) => `±${fmt(s.spreadPercent / 2, 0)} %`;
  const yes = (met: boolean) => (met ? 'met' : '**missed**');
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}): node ${r.node}, ${r.cpus} cores, ${r.rounds} rounds, pairs interleaved, medians (spread: half the interquartile range).`,
    'The elements linter is measured as it ships: the core bundled and minified by esbuild (`scripts/bench/shipped.ts`).',
    `Load average before ${r.loadBefore}, after ${r.loadAfter}: taken on a shared, loaded machine, so absolute figures are low and noisy; the ratios between contenders measured side by side are what to read.`,
    '',
    '## Lint throughput (MB/s, higher is better)',
    '',
    '| corpus | elements linter | language service + schema | jsonc-parser + ajv | jsonc-parser parse (floor) | ×LS (target ≥ 2) | vs ajv path (target > 1) | floor ÷ ours (target ≤ 2.5) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { corpus, bytes, results } of r.throughput) {
    const ours = results['elements linter']!;
    const ls = results['language service']!;
    const ajv = results['jsonc-parser + ajv']!;
    const floor = results['jsonc-parser parse (floor)']!;
    const cell = (s: Stats) => `${fmt(mbps(bytes, s))} ${spread(s)}`;
    if (!corpus.includes('valid')) {
      lines.push(`| ${corpus} | ${cell(ours)} | ${cell(ls)} | ${cell(ajv)} | ${cell(floor)} | — | — | — |`);
      continue;
    }
    lines.push(
      `| ${corpus} | ${cell(ours)} | ${cell(ls)} | ${cell(ajv)} | ${cell(floor)} | ${fmt(ls.median / ours.median, 2)} (${yes(ls.median / ours.median >= 2)}) | ${fmt(ajv.median / ours.median, 2)} (${yes(ajv.median > ours.median)}) | ${fmt(ours.median / floor.median, 2)} (${yes(ours.median / floor.median <= 2.5)}) |`,
    );
  }
  lines.push(
    '',
    'On the broken variants the peers stop at the first syntax error (jsonc-parser) or report what their parser',
    'recovers; the linter reports every curly quote and missing comma with its fix, so only the valid rows compare like with like.',
  );
  const fps = (s: Stats) => r.smallFileCount / (s.median / 1000);
  const small = r.smallFiles;
  const ours = fps(small['elements linter']!);
  lines.push(
    '',
    '## Small files: the seed fixtures (files/s, higher is better; target: ahead of both)',
    '',
    '| elements linter | language service | jsonc-parser + ajv | target |',
    '| --- | --- | --- | --- |',
    `| ${fmt(ours, 0)} | ${fmt(fps(small['language service']!), 0)} | ${fmt(fps(small['jsonc-parser + ajv']!), 0)} | ${yes(ours > fps(small['language service']!) && ours > fps(small['jsonc-parser + ajv']!))} |`,
    '',
    '## Whole processes (ms, lower is better; target: elements-lint ≥ 2× as fast)',
    '',
    '| input | elements-lint | language service process | speed-up | target |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const [what, s] of Object.entries(r.processes)) {
    const ourMs = s['elements-lint']!.median;
    const theirs = s['language service process']!.median;
    lines.push(`| ${what} | ${fmt(ourMs, 0)} ${spread(s['elements-lint']!)} | ${fmt(theirs, 0)} ${spread(s['language service process']!)} | ${fmt(theirs / ourMs, 2)}× | ${yes(theirs / ourMs >= 2)} |`);
  }
  lines.push('', ...r.startup.markdown);
  const keystroke = r.keystroke['elements linter']!;
  lines.push(
    '',
    '## Keystroke: fresh diagnostics after a one-character edit in a 1 MB file (ms)',
    '',
    '| elements linter (as the extension lints a document) | language service | target < 30 ms |',
    '| --- | --- | --- |',
    `| ${fmt(keystroke.median)} ${spread(keystroke)} | ${fmt(r.keystroke['language service']!.median)} | ${yes(keystroke.median < 30)} |`,
    '',
    'Each text is the previous one with one more character typed into a value. The extension parses each text afresh',
    '(the parse is immutable: nothing of the previous one is patched or kept) and runs every rule. The lightbulb never lints: code actions use the diagnostics',
    'already computed for the document version (`test/unit/extension/instanceFiles/codeActions.test.ts`, "never lints to answer the lightbulb").',
    '',
    '## Extension',
    '',
    '| what | measured | target |',
    '| --- | --- | --- |',
    `| \`dist/extension.js\` | ${fmt(r.bundleBytes / 1024)} KB | < 150 KB (${yes(r.bundleBytes < 150 * 1024)}) |`,
    `| require + activate (fake \`vscode\`, fresh process, median of 7) | ${fmt(r.activation.total.median)} ms (require ${fmt(r.activation.require.median)}, activate ${fmt(r.activation.activate.median)}) | < 15 ms (${yes(r.activation.total.median < 15)}) |`,
    ...scaleReport(r.emulator),
    ...deliveryReport(r.events),
    '',
    `Run time: ${fmt(r.seconds, 0)} s.`,
    '',
  );
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
