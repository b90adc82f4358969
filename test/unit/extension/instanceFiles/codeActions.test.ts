import assert from 'node:assert/strict';
import type { Catalog } from '../../../../src/core/catalog';
import { fixInstanceText } from '../../../../src/core/instanceFile/fix';
import { FIX_ALL_KIND, InstanceFileCodeActions, STORE_SECRET_TITLE } from '../../../../src/extension/instanceFiles/codeActions';
import { textEdits } from '../../../../src/extension/instanceFiles/textDiff';
import { timed } from '../../helpers';
import * as vscode from '../../vscode/fakeVscode';
import { asDocument, fixture, setup, teardown } from './setup';
import type { Setup } from './setup';

type Action = vscode.CodeAction;

function actionsAt(s: Setup, document: vscode.FakeTextDocument, from: number, to = from, only?: vscode.CodeActionKind): Action[] {
  const range = new vscode.Range(document.positionAt(from), document.positionAt(to));
  return s.files.codeActions.provideCodeActions(asDocument(document), range as never, { diagnostics: [], only, triggerKind: 1 } as never) as unknown as Action[];
}

async function apply(action: Action | undefined): Promise<void> {
  assert.ok(action?.edit, 'an action with an edit');
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

const titles = (actions: Action[]) => actions.map((action) => action.title);

describe('instance file code actions', () => {
  afterEach(teardown);

  it('offers the curly-quote fix once, preferred, for all the quotes, and applying it straightens them', async () => {
    const s = setup();
    const document = s.open('/work/q.instance.json', fixture('lint/smart-quotes.instance.json'));
    const everywhere = actionsAt(s, document, 0, document.getText().length, vscode.CodeActionKind.QuickFix);
    assert.deepEqual(titles(everywhere), ['Replace curly quotes with straight quotes']);
    assert.equal(everywhere[0]!.isPreferred, true);
    assert.equal(everywhere[0]!.diagnostics!.length, 10);
    assert.equal(everywhere[0]!.kind!.value, 'quickfix');

    const atOneQuote = actionsAt(s, document, document.getText().indexOf('“'), undefined, vscode.CodeActionKind.QuickFix);
    assert.deepEqual(titles(atOneQuote), ['Replace curly quotes with straight quotes']);
    await apply(atOneQuote[0]);
    assert.equal(document.getText(), fixture('lint/valid.instance.json'));
  });

  it('inserts the seed page\'s missing comma, and renames "your_mom" to "element"', async () => {
    const s = setup();
    const page = fixture('seeds/xero-oauth1.page.json');
    const document = s.open('/work/xero.instance.json', page);
    const commaAt = page.indexOf('"\n', page.indexOf('<SECRET_RETURNED_IN_OAUTH_EXCHANGE>'));
    const comma = actionsAt(s, document, commaAt);
    assert.deepEqual(titles(comma), ['Insert missing comma']);
    assert.equal(comma[0]!.isPreferred, true);
    await apply(comma[0]);
    assert.equal(document.getText(), page.replace('"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>"\n', '"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>",\n'));
    // The edit schedules a lint; the lightbulb waits for it instead of forcing it (issue 10).
    assert.deepEqual(actionsAt(s, document, document.getText().indexOf('your_mom') + 2), []);
    s.files.diagnostics.flush();

    const rename = actionsAt(s, document, document.getText().indexOf('your_mom') + 2);
    assert.deepEqual(titles(rename), ['Rename "your_mom" to "element"']);
    await apply(rename[0]);
    assert.equal(document.getText(), fixture('seeds/xero-oauth1.instance.json'));
  });

  it('missing required keys: asks for them (secrets to the keychain) instead of writing placeholders', async () => {
    const s = setup();
    const text = fixture('lint/required-key.instance.json');
    const document = s.open('/work/instance.json', text);
    const actions = actionsAt(s, document, text.indexOf('"configuration"') + 3);
    assert.deepEqual(titles(actions), ['Fill in the missing configuration (secrets to the keychain)…']);
    assert.equal(actions[0]!.edit, undefined, 'no text written before the person answers');
    vscode.ui.script.push(
      (call) => (call.kind === 'inputBox' && /API Secret \(1\/2\)/.test(call.options.title) ? 'QB-SECRET-VALUE-0001' : undefined),
      (call) => (call.kind === 'inputBox' && /Callback URL \(2\/2\)/.test(call.options.title) ? 'https://app.example.com/callback' : undefined),
    );
    const command = actions[0]!.command!;
    assert.equal(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])), true);
    const boxes = vscode.ui.calls.filter((call) => call.kind === 'inputBox') as Array<Extract<vscode.UiCall, { kind: 'inputBox' }>>;
    assert.deepEqual(boxes.map((box) => [box.options.title, box.options.password]), [
      ['Cloud Elements: Fill In: API Secret (1/2)', true],
      ['Cloud Elements: Fill In: Callback URL (2/2)', false],
    ]);
    assert.ok(
      document.getText().includes('"oauth.api.key": "${keychain:qb.key}",\n    "oauth.api.secret": "${keychain:quickbooks.oauth.api.secret}",\n    "oauth.callback.url": "https://app.example.com/callback"\n  }'),
      document.getText(),
    );
    assert.equal(await s.services.vault.keychain('custom', 'quickbooks.oauth.api.secret'), 'QB-SECRET-VALUE-0001');
    assert.ok(!document.getText().includes('QB-SECRET-VALUE-0001'), 'the secret is not in the file');
    s.files.diagnostics.flush();
    assert.ok(!s.published(document)!.some((d) => d.code === 'required-key' && /configuration/.test(d.message)));
    assert.ok(!s.published(document)!.some((d) => d.code === 'placeholder'), 'nothing flagged after the fix');
  });

  it('every placeholder has a fix: the value asked for (a secret into the keychain), the default, a name, the tag removed, the flow run for providerData', async () => {
    const s = setup();
    const text = fixture('seeds/quickbooks-oauth2.instance.json');
    const document = s.open('/work/qbo.instance.json', text);
    const at = (needle: string) => titles(actionsAt(s, document, text.indexOf(needle) + 2));
    assert.deepEqual(at('<CONSUMER_KEY>'), ['Enter the Client ID and keep it in the keychain…']);
    assert.deepEqual(at('<CALLBACK_URL>'), ['Enter the Redirect URI…']);
    assert.deepEqual(at('<true_or_false>'), ['Use the documented default: "false"', 'Enter the Sandbox company…']);
    assert.deepEqual(at('<Add_Your_Tag>'), ['Remove the placeholder tag']);
    assert.deepEqual(at('<INSTANCE_NAME>'), ['Name it "QuickBooks Online (OAuth 2)"', 'Name the instance…']);
    assert.deepEqual(at('<AUTHORIZATION_GRANT_CODE>'), ["Provision QuickBooks Online with this file's answers (the provider returns providerData)…"]);
    const provision = actionsAt(s, document, text.indexOf('<AUTHORIZATION_GRANT_CODE>') + 2)[0]!.command!;
    assert.deepEqual([provision.command, provision.arguments], ['cloudElements.provision', ['quickbooks']]);

    // A boolean is picked (its default marked); the element is chosen from the catalog.
    vscode.ui.script.push((call) => (call.kind === 'quickPick' ? call.items.find((item: { label: string }) => item.label === 'true') : undefined));
    const sandbox = actionsAt(s, document, text.indexOf('<true_or_false>') + 2).find((action) => action.command)!.command!;
    assert.equal(await vscode.commands.executeCommand(sandbox.command, ...(sandbox.arguments ?? [])), true);
    const pick = vscode.ui.calls.at(-1)!;
    assert.ok(pick.kind === 'quickPick' && pick.items.find((item: { label: string; description?: string }) => item.label === 'false')?.description === 'default');
    assert.match(document.getText(), /"use_sandbox": "true"/);
  });

  it('a file without an element, or with a placeholder for it: "Choose the element…" writes the key picked from the catalog', async () => {
    const s = setup();
    const text = '{\n  "element": {"key": "<INSERT_ELEMENT_KEY>"},\n  "name": "x",\n  "configuration": {}\n}\n';
    const document = s.open('/work/e.instance.json', text);
    const actions = actionsAt(s, document, text.indexOf('<INSERT') + 2);
    assert.deepEqual(titles(actions), ['Choose the element…']);
    vscode.ui.script.push((call) => (call.kind === 'quickPick' ? call.items.find((item: { description?: string }) => item.description === 'xero') : undefined));
    const command = actions[0]!.command!;
    assert.equal(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])), true);
    assert.match(document.getText(), /"element": \{"key": "xero"\}/);

    const bare = s.open('/work/bare.instance.json', '{\n  "name": "x"\n}\n');
    assert.deepEqual(titles(actionsAt(s, bare, 0, 1)), ['Choose the element…', 'Add an empty "configuration"']);
  });

  it('fixes everything safe in one source.fixAll.cloudElements action, with small edits', async () => {
    const s = setup();
    const text = '{\n  “element”: {“key”: “xero”}\n  “name”: “Acme”,\n  “configuration”: {}\n}\n';
    const document = s.open('/work/instance.json', text);
    const fixAll = actionsAt(s, document, 0, 0, vscode.CodeActionKind.SourceFixAll);
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0]!.kind!.value, 'source.fixAll.cloudElements');
    assert.ok(FIX_ALL_KIND.value === fixAll[0]!.kind!.value);
    assert.equal(fixAll[0]!.edit!.edits.length, 3, 'one edit per changed line');
    await apply(fixAll[0]);
    assert.equal(document.getText(), fixInstanceText(text).text);
    assert.equal(document.getText(), '{\n  "element": {"key": "xero"},\n  "name": "Acme",\n  "configuration": {}\n}\n');

    assert.deepEqual(actionsAt(s, document, 0, 0, vscode.CodeActionKind.SourceFixAll), [], 'nothing left to fix');

    const again = s.open('/work/again.instance.json', text);
    assert.deepEqual(titles(actionsAt(s, again, 0, 0, vscode.CodeActionKind.Source)), [fixAll[0]!.title], '"Source Action…" lists it');
    assert.ok(!actionsAt(s, again, 0, text.length).some((action) => action.kind?.value.startsWith('source')), 'the lightbulb does not');
  });

  it('offers nothing for documents that are not instance files', () => {
    const s = setup();
    const document = s.open('/work/package.json', fixture('lint/smart-quotes.instance.json'));
    assert.deepEqual(actionsAt(s, document, 0, document.getText().length), []);
  });

  it('moves a plain secret to the keychain and puts a ${keychain:…} reference in its place', async () => {
    const s = setup();
    const text = fixture('lint/plain-secret.instance.json');
    const secret = 'qyprdlGChtClXwBpAw1vm1fJSC3mQqS3dGX0PPphEzNEUI9s';
    const document = s.open('/work/instance.json', text);
    const actions = actionsAt(s, document, text.indexOf(secret) + 5);
    assert.deepEqual(titles(actions), [STORE_SECRET_TITLE]);
    const command = actions[0]!.command!;
    assert.equal(command.command, 'cloudElements.storeSecretInKeychain');
    assert.ok(!JSON.stringify(command.arguments).includes(secret), 'the command arguments do not carry the value');

    assert.equal(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])), true);
    assert.equal(await s.services.vault.keychain('custom', 'quickbooks.oauth.user.token'), secret);
    assert.equal(document.getText(), text.replace(`"${secret}"`, '"${keychain:quickbooks.oauth.user.token}"'));
    s.files.diagnostics.flush();
    assert.ok(!s.published(document)!.some((d) => d.code === 'plain-secret'));
    const shown = vscode.ui.calls.map((call) => JSON.stringify(call)).join('\n');
    assert.match(shown, /\$\{keychain:quickbooks\.oauth\.user\.token\}/);
    assert.ok(!shown.includes(secret) && !s.logLines.join('\n').includes(secret), 'the value is never shown or logged');
  });

  it('asks before replacing a different value already in the keychain', async () => {
    const s = setup();
    const text = fixture('lint/plain-secret.instance.json');
    await s.services.vault.setKeychain('custom', 'quickbooks.oauth.user.token', 'an-older-token-value');
    const document = s.open('/work/instance.json', text);
    const args = { uri: document.uri, path: ['configuration', 'oauth.user.token'] };
    vscode.ui.script.push(() => undefined);
    assert.equal(await vscode.commands.executeCommand('cloudElements.storeSecretInKeychain', args), false);
    const question = vscode.ui.calls.at(-1)!;
    assert.ok(question.kind === 'message' && question.options?.modal === true && question.items.includes('Replace'));
    assert.equal(document.getText(), text);
    assert.equal(await s.services.vault.keychain('custom', 'quickbooks.oauth.user.token'), 'an-older-token-value');

    vscode.ui.script.push(() => 'Replace');
    assert.equal(await vscode.commands.executeCommand('cloudElements.storeSecretInKeychain', args), true);
    assert.match(document.getText(), /"\$\{keychain:quickbooks\.oauth\.user\.token\}"/);
  });

  it('turns a text change into per-line edits, or one edit when lines are added', () => {
    assert.deepEqual(textEdits('a “b”\nc\nd “e”', 'a "b"\nc\nd "e"'), [
      { offset: 2, length: 3, newText: '"b"' },
      { offset: 10, length: 3, newText: '"e"' },
    ]);
    assert.deepEqual(textEdits('ab\ncd', 'ab\nx\ncd'), [{ offset: 3, length: 0, newText: 'x\n' }]);
    assert.deepEqual(textEdits('same', 'same'), []);
  });
});

