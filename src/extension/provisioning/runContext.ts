/**
 * What one run of "Provision Element" or "Re-authorize Instance" works with, bound once when it
 * starts: the environment, a client for its account, its part of the keychain, the log and the
 * wait's length. Switching environment while a run waits for the browser changes nothing for
 * that run: its requests go to, and its token is stored under, the environment it started in.
 */
import type { CloudElementsClient } from '../../core/api/client';
import type { Environment } from '../../core/api/environments';
import { bindSignedIn } from '../commands/account';
import type { AccountCommands } from '../commands/account';
import { errorText } from '../errorText';
import type { Log } from '../log';
import { notify } from '../notify';
import type { EnvironmentVault } from '../secrets';
import type { BoundEnvironment } from '../session';
import type { CallbackSetting } from './callbackPlans';
import { couldNotStartText } from './texts';

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

/** A run on a bound environment: its part of the keychain, and the settings as they are now. */
export function runOn({ environment, client }: BoundEnvironment, account: Pick<AccountCommands, 'settings' | 'vault' | 'log'>): RunContext {
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

/**
 * Signed in (or signs in, bindSignedIn), then binds the run. Undefined when the user declined or
 * the run could not start (the user was told: nothing was sent).
 */
export async function beginRun(account: AccountCommands, what: string, title: string): Promise<RunContext | undefined> {
  try {
    const bound = await bindSignedIn(account, what);
    return bound && runOn(bound, account);
  } catch (error) {
    const message = account.log.redact(couldNotStartText(title, errorText(error)));
    account.log.warn(message);
    void notify('error', message);
    return undefined;
  }
}
