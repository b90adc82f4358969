/** Sign In, Sign Out, Switch Environment and Show Log. */
import * as vscode from 'vscode';
import { checkBaseUrl, ENVIRONMENTS, localEmulatorBaseUrl, missingApiPath, OPEN_CONNECTORS_URL_PATTERN } from '../../core/api/environments';
import type { Environment } from '../../core/api/environments';
import { isApiError } from '../../core/api/errors';
import { withCancellableProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import type { Log } from '../log';
import { notify } from '../notify';
import type { SecretVault } from '../secrets';
import type { BoundEnvironment, Session } from '../session';
import { SECTION } from '../settings';
import type { ToolkitSettings } from '../settings';

const OPEN_SETTING = 'Open Setting';
const SIGN_IN = 'Sign In';

/** What signing in and out uses. */
export interface Account {
  readonly session: Session;
  readonly settings: () => ToolkitSettings;
  readonly log: Log;
}

/** Switching environment also shows which environments hold a sign-in. */
export interface AccountCommands extends Account {
  readonly vault: SecretVault;
}

async function askSecret(title: string, prompt: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'Required' : undefined),
  });
  return value?.trim() || undefined;
}

const CUSTOM_URL_TITLE = 'Cloud Elements: Custom Base URL';

interface UrlItem extends vscode.QuickPickItem {
  url: string;
}

/** A base URL without `/elements/api-v2`: append it, or keep the URL as it is (a proxy may serve api-v2 there). Undefined: Escape. */
async function choosePath(url: string): Promise<string | undefined> {
  const missing = missingApiPath(url);
  if (!missing) return url;
  const items: UrlItem[] = [
    { label: '$(add) Append /elements/api-v2', description: missing.withPath, url: missing.withPath },
    { label: '$(check) Keep it as it is', description: url, detail: 'For a proxy or gateway that serves api-v2 at this address.', url },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: CUSTOM_URL_TITLE, placeHolder: missing.message, ignoreFocusOut: true });
  return picked?.url;
}

