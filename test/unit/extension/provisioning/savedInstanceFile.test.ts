/**
 * "Save instance.json" after provisioning, then "Provision from This File" on it (issue 20,
 * item 7). The file kept the spent one-time `code` (and a callback made for that sign-in), so
 * sending it again failed with invalid_grant. Now the file holds what can be provisioned again:
 * no spent authorization, the registered callback; provisioning from it runs the sign-in with
 * its answers. A file that still holds a spent code is told apart from other refusals.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../../../src/core/catalog';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { registerInstanceFiles, type InstanceFiles } from '../../../../src/extension/instanceFiles/register';
import * as vscode from '../../vscode/fakeVscode';
import { QB_ID, QB_SECRET, scriptQuickBooks } from './quickbooksScript';
import { followsRedirect, messages, mount, mountForEachTest, provision, returnsToVsCode, storedInstances, type Mounted } from './setup';

const VSCODE_CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';

interface Saved {
  element: { key: string };
  name: string;
  configuration: Record<string, string>;
  providerData?: Record<string, string>;
}

describe('Save instance.json after provisioning, then Provision from This File', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  let files: InstanceFiles;
  let folder: string;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  beforeEach(async () => {
    files = registerInstanceFiles(m.services, { lintDelayMs: 60_000 });
    folder = await mkdtemp(join(tmpdir(), 'saved-instance-'));
  });
  afterEach(async () => {
    files.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  /** Provisions QuickBooks (OAuth 2), chooses "Save instance.json", returns what was written. */
  async function provisionAndSave(name: string): Promise<{ path: string; text: string; saved: Saved }> {
    const path = join(folder, 'quickbooks.instance.json');
    scriptQuickBooks(m.user, name);
    m.user.button(new RegExp(`^Created and connected: ${name}|^Created ${name}`), 'Save instance.json');
    m.user.on('saveDialog', /Save instance\.json/, () => vscode.Uri.file(path));
    await provision(m);
    const text = await readFile(path, 'utf8');
    return { path, text, saved: JSON.parse(text) as Saved };
  }

  /** The saved file as the active editor, then "Provision from This File". */
  async function provisionFromFile(path: string, text: string): Promise<unknown> {
    vscode.showEditor(vscode.openDocument(vscode.createTextDocument(vscode.Uri.file(path), text)));
    return vscode.commands.executeCommand('cloudElements.provisionFromFile');
  }

  async function instancePosts(): Promise<number[]> {
    const requests = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string; status: number }>;
    return requests.filter((request) => request.method === 'POST' && request.path.endsWith('/instances')).map((request) => request.status);
  }

  it('the file has no spent authorization and the registered callback; provisioning from it signs in again and creates the instance (no invalid_grant)', async () => {
    m.browser.behavior = returnsToVsCode('allow');
    const { path, text, saved } = await provisionAndSave('QB books');
    const [first] = await storedInstances(emulator);
    assert.ok(first?.providerData?.code, 'the first instance was made with a code');

    const template = catalog.flow(catalog.get('quickbooks')!, 'oauth2')!;
    const placeholders = Object.fromEntries(template.providerData.filter((field) => field.inTemplate !== false).map((field) => [field.key, field.placeholder]));
    assert.deepEqual(saved.providerData, placeholders, 'what the browser step returned is left to the next sign-in');
    assert.ok(!text.includes(first.providerData.code), 'the spent code is not in the file');
    assert.equal(saved.configuration['oauth.callback.url'], VSCODE_CALLBACK, 'the callback as registered with the provider');
    assert.equal(saved.configuration['oauth.api.key'], '${keychain:quickbooks.oauth.api.key}');
    assert.equal(await m.services.vault.keychain('custom', 'quickbooks.providerData.code'), undefined, 'no spent code kept in the keychain either');
    assert.ok(!text.includes(QB_SECRET));

    // Provision from This File: the sign-in runs again with the file's answers.
    vscode.ui.calls.length = 0;
    m.user.reset();
    m.user.button(/its providerData comes from authorizing in the browser/, 'Authorize and Provision…');
    m.user.pick(/: Client (ID|Secret) \(/, (item) => item.choice === 'stored', 2);
    scriptQuickBooks(m.user, 'QB books again', { pickElement: false });
    m.browser.behavior = returnsToVsCode('allow');
    await provisionFromFile(path, text);
    await m.browser.settled();
    const asked = messages().find((call) => /its providerData comes from authorizing/.test(call.message))!;
    assert.equal(
      asked.message,
      'quickbooks.instance.json is for QuickBooks Online (OAuth 2): its providerData comes from authorizing in the browser, for each new instance (a code works once). Nothing was sent. "Authorize and Provision…" runs the sign-in with this file\'s answers.',
    );
    const firstBox = vscode.ui.calls.find((call) => call.kind === 'inputBox');
    assert.ok(firstBox?.kind === 'inputBox' && /Answers prefilled from quickbooks\.instance\.json/.test(firstBox.options.prompt), 'the wizard took the file\'s answers');
    const records = await storedInstances(emulator);
    assert.deepEqual(records.map((record) => record.name), ['QB books', 'QB books again']);
    assert.notEqual(records[1]!.providerData?.code, records[0]!.providerData?.code);
    assert.deepEqual(await instancePosts(), [200, 200], 'no request went out with a spent code');
    assert.equal(records[1]!.configuration['oauth.api.key'], QB_ID);
  });

  it('a callback made for that sign-in only (a loopback server on a free port) is not kept: the template\'s placeholder instead', async () => {
    vscode.settings.set('cloudElements.callbackMode', 'loopback');
    m.browser.behavior = followsRedirect(m.browser, 'allow');
    const { saved } = await provisionAndSave('QB loopback');
    const callbackField = catalog.flow(catalog.get('quickbooks')!, 'oauth2')!.configuration.find((field) => field.role === 'callbackUrl')!;
    assert.equal(saved.configuration['oauth.callback.url'], callbackField.placeholder);
    assert.match(saved.configuration['oauth.callback.url']!, /^</);
  });

  it('a file that still holds a spent code (saved before): the refusal says the authorization was used, and offers to sign in again', async () => {
    m.browser.behavior = returnsToVsCode('allow');
    const { path, saved } = await provisionAndSave('QB old');
    const [first] = await storedInstances(emulator);
    const old = { ...saved, name: 'QB old copy', providerData: { code: first!.providerData!.code!, realmId: first!.providerData!.realmId! } };
    const text = `${JSON.stringify(old, null, 2)}\n`;
    await writeFile(path, text);
    vscode.ui.calls.length = 0;
    m.user.reset();
    await provisionFromFile(path, text);
    const refusal = messages().find((call) => call.level === 'error')!;
    assert.match(refusal.message, /^Could not provision from quickbooks\.instance\.json: .*invalid_grant.* The authorization in its providerData was already used or has expired: it works for one instance only\. Nothing was created\. "Authorize and Provision…" runs the sign-in again with this file's answers\.$/);
    assert.deepEqual(refusal.items, ['Authorize and Provision…']);
    assert.equal((await storedInstances(emulator)).length, 1);
  });
});
