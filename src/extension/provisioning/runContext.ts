/**
 * What one run of "Provision Element" or "Re-authorize Instance" works with, bound once when
 * it starts: the environment, a client for its account and its part of the keychain. Switching
 * environment while a run waits for the browser changes nothing for that run: its requests go
 * to, and its token is stored under, the environment it started in.
 */
import type { CloudElementsClient } from '../../core/api/client';
import type { Environment } from '../../core/api/environments';
import type { Log } from '../log';
import type { EnvironmentVault } from '../secrets';
import type { Services } from '../services';

export interface RunContext {
  readonly environment: Environment;
  readonly client: CloudElementsClient;
  readonly vault: EnvironmentVault;
  readonly log: Log;
  /** How long the browser step may wait for its callback. */
  readonly ttlMs: number;
  /** When the run started (epoch ms): an instance created since then may be this run's. */
  readonly startedAt: number;
}

/** Binds a run to the current environment; throws NotSignedInError when it has no sign-in. */
export async function startRun(services: Services): Promise<RunContext> {
  const startedAt = Date.now();
  const { environment, client } = await services.session.bind();
  return {
    environment,
    client,
    vault: services.vault.forEnvironment(environment.id),
    log: services.log,
    ttlMs: services.settings().authorizationTimeoutMs,
    startedAt,
  };
}
