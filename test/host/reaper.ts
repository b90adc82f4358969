/**
 * A watchdog for a process group this process started: when this process dies without
 * stopping the group (SIGKILL — tsx kills a child that is slow to acknowledge Ctrl+C — or a
 * crash), the watchdog kills the group and removes `paths`. It exits by itself once the
 * group is gone, so a normal stop leaves nothing behind either.
 */
import { spawn } from 'node:child_process';

const WATCHDOG = `
const [runner, group, ...paths] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(-Number(group))) process.exit(0);
  if (alive(Number(runner))) return;
  try { process.kill(-Number(group), 'SIGKILL'); } catch {}
  for (const path of paths) require('node:fs').rmSync(path, { recursive: true, force: true });
  process.exit(0);
}, 500);
`;

export function reapWhenOrphaned(groupPid: number, paths: string[] = []): void {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(groupPid), ...paths], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}
