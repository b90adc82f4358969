/**
 * What Provision Element's code (dist/provisioning.js, loaded on first use) and the rest of the
 * extension (dist/extension.js) know of each other: types and the command ids, so importing this
 * file adds next to no code to either bundle. register.ts registers the commands and the URI
 * handler at activation and loads feature.ts the first time one of them is used.
 */
import type * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import type { AccountCommands } from '../commands/account';
import type { ConnectionCheck, RunBinding } from '../console/contract';
import type { EventInbox } from '../events/eventInbox';
import type { InstancesView } from '../services';

export const COPY_AUTHORIZATION_URL_COMMAND = 'cloudElements.copyAuthorizationUrl';
export const SAVE_FORWARDING_PAGE_COMMAND = 'cloudElements.saveForwardingPage';

/** Tests a new or re-authorized instance's connection (the instance console) in the run's environment. */
export type TestConnection = (run: RunBinding, instance: Instance) => Promise<ConnectionCheck>;

export interface ProvisioningDeps extends AccountCommands {
  /** Pending OAuth flows: a run begins one, the inbox completes it. */
  readonly registry: PendingFlowRegistry;
  /** Where new instances are shown (absent: nowhere). */
  readonly instances?: InstancesView;
  /** Tests each new instance's connection before the outcome is shown (absent: no test). */
  readonly testConnection?: TestConnection;
  /** The extension's folder, where the forwarding page it ships is (absent: "Save Forwarding Page…" is not registered). */
  readonly extensionUri?: vscode.Uri;
  /** The window's event inbox, whose receiver a new instance's events go to (absent: no events step). */
  readonly eventInbox?: EventInbox;
}

/** The commands and the URI handler, as the loaded feature runs them. */
export interface ProvisioningFeature extends vscode.Disposable {
  provision(argument?: unknown): Promise<Instance | undefined>;
  reauthorize(argument?: unknown): Promise<Instance | undefined>;
  enterCallbackUrl(): Promise<void>;
  copyAuthorizationUrl(id?: unknown): Promise<void>;
  /** Undefined without the extension's folder. */
  saveForwardingPage(): Promise<boolean | undefined>;
  handleUri(uri: vscode.Uri): void;
}

/** What dist/provisioning.js exports. */
export interface ProvisioningModule {
  createProvisioning(deps: ProvisioningDeps): ProvisioningFeature;
}
