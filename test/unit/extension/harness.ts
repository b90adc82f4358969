/** Builds the extension's services over the fake vscode module and an in-memory keychain. */
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import type { StateStore } from '../../../src/extension/events/eventInbox';
import { Log } from '../../../src/extension/log';
import { SecretVault } from '../../../src/extension/secrets';
import type { SecretStore } from '../../../src/extension/secrets';
import type { Services } from '../../../src/extension/services';
import { Session } from '../../../src/extension/session';
import { readSettings, SECTION } from '../../../src/extension/settings';
import { resetWalkthroughMarks } from '../../../src/extension/walkthrough';
import * as vscode from '../vscode/fakeVscode';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

/** A workspace state (Memento) in memory. */
export class MemoryState implements StateStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export interface Harness {
  services: Services;
  secrets: MemorySecrets;
  logLines: string[];
}

/** Services for the `custom` environment pointed at `baseUrl` (e.g. an emulator). */
export function createHarness(baseUrl = 'http://127.0.0.1:9/elements/api-v2'): Harness {
  vscode.resetFake();
  resetWalkthroughMarks();
  vscode.settings.set(`${SECTION}.environment`, 'custom');
  vscode.settings.set(`${SECTION}.customBaseUrl`, baseUrl);
  const channel = vscode.fakeLogChannel();
  const log = new Log(channel as never);
  const secrets = new MemorySecrets();
  const vault = new SecretVault(secrets, (value) => log.addSecret(value));
  const settings = () => readSettings(vscode.workspace.getConfiguration(SECTION));
  const session = new Session(settings, vault, log);
  const services: Services = {
    extensionUri: vscode.Uri.file('/extension') as never,
    log,
    vault,
    session,
    settings,
    registry: new PendingFlowRegistry(),
  };
  return { services, secrets, logLines: channel.lines };
}
