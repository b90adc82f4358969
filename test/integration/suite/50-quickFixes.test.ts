/** Each quick fix, as VS Code's code-action machinery returns it, applied to the real document. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixInstanceText } from '../../../src/core/instanceFile/fix';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import { closeAllEditors, fixture, openNewFile, toolkit, waitFor } from './helpers';
import { answerQuickInputs, requireDriver } from './ui';

const SOURCE = 'Cloud Elements';
const FIX_ALL_KIND = 'source.fixAll.cloudElements';

function ours(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

async function diagnostic(document: vscode.TextDocument, code: string, message?: RegExp): Promise<vscode.Diagnostic> {
  return waitFor(
    () => ours(document).find((d) => d.code === code && (!message || message.test(d.message))),
    `a ${code} diagnostic${message ? ` matching ${message}` : ''} in ${document.uri.path}`,
  );
}

async function codeActions(document: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    document.uri,
    range,
    kind,
  );
  // Bare Commands have a string `command`; CodeActions have an object or none.
  return (actions ?? []).filter((action): action is vscode.CodeAction => typeof action.command !== 'string');
}

/** The action titled `title` at `range`, once offered. */
async function offered(document: vscode.TextDocument, range: vscode.Range, title: string): Promise<vscode.CodeAction> {
  let titles: string[] = [];
  return waitFor(async () => {
    const actions = await codeActions(document, range);
    titles = actions.map((a) => a.title);
    return actions.find((candidate) => candidate.title === title);
  }, `"${title}" to be offered`).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; offered: ${JSON.stringify(titles)}`);
  });
}

/**
 * Finds the action titled `title` at `range` and applies its edit. After an edit the lightbulb
 * waits for the scheduled lint instead of forcing it, so the action is awaited, not expected at once.
 */
async function applyFix(document: vscode.TextDocument, range: vscode.Range, title: string): Promise<vscode.CodeAction> {
  let offered: string[] = [];
  const action = await waitFor(async () => {
    const actions = await codeActions(document, range);
    offered = actions.map((a) => a.title);
    return actions.find((candidate) => candidate.title === title);
  }, `"${title}" to be offered (offered: ${JSON.stringify(offered)})`).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; last offered: ${JSON.stringify(offered)}`);
  });
  assert.ok(action.edit, 'it carries an edit');
  const version = document.version;
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
  assert.ok(document.version > version);
  return action;
}

