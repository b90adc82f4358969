/**
 * The VS Code server bundled inside code-server (`lib/vscode/out/server-main.js`). Unlike
 * code-server's own CLI it accepts `extensionDevelopmentPath` / `extensionTestsPath` through
 * the workbench URL's `payload`, and then runs a test-electron style `run()` in its Node
 * extension host with the real `vscode` API.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostDirs } from './codeServer';
import { hostEnv, SERVER_START_MS, writeUserSettings } from './codeServer';
import { agentListeningLine, waitForOwnServer } from './listening';
import { NODE, VSCODE_SERVER_MAIN } from './paths';
import { spawnGroup } from './processes';
import type { GroupProcess } from './processes';

export interface RunningVsCodeServer {
  url: string;
  port: number;
  process: GroupProcess;
  stop(): Promise<void>;
}

export interface VsCodeServerOptions {
  port?: number;
  /** User settings (on top of the quiet defaults of writeUserSettings). */
  settings?: Record<string, unknown>;
  /** Extra environment; the extension hosts inherit it. */
  env?: NodeJS.ProcessEnv;
}

/** `port`: where to listen; by default the server takes a free port itself and says which (see startCodeServer). */
export async function startVsCodeServer(dirs: HostDirs, options: VsCodeServerOptions = {}): Promise<RunningVsCodeServer> {
  const serverDataDir = join(dirs.root, 'server-data');
  await mkdir(serverDataDir, { recursive: true });
  // code-server's web client keeps the user's settings on the server, in <user-data-dir>/User.
  await writeUserSettings(dirs, options.settings ?? {});
  const server = spawnGroup(
    NODE,
    [
      VSCODE_SERVER_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port ?? 0),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--server-data-dir',
      serverDataDir,
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
    ],
    { env: hostEnv(dirs, options.env) },
  );
  let url: string;
  let port: number;
  try {
    // Ready when it says it listens (on the port asked for, or the one it took): an answer alone may come from another program.
    const asked = options.port ?? 0;
    port = await waitForOwnServer(server, '127.0.0.1', asked, (listened) => `http://127.0.0.1:${listened}/version`, SERVER_START_MS, agentListeningLine(asked));
    url = `http://127.0.0.1:${port}`;
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, port, process: server, stop: () => server.stop() };
}

export interface ExtensionTestPayload {
  /** The extension's folder (its package.json). */
  extensionDevelopmentPath: string;
  /** The bundled test entry exporting `run(): Promise<void>`. */
  extensionTestsPath: string;
}

/** The workbench with `folder` open, loading the extension under development and running its tests. */
export function testWorkbenchUrl(server: Pick<RunningVsCodeServer, 'url'>, folder: string, payload: ExtensionTestPayload): string {
  // Paths on the server: as plain paths the web workbench would look for them in the browser.
  const remote = (path: string) => `vscode-remote://${new URL(server.url).host}${path}`;
  const entries = [
    ['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(payload.extensionTestsPath)],
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
