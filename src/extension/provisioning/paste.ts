/**
 * The `paste` callback mode: the provider redirects to the user's own registered callback URL
 * (setting `cloudElements.pasteCallbackUrl`), and the user pastes the address they landed on.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { SECTION } from '../settings';
import { askForCallbackAddress, receiveCallback } from './callbacks';
import { isUrl } from './fieldPrompts';

interface SaveItem extends vscode.QuickPickItem {
  save: boolean;
}

/** The registered callback URL: the setting, else asked (and saved if the user wants). Undefined on Escape. */
export async function registeredCallbackUrl(services: Services, title: string): Promise<string | undefined> {
  const configured = services.settings().pasteCallbackUrl;
  if (configured !== '' && isUrl(configured)) return configured;
  const entered = await vscode.window.showInputBox({
    title: `${title}: Callback URL`,
    prompt:
      'The callback URL registered with the provider app (callback mode "paste"). After you authorize, you paste the address the browser lands on.',
    placeHolder: 'https://www.mycoolapp.com/auth',
    ignoreFocusOut: true,
    validateInput: (text) => (isUrl(text) ? undefined : 'An absolute URL, e.g. https://www.mycoolapp.com/auth'),
  });
  if (entered === undefined) return undefined;
  const url = entered.trim();
  const items: SaveItem[] = [
    { label: '$(save) Save in Settings', description: 'cloudElements.pasteCallbackUrl', save: true },
    { label: 'Use It Just This Time', save: false },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `${title}: Callback URL`, placeHolder: `Remember ${url}?` });
  if (!choice) return undefined;
  if (choice.save) {
    await vscode.workspace.getConfiguration(SECTION).update('pasteCallbackUrl', url, vscode.ConfigurationTarget.Global);
    services.log.info('Saved the paste-mode callback URL in the settings (cloudElements.pasteCallbackUrl).');
  }
  return url;
}

/**
 * Asks for the pasted address until one completes a flow, the user dismisses the box (the
 * flow keeps waiting: "Enter Authorization Callback URL…" asks again), or `token` fires.
 */
export async function askUntilDelivered(services: Services, token: vscode.CancellationToken): Promise<void> {
  while (!token.isCancellationRequested && services.registry.size > 0) {
    const text = await askForCallbackAddress(token);
    if (token.isCancellationRequested) return;
    if (text === undefined) {
      services.log.info('The paste box was closed; the sign-in keeps waiting. Run "Cloud Elements: Enter Authorization Callback URL…" to paste the address.');
      return;
    }
    if (receiveCallback(services, text, 'pasted address').ok) return;
  }
}
