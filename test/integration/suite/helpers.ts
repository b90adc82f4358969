/**
 * What the suite's tests share: the extension's test API, the emulator (from the runner's
 * environment variables), polling, and stubs for the few UI calls a test must answer itself
 * (message boxes, the browser). Stubs are allowed here: VS Code leaves `vscode.env` and
 * `vscode.window` writable in an extension host that runs tests.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StoredInstance } from '../../../src/emulator/stores/instances';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import { ENV } from '../protocol';

export const EXTENSION_ID = 'elements-dev.elements-toolkit';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through test/integration/run.ts or runElectron.ts`);
  return value;
}

export const emulator = {
  get apiBaseUrl(): string {
    return required(ENV.emulatorApi);
  },
  get adminUrl(): string {
    return required(ENV.emulatorAdmin);
  },
  get credentials(): { userSecret: string; orgSecret: string } {
    return { userSecret: required(ENV.userSecret), orgSecret: required(ENV.orgSecret) };
  },
};

export async function toolkit(): Promise<ToolkitTestApi> {
  const extension = vscode.extensions.getExtension<ToolkitTestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  const api = await extension.activate();
  assert.ok(api?.services, 'activate() returned the test API');
  return api;
}

/** Polls until `check` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ── The emulator ────────────────────────────────────────────────────────────

export async function storedInstances(): Promise<StoredInstance[]> {
  const response = await fetch(`${emulator.adminUrl}/__admin/instances`);
  assert.equal(response.status, 200);
  return (await response.json()) as StoredInstance[];
}

export async function resetEmulator(): Promise<void> {
  const response = await fetch(`${emulator.adminUrl}/__admin/reset`, { method: 'POST' });
  assert.ok(response.ok, `emulator reset: ${response.status}`);
}

/** A complete QuickBooks token-based body: provisions without a browser step. */
export function quickbooksTokenBody(name: string) {
  return {
    element: { key: 'quickbooks' },
    configuration: {
      'oauth.callback.url': 'https://integration.example.com/auth',
      'quickbooks.datasource': 'QBO',
      'quickbooks.realm.id': '123',
      'oauth.user.token': 'integration-user-token-value',
      'oauth.user.token.secret': 'integration-user-token-secret',
      'oauth.api.key': 'integration-api-key',
      'oauth.api.secret': 'integration-api-secret',
    },
    name,
    tags: ['integration'],
    externalAuthentication: 'initial' as const,
  };
}

// ── Session ─────────────────────────────────────────────────────────────────

export async function signIn(api: ToolkitTestApi): Promise<void> {
  if (!api.services.session.state.signedIn) await api.services.session.signIn(emulator.credentials);
  assert.equal(api.services.session.state.signedIn, true);
}

export async function signOut(api: ToolkitTestApi): Promise<void> {
  await api.services.session.signOut();
  assert.equal(api.services.session.state.signedIn, false);
}

// ── Stubs ───────────────────────────────────────────────────────────────────

type MessageKind = 'info' | 'warning' | 'error';

export interface ShownMessage {
  kind: MessageKind;
  message: string;
  items: string[];
  modal: boolean;
}

const MESSAGE_FUNCTIONS: Record<MessageKind, 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage'> = {
  info: 'showInformationMessage',
  warning: 'showWarningMessage',
  error: 'showErrorMessage',
};

/**
 * Records the messages the extension shows and answers them (default: dismissed), so a
 * command that awaits one ends. Modal ones too: VS Code refuses to show dialogs in an
 * extension host that runs tests ("DialogService: refused to show dialog in tests").
 */
export class MessageRecorder implements vscode.Disposable {
  readonly shown: ShownMessage[] = [];
  /** Answers by message text; the first matching pattern's button is chosen. */
  readonly answers: Array<[pattern: RegExp, button: string | undefined]> = [];
  private readonly originals = new Map<MessageKind, unknown>();

  constructor() {
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const [kind, name] of Object.entries(MESSAGE_FUNCTIONS) as Array<[MessageKind, string]>) {
      this.originals.set(kind, window[name]);
      window[name] = (message: unknown, ...rest: unknown[]) => {
        const options = rest[0] !== null && typeof rest[0] === 'object' && !('title' in rest[0]) ? (rest[0] as vscode.MessageOptions) : undefined;
        const items = rest.filter((item): item is string => typeof item === 'string');
        this.shown.push({ kind, message: String(message), items, modal: options?.modal === true });
        const answer = this.answers.find(([pattern]) => pattern.test(String(message)));
        return Promise.resolve(answer?.[1]);
      };
    }
  }

  messages(kind?: MessageKind): string[] {
    return this.shown.filter((shown) => kind === undefined || shown.kind === kind).map((shown) => shown.message);
  }

  async waitFor(kind: MessageKind, pattern: RegExp, timeoutMs = 10_000): Promise<ShownMessage> {
    return waitFor(
      () => this.shown.find((shown) => shown.kind === kind && pattern.test(shown.message)),
      `a ${kind} message matching ${pattern} (shown: ${JSON.stringify(this.messages())})`,
      timeoutMs,
    );
  }

  dispose(): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const [kind, original] of this.originals) window[MESSAGE_FUNCTIONS[kind]] = original;
  }
}

/** Replaces `vscode.env.openExternal` (the user's browser) until disposed. */
export function stubOpenExternal(open: (url: string) => void): vscode.Disposable {
  const env = vscode.env as unknown as { openExternal: (target: vscode.Uri | string) => Thenable<boolean> };
  const original = env.openExternal;
  env.openExternal = async (target) => {
    open(typeof target === 'string' ? target : target.toString(true));
    return true;
  };
  return { dispose: () => void (env.openExternal = original) };
}

// ── The main workspace ──────────────────────────────────────────────────────

export function workspaceUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

/** A file of the repository's test/fixtures/ (the extension under test is the repository). */
export function fixture(path: string): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  return readFileSync(join(extension.extensionPath, 'test/fixtures', path), 'utf8');
}

/** Writes `text` to a new file of the main workspace and opens it in an editor. */
export async function openNewFile(path: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Closes every editor without the "save changes?" dialog: unsaved changes are reverted. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
