/**
 * Opens the way back the plan chose (callbackPlans.ts): the URI handler's address, a one-shot
 * loopback server, or the user's registered URL and the paste box. All three deliver to the
 * one CallbackInbox.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { CALLBACK_PATH, EXTENSION_ID, type CallbackInbox } from './callbackInbox';
import type { CallbackPlan } from './callbackPlans';
import { startLoopbackServer } from './loopbackServer';
import { askUntilDelivered } from './pasteBox';
import { loopbackPage, waitingHint } from './texts';

/** A plan whose registered URL (paste) is known. */
export type ReadyPlan = Exclude<CallbackPlan, { mode: 'paste' }> | { readonly mode: 'paste'; readonly registeredUrl: string };

export interface CallbackRoute {
  readonly mode: CallbackPlan['mode'];
  /** Sent as `callbackUrl` on the OAuth calls and as `oauth.callback.url` in the body. */
  readonly callbackUrl: string;
  /** How the callback comes back, for the waiting message. */
  readonly waitingHint: string;
  /** The authorization page was opened (paste: ask for the address). */
  browserOpened(): void;
  dispose(): void;
}

export async function openCallbackRoute(plan: ReadyPlan, inbox: CallbackInbox, log: Log): Promise<CallbackRoute> {
  switch (plan.mode) {
    case 'uriHandler':
      return route(plan.mode, await uriHandlerCallbackUrl());
    case 'loopback': {
      const server = await startLoopbackServer((url) => loopbackPage(inbox.deliver(url, 'loopback server')));
      log.info(`Listening for the authorization callback on ${server.callbackUrl}.`);
      return route(plan.mode, server.callbackUrl, { dispose: () => void server.close() });
    }
    case 'paste': {
      const cancel = new vscode.CancellationTokenSource();
      return route(plan.mode, plan.registeredUrl, {
        browserOpened: () => {
          askUntilDelivered(inbox, log, cancel.token).catch((error: unknown) => log.warn(`The paste box failed: ${String(error)}`));
        },
        dispose: () => {
          cancel.cancel();
          cancel.dispose();
        },
      });
    }
  }
}

function route(mode: CallbackPlan['mode'], callbackUrl: string, hooks: Partial<Pick<CallbackRoute, 'browserOpened' | 'dispose'>> = {}): CallbackRoute {
  return {
    mode,
    callbackUrl,
    waitingHint: waitingHint(mode, callbackUrl),
    browserOpened: hooks.browserOpened ?? (() => {}),
    dispose: hooks.dispose ?? (() => {}),
  };
}

/** The callback URI of the `uriHandler` mode, as the browser can reach it (desktop, remote or web). */
export async function uriHandlerCallbackUrl(): Promise<string> {
  const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
  const external = await vscode.env.asExternalUri(local);
  return external.toString(true);
}
