/**
 * Issue 18 item 10: the emulator as a product for a user's own integration tests — the command a
 * user runs (the CLI, as its own process), a `--data` file that survives restarts, even a kill
 * right after an answer, and a reset between tests.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const USER = 'my-app-user-secret';
const ORG = 'my-app-org-secret';
const AUTH = `User ${USER}, Organization ${ORG}`;

interface Running {
  child: ChildProcess;
  base: string;
  origin: string;
}

/** `node src/emulator/main.ts --port 0 --data <file> …`, as `node dist/emulator.js` runs it. */
async function start(dataFile: string, extra: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/emulator/main.ts'), '--port', '0', '--quiet', '--data', dataFile, '--user-secret', USER, '--org-secret', ORG, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (output += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /API base URL:\s+(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
  });
  return { child, base, origin: new URL(base).origin };
}

async function stop(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exit = once(running.child, 'exit');
  running.child.kill(signal);
  const [code] = (await exit) as [number | null];
  return code;
}

async function call<T>(running: Running, path: string, init: RequestInit = {}): Promise<{ status: number; json: T }> {
  const response = await fetch(`${running.base}${path}`, { ...init, headers: { Authorization: AUTH, 'Content-Type': 'application/json', ...init.headers } });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

interface Instance {
  id: number;
  name: string;
  token: string;
  tags: string[];
}

const tokenBody = (name: string, tags: string[]) => ({
  element: { key: 'quickbooks' },
  name,
  tags,
  externalAuthentication: 'initial',
  configuration: {
    'oauth.callback.url': 'https://my-app.example/auth',
    'quickbooks.datasource': 'QBO',
    'quickbooks.realm.id': '42',
    'oauth.user.token': 'user-token',
    'oauth.user.token.secret': 'user-token-secret',
    'oauth.api.key': 'app-key',
    'oauth.api.secret': 'app-secret',
  },
});

describe('emulator: a --data file survives restarts of the command a user runs', function () {
  this.timeout(60_000);
  let dir: string;
  let running: Running | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-restart-'));
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) await stop(running, 'SIGKILL');
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('instances, ids, tags, tokens and updates come back after a restart; a kill right after an answer loses nothing answered', async () => {
    const dataFile = join(dir, 'ce.json');
    running = await start(dataFile);
    const first = (await call<Instance>(running, '/instances', { method: 'POST', body: JSON.stringify(tokenBody('First', ['it'])) })).json;
    const second = (await call<Instance>(running, '/instances', { method: 'POST', body: JSON.stringify(tokenBody('Second', ['it'])) })).json;
    assert.equal((await call(running, `/instances/${second.id}`, { method: 'PATCH', body: JSON.stringify({ tags: ['it', 'patched'] }) })).status, 200);
    assert.equal(await stop(running), 0, 'Ctrl+C / SIGTERM exits 0');

    running = await start(dataFile);
    const listed = (await call<Instance[]>(running, '/instances')).json;
    assert.deepEqual(listed.map((instance) => [instance.id, instance.name, instance.token, instance.tags]), [
      [first.id, 'First', first.token, ['it']],
      [second.id, 'Second', second.token, ['it', 'patched']],
    ]);
    const ping = await call(running, '/hubs/finance/ping', { headers: { Authorization: `${AUTH}, Element ${first.token}` } });
    assert.equal(ping.status, 200, 'the instance token still works');
    const tagged = (await call<Instance[]>(running, '/instances?tags%5B%5D=patched')).json;
    assert.deepEqual(tagged.map((instance) => instance.id), [second.id], 'the tag index is rebuilt');

    // Answered, then killed at once: the answer came after the save.
    const third = (await call<Instance>(running, '/instances', { method: 'POST', body: JSON.stringify(tokenBody('Third', [])) })).json;
    assert.equal(third.id, second.id + 1, 'ids continue');
    await stop(running, 'SIGKILL');
    running = await start(dataFile);
    assert.deepEqual((await call<Instance[]>(running, '/instances')).json.map((instance) => instance.name), ['First', 'Second', 'Third']);

    // Reset between tests: back to nothing (or to the seed instances with --seed), on disk too.
    const reset = await fetch(`${running.origin}/__admin/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.deepEqual((await call<Instance[]>(running, '/instances')).json, []);
    await stop(running);
    running = await start(dataFile, ['--seed']);
    assert.equal((await call<Instance[]>(running, '/instances')).json.length, 4, '--seed adds the samples to an empty store');
  });
});
