/**
 * Where the provider sends the browser back, decided in one place from the setting and the host
 * (like github-authentication's getFlows): the extension's URI handler, a one-shot loopback
 * server on 127.0.0.1, or the user's own registered URL and a paste. Pure: table-tested.
 */
import type { CallbackMode } from '../settings';
import { isUrl } from './fieldPrompts';

export interface CallbackSetting {
  /** `cloudElements.callbackMode` */
  readonly mode: CallbackMode;
  /** `cloudElements.pasteCallbackUrl`; may be empty. */
  readonly pasteCallbackUrl: string;
}

export interface CallbackHost {
  /** `vscode.env.remoteName`: undefined in a local window. */
  readonly remoteName: string | undefined;
  /** The extension runs in the remote extension host (a workspace extension), not next to the UI. */
  readonly extensionRunsRemotely: boolean;
}

export type CallbackPlan =
  /** `instead`: the mode the setting asked for, which cannot work on this host. */
  | { readonly mode: 'uriHandler'; readonly instead?: 'loopback' }
  | { readonly mode: 'loopback' }
  /** `registeredUrl` undefined: none is set, so the user is asked for it (never a silent switch to another mode). */
  | { readonly mode: 'paste'; readonly registeredUrl: string | undefined };

/**
 * The ways the callback can come back on this host, the one to use first: the setting's choice
 * (or what stands in for it), then the others that need no setup. A loopback server is only
 * offered where the browser can reach the extension's 127.0.0.1: a local window, or a remote one
 * served from this very machine (code-server or `code serve-web` opened on localhost). Paste
 * needs the URL registered with the provider, so it is only ever there when chosen.
 */
export function callbackPlans(setting: CallbackSetting, host: CallbackHost): readonly CallbackPlan[] {
  const loopbackReachable = !host.extensionRunsRemotely || host.remoteName === undefined || isLoopbackAuthority(host.remoteName);
  const others: CallbackPlan[] = [{ mode: 'uriHandler' }, ...(loopbackReachable ? [{ mode: 'loopback' } as const] : [])];
  switch (setting.mode) {
    case 'uriHandler':
      return others;
    case 'loopback':
      return loopbackReachable ? [{ mode: 'loopback' }, { mode: 'uriHandler' }] : [{ mode: 'uriHandler', instead: 'loopback' }];
    case 'paste': {
      const url = setting.pasteCallbackUrl.trim();
      return [{ mode: 'paste', registeredUrl: url !== '' && isUrl(url) ? url : undefined }, ...others];
    }
  }
}

/** `localhost:8080`, `127.0.0.1:3000`, `[::1]:80`: a window served from the machine itself. */
export function isLoopbackAuthority(authority: string): boolean {
  const host = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
