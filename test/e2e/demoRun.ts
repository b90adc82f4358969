/**
 * `npm start` as a newcomer runs it: `scripts/start.ts` in a process of its own (its demo folder
 * in $ELEMENTS_DEMO_DIR), its banner read back, stopped with Ctrl+C (SIGINT) as a person would.
 */
import { join } from 'node:path';
import { ROOT } from '../host/paths';
import { spawnGroup, type GroupProcess } from '../host/processes';
import { waitFor } from './workbench';

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const READY = 'Press Ctrl+C to stop both.';

export interface Banner {
  url: string;
  userSecret: string;
  orgSecret: string;
  /** "Demo folder: …, kept from the last run" (else new). */
  kept: boolean;
  /** "(the same as last time …)" under the secrets. */
  secretsKept: boolean;
}

export interface DemoRun {
  process: GroupProcess;
  output(): string;
  /** Ctrl+C: resolves with the exit code once it stopped (the group is killed after 30 s). */
  stop(): Promise<number | null>;
}

/** What the banner says; throws naming what is missing. */
export function readBanner(output: string): Banner {
  const field = (pattern: RegExp, what: string) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`the banner has no ${what}:\n${output.slice(-3000)}`);
    return match[1]!;
  };
  return {
    url: field(/VS Code \(code-server\):\s+(\S+)/, 'URL'),
    userSecret: field(/user secret:\s+(\S+)/, 'user secret'),
    orgSecret: field(/organization secret:\s+(\S+)/, 'organization secret'),
    kept: /Demo folder:\s+\S+, kept from the last run/.test(output),
    secretsKept: /\(the same as last time/.test(output),
  };
}

/** Starts `npm start -- <args>` with its demo folder in `demoDir`; resolves once its banner is printed or it exited. */
export async function startDemo(args: string[], demoDir: string, timeoutMs: number): Promise<DemoRun & { exitCode: number | null }> {
  const demo = spawnGroup(process.execPath, [TSX, 'scripts/start.ts', ...args], { cwd: ROOT, env: { ...process.env, ELEMENTS_DEMO_DIR: demoDir } });
  let exited = false;
  demo.child.once('exit', () => (exited = true));
  await waitFor(async () => exited || demo.output().includes(READY), `npm start printed its banner or stopped:\n${demo.output().slice(-2000)}`, timeoutMs);
  return {
    process: demo,
    output: () => demo.output(),
    exitCode: exited ? demo.child.exitCode : null,
    async stop() {
      if (demo.child.exitCode !== null) return demo.child.exitCode;
      const done = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
      demo.child.kill('SIGINT');
      const timer = setTimeout(() => void demo.stop(1000), 30_000);
      const code = await done;
      clearTimeout(timer);
      // Whatever the group still holds (a code-server child slow to go) goes too.
      await demo.stop(1000);
      return code;
    },
  };
}
