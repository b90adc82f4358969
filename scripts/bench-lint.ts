// Prints how long the linter takes on ~1 MB instance files (a benchmark, not a test).
// Usage: npx tsx scripts/bench-lint.ts [sizeInKiB=1024] [runs=15]
import { lintInstanceText } from '../src/core/instanceFile/lint';

const sizeKiB = Number(process.argv[2] ?? 1024);
const runs = Number(process.argv[3] ?? 15);

function bigInstance(targetBytes: number): string {
  const configuration: Record<string, string> = {
    'oauth.api.key': '${keychain:xero.oauth.api.key}',
    'oauth.api.secret': '${keychain:xero.oauth.api.secret}',
    'oauth.callback.url': 'https://acme.example.com/auth',
    'xero.partner': 'true',
  };
  const body = { element: { key: 'xero' }, providerData: { code: '${keychain:code}' }, configuration, tags: [] as string[], name: 'Big' };
  for (let i = 0; JSON.stringify(body, null, 2).length < targetBytes; i++) {
    for (let j = 0; j < 100; j++) configuration[`custom.setting.${i}.${j}`] = `value number ${i}.${j} with some text`;
  }
  return JSON.stringify(body, null, 2) + '\n';
}

function time(label: string, text: string): void {
  lintInstanceText(text); // warm up
  const samples: number[] = [];
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    problems = lintInstanceText(text).length;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  const mib = text.length / 1024 / 1024;
  console.log(
    `${label.padEnd(34)} ${(text.length / 1024).toFixed(0).padStart(6)} KiB  median ${median.toFixed(1).padStart(7)} ms  ` +
      `min ${samples[0]!.toFixed(1).padStart(7)} ms  ${(mib / (median / 1000)).toFixed(1).padStart(6)} MiB/s  ${problems} problems`,
  );
}

const clean = bigInstance(sizeKiB * 1024);
console.log(`node ${process.version}, ${runs} runs each`);
time('clean file', clean);
time('every quote curly', clean.replace(/"/g, (_, offset: number) => (offset % 2 ? '“' : '”')));
time('a missing comma on every line', clean.replace(/",\n/g, '"\n'));
