/**
 * "Provision Element", "Re-authorize Instance", "Enter Authorization Callback URL", "Copy
 * Authorization URL" and the OAuth callback URI handler, wired to their collaborators: the one
 * CallbackInbox every callback is delivered to, the flows waiting for the browser, and the
 * provisioner that runs the steps (provision.ts).
 */
import * as vscode from 'vscode';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import type { AccountCommands } from '../commands/account';
import type { ProvisioningEvents } from '../events/provisionEvents';
import type { InstancesView } from '../services';
import { CallbackInbox } from './callbackInbox';
import { saveForwardingPage, SAVE_FORWARDING_PAGE_COMMAND } from './forwardingPage';
import { enterCallbackUrl } from './pasteBox';
import { createProvisioner } from './provision';
import { provisionElement } from './provisionElement';
import { reauthorizeInstance } from './reauthorizeInstance';
import { instancesDisplay, type TestConnection } from './showOutcome';
import { copyAuthorizationUrl, COPY_AUTHORIZATION_URL_COMMAND, WaitingAuthorizations } from './waitingAuthorizations';

export interface ProvisioningDeps extends AccountCommands {
  /** Pending OAuth flows: a run begins one, the inbox completes it. */
  readonly registry: PendingFlowRegistry;
  /** Where new instances are shown (absent: nowhere). */
  readonly instances?: InstancesView;
  /** Tests each new instance's connection before the outcome is shown (absent: no test). */
  readonly testConnection?: TestConnection;
  /** The extension's folder, where the forwarding page it ships is (absent: "Save Forwarding Page…" is not registered). */
  readonly extensionUri?: vscode.Uri;
  /** The events step for a new instance (absent: no events step). */
  readonly events?: ProvisioningEvents;
}

export function registerProvisioning(deps: ProvisioningDeps): vscode.Disposable {
  const { session, registry, log, instances, testConnection, extensionUri, events } = deps;
  const inbox = new CallbackInbox(registry, log);
  const display = instancesDisplay(session, instances, testConnection);
  const waiting = new WaitingAuthorizations();
  const provisioner = createProvisioner(deps, { registry, inbox, display, waiting, ...(events && { events }) });
  return vscode.Disposable.from(
    display,
    vscode.window.registerUriHandler(inbox.uriHandler),
    vscode.commands.registerCommand(COPY_AUTHORIZATION_URL_COMMAND, (id?: unknown) => copyAuthorizationUrl(waiting, log, id)),
    vscode.commands.registerCommand('cloudElements.provision', (argument?: unknown) => provisionElement(provisioner, log, argument)),
    vscode.commands.registerCommand('cloudElements.reauthorizeInstance', (argument?: unknown) => reauthorizeInstance(provisioner, argument)),
    vscode.commands.registerCommand('cloudElements.enterCallbackUrl', () => enterCallbackUrl(inbox)),
    ...(extensionUri ? [vscode.commands.registerCommand(SAVE_FORWARDING_PAGE_COMMAND, () => saveForwardingPage(extensionUri, log))] : []),
  );
}
