/**
 * code-server in throwaway folders: install the packaged extension, write user settings, and
 * serve the workbench on loopback in its own process group.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitForOwnServer } from './listening';
import { CODE_SERVER_ENTRY, NODE, NODE_BIN } from './paths';
import { run, spawnGroup } from './processes';
import type { GroupProcess } from './processes';

export interface HostDirs {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** XDG_CONFIG_HOME / XDG_DATA_HOME: code-server writes there instead of the home folder. */
  configHome: string;
  dataHome: string;
  workspace: string;
}

export async function hostDirs(root: string): Promise<HostDirs> {
  const dirs: HostDirs = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configHome: join(root, 'config'),
    dataHome: join(root, 'data'),
    workspace: join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  return dirs;
}

/**
 * Variables of the machine's environment that would move a server onto an address another run
 * uses: code-server takes its port from PORT and its host from CODE_SERVER_HOST over its arguments.
 */
const SHARED_ADDRESS_VARIABLES = new Set(['PORT', 'CODE_SERVER_HOST']);

export function hostEnv(dirs: HostDirs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !SHARED_ADDRESS_VARIABLES.has(name))),
    PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: dirs.configHome,
    XDG_DATA_HOME: dirs.dataHome,
    ...extra,
  };
}

function commonArgs(dirs: HostDirs): string[] {
  return ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--config', join(dirs.userDataDir, 'config.yaml')];
}

export async function installExtension(dirs: HostDirs, vsix: string): Promise<void> {
  await run(NODE, [CODE_SERVER_ENTRY, ...commonArgs(dirs), '--install-extension', vsix, '--force'], { env: hostEnv(dirs) });
}

/** Settings that keep the workbench quiet and predictable, plus the caller's. */
export async function writeUserSettings(dirs: HostDirs, settings: Record<string, unknown>): Promise<void> {
  const user = join(dirs.userDataDir, 'User');
  await mkdir(user, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'git.openRepositoryInParentFolders': 'never',
  };
  await writeFile(join(user, 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
}

/** How long a server may take to start listening (code-server's first start on a busy machine). */
export const SERVER_START_MS = 60_000;

export interface RunningCodeServer {
  url: string;
  port: number;
  process: GroupProcess;
  /** The workbench URL with the workspace folder open. */
  workbenchUrl: string;
  stop(): Promise<void>;
}

/**
 * `port`: where to listen; by default code-server takes a free port itself and says which. (A port
 * found free beforehand and handed over could be taken meanwhile by another run on the machine,
 * which then answered this run's requests.)
 */
export async function startCodeServer(dirs: HostDirs, options: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningCodeServer> {
  const server = spawnGroup(
    NODE,
    [
      CODE_SERVER_ENTRY,
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      ...commonArgs(dirs),
      dirs.workspace,
    ],
    { env: hostEnv(dirs, options.env) },
  );
  let url: string;
  let port: number;
  try {
    // Ready when it says it listens (on the port asked for, or the one it took): an answer alone may come from another program.
    port = await waitForOwnServer(server, '127.0.0.1', options.port ?? 0, (listened) => `http://127.0.0.1:${listened}/healthz`, SERVER_START_MS);
    url = `http://127.0.0.1:${port}`;
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url,
    port,
    process: server,
    workbenchUrl: `${url}/?folder=${encodeURIComponent(dirs.workspace)}`,
    stop: () => server.stop(),
  };
}
