/**
 * What one run of "Provision Element" or "Re-authorize Instance" works with, bound once when it
 * starts: the environment, a client for its account, its part of the keychain, the log and the
 * wait's length. Switching environment while a run waits for the browser changes nothing for
 * that run: its requests go to, and its token is stored under, the environment it started in.
 */
import * as vscode from 'vscode';
import type { CloudElementsClient } from '../../core/api/client';
import type { Environment } from '../../core/api/environments';
import { signIn } from '../commands/account';
import type { AccountCommands } from '../commands/account';
import { errorText } from '../errorText';
import type { Log } from '../log';
import { notify } from '../notify';
import type { EnvironmentVault } from '../secrets';
import type { CallbackSetting } from './callbackPlans';
import { couldNotStartText, signInFirstText } from './texts';

const SIGN_IN = 'Sign In';

export interface RunContext {
  readonly environment: Environment;
  readonly client: CloudElementsClient;
  readonly vault: EnvironmentVault;
  readonly log: Log;
  /** How long the browser step may wait for its callback. */
  readonly ttlMs: number;
  /** How the browser is to come back (the settings when the run started). */
  readonly callback: CallbackSetting;
}

/** Binds a run to the current environment; throws NotSignedInError when it has no sign-in. */
export async function startRun(account: AccountCommands): Promise<RunContext> {
  const { environment, client } = await account.session.bind();
  const { authorizationTimeoutMs, callbackMode, pasteCallbackUrl, forwardingPageUrl, loopbackPort } = account.settings();
  return {
    environment,
    client,
    vault: account.vault.forEnvironment(environment.id),
    log: account.log,
    ttlMs: authorizationTimeoutMs,
    callback: { mode: callbackMode, pasteCallbackUrl, forwardingPageUrl, ...(loopbackPort !== undefined && { loopbackPort }) },
  };
}

/** True when signed in, possibly after the user accepted to sign in now. */
async function ensureSignedIn(account: AccountCommands, what: string): Promise<boolean> {
  if (account.session.state.signedIn) return true;
  const choice = await vscode.window.showInformationMessage(signInFirstText(account.session.state.environment.label, what), SIGN_IN);
  return choice === SIGN_IN && (await signIn(account));
}

/**
 * Signed in (or signs in), then binds the run. Undefined when the user declined or the run
 * could not start (the user was told: nothing was sent).
 */
export async function beginRun(account: AccountCommands, what: string, title: string): Promise<RunContext | undefined> {
  if (!(await ensureSignedIn(account, what))) return undefined;
  try {
    return await startRun(account);
  } catch (error) {
    const message = account.log.redact(couldNotStartText(title, errorText(error)));
    account.log.warn(message);
    void notify('error', message);
    return undefined;
  }
}
