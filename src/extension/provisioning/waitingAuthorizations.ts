/**
 * The authorization URLs of the flows waiting for their browser, for "Copy Authorization URL":
 * the link in the wait's progress notification (which names its flow) and the command palette
 * (which asks when several wait). Ids are plain counters, never the flow's state.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { notify } from '../notify';
import { NO_AUTHORIZATION_WAITING, NOT_WAITING_ANY_MORE, urlCopiedText } from './callbackTexts';

import { COPY_AUTHORIZATION_URL_COMMAND } from './contract';

export { COPY_AUTHORIZATION_URL_COMMAND };

interface Waiting {
  elementName: string;
  url: string;
}

export class WaitingAuthorizations {
  private count = 0;
  private readonly waiting = new Map<string, Waiting>();

  /** Registers a flow's URL until the returned disposable is disposed; `link` copies exactly this one. */
  add(elementName: string, url: string): { link: string; dispose(): void } {
    const id = String(++this.count);
    this.waiting.set(id, { elementName, url });
    return {
      link: `command:${COPY_AUTHORIZATION_URL_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`,
      dispose: () => void this.waiting.delete(id),
    };
  }

  get(id: string): Waiting | undefined {
    return this.waiting.get(id);
  }

  all(): Waiting[] {
    return [...this.waiting.values()];
  }
}

interface WaitingItem extends vscode.QuickPickItem {
  waiting: Waiting;
}

async function choose(waiting: WaitingAuthorizations, id: unknown): Promise<Waiting | undefined> {
  if (typeof id === 'string') {
    // A link names its flow: never copy another one's URL.
    const named = waiting.get(id);
    if (!named) void notify('info', NOT_WAITING_ANY_MORE);
    return named;
  }
  const all = waiting.all();
  if (all.length === 0) {
    void notify('info', NO_AUTHORIZATION_WAITING);
    return undefined;
  }
  if (all.length === 1) return all[0];
  const items: WaitingItem[] = all.map((entry) => ({ label: entry.elementName, waiting: entry }));
  return (await vscode.window.showQuickPick(items, { title: 'Cloud Elements: Copy Authorization URL', placeHolder: 'Which authorization?' }))?.waiting;
}

/** Copies the URL the link names (or the one waiting, or the one chosen) and says so in the status bar. */
export async function copyAuthorizationUrl(waiting: WaitingAuthorizations, log: Log, id?: unknown): Promise<void> {
  const entry = await choose(waiting, id);
  if (!entry) return;
  await vscode.env.clipboard.writeText(entry.url);
  log.info(`Copied the authorization URL for ${entry.elementName} to the clipboard.`);
  vscode.window.setStatusBarMessage(`$(check) ${urlCopiedText(entry.elementName)}`, 10_000);
}
