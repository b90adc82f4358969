/** The emulator's command line: flags, the start banner and start-up errors (no stack traces). */
import { parseArgs } from 'node:util';
import { canonicalHostname } from './base/addresses';
import { DataFileError } from './stores/dataFile';
import { DEFAULT_HOST, startEmulator, type EmulatorOptions, type RunningEmulator } from './server';

export const DEFAULT_PORT = 8787;
export const USER_SECRET_ENV = 'ELEMENTS_EMULATOR_USER_SECRET';
export const ORG_SECRET_ENV = 'ELEMENTS_EMULATOR_ORG_SECRET';

export const USAGE = `Usage: node dist/emulator.js [options]

A local Cloud Elements api-v2 emulator with fake OAuth provider pages.

Options:
  --port <n>           port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <host>        interface to listen on (default ${DEFAULT_HOST})
  --allow-host <name>  also answer to this host name (repeatable); requests
                       naming any other host are refused (DNS rebinding)
  --user-secret <s>    user secret to accept (default: random; env ${USER_SECRET_ENV})
  --org-secret <s>     organization secret to accept (default: random; env ${ORG_SECRET_ENV})
  --data <file>        load instances from and save them to this JSON file
  --seed               start with a few sample instances (when there are none)
  --latency <ms>       add this delay to every API response
  --event-minute-ms <n>
                       how long an emulated minute lasts for event polling and
                       delivery retries (default 60000; 1000 = a minute a second)
  --quiet              do not log requests
  --help               show this help`;

export class CliUsageError extends Error {}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'start'; options: EmulatorOptions & { port: number; host: string }; quiet: boolean };

function wholeNumber(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new CliUsageError(`${flag} must be a whole number from 0 to ${max}, not '${value}'`);
  return Number(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** node:util's messages carry advice about positionals; the first sentence is the useful part. */
function firstSentence(message: string): string {
  return message.split(/\.\s/)[0]!.replace(/\.$/, '');
}

export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'user-secret': { type: 'string' },
        'org-secret': { type: 'string' },
        data: { type: 'string' },
        seed: { type: 'boolean' },
        latency: { type: 'string' },
        'event-minute-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(firstSentence((error as Error).message));
  }
  if (values.help) return { kind: 'help' };

  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new CliUsageError('--host must not be empty');
  if (values.data !== undefined && values.data.trim() === '') throw new CliUsageError('--data needs a file name');
  const allowedHosts = values['allow-host'] ?? [];
  for (const name of allowedHosts) {
    if (canonicalHostname(name) === undefined || name.includes('/') || name.includes('@')) {
      throw new CliUsageError(`--allow-host takes a host name such as emulator.test, not '${name}'`);
    }
  }
  const userSecret = nonEmpty(values['user-secret']) ?? nonEmpty(env[USER_SECRET_ENV]);
  const orgSecret = nonEmpty(values['org-secret']) ?? nonEmpty(env[ORG_SECRET_ENV]);
  const latencyMs = wholeNumber(values.latency, '--latency', 600_000);
  const eventMinuteMs = wholeNumber(values['event-minute-ms'], '--event-minute-ms', 3_600_000);
  if (eventMinuteMs === 0) throw new CliUsageError('--event-minute-ms must be at least 1');
  return {
    kind: 'start',
    quiet: values.quiet ?? false,
    options: {
      port: wholeNumber(values.port, '--port', 65_535) ?? DEFAULT_PORT,
      host,
      ...(allowedHosts.length > 0 && { allowedHosts }),
      ...(userSecret !== undefined && { userSecret }),
      ...(orgSecret !== undefined && { orgSecret }),
      ...(values.data !== undefined && { dataFile: values.data }),
      ...(values.seed && { seed: true }),
      ...(latencyMs !== undefined && { latencyMs }),
      ...(eventMinuteMs !== undefined && { eventMinuteMs }),
    },
  };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function bannerLines(emulator: RunningEmulator, options: EmulatorOptions): string[] {
  const auth = `User ${emulator.userSecret}, Organization ${emulator.orgSecret}`;
  return [
    'Cloud Elements api-v2 emulator is running',
    `  URL:                  ${emulator.url}`,
    `  API base URL:         ${emulator.apiBaseUrl}`,
    `  User secret:          ${emulator.userSecret}`,
    `  Organization secret:  ${emulator.orgSecret}`,
    ...(options.dataFile ? [`  Data file:            ${options.dataFile}`] : []),
    ...(options.seed ? ['  Seed instances:       on (added when there are no instances)'] : []),
    '',
    'Try it:',
    `  curl -H ${shellQuote(`Authorization: ${auth}`)} ${emulator.apiBaseUrl}/instances`,
    '',
    'Press Ctrl+C to stop.',
  ];
}

function startFailure(error: unknown, host: string, port: number): string {
  if (error instanceof DataFileError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use; choose another with --port (0 = any free port)`;
  if (code === 'EACCES') return `not allowed to listen on ${host}:${port}; choose a port above 1023 with --port`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on host '${host}': no such local address`;
  return `failed to start: ${(error as Error | undefined)?.message ?? String(error)}`;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export type CliResult = { exitCode: number } | { emulator: RunningEmulator };

/** Parses the flags and starts the emulator; never throws (errors become one stderr line and exit code 2). */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
  start: (options: EmulatorOptions) => Promise<RunningEmulator> = startEmulator,
): Promise<CliResult> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv, env);
  } catch (error) {
    io.err(`emulator: ${(error as Error).message} (see --help)`);
    return { exitCode: 2 };
  }
  if (command.kind === 'help') {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  const { options, quiet } = command;
  try {
    const emulator = await start({ ...options, ...(!quiet && { log: (line: string) => io.out(line) }) });
    for (const line of bannerLines(emulator, options)) io.out(line);
    return { emulator };
  } catch (error) {
    io.err(`emulator: ${startFailure(error, options.host, options.port)}`);
    return { exitCode: 2 };
  }
}
