/** The linter's findings in VS Code's diagnostics for the fixture files of the workspace. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { closeAllEditors, waitFor, workspaceUri } from './helpers';

const SOURCE = 'Cloud Elements';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

async function open(path: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(path));
  await vscode.window.showTextDocument(document);
  return document;
}

/** What the core linter finds, as editor diagnostics: code, severity, range (an empty range shows on the character before). */
function expected(document: vscode.TextDocument) {
  return lintInstanceText(document.getText()).map((finding) => {
    const start = finding.length > 0 || finding.offset === 0 ? finding.offset : finding.offset - 1;
    const end = finding.length > 0 ? finding.offset + finding.length : start + 1;
    return {
      code: finding.rule,
      severity: finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : finding.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
      range: [document.positionAt(start), document.positionAt(end)].map((p) => `${p.line}:${p.character}`).join('-'),
    };
  });
}

function actual(diagnostics: vscode.Diagnostic[]) {
  return diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    range: [diagnostic.range.start, diagnostic.range.end].map((p) => `${p.line}:${p.character}`).join('-'),
  }));
}

/** What other sources — VS Code's JSON language server — report for the same file. */
function theirs(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source !== SOURCE);
}

async function diagnosticsOf(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const diagnostics = ours(document.uri);
    return diagnostics.length > 0 ? diagnostics : undefined;
  }, `diagnostics for ${document.uri.path}`);
}

describe('diagnostics', () => {
  after(closeAllEditors);

  it('flags every curly quote of smart-quotes.instance.json as an error where it stands', async () => {
    const document = await open('smart-quotes.instance.json');
    const diagnostics = await diagnosticsOf(document);
    assert.deepEqual(actual(diagnostics), expected(document));
    assert.equal(diagnostics.length, 10);
    assert.ok(diagnostics.every((d) => d.code === 'smart-quotes' && d.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(document.getText(diagnostics[0]!.range), '“');
    assert.deepEqual([diagnostics[0]!.range.start.line, diagnostics[0]!.range.start.character], [1, 2]);
  });

  it('flags the documentation page\'s "your_mom" key and its missing comma (instances/*.json)', async () => {
    const document = await open('instances/xero-from-the-docs.json');
    const diagnostics = await diagnosticsOf(document);
    assert.deepEqual(actual(diagnostics), expected(document));
    const yourMom = diagnostics.find((d) => d.code === 'required-key');
    assert.ok(yourMom);
    assert.equal(document.getText(yourMom.range), '"your_mom"');
    const comma = diagnostics.find((d) => d.code === 'syntax');
    assert.ok(comma);
    assert.match(comma.message, /Missing comma/);
    assert.equal(comma.range.start.line, 7, 'the line before "org"');
    assert.equal(document.lineAt(7).text.trimEnd().endsWith(document.getText(comma.range)), true, 'at the end of that line');
    assert.ok(diagnostics.some((d) => d.code === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('VS Code\'s JSON support adds no schema problem to an instance file: the linter alone reports missing keys, unknown elements, comments and trailing commas', async () => {
    // Control: the JSON language server runs and validates (a plain JSON document with a syntax error).
    const control = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1 "b": 2}' });
    await waitFor(() => theirs(control.uri).length > 0, "VS Code's JSON validation of a plain JSON document");
    // The documentation's page: a missing comma (both report it) and "your_mom" instead of "element" (only we may).
    const document = await open('instances/xero-from-the-docs.json');
    await diagnosticsOf(document);
    const json = await waitFor(() => (theirs(document.uri).length > 0 ? theirs(document.uri) : undefined), "the JSON server's syntax error");
    const schemaProblems = json.filter((d) => /Missing property|Value is not accepted|Comments are not permitted|Trailing comma|Property .* is not allowed/.test(d.message));
    assert.deepEqual(schemaProblems.map((d) => d.message), []);
  });

  it('the schema still completes element keys, with the element\'s name', async () => {
    const document = await open('instance.json');
    const at = document.positionAt(document.getText().indexOf('"xero"') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
    const xero = list.items.find((item) => label(item) === 'xero');
    assert.ok(xero, `"xero" among ${list.items.length} completions`);
    assert.ok(list.items.length > 100, 'every catalog element is offered');
  });

  it('names the missing required keys, the plain secret and the placeholders', async () => {
    const required = await open('required-key.instance.json');
    const missing = await diagnosticsOf(required);
    assert.deepEqual(actual(missing), expected(required));
    assert.deepEqual(missing.map((d) => d.code), ['required-key', 'required-key', 'required-key']);
    assert.match(missing[2]!.message, /configuration for quickbooks \(OAuth 1a\): "oauth\.api\.secret"/);

    const secret = await open('plain-secret.instance.json');
    const found = await diagnosticsOf(secret);
    assert.deepEqual(actual(found), expected(secret));
    assert.deepEqual(found.map((d) => d.code), ['plain-secret', 'placeholder']);
  });

  it('leaves a valid instance file and JSON files that are not instance files alone', async () => {
    const valid = await open('instance.json');
    const other = await open('notes/not-an-instance.json');
    await diagnosticsOf(await open('smart-quotes.instance.json')); // linted after the two above
    assert.deepEqual(ours(valid.uri), []);
    assert.deepEqual(ours(other.uri), []);
  });

  it('applies cloudElements.lint.severities from the settings at once', async () => {
    const document = await open('quickbooks-token.instance.json');
    const before = await diagnosticsOf(document);
    assert.ok(before.length === 9 && before.every((d) => d.code === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Warning));
    const config = vscode.workspace.getConfiguration('cloudElements');
    try {
      await config.update('lint.severities', { placeholder: 'info' }, vscode.ConfigurationTarget.Global);
      await waitFor(() => ours(document.uri).every((d) => d.severity === vscode.DiagnosticSeverity.Information), 'placeholders as info');
      await config.update('lint.severities', { placeholder: 'off' }, vscode.ConfigurationTarget.Global);
      await waitFor(() => ours(document.uri).length === 0, 'placeholders off');
    } finally {
      await config.update('lint.severities', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => ours(document.uri).length === 9, 'the default severities back');
  });

  it('re-lints as the text changes', async () => {
    const document = await open('instance.json');
    const edit = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('"key"');
    edit.replace(document.uri, new vscode.Range(document.positionAt(at + 1), document.positionAt(at + 4)), 'kee');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    // Debounced: once it settles, the editor shows what the linter finds in the new text.
    await waitFor(() => ours(document.uri).length > 0 && JSON.stringify(actual(ours(document.uri))) === JSON.stringify(expected(document)), 'the re-lint');
    assert.ok(ours(document.uri).some((d) => d.code === 'required-key' && /"element\.key"/.test(d.message)), JSON.stringify(actual(ours(document.uri))));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText().includes('"key"') && ours(document.uri).length === 0, 'the diagnostics to clear after undo');
  });
});
