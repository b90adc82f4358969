/**
 * The https forwarding page (callback mode `forwardingPage`): "Cloud Elements: Save Forwarding
 * Page…" writes the page the toolkit ships (media/forwarding-page/index.html) where the user
 * picks, to host over https; a run without `cloudElements.forwardingPageUrl` asks where it is hosted.
 */
import * as vscode from 'vscode';
import { isWebOrigin, withWebOrigins } from '../../core/provisioning/forwarding';
import type { Log } from '../log';
import { notify } from '../notify';
import { SECTION } from '../settings';
import { writeFailureReason, writeFileAtomically } from '../atomicFile';
import { isHttpsUrl } from './callbackPlans';
import { uriHandlerCallbackUrl } from './callbackRoute';

import { SAVE_FORWARDING_PAGE_COMMAND } from './contract';

export { SAVE_FORWARDING_PAGE_COMMAND };
const OPEN_SETTINGS = 'Open Settings';

interface SaveItem extends vscode.QuickPickItem {
  save: boolean;
}

/** Asks where the forwarding page is hosted (and saves it if the user wants). Undefined on Escape. */
export async function askForwardingPageUrl(log: Log, title: string): Promise<string | undefined> {
  const entered = await vscode.window.showInputBox({
    title: `${title}: Forwarding Page`,
    prompt:
      'The https address where you host the forwarding page ("Cloud Elements: Save Forwarding Page…" writes it), registered as the redirect URI of your provider app. The provider sends the browser there; the page hands the redirect on to VS Code.',
    placeHolder: 'https://you.github.io/elements-callback/',
    ignoreFocusOut: true,
    validateInput: (text) => (isHttpsUrl(text) ? undefined : 'An https address without a #fragment, e.g. https://you.github.io/elements-callback/'),
  });
  if (entered === undefined) return undefined;
  const url = entered.trim();
  const items: SaveItem[] = [
    { label: '$(save) Save in Settings', description: 'cloudElements.forwardingPageUrl', save: true },
    { label: 'Use It Just This Time', save: false },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `${title}: Forwarding Page`, placeHolder: `Remember ${url}?` });
  if (!choice) return undefined;
  if (choice.save) {
    await vscode.workspace.getConfiguration(SECTION).update('forwardingPageUrl', url, vscode.ConfigurationTarget.Global);
    log.info('Saved the forwarding page address in the settings (cloudElements.forwardingPageUrl).');
  }
  return url;
}

/** The origin of this window's VS Code when it runs in a browser (its URI handler has an http(s) address), else undefined. */
async function browserOrigin(): Promise<string | undefined> {
  const { callbackUrl, changesEachTime } = await uriHandlerCallbackUrl();
  if (!changesEachTime) return undefined;
  try {
    const origin = new URL(callbackUrl).origin;
    return isWebOrigin(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** "Cloud Elements: Save Forwarding Page…": writes the page where the user picks, then says how to use it. */
export async function saveForwardingPage(extensionUri: vscode.Uri, log: Log): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Save the Forwarding Page',
    saveLabel: 'Save',
    filters: { 'HTML page': ['html'] },
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, 'index.html') }),
  });
  if (!target) return false;
  const shipped = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'forwarding-page', 'index.html')));
  const origin = await browserOrigin();
  const page = origin ? withWebOrigins(shipped, [origin]) : shipped;
  try {
    if (target.scheme === 'file') await writeFileAtomically(target.fsPath, page);
    else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(page));
  } catch (error) {
    const message = `Could not save the forwarding page to ${target.fsPath}: ${writeFailureReason(error)}. Nothing was written.`;
    log.warn(message);
    void notify('error', message);
    return false;
  }
  log.info(`Saved the forwarding page to ${target.fsPath}${origin ? ` (it forwards to ${origin} too)` : ''}.`);
  const listed = origin ? ` It also forwards to this browser VS Code at ${origin}.` : '';
  const choice = await notify(
    'info',
    `Saved the forwarding page to ${target.fsPath}.${listed} Host it over https (GitHub Pages or any static host), register its address as the redirect URI of your provider app, then set cloudElements.forwardingPageUrl to that address and cloudElements.callbackMode to "forwardingPage".`,
    OPEN_SETTINGS,
  );
  if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'cloudElements.forwardingPageUrl');
  return true;
}
