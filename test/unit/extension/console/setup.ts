/**
 * The instance console's adapters over the fake vscode against the emulator: a signed-in
 * harness, the Instances view with its API nodes, the console's commands, CodeLenses and
 * response documents, a scripted user, and (optionally) Provision Element with the automatic
 * connection test.
 */
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { LazyConsole } from '../../../../src/extension/console/lazyConsole';
import { registerConsole } from '../../../../src/extension/console/register';
import { RESPONSE_SCHEME } from '../../../../src/extension/console/contract';
import { registerProvisioning } from '../../../../src/extension/provisioning/register';
import type { InstanceNode, InstancesNode } from '../../../../src/extension/views/instanceNodes';
import { addFault, clearFaults, resetEmulator, storedInstances } from '../../emulator/helpers';
import type { StoredRecord } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { createHarness } from '../harness';
import type { Harness } from '../harness';
import { mountInstancesView } from '../instances/mount';
import type { MountedView } from '../instances/mount';
import { ScriptedBrowser, ScriptedUser } from '../provisioning/setup';

export { mountForEachTest } from '../../emulator/helpers';
export { addFault, clearFaults, resetEmulator, storedInstances };

/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's documents and lenses */

/** The extension's global storage in the fake file system: request documents are kept under it. */
export const STORAGE = vscode.Uri.file('/storage/elements-dev.elements-toolkit');

export interface ConsoleMount extends Harness {
  emulator: RunningEmulator;
  console: LazyConsole;
  view: MountedView;
  user: ScriptedUser;
  browser: ScriptedBrowser;
  dispose(): void;
}

const originalAnswer = vscode.ui.answer;
const originalOpenExternal = vscode.env.openExternal;

export async function mountConsole(emulator: RunningEmulator, options: { signedIn?: boolean; provisioning?: boolean } = {}): Promise<ConsoleMount> {
  const harness = createHarness(emulator.apiBaseUrl);
  const { services } = harness;
  if (options.signedIn ?? true) await services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
  await services.session.refresh();
  const account = { session: services.session, settings: services.settings, log: services.log, vault: services.vault };
  const console = new LazyConsole(account, STORAGE as never);
  const view = mountInstancesView(services, { console });
  const user = new ScriptedUser();
  const browser = new ScriptedBrowser();
  vscode.ui.answer = function answer(call: vscode.UiCall) {
    this.calls.push(call);
    return user.respond(call);
  };
  vscode.env.openExternal = async (uri: vscode.Uri) => {
    browser.open(uri.toString());
    return true;
  };
  const registrations = [registerConsole(console, account, view.provider)];
  if (options.provisioning) {
    registrations.push(
      registerProvisioning({ ...account, registry: services.registry, instances: view.provider, testConnection: (run, instance) => console.testNewInstance(run, instance) }),
    );
  }
  return {
    ...harness,
    emulator,
    console,
    view,
    user,
    browser,
    dispose() {
      for (const registration of registrations) registration.dispose();
      view.dispose();
      console.dispose();
      services.registry.dispose();
      vscode.ui.answer = originalAnswer;
      vscode.env.openExternal = originalOpenExternal;
    },
  };
}

export type MessageCall = Extract<vscode.UiCall, { kind: 'message' }>;

export function messages(level?: MessageCall['level']): MessageCall[] {
  return vscode.ui.calls.filter((call): call is MessageCall => call.kind === 'message' && (level === undefined || call.level === level));
}

export async function instanceNode(m: ConsoleMount, name: string): Promise<InstanceNode> {
  for (const group of await m.view.provider.getChildren()) {
    for (const node of await m.view.provider.getChildren(group)) {
      if (node.kind === 'instance' && node.instance.name === name) return node;
    }
  }
  throw new Error(`no instance node named ${name}`);
}

export async function byName(emulator: RunningEmulator, name: string): Promise<StoredRecord> {
  const record = (await storedInstances(emulator)).find((candidate) => candidate.name === name);
  if (!record) throw new Error(`no instance named ${name}`);
  return record;
}

