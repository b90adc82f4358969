/** The command line: flags, environment, banner, start-up errors; no build needed. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError, parseCliArgs, runCli, USAGE, type CliResult } from '../../../src/emulator/cli';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator/server';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

function emulatorOf(result: CliResult): RunningEmulator {
  assert.ok('emulator' in result, 'the emulator started');
  return result.emulator;
}

describe('emulator CLI', () => {
  describe('parseCliArgs', () => {
    it('defaults: port 8787 on 127.0.0.1, random secrets, no data file', () => {
      assert.deepEqual(parseCliArgs([]), { kind: 'start', quiet: false, options: { port: 8787, host: '127.0.0.1' } });
    });

    it('reads every flag', () => {
      const command = parseCliArgs([
        '--port', '0', '--host', '0.0.0.0', '--user-secret', 'U', '--org-secret', 'O',
        '--data', 'x.json', '--seed', '--latency', '250', '--event-minute-ms', '1000', '--quiet',
      ]);
      assert.deepEqual(command, {
        kind: 'start',
        quiet: true,
        options: { port: 0, host: '0.0.0.0', userSecret: 'U', orgSecret: 'O', dataFile: 'x.json', seed: true, latencyMs: 250, eventMinuteMs: 1000 },
      });
    });

    it('takes the secrets from the environment; flags win', () => {
      const env = { ELEMENTS_EMULATOR_USER_SECRET: 'envU', ELEMENTS_EMULATOR_ORG_SECRET: 'envO' };
      const fromEnv = parseCliArgs([], env);
      assert.ok(fromEnv.kind === 'start');
      assert.equal(fromEnv.options.userSecret, 'envU');
      assert.equal(fromEnv.options.orgSecret, 'envO');
      const fromFlag = parseCliArgs(['--user-secret', 'flagU'], env);
      assert.ok(fromFlag.kind === 'start');
      assert.equal(fromFlag.options.userSecret, 'flagU');
    });

    it('--allow-host adds host names (repeatable) and refuses what is not one', () => {
      const command = parseCliArgs(['--allow-host', 'emulator.test', '--allow-host', 'ce-emulator']);
      assert.ok(command.kind === 'start');
      assert.deepEqual(command.options.allowedHosts, ['emulator.test', 'ce-emulator']);
      for (const bad of ['a/b', 'user@host', 'host:8787', 'a b']) {
        assert.throws(() => parseCliArgs(['--allow-host', bad]), /--allow-host takes a host name/);
      }
    });

    it('--help', () => {
      assert.deepEqual(parseCliArgs(['--help']), { kind: 'help' });
      assert.deepEqual(parseCliArgs(['-h']), { kind: 'help' });
    });

    for (const argv of [['--bogus'], ['--port', 'abc'], ['--port', '70000'], ['--latency', '-5'], ['--port'], ['stray'], ['--event-minute-ms', '0'], ['--event-minute-ms', '1.5'], ['--event-minute-ms', '3600001']]) {
      it(`rejects ${argv.join(' ')}`, () => {
        assert.throws(() => parseCliArgs(argv), CliUsageError);
      });
    }
  });

  describe('runCli', () => {
    it('prints the URL, API base URL, secrets, an example curl and how to stop; logs requests', async () => {
      const { io, out, err } = capture();
      const emulator = emulatorOf(await runCli(['--port', '0', '--user-secret', 'U1', '--org-secret', 'O1'], {}, io));
      try {
        const banner = out.join('\n');
        assert.ok(banner.includes(emulator.url));
        assert.ok(banner.includes(`${emulator.url}/elements/api-v2`));
        assert.match(banner, /User secret:\s+U1/);
        assert.match(banner, /Organization secret:\s+O1/);
        assert.ok(banner.includes(`curl -H 'Authorization: User U1, Organization O1' ${emulator.apiBaseUrl}/instances`));
        assert.match(banner, /Ctrl\+C/);
        assert.deepEqual(err, []);

        const response = await fetch(`${emulator.apiBaseUrl}/instances`, { headers: { Authorization: 'User U1, Organization O1' } });
        assert.equal(response.status, 200);
        assert.match(out[out.length - 1]!, /^GET \/elements\/api-v2\/instances 200 \d+ms$/);
      } finally {
        await emulator.close();
      }
    });

    it('--quiet logs no requests', async () => {
      const { io, out } = capture();
      const emulator = emulatorOf(await runCli(['--port', '0', '--quiet'], {}, io));
      try {
        const lines = out.length;
        await fetch(`${emulator.apiBaseUrl}/instances`);
        assert.equal(out.length, lines);
      } finally {
        await emulator.close();
      }
    });

    it('passes the parsed options to start', async () => {
      let seen: EmulatorOptions | undefined;
      const fake = async (options: EmulatorOptions): Promise<RunningEmulator> => {
        seen = options;
        return { url: 'http://x', apiBaseUrl: 'http://x/elements/api-v2', userSecret: 'u', orgSecret: 'o', close: async () => undefined };
      };
      const { io } = capture();
      await runCli(['--seed', '--data', 'd.json', '--quiet'], { ELEMENTS_EMULATOR_ORG_SECRET: 'o' }, io, fake);
      assert.deepEqual(seen, { port: 8787, host: '127.0.0.1', orgSecret: 'o', dataFile: 'd.json', seed: true });
    });

    it('--help prints the usage and exits 0', async () => {
      const { io, out } = capture();
      assert.deepEqual(await runCli(['--help'], {}, io), { exitCode: 0 });
      assert.equal(out.join('\n'), USAGE);
    });

    it('a bad flag → one line on stderr, exit code 2', async () => {
      const { io, out, err } = capture();
      assert.deepEqual(await runCli(['--prot', '1'], {}, io), { exitCode: 2 });
      assert.deepEqual(out, []);
      assert.equal(err.length, 1);
      assert.match(err[0]!, /^emulator: Unknown option '--prot' \(see --help\)$/);
    });

    it('a port in use → one clear line, exit code 2', async () => {
      const busy = await startEmulator({ port: 0 });
      try {
        const port = new URL(busy.url).port;
        const { io, err } = capture();
        assert.deepEqual(await runCli(['--port', port], {}, io), { exitCode: 2 });
        assert.deepEqual(err, [`emulator: port ${port} on 127.0.0.1 is already in use; choose another with --port (0 = any free port)`]);
      } finally {
        await busy.close();
      }
    });

    it('a corrupt data file → one line naming it, exit code 2', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
      try {
        const dataFile = join(dir, 'broken.json');
        writeFileSync(dataFile, '{');
        const { io, err } = capture();
        assert.deepEqual(await runCli(['--port', '0', '--data', dataFile], {}, io), { exitCode: 2 });
        assert.equal(err.length, 1);
        assert.match(err[0]!, /broken\.json is not valid JSON/);
        assert.doesNotMatch(err[0]!, /\n\s+at /);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
