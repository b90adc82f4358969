/**
 * Which callback URL an instance's events go to. The receiver listens on loopback: the local
 * emulator reaches it as it is. The real service cannot: it needs a public URL that leads to
 * the receiver, either the one VS Code gives when it forwards ports publicly (Codespaces, a
 * public code-server: `vscode.env.asExternalUri`), or the user's own tunnel. The quick pick
 * says which is which; the choice is kept in the workspace setting
 * `cloudElements.events.publicCallbackUrl` (a URL, never a secret).
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { EVENTS_PATH } from './paths';
import type { EventReceiver } from './receiver';

export const PUBLIC_CALLBACK_SETTING = 'events.publicCallbackUrl';

/** The public base URL that leads to the receiver (`https://…`, no `/events/…`), when the user set one. */
export function publicCallbackBase(): string {
  return (vscode.workspace.getConfiguration('cloudElements').get<string>(PUBLIC_CALLBACK_SETTING) ?? '').trim().replace(/\/+$/, '');
}

/** `<base>/events/<environment>`. */
export function callbackOn(base: string, environment: EnvironmentId): string {
  return `${base}${EVENTS_PATH}${environment}`;
}

function validPublicBase(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Enter the https:// address of your tunnel, e.g. https://abc123.ngrok.app';
  }
  if (url.protocol !== 'https:') return 'The platform posts to an https:// URL: enter your tunnel\'s https address.';
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return 'Just the base address: no user, query or fragment.';
  return undefined;
}

interface Choice extends vscode.QuickPickItem {
  base?: string;
  paste?: boolean;
}

/**
 * Asks where the platform should post, saying plainly what each choice reaches. Returns the
 * base URL chosen (saved in the workspace setting), or undefined when cancelled.
 */
export async function chooseCallbackBase(receiver: EventReceiver): Promise<string | undefined> {
  const external = (await vscode.env.asExternalUri(vscode.Uri.parse(receiver.origin))).toString().replace(/\/+$/, '');
  const current = publicCallbackBase();
  const items: Choice[] = [];
  if (external !== receiver.origin) {
    items.push({
      label: '$(globe) Use the port VS Code forwards',
      description: external,
      detail: 'VS Code forwards the receiver\'s port to this address (Codespaces, a public code-server). Make the port public so the platform can reach it.',
      base: external,
    });
  }
  items.push({
    label: '$(link) Paste the URL of my own tunnel',
    detail: `Your tunnel (ngrok, cloudflared, …) must forward to ${receiver.origin}, the receiver in this window (loopback only).`,
    paste: true,
  });
  if (current !== '') items.unshift({ label: '$(check) Keep the current URL', description: current, base: current });
  items.push({
    label: '$(home) Loopback only',
    description: receiver.origin,
    detail: 'Only the local emulator on this machine reaches it; the real Cloud Elements service does not.',
    base: receiver.origin,
  });
  const picked = await vscode.window.showQuickPick(items, { title: 'Where should Cloud Elements post events?', ignoreFocusOut: true });
  if (!picked) return undefined;
  let base = picked.base;
  if (picked.paste) {
    const typed = await vscode.window.showInputBox({
      title: 'The public https URL of your tunnel to the event receiver',
      prompt: `It must forward to ${receiver.origin}. Events then go to <URL>${EVENTS_PATH}<environment>.`,
      value: current,
      ignoreFocusOut: true,
      validateInput: validPublicBase,
    });
    if (typed === undefined) return undefined;
    base = typed.trim().replace(/\/+$/, '');
  }
  if (base === undefined) return undefined;
  await vscode.workspace.getConfiguration('cloudElements').update(PUBLIC_CALLBACK_SETTING, base === receiver.origin ? '' : base, vscode.ConfigurationTarget.Workspace);
  return base;
}

/** Whether the API answers on this machine (the local emulator, or a custom URL on loopback), so it reaches the receiver directly. */
export function isLoopbackApi(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return false;
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The callback URL for an instance of `environment`: an API on this machine (the local
 * emulator) posts to the receiver's loopback address; the real service to the public base
 * (asked for when none is set). Undefined when the user cancelled.
 */
export async function callbackUrlFor(environment: EnvironmentId, apiBaseUrl: string | undefined, receiver: EventReceiver): Promise<string | undefined> {
  if (isLoopbackApi(apiBaseUrl)) return receiver.callbackUrl(environment);
  const base = publicCallbackBase() || (await chooseCallbackBase(receiver));
  return base === undefined ? undefined : callbackOn(base, environment);
}
