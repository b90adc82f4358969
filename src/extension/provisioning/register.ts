/** "Provision Element", "Re-authorize Instance", "Enter Authorization Callback URL" and the OAuth callback URI handler. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { callbackUriHandler, enterCallbackUrl } from './callbacks';
import { provisionElement } from './command';
import { reauthorizeInstance } from './reauthorize';

export function registerProvisioning(services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerUriHandler(callbackUriHandler(services)),
    vscode.commands.registerCommand('cloudElements.provision', (argument?: unknown) => provisionElement(services, argument)),
    vscode.commands.registerCommand('cloudElements.reauthorizeInstance', (argument?: unknown) => reauthorizeInstance(services, argument)),
    vscode.commands.registerCommand('cloudElements.enterCallbackUrl', () => enterCallbackUrl(services)),
  );
}
