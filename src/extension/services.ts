/**
 * Everything the extension's parts share, built once in `activate`. Provisioning, the account
 * and instance commands and the Instances view are handed only what they use; this bag remains
 * for the instance-file commands and the status bar, and as the integration tests' window on
 * the extension's state.
 */
import type * as vscode from 'vscode';
import type { PendingFlowRegistry } from '../core/provisioning/pendingFlows';
import type { Log } from './log';
import type { SecretVault } from './secrets';
import type { Session } from './session';
import type { ToolkitSettings } from './settings';

/** The Instances view as other parts see it. */
export interface InstancesView {
  /** Reloads the instances from the API. */
  refresh(): Promise<void>;
  /** Reloads, then selects and shows one instance. */
  reveal(instanceId: number): Promise<void>;
}

export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly vault: SecretVault;
  readonly session: Session;
  /** Current settings (read fresh each call). */
  settings(): ToolkitSettings;
  /** Pending OAuth flows: the provisioning command begins them, the URI handler completes them. */
  readonly registry: PendingFlowRegistry;
  /** The Instances view (for the instance-file commands), when it is registered. */
  instances?: InstancesView;
}
