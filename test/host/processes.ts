/** Child processes in their own process group, so stopping one stops everything it started. */
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { once } from 'node:events';

export interface GroupProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /**
   * The first match of `pattern` in what it prints (stdout and stderr), as soon as it is printed;
   * fails when the process exits first or nothing matches within `timeoutMs`, with its output.
   */
  printed(pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader exited. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnGroup(command: string, args: string[], options: SpawnOptions & { echo?: (text: string) => void } = {}): GroupProcess {
  const { echo, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    echo?.(text);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(() => undefined);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const printed = (pattern: RegExp, what: string, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', exitedFirst);
      };
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        done();
        resolve(match);
      };
      const exitedFirst = () => {
        done();
        reject(new Error(`${command} exited before ${what}:\n${output.slice(-4000)}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${command} did not print ${what} within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`));
      }, timeoutMs);
      listeners.add(check);
      child.once('exit', exitedFirst);
      check();
      if (child.exitCode !== null) exitedFirst();
    });
  return {
    child,
    output: () => output,
    printed,
    async stop(graceMs = 5000) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader is gone; make sure no child of the group (file watchers, extension hosts) lingers.
      signalGroup('SIGKILL');
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  const group = spawnGroup(command, args, options);
  const [code] = (await once(group.child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${group.output().slice(-4000)}`);
  return group.output();
}
