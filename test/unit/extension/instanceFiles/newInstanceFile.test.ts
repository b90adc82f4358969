import assert from 'node:assert/strict';
import { catalog } from '../../../../src/core/catalog';
import { isDemanded } from '../../../../src/core/catalog/presets';
import { lintInstanceText } from '../../../../src/core/instanceFile/lint';
import { bodySnippet } from '../../../../src/core/instanceFile/snippet';
import { buildStarter, renderStarter } from '../../../../src/core/instanceFile/starter';
import { renderTemplate } from '../../../../src/core/instanceFile/template';
import * as vscode from '../../vscode/fakeVscode';
import { setup, teardown } from './setup';

const xero = catalog.get('xero')!;
const quickbooks = catalog.get('quickbooks')!;
const pickFlow = (type: string) => (call: vscode.UiCall) => (call.kind === 'quickPick' ? call.items.find((item) => item.flow?.type === type) : undefined);
const pickDestination = (destination: string) => (call: vscode.UiCall) => (call.kind === 'quickPick' ? call.items.find((item) => item.destination === destination) : undefined);

describe('New Instance File…', () => {
  const folder = { uri: vscode.Uri.file('/work'), name: 'work', index: 0 };
  afterEach(() => {
    teardown();
    vscode.workspace.workspaceFolders = undefined;
  });

  it('without a folder: an untitled JSON document filled by the template snippet, linted as an instance file', async () => {
    const s = setup();
    vscode.ui.script.push(pickFlow('oauth2'));
    const document = (await vscode.commands.executeCommand('cloudElements.newInstanceFile', 'xero')) as vscode.FakeTextDocument;
    assert.equal(document.uri.scheme, 'untitled');
    assert.equal(document.languageId, 'json');
    const editor = vscode.window.activeTextEditor as vscode.FakeTextEditor;
    assert.equal(editor.document, document);
    assert.deepEqual(editor.snippets, [bodySnippet(buildStarter(xero, xero.flows.find((flow) => flow.type === 'oauth2')!))]);
    assert.equal(document.getText(), renderStarter(xero, xero.flows.find((flow) => flow.type === 'oauth2')!));
    assert.equal(vscode.ui.calls.length, 1, 'only the flow was asked: the element came from the argument');

    s.files.diagnostics.flush();
    assert.ok(s.published(document)!.some((d) => d.code === 'placeholder'), 'the untitled document gets diagnostics');
    assert.equal(vscode.contextKeys.get('cloudElements.instanceFileOpen'), true);
  });

  it('asks for the element when invoked without one, and stops on Escape', async () => {
    setup();
    assert.equal(await vscode.commands.executeCommand('cloudElements.newInstanceFile'), undefined);
    assert.equal(vscode.ui.calls[0]!.kind, 'quickPick');
    assert.ok(vscode.ui.calls[0]!.kind === 'quickPick' && vscode.ui.calls[0]!.items.some((item) => item.description === 'sageoneus'));
    assert.equal(vscode.workspace.textDocuments.length, 0);
  });

  it('with a folder: saves <element>.instance.json where the user says and opens it', async () => {
    setup();
    vscode.workspace.workspaceFolders = [folder];
    const target = vscode.Uri.file('/work/instances/books.json');
    vscode.ui.script.push(pickFlow('token'), pickDestination('workspace'), () => target);
    const document = (await vscode.commands.executeCommand('cloudElements.newInstanceFile', { kind: 'element', element: quickbooks })) as vscode.FakeTextDocument;
    const dialog = vscode.ui.calls.find((call) => call.kind === 'saveDialog')!;
    assert.equal(dialog.kind === 'saveDialog' && dialog.options.defaultUri.path, '/work/quickbooks.instance.json');
    const template = renderStarter(quickbooks, quickbooks.flows.find((flow) => flow.type === 'token')!);
    assert.equal(vscode.files.get(target.toString()), template);
    assert.equal(document.uri.toString(), target.toString());
    assert.equal((vscode.window.activeTextEditor as vscode.FakeTextEditor).document, document);
  });

  it('never overwrites an existing file without a yes', async () => {
    setup();
    vscode.workspace.workspaceFolders = [folder];
    const target = vscode.Uri.file('/work/xero.instance.json');
    vscode.files.set(target.toString(), '{"mine": true}\n');

    vscode.ui.script.push(pickFlow('oauth1'), pickDestination('workspace'), () => target, () => undefined);
    assert.equal(await vscode.commands.executeCommand('cloudElements.newInstanceFile', 'xero'), undefined);
    const question = vscode.ui.calls.at(-1)!;
    assert.ok(question.kind === 'message' && question.level === 'warning' && question.options?.modal === true);
    assert.ok(question.kind === 'message' && question.items.includes('Overwrite') && /xero\.instance\.json already exists/.test(question.message));
    assert.equal(vscode.files.get(target.toString()), '{"mine": true}\n');

    vscode.ui.script.push(pickFlow('oauth1'), pickDestination('workspace'), () => target, () => 'Overwrite');
    await vscode.commands.executeCommand('cloudElements.newInstanceFile', 'xero');
    assert.equal(vscode.files.get(target.toString()), renderStarter(xero, xero.flows.find((flow) => flow.type === 'oauth1')!));
  });

  it('with a folder, "New untitled file" still makes an untitled document', async () => {
    setup();
    vscode.workspace.workspaceFolders = [folder];
    vscode.ui.script.push(pickFlow('token'), pickDestination('untitled'));
    const document = (await vscode.commands.executeCommand('cloudElements.newInstanceFile', 'quickbooks')) as vscode.FakeTextDocument;
    assert.equal(document.uri.scheme, 'untitled');
    assert.equal(vscode.files.size, 0);
  });
});

