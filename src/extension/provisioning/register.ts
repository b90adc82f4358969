/**
 * "Provision Element", "Re-authorize Instance", "Enter Authorization Callback URL", "Copy
 * Authorization URL", "Save Forwarding Page…" and the OAuth callback URI handler, registered at
 * activation. Their code is dist/provisioning.js (feature.ts), loaded the first time one of them
 * is used: activation never reads it.
 */
import * as vscode from 'vscode';
import { COPY_AUTHORIZATION_URL_COMMAND, SAVE_FORWARDING_PAGE_COMMAND, type ProvisioningDeps, type ProvisioningFeature, type ProvisioningModule } from './contract';

export type { ProvisioningDeps };

export function registerProvisioning(deps: ProvisioningDeps): vscode.Disposable {
  let feature: ProvisioningFeature | undefined;
  const get = (): ProvisioningFeature => {
    if (feature) return feature;
    // The build turns this into require('./provisioning.js'); in tests it is the source module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
    const module = require('./feature') as ProvisioningModule;
    feature = module.createProvisioning(deps);
    return feature;
  };
  return vscode.Disposable.from(
    { dispose: () => feature?.dispose() },
    vscode.window.registerUriHandler({ handleUri: (uri) => get().handleUri(uri) }),
    vscode.commands.registerCommand(COPY_AUTHORIZATION_URL_COMMAND, (id?: unknown) => get().copyAuthorizationUrl(id)),
    vscode.commands.registerCommand('cloudElements.provision', (argument?: unknown) => get().provision(argument)),
    vscode.commands.registerCommand('cloudElements.reauthorizeInstance', (argument?: unknown) => get().reauthorize(argument)),
    vscode.commands.registerCommand('cloudElements.enterCallbackUrl', () => get().enterCallbackUrl()),
    ...(deps.extensionUri ? [vscode.commands.registerCommand(SAVE_FORWARDING_PAGE_COMMAND, () => get().saveForwardingPage())] : []),
  );
}