/** The API node of an instance and what it lists (resources, or an error node). */
export async function apiChildren(m: ConsoleMount, name: string): Promise<InstancesNode[]> {
  const [api] = await m.view.provider.getChildren(await instanceNode(m, name));
  assert.equal(api?.kind, 'api');
  return m.view.provider.getChildren(api);
}

/** The operation node `METHOD path` under an instance's API node. */
export async function operationNode(m: ConsoleMount, name: string, label: string): Promise<InstancesNode> {
  for (const resource of await apiChildren(m, name)) {
    for (const operation of await m.view.provider.getChildren(resource)) {
      if (operation.kind === 'apiOperation' && `${operation.operation.method} ${operation.operation.path}` === label) return operation;
    }
  }
  throw new Error(`no operation ${label} under ${name}`);
}

export function activeDocument(): vscode.FakeTextDocument {
  const document = vscode.window.activeTextEditor?.document;
  assert.ok(document instanceof vscode.FakeTextDocument, 'an editor is active');
  return document;
}

/** Opens the request document of an operation (it becomes the active editor). */
export async function openRequest(m: ConsoleMount, name: string, label: string): Promise<vscode.FakeTextDocument> {
  await vscode.commands.executeCommand('cloudElements.openApiOperation', await operationNode(m, name, label));
  const document = activeDocument();
  assert.ok(document.uri.path.startsWith(`${STORAGE.path}/requests/`), `the instance's request document: ${document.uri.toString()}`);
  return document;
}

/** Replaces a request document's text (the user edited it). */
export function edit(document: vscode.FakeTextDocument, change: (text: string) => string): void {
  vscode.changeDocument(document, change(document.getText()));
}

export function lenses(document: vscode.FakeTextDocument): Array<{ line: number; title: string; command: string; arguments: unknown[] }> {
  const registered = vscode.languages.codeLensProviders.at(-1);
  assert.ok(registered, 'a CodeLens provider is registered');
  return (registered.provider.provideCodeLenses(document) as vscode.CodeLens[]).map((lens) => ({
    line: lens.range.start.line,
    title: lens.command!.title,
    command: lens.command!.command,
    arguments: lens.command!.arguments ?? [],
  }));
}

/** Runs a lens's command as a click would. */
export async function click(lens: { command: string; arguments: unknown[] }): Promise<void> {
  await vscode.commands.executeCommand(lens.command, ...lens.arguments);
}

export interface ShownResponse {
  document: vscode.FakeTextDocument;
  view: { request: string; status: number; statusText: string; timeMs: number; page: number; requestId?: string; problem?: string; headers: Record<string, string>; body: any };
}

/** The response document in the active editor. */
export function shownResponse(): ShownResponse {
  const document = activeDocument();
  assert.equal(document.uri.scheme, RESPONSE_SCHEME, 'the active editor is a response document');
  assert.equal(document.languageId, 'json');
  return { document, view: JSON.parse(document.getText()) };
}

/** Requests the emulator received (its admin log), newest last. */
export async function emulatorRequests(emulator: RunningEmulator): Promise<Array<{ method: string; path: string; status: number }>> {
  const response = await fetch(`${emulator.url}/__admin/requests`);
  return (await response.json()) as Array<{ method: string; path: string; status: number }>;
}

/** Nothing secret in what the user saw: messages, documents, the log. */
export async function assertNoSecretShown(m: ConsoleMount, extra: string[] = []): Promise<void> {
  const records = await storedInstances(m.emulator);
  const secrets = [m.emulator.userSecret, m.emulator.orgSecret, ...records.map((record) => record.token), ...extra].filter((value) => value.length >= 6);
  const texts = [
    ...messages().map((call) => call.message),
    ...vscode.workspace.textDocuments.map((document: vscode.FakeTextDocument) => document.getText()),
    ...m.logLines,
  ];
  for (const secret of secrets) for (const text of texts) assert.ok(!text.includes(secret), `a secret in: ${text.slice(0, 200)}`);
}
