/**
 * Opens the way back the plan chose (callbackPlans.ts): the URI handler's address, a one-shot
 * loopback server, the https forwarding page (which hands the redirect on to the URI handler),
 * or the user's registered URL and the paste box. All deliver to the one CallbackInbox.
 */
import * as vscode from 'vscode';
import type { CallbackWay } from '../../core/provisioning/callbackAdvice';
import type { Log } from '../log';
import { CALLBACK_PATH, EXTENSION_ID, type CallbackInbox } from './callbackInbox';
import type { CallbackPlan } from './callbackPlans';
import { startLoopbackServer } from './loopbackServer';
import { askUntilDelivered } from './pasteBox';
import { loopbackPage, waitingHint } from './callbackTexts';

/**
 * A plan with everything it needs known: the URI handler's address as the browser reaches it
 * (asked once, before the wizard, so the wizard can say whether the provider takes it), the
 * registered URL (paste), the hosted page and where it forwards to (forwarding page).
 */
export type ReadyPlan =
  | { readonly mode: 'uriHandler'; readonly instead?: 'loopback'; readonly callbackUrl: string; readonly changesEachTime: boolean }
  | Extract<CallbackPlan, { mode: 'loopback' }>
  | { readonly mode: 'paste'; readonly registeredUrl: string }
  | { readonly mode: 'forwardingPage'; readonly pageUrl: string; readonly returnTo: string; readonly changesEachTime: boolean };

/** The plan as the core's advice sees it (callbackAdvice.ts). */
export function callbackWay(plan: ReadyPlan): CallbackWay {
  switch (plan.mode) {
    case 'uriHandler':
      return { mode: 'uriHandler', callbackUrl: plan.callbackUrl, changesEachTime: plan.changesEachTime };
    case 'loopback':
      return { mode: 'loopback', port: plan.port };
    case 'paste':
      return { mode: 'paste', registeredUrl: plan.registeredUrl };
    case 'forwardingPage':
      return { mode: 'forwardingPage', pageUrl: plan.pageUrl };
  }
}

export interface CallbackRoute {
  readonly mode: CallbackPlan['mode'];
  /** Sent as `callbackUrl` on the OAuth calls and as `oauth.callback.url` in the body. */
  readonly callbackUrl: string;
  /** Forwarding page: where the page forwards to, carried in the flow's state. */
  readonly returnTo?: string;
  /**
   * The callback as a user registers it with the provider, the same for the next sign-in
   * (a saved instance.json keeps it); undefined when it is made for this sign-in only (a free
   * port, a VS Code-in-a-browser address).
   */
  readonly registeredUrl: string | undefined;
  /** How the callback comes back, for the waiting message. */
  readonly waitingHint: string;
  /** The authorization page was opened (paste: ask for the address). */
  browserOpened(): void;
  dispose(): void;
}

export async function openCallbackRoute(plan: ReadyPlan, inbox: CallbackInbox, log: Log): Promise<CallbackRoute> {
  switch (plan.mode) {
    case 'uriHandler':
      return route(plan.mode, plan.callbackUrl, plan.changesEachTime ? undefined : plan.callbackUrl);
    case 'loopback': {
      const server = await startLoopbackServer((url) => loopbackPage(inbox.deliver(url, 'loopback server')), plan.port);
      log.info(`Listening for the authorization callback on ${server.callbackUrl}.`);
      return route(plan.mode, server.callbackUrl, plan.port === undefined ? undefined : server.callbackUrl, { dispose: () => void server.close() });
    }
    case 'forwardingPage':
      return { ...route(plan.mode, plan.pageUrl, plan.pageUrl), returnTo: plan.returnTo };
    case 'paste': {
      const cancel = new vscode.CancellationTokenSource();
      return route(plan.mode, plan.registeredUrl, plan.registeredUrl, {
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

function route(
  mode: CallbackPlan['mode'],
  callbackUrl: string,
  registeredUrl: string | undefined,
  hooks: Partial<Pick<CallbackRoute, 'browserOpened' | 'dispose'>> = {},
): CallbackRoute {
  return {
    mode,
    callbackUrl,
    registeredUrl,
    waitingHint: waitingHint(mode, callbackUrl),
    browserOpened: hooks.browserOpened ?? (() => {}),
    dispose: hooks.dispose ?? (() => {}),
  };
}

/**
 * The callback URI of the `uriHandler` mode, as the browser can reach it (desktop, remote or
 * web). `changesEachTime`: VS Code made an address of its own for this sign-in (VS Code in a
 * browser: `…/callback?vscode-reqid=N`), which no provider can have registered.
 */
export async function uriHandlerCallbackUrl(): Promise<{ callbackUrl: string; changesEachTime: boolean }> {
  const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
  const external = await vscode.env.asExternalUri(local);
  const callbackUrl = external.toString(true);
  return { callbackUrl, changesEachTime: callbackUrl !== local.toString(true) };
}
