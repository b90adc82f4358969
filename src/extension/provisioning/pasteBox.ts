/**
 * The `paste` callback mode's boxes: the callback URL registered with the provider (setting
 * `cloudElements.pasteCallbackUrl`, else asked), and the address the browser landed on, pasted
 * into the inbox — right after the browser opened, or any time with "Enter Authorization
 * Callback URL…".
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { notify } from '../notify';
import { SECTION } from '../settings';
import type { CallbackInbox } from './callbackInbox';
import { isUrl } from './fieldPrompts';
import { NOTHING_WAITING, validateCallbackText } from './callbackTexts';

interface SaveItem extends vscode.QuickPickItem {
  save: boolean;
}

/** Asks for the registered callback URL (and saves it if the user wants). Undefined on Escape. */
export async function askRegisteredCallbackUrl(log: Log, title: string): Promise<string | undefined> {
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
    log.info('Saved the paste-mode callback URL in the settings (cloudElements.pasteCallbackUrl).');
  }
  return url;
}

/** Asks for the address the browser was redirected to. Undefined when dismissed or `token` fires. */
export async function askForCallbackAddress(token?: vscode.CancellationToken): Promise<string | undefined> {
  const text = await vscode.window.showInputBox(
    {
      title: 'Cloud Elements: Paste the Callback Address',
      prompt:
        'After you authorized, the browser went to your callback URL (the page itself may show an error; that is fine). Paste that whole address from the address bar.',
      placeHolder: 'https://www.mycoolapp.com/auth?code=…&state=…',
      ignoreFocusOut: true,
      validateInput: validateCallbackText,
    },
    token,
  );
  return text === undefined || text.trim() === '' ? undefined : text;
}

/**
 * Asks for the pasted address until one completes a flow, the user dismisses the box (the
 * flow keeps waiting: "Enter Authorization Callback URL…" asks again), or `token` fires.
 */
export async function askUntilDelivered(inbox: CallbackInbox, log: Log, token: vscode.CancellationToken): Promise<void> {
  while (!token.isCancellationRequested && inbox.waiting) {
    const text = await askForCallbackAddress(token);
    if (token.isCancellationRequested) return;
    if (text === undefined) {
      log.info('The paste box was closed; the sign-in keeps waiting. Run "Cloud Elements: Enter Authorization Callback URL…" to paste the address.');
      return;
    }
    if (inbox.deliver(text, 'pasted address').ok) return;
  }
}

/** `cloudElements.enterCallbackUrl`: paste a callback address for any flow waiting, whatever its mode. */
export async function enterCallbackUrl(inbox: CallbackInbox): Promise<void> {
  if (!inbox.waiting) {
    void notify('info', NOTHING_WAITING);
    return;
  }
  const text = await askForCallbackAddress();
  if (text !== undefined) inbox.deliver(text, 'pasted address');
}
