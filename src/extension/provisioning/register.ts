/**
 * "Provision Element", "Re-authorize Instance", "Enter Authorization Callback URL" and the OAuth
 * callback URI handler, wired to their collaborators: the one CallbackInbox every callback is
 * delivered to, and the provisioner that runs the steps (provision.ts).
 */
import * as vscode from 'vscode';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import type { AccountCommands } from '../commands/account';
import type { InstancesView } from '../services';
import { CallbackInbox } from './callbackInbox';
import { enterCallbackUrl } from './pasteBox';
import { createProvisioner } from './provision';
import { provisionElement } from './provisionElement';
import { reauthorizeInstance } from './reauthorizeInstance';
import { instancesDisplay, type TestConnection } from './showOutcome';

export interface ProvisioningDeps extends AccountCommands {
  /** Pending OAuth flows: a run begins one, the inbox completes it. */
  readonly registry: PendingFlowRegistry;
  /** Where new instances are shown (absent: nowhere). */
  readonly instances?: InstancesView;
  /** Tests each new instance's connection before the outcome is shown (absent: no test). */
  readonly testConnection?: TestConnection;
}

export function registerProvisioning(deps: ProvisioningDeps): vscode.Disposable {
  const { session, registry, log, instances, testConnection } = deps;
  const inbox = new CallbackInbox(registry, log);
  const display = instancesDisplay(session, instances, testConnection);
  const provisioner = createProvisioner(deps, { registry, inbox, display });
  return vscode.Disposable.from(
    vscode.window.registerUriHandler(inbox.uriHandler),
    vscode.commands.registerCommand('cloudElements.provision', (argument?: unknown) => provisionElement(provisioner, log, argument)),
    vscode.commands.registerCommand('cloudElements.reauthorizeInstance', (argument?: unknown) => reauthorizeInstance(provisioner, argument)),
    vscode.commands.registerCommand('cloudElements.enterCallbackUrl', () => enterCallbackUrl(inbox)),
  );
}
