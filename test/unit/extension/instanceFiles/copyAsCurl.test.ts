import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createInstanceCurl } from '../../../../src/core/curl';
import { commandLinePath } from '../../../../src/extension/instanceFiles/copyAsCurl';
import type { StoredInstance } from '../../../../src/emulator/stores/instances';
import { startEmulator } from '../../../../src/emulator/server';
import * as vscode from '../../vscode/fakeVscode';
import { setup, teardown } from './setup';

const BASE = 'http://127.0.0.1:9/elements/api-v2';
const ACCOUNT = { userSecret: 'user-secret-0123456789', orgSecret: 'org-secret-0123456789' };
const BODY = '{\n  "element": {"key": "quickbooks"},\n  "name": "Acme",\n  "configuration": {"oauth.api.key": "${keychain:qb.key}"}\n}\n';

const choose = (multiline: boolean, withSecrets: boolean) => (call: vscode.UiCall) =>
  call.kind === 'quickPick' ? call.items.find((item) => item.multiline === multiline && item.withSecrets === withSecrets) : undefined;
const lastMessage = () => vscode.ui.calls.filter((call) => call.kind === 'message').at(-1) as Extract<vscode.UiCall, { kind: 'message' }>;

/** The round trip needs bash and curl: missing, the test fails (CI must run it), it never skips. */
function requireCommand(name: string): void {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`]);
  } catch {
    assert.fail(`this test needs ${name} on PATH (apt-get install ${name}; .ci/run installs it)`);
  }
}

describe('Copy as cURL', () => {
  afterEach(() => {
    teardown();
    vscode.workspace.workspaceFolders = undefined;
  });

  async function signedIn() {
    const s = setup(BASE);
    await s.services.vault.setAccount('custom', ACCOUNT);
    await s.services.session.refresh();
    return s;
  }

  it('copies a saved file as -d @path relative to the workspace folder, with placeholders for the account secrets', async () => {
    const s = await signedIn();
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file('/work'), name: 'work', index: 0 }];
    const document = s.open('/work/instances/acme.json', BODY);
    vscode.ui.script.push(choose(true, false));
    await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
    assert.equal(vscode.clipboard.text, createInstanceCurl({ baseUrl: BASE, bodyFile: 'instances/acme.json', multiline: true }));
    assert.equal(
      vscode.clipboard.text,
      [
        `curl -X POST ${BASE}/instances \\`,
        `  -H 'Authorization: User <INSERT_USER_SECRET>, Organization <INSERT_ORGANIZATION_SECRET>' \\`,
        `  -H 'Content-Type: application/json' \\`,
        '  -d @instances/acme.json',
      ].join('\n'),
    );
    assert.match(lastMessage().message, /^cURL command copied\. Run it in the workspace folder \(it sends instances\/acme\.json\)\. The \$\{keychain:…\} references are sent as written/);
  });

  it('sends an unsaved or modified document inline, on one line when asked', async () => {
    const s = await signedIn();
    const document = s.open('/work/instance.json', BODY);
    vscode.changeDocument(document, BODY.replace('Acme', "Bob's"));
    vscode.ui.script.push(choose(false, false));
    await vscode.commands.executeCommand('cloudElements.copyAsCurl');
    assert.equal(vscode.clipboard.text, '', 'no document: nothing copied');
    assert.match(lastMessage().message, /Open an instance file/);

    vscode.showEditor(document);
    vscode.ui.script.push(choose(false, false));
    await vscode.commands.executeCommand('cloudElements.copyAsCurl');
    assert.equal(vscode.clipboard.text.split('\n').length, 1);
    assert.ok(vscode.clipboard.text.endsWith(`-d '{"element":{"key":"quickbooks"},"name":"Bob'\\''s","configuration":{"oauth.api.key":"\${keychain:qb.key}"}}'`), vscode.clipboard.text);
  });

  it('without secrets, masks the secret fields of an inline body and names them (issue 19 item 4)', async () => {
    const s = await signedIn();
    const document = s.open('/work/instance.json', BODY);
    vscode.changeDocument(document, BODY.replace('"${keychain:qb.key}"', '"${keychain:qb.key}", "oauth.api.secret": "typed-app-secret-0003"'));
    vscode.ui.script.push(choose(false, false));
    await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
    assert.ok(!vscode.clipboard.text.includes('typed-app-secret-0003'), vscode.clipboard.text);
    assert.ok(vscode.clipboard.text.includes('"oauth.api.secret":"***"'), vscode.clipboard.text);
    assert.ok(vscode.clipboard.text.includes('${keychain:qb.key}'), 'references are kept');
    assert.match(lastMessage().message, /Masked as \*\*\* in the body: configuration › oauth\.api\.secret; put the values back before running it\./);

    vscode.ui.script.push(choose(false, true));
    await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
    assert.ok(vscode.clipboard.text.includes('typed-app-secret-0003'), 'asked for, the secrets are in');
    assert.doesNotMatch(lastMessage().message, /Masked/);
  });

  it('includes the account secrets only when the user picks it, and says they are on the clipboard', async () => {
    const s = await signedIn();
    const document = s.open('/work/instance.json', BODY);
    vscode.ui.script.push((call) => {
      assert.ok(call.kind === 'quickPick');
      assert.equal(call.items.length, 4);
      assert.ok(call.items.filter((item) => item.withSecrets).every((item) => /secrets will be on the clipboard/.test(item.detail)));
      return choose(true, true)(call);
    });
    await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
    assert.match(vscode.clipboard.text, /-H 'Authorization: User user-secret-0123456789, Organization org-secret-0123456789'/);
    const message = lastMessage().message;
    assert.match(message, /holds your user and organization secrets/);
    assert.ok(!message.includes(ACCOUNT.userSecret) && !s.logLines.join('\n').includes(ACCOUNT.userSecret));
  });

  it('offers no secrets when signed out, and copies nothing on Escape', async () => {
    const s = setup(BASE);
    const document = s.open('/work/instance.json', BODY);
    await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
    const pick = vscode.ui.calls[0]!;
    assert.ok(pick.kind === 'quickPick' && pick.items.length === 2 && pick.items.every((item) => !item.withSecrets));
    assert.equal(vscode.clipboard.text, '');
  });

  it('makes file paths relative to the workspace folder that holds them', () => {
    assert.equal(commandLinePath('/w/a/instance.json', ['/x', '/w/a/']), 'instance.json');
    assert.equal(commandLinePath('/w/ab/instance.json', ['/w/a']), '/w/ab/instance.json');
    assert.equal(commandLinePath('C:\\w\\a\\i.json', ['C:\\w']), 'a\\i.json');
  });

  it('copies a command that really creates the instance', async () => {
    requireCommand('curl');
    const emulator = await startEmulator({ port: 0 });
    const folder = mkdtempSync(join(tmpdir(), 'curl-'));
    try {
      const s = setup(emulator.apiBaseUrl);
      await s.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
      await s.services.session.refresh();
      vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(folder), name: 'tmp', index: 0 }];
      const text = JSON.stringify({
        element: { key: 'quickbooks' },
        configuration: { 'oauth.callback.url': 'https://acme.example.com/auth', 'quickbooks.datasource': 'QBO', 'quickbooks.realm.id': '1', 'oauth.user.token': 't', 'oauth.user.token.secret': 'ts', 'oauth.api.key': 'k', 'oauth.api.secret': "it's" },
        name: "Bob's books",
        externalAuthentication: 'initial',
      }, null, 2);
      mkdirSync(join(folder, 'instances'));
      writeFileSync(join(folder, 'instances', 'bob.json'), text);
      const saved = s.open(join(folder, 'instances', 'bob.json'), text);
      const unsaved = s.open(join(folder, 'instance.json'), '');
      vscode.changeDocument(unsaved, text.replace("Bob's books", "Bob's other books"));

      for (const [document, multiline] of [[saved, true], [unsaved, false], [unsaved, true]] as const) {
        vscode.ui.script.push(choose(multiline, true));
        await vscode.commands.executeCommand('cloudElements.copyAsCurl', document.uri);
        // Not execFileSync: the emulator answers from this process's event loop.
        const { stdout: output } = await promisify(execFile)('bash', ['-c', `${vscode.clipboard.text} --silent --show-error`], { cwd: folder, encoding: 'utf8', timeout: 10_000 });
        assert.ok((JSON.parse(output) as { id: number }).id, output);
      }
      const records = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredInstance[];
      assert.deepEqual(records.map((record) => record.name), ["Bob's books", "Bob's other books", "Bob's other books"]);
      assert.equal(records[0]!.configuration['oauth.api.secret'], "it's");
    } finally {
      await emulator.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