describe('quick fixes', () => {
  let api: ToolkitTestApi;

  before(async () => {
    api = await toolkit();
  });

  afterEach(closeAllEditors);

  it('straightens all ten curly quotes in one preferred fix, leaving the valid file', async () => {
    const document = await openNewFile('fixes/quotes.instance.json', fixture('lint/smart-quotes.instance.json'));
    const quote = await diagnostic(document, 'smart-quotes');
    const action = await applyFix(document, quote.range, 'Replace curly quotes with straight quotes');
    assert.equal(action.isPreferred, true);
    assert.equal(action.kind?.value, 'quickfix');
    assert.equal(document.getText(), fixture('lint/valid.instance.json'));
    await waitFor(() => ours(document).length === 0, 'no diagnostics left');
  });

  it('inserts the documentation page\'s missing comma, then renames "your_mom" to "element"', async () => {
    const page = fixture('seeds/xero-oauth1.page.json');
    const document = await openNewFile('instances/fix-page.json', page);
    const comma = await diagnostic(document, 'syntax', /Missing comma/);
    await applyFix(document, comma.range, 'Insert missing comma');
    assert.equal(document.getText(), page.replace('"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>"\n', '"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>",\n'));

    await waitFor(() => !ours(document).some((d) => d.code === 'syntax'), 'the syntax error to go');
    const yourMom = await diagnostic(document, 'required-key', /your_mom/);
    await applyFix(document, yourMom.range, 'Rename "your_mom" to "element"');
    assert.equal(document.getText(), fixture('seeds/xero-oauth1.instance.json'));
    await waitFor(() => ours(document).every((d) => d.code === 'placeholder'), 'only the placeholders left');
  });

  it('missing required keys: asks for them (the secret to the keychain) instead of writing placeholders; the name and a default are written (issue 20 item 12)', async function () {
    requireDriver(this);
    const document = await openNewFile('fixes/required.instance.json', fixture('lint/required-key.instance.json'));
    const configuration = await diagnostic(document, 'required-key', /configuration/);
    const fill = await offered(document, configuration.range, 'Fill in the missing configuration (secrets to the keychain)…');
    assert.equal(fill.edit, undefined, 'nothing written before the person answers');
    const filling = vscode.commands.executeCommand<boolean>(fill.command!.command, ...(fill.command!.arguments ?? []));
    await answerQuickInputs([
      { expect: 'API Secret (1/2)', value: 'QB-SECRET-INTEGRATION-01' },
      { expect: 'Callback URL (2/2)', value: 'https://app.example.com/callback' },
    ]);
    assert.equal(await filling, true);
    assert.ok(
      document.getText().includes('"oauth.api.key": "${keychain:qb.key}",\n    "oauth.api.secret": "${keychain:quickbooks.oauth.api.secret}",\n    "oauth.callback.url": "https://app.example.com/callback"\n  }'),
      document.getText(),
    );
    assert.equal(await api.services.vault.keychain('custom', 'quickbooks.oauth.api.secret'), 'QB-SECRET-INTEGRATION-01');
    const name = await diagnostic(document, 'required-key', /"name"/);
    await applyFix(document, name.range, 'Add "name": "QuickBooks Online (OAuth 1a)"');
    // What is left is the providerData the provider returns (realmId, dataSource): its fix runs the flow, it writes nothing.
    await waitFor(() => !ours(document).some((d) => (d.code === 'required-key' && !/providerData/.test(d.message)) || d.code === 'placeholder'), 'no configuration or name missing, and no placeholder written');
    assert.doesNotThrow(() => JSON.parse(document.getText()), 'still valid JSON');
  });

  it('fixes everything safe with source.fixAll.cloudElements, on request and on save', async () => {
    const text = '{\n  “element”: {“key”: “xero”}\n  “name”: “Acme”,\n  “configuration”: {}\n}\n';
    const fixed = fixInstanceText(text).text;
    assert.equal(fixed, '{\n  "element": {"key": "xero"},\n  "name": "Acme",\n  "configuration": {}\n}\n');

    const document = await openNewFile('fixes/fix-all.instance.json', text);
    await diagnostic(document, 'smart-quotes');
    const all = new vscode.Range(document.positionAt(0), document.positionAt(text.length));
    const actions = await codeActions(document, all, FIX_ALL_KIND);
    const fixAll = actions.filter((action) => action.kind?.value === FIX_ALL_KIND);
    assert.equal(fixAll.length, 1);
    assert.ok(!(await codeActions(document, all)).some((action) => action.kind?.value === FIX_ALL_KIND), 'the lightbulb does not list it');
    assert.equal(await vscode.workspace.applyEdit(fixAll[0]!.edit!), true);
    assert.equal(document.getText(), fixed);

    // "editor.codeActionsOnSave" runs it when the file is saved.
    const onSave = await openNewFile('fixes/on-save.instance.json', text);
    await diagnostic(onSave, 'smart-quotes');
    const editor = vscode.workspace.getConfiguration('editor');
    await editor.update('codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' }, vscode.ConfigurationTarget.Global);
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(onSave.uri, onSave.positionAt(text.length), '\n');
      await vscode.workspace.applyEdit(edit);
      assert.equal(await onSave.save(), true);
    } finally {
      await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(onSave.getText(), `${fixed}\n`);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(onSave.uri)), `${fixed}\n`);
  });

  it('moves a plain secret to SecretStorage and leaves a ${keychain:…} reference', async () => {
    const secret = 'qyprdlGChtClXwBpAw1vm1fJSC3mQqS3dGX0PPphEzNEUI9s';
    const text = fixture('lint/plain-secret.instance.json');
    const document = await openNewFile('fixes/secret.instance.json', text);
    const plain = await diagnostic(document, 'plain-secret');
    const action = (await codeActions(document, plain.range)).find((candidate) => candidate.command?.command === 'cloudElements.storeSecretInKeychain');
    assert.ok(action?.command, 'the store-in-keychain fix is offered');
    assert.ok(!JSON.stringify(action.command.arguments).includes(secret), 'its arguments do not carry the value');
    assert.equal(await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? [])), true);
    assert.equal(await api.services.vault.keychain('custom', 'quickbooks.oauth.user.token'), secret);
    assert.equal(document.getText(), text.replace(`"${secret}"`, '"${keychain:quickbooks.oauth.user.token}"'));
    await waitFor(() => !ours(document).some((d) => d.code === 'plain-secret'), 'the plain-secret warning to go');
  });
});
