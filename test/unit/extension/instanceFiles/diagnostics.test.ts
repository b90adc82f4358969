import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscodeTypes from 'vscode';
import type { Catalog } from '../../../../src/core/catalog';
import { lintInstanceText } from '../../../../src/core/instanceFile/lint';
import { LineIndex } from '../../../../src/core/instanceFile/text';
import { InstanceFileDiagnostics, visibleSpan } from '../../../../src/extension/instanceFiles/diagnostics';
import { InstanceFileMatcher } from '../../../../src/extension/instanceFiles/matcher';
import { SECTION } from '../../../../src/extension/settings';
import { fixturesDir } from '../../helpers';
import * as vscode from '../../vscode/fakeVscode';
import { fixture, setup, teardown } from './setup';

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

/** "line:column rule severity" with 1-based positions, as the CLI prints them. */
function located(diagnostics: Array<{ range: vscode.Range; code?: unknown; severity: number }>): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)} ${d.severity}`);
}

function expected(text: string): string[] {
  const lines = new LineIndex(text);
  return lintInstanceText(text).map((finding) => {
    const { start, end } = visibleSpan(finding.offset, finding.length);
    const from = lines.position(start);
    const to = lines.position(end);
    return `${from.line}:${from.column}-${to.line}:${to.column} ${finding.rule} ${SEVERITY[finding.severity]}`;
  });
}

describe('instance file diagnostics', () => {
  afterEach(teardown);

  it('publishes the linter\'s findings for every lint fixture, with rule codes, severities and ranges', () => {
    const { open, published } = setup();
    const files = [...readdirSync(join(fixturesDir, 'lint')).map((name) => `lint/${name}`), 'seeds/xero-oauth1.page.json'];
    for (const file of files) {
      const text = fixture(file);
      const document = open(`/work/${file.replace('.page.json', '.instance.json')}`, text);
      const diagnostics = published(document) ?? [];
      assert.deepEqual(located(diagnostics as never), expected(text), file);
      assert.ok(diagnostics.every((d) => d.source === 'Cloud Elements'), file);
    }
  });

  it('underlines the character before a missing comma, and the curly quotes themselves', () => {
    const { open, published } = setup();
    const page = open('/work/xero.instance.json', fixture('seeds/xero-oauth1.page.json'));
    const comma = published(page)!.find((d) => d.code === 'syntax')!;
    assert.equal(page.getText(comma.range as never), '"');
    assert.match(page.lineAt(comma.range.end.line).text, /"secret": "<SECRET_RETURNED_IN_OAUTH_EXCHANGE>"$/);
    assert.equal(comma.range.end.character, page.lineAt(comma.range.end.line).text.length);
    assert.equal(comma.severity, vscode.DiagnosticSeverity.Error);
    assert.match(comma.message, /Missing comma/);

    const quotes = open('/work/q.instance.json', fixture('lint/smart-quotes.instance.json'));
    const curly = published(quotes)!.filter((d) => d.code === 'smart-quotes');
    assert.equal(curly.length, 10);
    assert.deepEqual(curly.map((d) => quotes.getText(d.range as never)).join(''), '“”“”“”‘’„”');
    assert.deepEqual(visibleSpan(0, 0), { start: 0, end: 0 });
  });

  it('applies severity overrides from the settings, "off" included, and relints when they change', async () => {
    const { open, published } = setup();
    const document = open('/work/a.instance.json', fixture('seeds/xero-oauth1.page.json'));
    assert.equal(published(document)!.filter((d) => d.code === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Warning).length, 8);

    await vscode.workspace.getConfiguration(SECTION).update('lint.severities', { placeholder: 'info', syntax: 'off', 'required-key': 'warning' });
    const after = published(document)!;
    assert.equal(after.filter((d) => d.code === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Information).length, 8);
    assert.ok(!after.some((d) => d.code === 'syntax'));
    assert.equal(after.find((d) => d.code === 'required-key')!.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('lints only JSON documents matching the patterns; a pattern change adds or removes them', async () => {
    const { open, published } = setup();
    const text = fixture('lint/smart-quotes.instance.json');
    const other = open('/work/package.json', text);
    const plain = open('/work/instance.json', text, 'plaintext');
    const matching = open('/work/instances/acme.json', text);
    assert.equal(published(other), undefined);
    assert.equal(published(plain), undefined);
    assert.equal(published(matching)!.length, 10);

    await vscode.workspace.getConfiguration(SECTION).update('lint.filePatterns', ['package.json']);
    assert.equal(published(other)!.length, 10);
    assert.equal(published(matching), undefined);
  });

  it('lints documents already open at activation, relints changes after the debounce, and clears on close', () => {
    let early!: vscode.FakeTextDocument;
    const { files, published } = setup(undefined, () => {
      early = vscode.openDocument(vscode.createTextDocument(vscode.Uri.file('/work/instance.json'), fixture('lint/valid.instance.json')));
    });
    assert.deepEqual(published(early), []);

    vscode.changeDocument(early, fixture('lint/smart-quotes.instance.json'));
    assert.deepEqual(published(early), [], 'not linted while typing');
    files.diagnostics.flush();
    assert.equal(published(early)!.length, 10);

    vscode.closeDocument(early);
    assert.equal(published(early), undefined);
  });

  it('relints keystrokes inside strings from the previous parse, publishing what a fresh lint finds', () => {
    const { open, files, published } = setup();
    let text = fixture('lint/valid.instance.json');
    const document = open('/work/typing.instance.json', text);
    const name = text.indexOf('"name": "') + '"name": "'.length;
    // Typing "<INSERT_X>" at the start of the name, a key renamed to a duplicate, then a quote that splits a string.
    const edits: Array<(current: string) => string> = [
      ...[...'<INSERT_X>'].map((char, i) => (current: string) => current.slice(0, name + i) + char + current.slice(name + i)),
      (current) => current.replace('"name"', '"namf"'),
      (current) => current.replace('"namf"', '"element"'),
      (current) => current.slice(0, name + 3) + '"' + current.slice(name + 3),
    ];
    for (const edit of edits) {
      text = edit(text);
      vscode.changeDocument(document, text);
      files.diagnostics.flush();
      assert.deepEqual(located(published(document) as never), expected(text), text);
    }
    assert.ok(expected(text).length > 0);
  });

  it('keeps cloudElements.instanceFileOpen true while the active editor shows an instance file', () => {
    const { open } = setup();
    const instance = open('/work/instance.json', '{}');
    const other = open('/work/tsconfig.json', '{}');
    vscode.showEditor(instance);
    assert.equal(vscode.contextKeys.get('cloudElements.instanceFileOpen'), true);
    vscode.showEditor(other);
    assert.equal(vscode.contextKeys.get('cloudElements.instanceFileOpen'), false);
    vscode.showEditor(instance);
    vscode.showEditor(undefined);
    assert.equal(vscode.contextKeys.get('cloudElements.instanceFileOpen'), false);
  });
});

describe('instance file diagnostics when the linter fails', () => {
  afterEach(teardown);

  it('replaces the stale diagnostics with one "could not lint" warning and logs why', () => {
    let failing = false;
    const throwing = { get: () => { throw new Error('catalog exploded'); } } as unknown as Catalog;
    const logged: string[] = [];
    const matcher = new InstanceFileMatcher(() => ['**/*.instance.json']);
    const diagnostics = new InstanceFileDiagnostics(vscode.languages.createDiagnosticCollection('test') as never, matcher, () => (failing ? { catalog: throwing } : {}), 0, (line) => logged.push(line));
    const document = vscode.openDocument(vscode.createTextDocument(vscode.Uri.file('/work/a.instance.json'), fixture('lint/value-type.instance.json')));
    const asDocument = document as unknown as vscodeTypes.TextDocument;
    const collection = diagnostics.collection as unknown as { get(uri: unknown): vscode.Diagnostic[] | undefined };
    assert.ok(diagnostics.lint(asDocument)!.findings.length > 0);

    failing = true;
    const result = diagnostics.lint(asDocument)!;
    assert.deepEqual(result.findings, []);
    const published = collection.get(document.uri)!;
    assert.equal(published.length, 1);
    assert.equal(published[0]!.code, 'internal-error');
    assert.equal(published[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(published[0]!.message, 'Could not lint this file (an internal error: catalog exploded); its problems are not shown. Details are in the Cloud Elements log.');
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^Linting file:\/\/\/work\/a\.instance\.json failed: Error: catalog exploded\n {4}at /);
    diagnostics.dispose();
  });
});
