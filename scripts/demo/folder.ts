/**
 * The demo's folder, kept between runs: the workspace (your instance files and `.http` requests),
 * VS Code's user data (its settings, state and the half of the keychain key code-server keeps on
 * disk — the other half stays in your browser), and the emulator's data file and account
 * secrets, so the secrets you signed in with still work. `npm start -- --fresh` starts over.
 *
 *   <root>/workspace/        the files you open (the samples, copied on a fresh start only)
 *   <root>/user-data/ …      code-server's folders (test/host/codeServer.ts hostDirs)
 *   <root>/emulator/account.json     the emulator's user and organization secrets (mode 0600)
 *   <root>/emulator/instances.json   its instances (the emulator's --data file)
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyEdits, modify, parse as parseJsonc } from 'jsonc-parser';
import { hostDirs, writeUserSettings, type HostDirs } from '../../test/host/codeServer';
import { ROOT } from '../../test/host/paths';

/** Sample files copied into a new workspace. */
export const SAMPLES: ReadonlyArray<[from: string, to: string]> = [
  ['test/fixtures/seeds/xero-oauth1.page.json', 'instances/xero-from-the-docs.json'],
  ['test/fixtures/lint/smart-quotes.instance.json', 'xero.instance.json'],
  ['test/fixtures/seeds/quickbooks-token.instance.json', 'quickbooks-token.instance.json'],
];

export interface AccountSecrets {
  userSecret: string;
  orgSecret: string;
}

export interface DemoFolder {
  root: string;
  dirs: HostDirs;
  /** What was there from the last run (false: new, or `--fresh`). */
  kept: boolean;
  /** The emulator's account secrets: the last run's when kept. */
  secrets: AccountSecrets;
  /** Whether `secrets` are the last run's (false: made now, so a sign-in kept in the browser no longer works). */
  secretsKept: boolean;
  /** The emulator's data file. */
  dataFile: string;
}

/** Like the emulator's own: 32 random bytes, base64 (what the Cloud Elements console shows). */
function newSecret(): string {
  return randomBytes(32).toString('base64');
}

async function readSecrets(file: string): Promise<AccountSecrets | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<AccountSecrets>;
    return typeof value.userSecret === 'string' && value.userSecret !== '' && typeof value.orgSecret === 'string' && value.orgSecret !== ''
      ? { userSecret: value.userSecret, orgSecret: value.orgSecret }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The demo folder at `root`: kept as it is (a new one, or emptied first with `fresh`), the samples
 * copied into a new workspace, the account secrets read back or made once.
 */
export async function prepareDemoFolder(root: string, options: { fresh: boolean }): Promise<DemoFolder> {
  if (options.fresh) await rm(root, { recursive: true, force: true });
  const kept = existsSync(join(root, 'workspace'));
  const dirs = await hostDirs(root);
  if (!kept) {
    for (const [from, to] of SAMPLES) {
      await mkdir(join(dirs.workspace, to, '..'), { recursive: true });
      await copyFile(join(ROOT, from), join(dirs.workspace, to));
    }
  }
  const emulatorDir = join(root, 'emulator');
  await mkdir(emulatorDir, { recursive: true, mode: 0o700 });
  const accountFile = join(emulatorDir, 'account.json');
  const previous = kept ? await readSecrets(accountFile) : undefined;
  const secrets = previous ?? { userSecret: newSecret(), orgSecret: newSecret() };
  if (!previous) await writeFile(accountFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(accountFile, 0o600);
  return { root, dirs, kept, secrets, secretsKept: previous !== undefined, dataFile: join(emulatorDir, 'instances.json') };
}

/**
 * The demo's settings in the user settings: written whole on a new folder; on a kept one only the
 * demo's own keys change (the emulator's address follows `--emulator-port`), the rest is yours.
 */
export async function writeDemoSettings(dirs: HostDirs, settings: Record<string, unknown>, kept: boolean): Promise<void> {
  const file = join(dirs.userDataDir, 'User', 'settings.json');
  if (!kept || !existsSync(file)) {
    await writeUserSettings(dirs, settings);
    return;
  }
  let text = await readFile(file, 'utf8');
  if (parseJsonc(text) === undefined) {
    await writeUserSettings(dirs, settings);
    return;
  }
  for (const [key, value] of Object.entries(settings)) {
    text = applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  await writeFile(file, text);
}