describe('instance file code actions and pending lints', () => {
  afterEach(teardown);

  it('never lints to answer the lightbulb: after an edit it waits for the scheduled lint', () => {
    const s = setup();
    const document = s.open('/work/q.instance.json', fixture('lint/smart-quotes.instance.json'));
    let lints = 0;
    const lint = s.files.diagnostics.lint.bind(s.files.diagnostics);
    s.files.diagnostics.lint = (doc) => {
      lints++;
      return lint(doc);
    };
    const quote = document.getText().indexOf('“');
    assert.equal(titles(actionsAt(s, document, quote)).length, 1, 'the diagnostics of this version are used as they are');
    assert.equal(lints, 0);

    vscode.changeDocument(document, ` ${document.getText()}`);
    assert.deepEqual(actionsAt(s, document, quote + 1), [], 'nothing until the scheduled lint has run');
    assert.equal(lints, 0);

    s.files.diagnostics.flush();
    assert.equal(lints, 1);
    assert.deepEqual(titles(actionsAt(s, document, quote + 1)), ['Replace curly quotes with straight quotes']);
    assert.equal(lints, 1);
  });
});

describe('instance file code actions on large and failing input', () => {
  afterEach(teardown);

  const curlyFile = (values: number) =>
    `{\n  “element”: {“key”: “xero”},\n  “name”: “Acme”,\n  “configuration”: {\n${Array.from({ length: values }, (_, i) => `    “setting.${i}”: “value ${i}”`).join(',\n')}\n  }\n}\n`;

  it('offers the one curly-quote fix for 20,000 quotes, and fixes them all on save, each well under a second', () => {
    const s = setup();
    const document = s.open('/work/big.instance.json', curlyFile(5000));
    const text = document.getText();
    const quick = timed(1000, 'the quick fixes for 20,000 quotes', () => actionsAt(s, document, 0, text.length, vscode.CodeActionKind.QuickFix));
    const curly = quick.find((action) => action.title === 'Replace curly quotes with straight quotes');
    assert.equal(curly!.diagnostics!.length, 20_012);
    const fixAll = timed(1000, 'fix all for 20,000 quotes', () => actionsAt(s, document, 0, 0, vscode.CodeActionKind.SourceFixAll));
    assert.equal(fixAll.length, 1);
  });

  it('offers no fix-all, and logs why, when fixing fails, so saving goes on', () => {
    const s = setup();
    const document = s.open('/work/q.instance.json', fixture('lint/smart-quotes.instance.json'));
    const throwing = { get: () => { throw new Error('catalog exploded'); } } as unknown as Catalog;
    const logged: string[] = [];
    const actions = new InstanceFileCodeActions(s.files.matcher, s.files.diagnostics, () => ({ catalog: throwing }), (line) => logged.push(line));
    const range = new vscode.Range(document.positionAt(0), document.positionAt(0));
    const offered = actions.provideCodeActions(asDocument(document), range as never, { diagnostics: [], only: vscode.CodeActionKind.SourceFixAll, triggerKind: 1 } as never);
    assert.deepEqual(offered, []);
    assert.match(logged[0]!, /^Fixing file:\/\/\/work\/q\.instance\.json failed: Error: catalog exploded/);
  });
});
