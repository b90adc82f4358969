/**
 * What the "Get started" walkthrough's steps complete on (package.json's completionEvents), when it
 * is a state of the extension rather than a command: an instance was created in this window.
 */
import * as vscode from 'vscode';

/** True once an instance was created (Provision Element or Provision from This File). */
export const PROVISIONED_CONTEXT_KEY = 'cloudElements.provisioned';

export function markProvisioned(): void {
  void vscode.commands.executeCommand('setContext', PROVISIONED_CONTEXT_KEY, true);
}
