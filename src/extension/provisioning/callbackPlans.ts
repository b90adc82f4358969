/**
 * Where the provider sends the browser back, decided in one place from the setting and the host
 * (like github-authentication's getFlows): the extension's URI handler, a one-shot loopback
 * server on `http://localhost:<port>`, the https forwarding page the user hosts, or the user's
 * own registered URL and a paste. Pure: table-tested. Whether the provider takes the callback is
 * the core's callbackAdvice.ts, said in the wizard.
 */
import type { CallbackMode } from '../settings';
import { isUrl } from './fieldPrompts';

export interface CallbackSetting {
  /** `cloudElements.callbackMode` */
  readonly mode: CallbackMode;
  /** `cloudElements.pasteCallbackUrl`; may be empty. */
  readonly pasteCallbackUrl: string;
  /** `cloudElements.forwardingPageUrl`; may be empty or absent. */
  readonly forwardingPageUrl?: string;
  /** `cloudElements.loopbackPort`; absent: a free port each time. */
  readonly loopbackPort?: number;
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
  /** `port` absent: a free port each time (which a provider that matches exactly never takes). */
  | { readonly mode: 'loopback'; readonly port?: number }
  /** `registeredUrl` undefined: none is set, so the user is asked for it (never a silent switch to another mode). */
  | { readonly mode: 'paste'; readonly registeredUrl: string | undefined }
  /** `pageUrl` undefined: none is set (or it is not https), so the user is asked for it. */
  | { readonly mode: 'forwardingPage'; readonly pageUrl: string | undefined };

/** An https URL: where a forwarding page can be hosted (a provider never redirects to anything less). */
export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && url.hostname !== '' && url.hash === '' && !text.includes('#');
  } catch {
    return false;
  }
}

/**
 * The way the callback comes back on this host: the setting's choice, or what stands in for it.
 * A loopback server only works where the browser can reach the extension's localhost: a local
 * window, or a remote one served from this very machine (code-server or `code serve-web` opened
 * on localhost); elsewhere the URI handler stands in, and its note says so. Paste and the
 * forwarding page need a URL registered with the provider: without one the user is asked for it,
 * never switched silently to another mode.
 */
export function callbackPlan(setting: CallbackSetting, host: CallbackHost): CallbackPlan {
  switch (setting.mode) {
    case 'uriHandler':
      return { mode: 'uriHandler' };
    case 'loopback':
      if (!loopbackReachable(host)) return { mode: 'uriHandler', instead: 'loopback' };
      return setting.loopbackPort !== undefined ? { mode: 'loopback', port: setting.loopbackPort } : { mode: 'loopback' };
    case 'paste': {
      const url = setting.pasteCallbackUrl.trim();
      return { mode: 'paste', registeredUrl: url !== '' && isUrl(url) ? url : undefined };
    }
    case 'forwardingPage': {
      const url = (setting.forwardingPageUrl ?? '').trim();
      return { mode: 'forwardingPage', pageUrl: isHttpsUrl(url) ? url : undefined };
    }
  }
}

function loopbackReachable(host: CallbackHost): boolean {
  return !host.extensionRunsRemotely || host.remoteName === undefined || isLoopbackAuthority(host.remoteName);
}

/** `localhost:8080`, `127.0.0.1:3000`, `[::1]:80`: a window served from the machine itself. */
export function isLoopbackAuthority(authority: string): boolean {
  const host = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
