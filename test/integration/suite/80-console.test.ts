/**
 * The instance console in the real host: Test Connection on the tree, the API node, a request
 * document in the language VS Code offers, Send through the CodeLens VS Code computes, the
 * response document from the content provider, Next Page, Copy as cURL.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import type { InstancesNode } from '../../../src/extension/views/instanceNodes';
import { closeAllEditors, emulator, MessageRecorder, resetEmulator, signIn, signOut, storedInstances, toolkit, waitFor } from './helpers';
import { answerQuickInput, requireDriver } from './ui';

const RESPONSE_SCHEME = 'cloud-elements-response';

async function instanceNode(api: ToolkitTestApi, name: string): Promise<InstancesNode> {
  for (const group of (await api.instancesTree.getChildren()) as InstancesNode[]) {
    for (const node of (await api.instancesTree.getChildren(group)) as InstancesNode[]) {
      if (node.kind === 'instance' && node.instance.name === name) return node;
    }
  }
  throw new Error(`no instance ${name} in the view`);
}

async function operationNode(api: ToolkitTestApi, name: string, label: string): Promise<InstancesNode> {
  const [apiNode] = (await api.instancesTree.getChildren(await instanceNode(api, name))) as InstancesNode[];
  assert.equal(apiNode?.kind, 'api');
  for (const resource of (await api.instancesTree.getChildren(apiNode)) as InstancesNode[]) {
    for (const operation of (await api.instancesTree.getChildren(resource)) as InstancesNode[]) {
      if (operation.kind === 'apiOperation' && `${operation.operation.method} ${operation.operation.path}` === label) return operation;
    }
  }
  throw new Error(`no operation ${label}`);
}

/** The CodeLenses VS Code computes for a document (every provider's, resolved). */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

async function clickLens(uri: vscode.Uri, title: RegExp): Promise<void> {
  const lens = await waitFor(async () => (await lensesOf(uri)).find((candidate) => title.test(candidate.command?.title ?? '')), `a lens ${title}`);
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
}

/** The active editor once it shows a response document other than `previous`. */
async function responseEditor(previous?: vscode.Uri): Promise<vscode.TextEditor> {
  return waitFor(() => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.scheme === RESPONSE_SCHEME && editor.document.uri.toString() !== previous?.toString() ? editor : undefined;
  }, 'a response document in the active editor');
}

