/**
 * Where the provider sends the browser back, per the setting `cloudElements.callbackMode`:
 * the extension's URI handler, a one-shot loopback server, or the user's own URL + paste.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CallbackMode } from '../settings';
import { receiveCallback, uriHandlerCallbackUrl } from './callbacks';
import { startLoopbackServer } from './loopback';
import type { LoopbackReply } from './loopback';
import { askUntilDelivered } from './paste';

export interface CallbackChannel {
  readonly mode: CallbackMode;
  /** Sent as `callbackUrl` on the OAuth calls and as `oauth.callback.url` in the body. */
  readonly callbackUrl: string;
  /** How the callback comes back, for the waiting message. */
  readonly waitingHint: string;
  /** The authorization page was opened (paste: ask for the address). */
  browserOpened(): void;
  dispose(): void;
}

/** What the prompts should tell the user about the mode before anything starts. */
export function modeNote(mode: CallbackMode): string | undefined {
  if (mode === 'loopback') {
    return 'Callback mode "loopback": the provider app must allow redirects to http://127.0.0.1 on any port (…/callback).';
  }
  if (mode === 'paste') return 'Callback mode "paste": after authorizing, you paste the address the browser lands on.';
  return undefined;
}

export async function openCallbackChannel(services: Services, mode: CallbackMode, pasteUrl: string | undefined): Promise<CallbackChannel> {
  if (mode === 'loopback') return loopbackChannel(services);
  if (mode === 'paste' && pasteUrl !== undefined) return pasteChannel(services, pasteUrl);
  return {
    mode: 'uriHandler',
    callbackUrl: await uriHandlerCallbackUrl(),
    waitingHint: 'the browser returns to VS Code when you are done',
    browserOpened: () => {},
    dispose: () => {},
  };
}

function loopbackReply(services: Services, url: string): LoopbackReply {
  const delivery = receiveCallback(services, url, 'loopback server');
  if (!delivery.ok) return { accepted: false, title: 'Not accepted', message: delivery.message };
  return delivery.outcome === 'denied'
    ? { accepted: true, title: 'Authorization denied', message: 'The provider reported that access was denied. You can close this tab; VS Code shows what happened.' }
    : { accepted: true, title: 'Authorization received', message: 'You can close this tab and return to VS Code.' };
}

async function loopbackChannel(services: Services): Promise<CallbackChannel> {
  const server = await startLoopbackServer((url) => loopbackReply(services, url));
  services.log.info(`Listening for the authorization callback on ${server.callbackUrl}.`);
  return {
    mode: 'loopback',
    callbackUrl: server.callbackUrl,
    waitingHint: `the browser returns to ${server.callbackUrl}`,
    browserOpened: () => {},
    dispose: () => void server.close(),
  };
}

function pasteChannel(services: Services, callbackUrl: string): CallbackChannel {
  const cancel = new vscode.CancellationTokenSource();
  return {
    mode: 'paste',
    callbackUrl,
    waitingHint: 'paste the address you land on ("Enter Authorization Callback URL…")',
    browserOpened: () => {
      askUntilDelivered(services, cancel.token).catch((error: unknown) => services.log.warn(`The paste box failed: ${String(error)}`));
    },
    dispose: () => {
      cancel.cancel();
      cancel.dispose();
    },
  };
}
