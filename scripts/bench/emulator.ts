/**
 * The emulator at scale (issue 18 item 9): p50/p99 of `GET /instances` (a page of 200, the first
 * page and a page from a cursor in the middle, and a `tags[]` filter) and of `POST /instances`,
 * with 100, 10,000 and 100,000 instances stored, many clients at once. The emulator runs as its
 * own process (`dist/emulator.js`, no data file), seeded over HTTP; each size is measured on a
 * fresh one. A benchmark prints figures; it asserts nothing.
 *
 * `BENCH_EMULATOR=<path to an emulator.js>` measures another build (e.g. an older one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface LatencyStats {
  calls: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
}

export interface ScaleRow {
  instances: number;
  list: LatencyStats;
  listFiltered: LatencyStats;
  create: LatencyStats;
  /** Seconds taken to seed the instances over HTTP. */
  seedSeconds: number;
}

export const USER = 'bench-user-secret';
const ORG = 'bench-org-secret';
export const AUTH = `User ${USER}, Organization ${ORG}`;
/** Requests in flight at once. */
const CONCURRENCY = 32;
/** Calls measured per kind and size. */
const CALLS = 1000;
const TIMEOUT_MS = 10_000;

export function body(i: number) {
  return JSON.stringify({
    element: { key: 'quickbooks' },
    configuration: {
      'oauth.callback.url': 'https://www.mycoolapp.com/auth',
      'quickbooks.datasource': 'QBO',
      'quickbooks.realm.id': String(i),
      'oauth.user.token': `t${i}`,
      'oauth.user.token.secret': `ts${i}`,
      'oauth.api.key': 'k',
      'oauth.api.secret': 's',
    },
    name: `bench ${i}`,
    tags: [i % 100 === 0 ? 'rare' : 'common'],
    externalAuthentication: 'initial',
  });
}

export async function start(script: string, extra: readonly string[] = []): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [script, '--port', '0', '--quiet', '--user-secret', USER, '--org-secret', ORG, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.setEncoding('utf8');
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /API base URL:\s+(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
  });
  return { child, base };
}

async function call(url: string, init: RequestInit): Promise<number> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.arrayBuffer();
  return response.status;
}

/** Runs `total` calls of `make(i)`, `CONCURRENCY` at a time; each call's latency in ms. */
async function load(total: number, make: (i: number) => Promise<number>): Promise<LatencyStats> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      try {
        const status = await make(i);
        if (status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { calls: total, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1]!, failures };
}

async function measure(script: string, instances: number): Promise<ScaleRow> {
  const { child, base } = await start(script);
  try {
    const headers = { Authorization: AUTH, 'Content-Type': 'application/json' };
    const seeded = performance.now();
    const seed = await load(instances, (i) => call(`${base}/instances`, { method: 'POST', headers, body: body(i) }));
    if (seed.failures > 0) throw new Error(`${seed.failures} of ${instances} seed creates failed`);
    const seedSeconds = (performance.now() - seeded) / 1000;
    // A cursor half way: the page a client reaches after walking half the list.
    const middle = await fetch(`${base}/instances?pageSize=${Math.max(1, Math.floor(instances / 2))}`, { headers });
    const cursor = middle.headers.get('elements-next-page-token');
    await middle.arrayBuffer();
    const list = await load(CALLS, (i) => call(`${base}/instances?pageSize=200${i % 2 && cursor ? `&nextPage=${encodeURIComponent(cursor)}` : ''}`, { headers }));
    const listFiltered = await load(CALLS, () => call(`${base}/instances?pageSize=200&tags%5B%5D=rare`, { headers }));
    const create = await load(CALLS, (i) => call(`${base}/instances`, { method: 'POST', headers, body: body(instances + i) }));
    return { instances, list, listFiltered, create, seedSeconds };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

/** `BENCH_SCALE_SIZES=100,10000` measures other sizes. */
export const SCALE_SIZES: readonly number[] = process.env.BENCH_SCALE_SIZES ? process.env.BENCH_SCALE_SIZES.split(',').map(Number) : [100, 10_000, 100_000];

export async function emulatorScale(root: string, log: (line: string) => void = console.log): Promise<ScaleRow[]> {
  const script = process.env.BENCH_EMULATOR ?? join(root, 'dist/emulator.js');
  const rows: ScaleRow[] = [];
  for (const instances of SCALE_SIZES) {
    const row = await measure(script, instances);
    rows.push(row);
    const ms = (stats: LatencyStats) => `p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms${stats.failures ? `, ${stats.failures} failed` : ''}`;
    log(
      `emulator with ${instances.toLocaleString('en-US')} instances (${CONCURRENCY} clients, ${CALLS} calls each): list ${ms(row.list)}; list tags[] ${ms(row.listFiltered)}; create ${ms(row.create)} (seeded in ${row.seedSeconds.toFixed(0)} s)`,
    );
  }
  return rows;
}

export function scaleReport(rows: readonly ScaleRow[]): string[] {
  const cell = (stats: LatencyStats) => `${stats.p50.toFixed(1)} / ${stats.p99.toFixed(1)}${stats.failures ? ` (${stats.failures} failed)` : ''}`;
  return [
    '',
    `## The emulator at scale (ms, p50 / p99; ${CONCURRENCY} clients at once, ${CALLS} calls per column)`,
    '',
    'GET /instances?pageSize=200 (every other call from a cursor half way down), the same with a `tags[]` filter that 1 % of the instances match, and POST /instances; a fresh `dist/emulator.js` per row, seeded over HTTP. Target: flat as instances grow.',
    '',
    '| instances | list | list, tags[] | create |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.instances.toLocaleString('en-US')} | ${cell(row.list)} | ${cell(row.listFiltered)} | ${cell(row.create)} |`),
  ];
}