describe('the instance console', () => {
  let api: ToolkitTestApi;
  let messages: MessageRecorder;

  before(async () => {
    api = await toolkit();
    await resetEmulator();
    // The reset gave the seed instances new tokens: signing out forgets the ones earlier suites kept.
    await signOut(api);
    await signIn(api);
    await api.instancesTree.refresh();
    messages = new MessageRecorder();
  });

  after(async () => {
    messages.dispose();
    await closeAllEditors();
  });

  it('Test Connection shows the outcome on the instance: connected with the time, or the API\'s refusal', async () => {
    const xero = (await storedInstances()).find((record) => record.name === 'Xero Demo Company')!;
    await vscode.commands.executeCommand('cloudElements.testConnection', await instanceNode(api, 'Xero Demo Company'));
    await messages.waitFor('info', new RegExp(`^Connected: "Xero Demo Company" \\(#${xero.id}\\) answered GET /hubs/finance/ping in \\d+ ms\\.$`));
    const item = api.instancesTree.getTreeItem(await instanceNode(api, 'Xero Demo Company'));
    assert.match(String(item.description), /· connected \(\d+ ms\)$/);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'the instance opens on its API node');

    await vscode.commands.executeCommand('cloudElements.testConnection', await instanceNode(api, 'Sage One US (disabled)'));
    await messages.waitFor('error', /failed: GET \/hubs\/sage\/ping was refused \(HTTP 403 Forbidden\): the instance is disabled\./);
    const sage = api.instancesTree.getTreeItem(await instanceNode(api, 'Sage One US (disabled)'));
    assert.match(String(sage.description), /connection failed$/);
    assert.match((sage.tooltip as vscode.MarkdownString).value, /Request id: `\w+`/);
  });

  it('GET /customers: a request document, Send (its CodeLens), a read-only JSON response with records, Next Page', async () => {
    const xero = (await storedInstances()).find((record) => record.name === 'Xero Demo Company')!;
    const languages = await vscode.languages.getLanguages();
    const expected = languages.includes('http') ? 'http' : 'plaintext';
    console.log(`      the request document's language: ${expected} (VS Code ${languages.includes('http') ? 'knows' : 'does not know'} "http" here)`);

    await vscode.commands.executeCommand('cloudElements.openApiOperation', await operationNode(api, 'Xero Demo Company', 'GET /customers'));
    // The instance's own request document: a saved .http file in the extension's storage, one per instance.
    const request = await waitFor(() => (/\/xero-\d+\.http$/.test(vscode.window.activeTextEditor?.document.uri.path ?? '') ? vscode.window.activeTextEditor!.document : undefined), 'the request document');
    assert.equal(request.uri.scheme, 'file');
    assert.equal(request.isDirty, false, 'saved: closing it asks nothing');
    assert.equal(request.languageId, expected);
    assert.match(request.getText(), /\nGET \{\{baseUrl\}\}\/hubs\/finance\/customers\n/);
    assert.ok(request.getText().includes(`{{instance:${xero.id}:token}}`));
    assert.ok(!request.getText().includes(xero.token), 'the token is a reference, never its value');

    const started = Date.now();
    await clickLens(request.uri, /Send$/);
    const editor = await responseEditor();
    const elapsed = Date.now() - started;
    assert.equal(editor.document.languageId, 'json');
    const page1 = JSON.parse(editor.document.getText()) as { status: number; timeMs: number; page: number; headers: Record<string, string>; body: Array<{ id: unknown }> };
    assert.equal(page1.status, 200);
    assert.equal(page1.page, 1);
    assert.equal(page1.body.length, 20);
    assert.ok(page1.headers['elements-next-page-token']);
    assert.ok(!editor.document.getText().includes(xero.token));
    console.log(`      Send → response editor: ${elapsed} ms in the extension host (the answer itself: ${page1.timeMs} ms)`);

    await clickLens(editor.document.uri, /Next Page/);
    const next = await responseEditor(editor.document.uri);
    const page2 = JSON.parse(next.document.getText()) as { status: number; page: number; body: Array<{ id: unknown }> };
    assert.equal(page2.status, 200);
    assert.equal(page2.page, 2);
    assert.ok(page2.body.length > 0);
    assert.notDeepEqual(page2.body.map((record) => record.id), page1.body.map((record) => record.id));
  });

  it('Copy as cURL, with the token as $ELEMENTS_TOKEN (picked in the workbench\'s quick pick)', async function () {
    requireDriver(this);
    const xero = (await storedInstances()).find((record) => record.name === 'Xero Demo Company')!;
    await vscode.commands.executeCommand('cloudElements.openApiOperation', await operationNode(api, 'Xero Demo Company', 'GET /customers'));
    const request = await waitFor(() => (/\/xero-\d+\.http$/.test(vscode.window.activeTextEditor?.document.uri.path ?? '') ? vscode.window.activeTextEditor!.document : undefined), 'the request document');
    const line = request.getText().split('\n').findIndex((text) => text.startsWith('GET '));
    const copying = vscode.commands.executeCommand('cloudElements.copyRequestAsCurl', request.uri, line);
    await answerQuickInput({ expect: 'Copy Request as cURL', value: 'ELEMENTS_TOKEN' });
    await copying;
    const curl = await vscode.env.clipboard.readText();
    assert.match(curl, new RegExp(`^curl -X GET '${emulator.apiBaseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/hubs/finance/customers\\?pageSize=20'`));
    assert.match(curl, /-H 'Authorization: User '"\$ELEMENTS_USER_SECRET"', Organization '"\$ELEMENTS_ORG_SECRET"', Element '"\$ELEMENTS_TOKEN"/, 'the documented order');
    for (const secret of [xero.token, emulator.credentials.userSecret, emulator.credentials.orgSecret]) assert.ok(!curl.includes(secret));
  });
});