async function askCustomBaseUrl(current: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: CUSTOM_URL_TITLE,
    prompt: `The api-v2 base URL, e.g. ${OPEN_CONNECTORS_URL_PATTERN} for another SAP Open Connectors region`,
    value: current,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const check = checkBaseUrl(text);
      if (!check.ok) return check.message;
      const missing = missingApiPath(check.url);
      return missing ? { message: `${missing.message} Press Enter to choose.`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
  if (value === undefined) return undefined;
  const check = checkBaseUrl(value);
  return check.ok ? choosePath(check.url) : undefined;
}

/** The local emulator's address setting is not an address: say so, offer the setting. */
async function localAddressProblem(problem: string | undefined): Promise<false> {
  const choice = await notify('error', `Cannot sign in to the local emulator: ${problem ?? 'its address is not valid.'}`, OPEN_SETTING);
  if (choice === OPEN_SETTING) await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.localEmulatorAddress`);
  return false;
}

/** Where the two secrets come from, for the sign-in prompts. */
function secretPrompts(environment: Environment): { user: string; org: string } {
  return environment.id === 'local'
    ? {
        user: 'The user secret the local emulator printed when it started (npm start or npm run emulator). Stored in the OS keychain.',
        org: 'The organization secret the local emulator printed. Stored in the OS keychain.',
      }
    : {
        user: 'Your user secret (Cloud Elements console → your profile). Stored in the OS keychain.',
        org: 'Your organization secret. Stored in the OS keychain.',
      };
}

/** The secrets were refused: where the right ones are (the emulator's are the ones it printed, and when they change). */
export function refusedSecretsText(environment: Environment): string {
  return environment.id === 'local'
    ? 'The local emulator did not accept the user or organization secret. Use the ones it printed when it started: npm start keeps them with its demo folder (until npm start -- --fresh); npm run emulator makes new ones at each start unless given --user-secret and --org-secret.'
    : `${environment.label} did not accept the user or organization secret. Check them in the Cloud Elements console and try again.`;
}

export async function signIn(account: Account): Promise<boolean> {
  const { session, log } = account;
  if (!session.state.baseUrl && session.state.environment.id === 'local') return localAddressProblem(session.state.baseUrlProblem);
  if (!session.state.baseUrl) {
    const url = await askCustomBaseUrl(account.settings().customBaseUrl);
    if (!url) return false;
    await vscode.workspace.getConfiguration(SECTION).update('customBaseUrl', url, vscode.ConfigurationTarget.Global);
    await session.refresh();
  } else if (session.state.environment.id === 'custom' && missingApiPath(session.state.baseUrl)) {
    // Set by hand in the settings: say what is expected before any secret is typed.
    const url = await choosePath(session.state.baseUrl);
    if (!url) return false;
    if (url !== session.state.baseUrl) {
      await vscode.workspace.getConfiguration(SECTION).update('customBaseUrl', url, vscode.ConfigurationTarget.Global);
      await session.refresh();
    }
  }
  const { environment } = session.state;
  const title = `Cloud Elements: Sign In to ${environment.label}`;
  const prompts = secretPrompts(environment);
  const userSecret = await askSecret(title, prompts.user);
  if (!userSecret) return false;
  const orgSecret = await askSecret(title, prompts.org);
  if (!orgSecret) return false;
  try {
    await withCancellableProgress(`Signing in to ${environment.label}…`, (signal) => session.signIn({ userSecret, orgSecret }, signal));
  } catch (error) {
    const message = isApiError(error) && error.kind === 'unauthorized'
      ? refusedSecretsText(environment)
      : `Could not sign in to ${environment.label}: ${log.redact(errorText(error))}`;
    log.warn(message);
    const retry = await notify('error', message, 'Try Again', 'Show Log');
    if (retry === 'Try Again') return signIn(account);
    if (retry === 'Show Log') log.show();
    return false;
  }
  void notify('info', `Signed in to Cloud Elements (${environment.label}).`);
  return true;
}

/** What every command that needs the account says when there is no sign-in yet. */
export function signInFirstText(environmentLabel: string, what: string): string {
  return `Sign in to Cloud Elements (${environmentLabel}) to ${what}.`;
}

/**
 * The one way to begin something that needs the account: signed in (asking first, "Sign in to
 * Cloud Elements (…) to <what>."), then the current environment and its client bound together
 * (Session.bind()), so what follows talks to and stores under that environment whatever happens
 * later. Undefined when the user declined or signing in did not succeed; throws what bind() throws.
 */
export async function bindSignedIn(account: Account, what: string): Promise<BoundEnvironment | undefined> {
  const { session } = account;
  if (!session.state.signedIn) {
    const choice = await notify('info', signInFirstText(session.state.environment.label, what), SIGN_IN);
    if (choice !== SIGN_IN || !(await signIn(account))) return undefined;
  }
  return session.bind();
}

export async function signOut(account: Pick<Account, 'session'>): Promise<void> {
  const { environment } = account.session.state;
  await account.session.signOut();
  void notify('info', `Signed out of Cloud Elements (${environment.label}); its secrets were removed from the keychain.`);
}

/** `127.0.0.2:8787`: where the local emulator is looked for, or what is wrong with the setting. */
function localAddress(setting: string): string {
  try {
    return new URL(localEmulatorBaseUrl(setting)).host;
  } catch {
    return `invalid address "${setting}"`;
  }
}

interface EnvironmentItem extends vscode.QuickPickItem {
  environment: Environment;
}

export async function switchEnvironment(account: AccountCommands): Promise<void> {
  const { settings, vault, session } = account;
  const current = settings();
  const items: EnvironmentItem[] = await Promise.all(
    ENVIRONMENTS.map(async (environment) => {
      const signedIn = (await vault.account(environment.id)) !== undefined;
      const url =
        environment.id === 'custom' ? current.customBaseUrl || 'no URL set' : environment.id === 'local' ? `${localAddress(current.localEmulatorAddress)} · ${environment.description}` : environment.description;
      return {
        label: `${environment.id === current.environment ? '$(check) ' : ''}${environment.label}`,
        description: url,
        detail: [signedIn ? '$(account) Signed in' : 'Signed out', environment.hint].filter(Boolean).join(' · '),
        environment,
      };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Cloud Elements: Switch Environment', placeHolder: 'Environment', ignoreFocusOut: true });
  if (!picked) return;
  const config = vscode.workspace.getConfiguration(SECTION);
  if (picked.environment.id === 'custom') {
    const url = await askCustomBaseUrl(current.customBaseUrl);
    if (!url) return;
    await config.update('customBaseUrl', url, vscode.ConfigurationTarget.Global);
  }
  await config.update('environment', picked.environment.id, vscode.ConfigurationTarget.Global);
  const state = await session.refresh();
  if (!state.signedIn) {
    const choice = await notify('info', `Switched to ${state.environment.label}. Sign in to see its instances.`, 'Sign In');
    if (choice === 'Sign In') await signIn(account);
  }
}

export function registerAccountCommands(account: AccountCommands): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('cloudElements.signIn', () => signIn(account)),
    vscode.commands.registerCommand('cloudElements.signOut', () => signOut(account)),
    vscode.commands.registerCommand('cloudElements.switchEnvironment', () => switchEnvironment(account)),
    vscode.commands.registerCommand('cloudElements.showLog', () => account.log.show()),
  );
}
