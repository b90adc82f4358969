/**
 * Callbacks reaching the extension — through its URI handler, the loopback server or a pasted
 * address — handed to the pending-flow registry. A callback that matches no sign-in in
 * progress gets a clear warning (never its state value) and changes nothing.
 */
import * as vscode from 'vscode';
import { notify } from '../notify';
import type { Services } from '../services';
import { deliverCallback, validateCallbackText } from './outcomeText';
import type { Delivery } from './outcomeText';

export const EXTENSION_ID = 'elements-dev.elements-toolkit';
export const CALLBACK_PATH = '/callback';

export type CallbackSource = 'URI handler' | 'loopback server' | 'pasted address';

/** Completes the matching flow; shows and logs why when there is none. */
export function receiveCallback(services: Services, input: string, source: CallbackSource): Delivery {
  const delivery = deliverCallback(services.registry, input);
  if (delivery.ok) {
    services.log.info(`Received the ${delivery.outcome === 'denied' ? 'refusal' : 'authorization'} for ${delivery.elementKey} (${source}).`);
  } else {
    services.log.warn(`Ignored a callback (${source}): ${delivery.message}`);
    void notify('warning', delivery.message);
  }
  return delivery;
}

/** `window.registerUriHandler`'s handler: `/callback` completes a flow, other paths are ignored. */
export function callbackUriHandler(services: Services): vscode.UriHandler {
  return {
    handleUri(uri: vscode.Uri): void {
      if (uri.path.replace(/\/+$/, '') !== CALLBACK_PATH) {
        services.log.info(`Ignored a link to ${uri.path || '/'}: the toolkit only handles ${CALLBACK_PATH}.`);
        return;
      }
      // Unencoded, so the query and fragment read as the provider wrote them.
      receiveCallback(services, uri.toString(true), 'URI handler');
    },
  };
}

/** The callback URI of the `uriHandler` mode, as the browser can reach it (desktop, remote or web). */
export async function uriHandlerCallbackUrl(): Promise<string> {
  const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
  const external = await vscode.env.asExternalUri(local);
  return external.toString(true);
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

/** `cloudElements.enterCallbackUrl`: paste a callback address for any flow waiting, whatever its mode. */
export async function enterCallbackUrl(services: Services): Promise<void> {
  if (services.registry.size === 0) {
    void vscode.window.showInformationMessage('No sign-in is waiting for a callback. Start one with "Cloud Elements: Provision Element…".');
    return;
  }
  const text = await askForCallbackAddress();
  if (text !== undefined) receiveCallback(services, text, 'pasted address');
}