describe('New Instance File starts with no warning it created itself (issue 20 item 12)', () => {
  afterEach(teardown);

  it('Xero OAuth 2: its name, no placeholder tags, no OAuth 1.0a partner flag; what is left is the app\'s credentials, its callback URL and what the provider returns', () => {
    const flow = xero.flows.find((candidate) => candidate.type === 'oauth2')!;
    const found = lintInstanceText(renderStarter(xero, flow));
    assert.deepEqual(found.map((finding) => finding.data?.path), [['providerData', 'code'], ['configuration', 'oauth.api.key'], ['configuration', 'oauth.api.secret'], ['configuration', 'oauth.callback.url']]);
    assert.equal(buildStarter(xero, flow).name, 'Xero (OAuth 2)');
    assert.equal(renderTemplate(xero, flow).includes('<INSERT_NAME>'), true, 'the documentation\'s template itself is unchanged');
  });

  it('over the whole catalog: every finding of a new file is a value only the person (or the provider) can give, and each has a quick fix', () => {
    const s = setup();
    let files = 0;
    let findings = 0;
    for (const element of catalog.elements) {
      for (const flow of element.flows) {
        const text = renderStarter(element, flow);
        const document = s.open(`/work/new/${element.key}-${flow.type}.instance.json`, text);
        s.files.diagnostics.flush();
        files++;
        for (const finding of lintInstanceText(text)) {
          findings++;
          const where = `${element.key} ${flow.label}: ${finding.message}`;
          assert.equal(finding.rule, 'placeholder', where);
          const [section, key] = finding.data?.path ?? [];
          if (section === 'configuration') {
            const field = flow.configuration.find((candidate) => candidate.key === key)!;
            assert.ok(isDemanded(field), `${where}: only a required value without a default is left to fill`);
          } else {
            assert.equal(section, 'providerData', where);
          }
          const range = new vscode.Range(document.positionAt(finding.offset), document.positionAt(finding.offset + finding.length));
          const actions = s.files.codeActions.provideCodeActions(document as never, range as never, { diagnostics: [], only: undefined, triggerKind: 1 } as never) as unknown as vscode.CodeAction[];
          assert.ok(actions.length > 0, `${where}: has a quick fix`);
        }
      }
    }
    assert.ok(files > 150 && findings > 400, `${files} files, ${findings} findings`);
  });
});
