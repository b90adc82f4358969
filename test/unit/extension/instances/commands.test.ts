import assert from 'node:assert/strict';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import type { InstanceNode } from '../../../../src/extension/views/instanceNodes';
import { INSTANCE_JSON_SCHEME } from '../../../../src/extension/views/instanceJson';
import { api } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { addFault, byName, clearFaults, resetEmulator, secretValues, signedInView } from './setup';
import type { Mounted } from './setup';

type MessageCall = Extract<vscode.UiCall, { kind: 'message' }>;

const messages = () => vscode.ui.calls.filter((call): call is MessageCall => call.kind === 'message');

describe('Instances commands (against the emulator)', () => {
  let emulator: RunningEmulator;
  let mounted: Mounted;
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    mounted = await signedInView(emulator);
  });
  afterEach(() => mounted.view.dispose());

  async function nodeNamed(name: string): Promise<InstanceNode> {
    for (const group of await mounted.view.provider.getChildren()) {
      for (const node of await mounted.view.provider.getChildren(group)) {
        if (node.kind === 'instance' && node.instance.name === name) return node;
      }
    }
    throw new Error(`no node ${name}`);
  }

  function assertNothingLeaks(secret: string): void {
    for (const call of messages()) {
      assert.ok(!call.message.includes(secret), `message: ${call.message}`);
      assert.ok(!JSON.stringify(call.options ?? {}).includes(secret));
    }
    assert.ok(mounted.logLines.every((line) => !line.includes(secret)), 'log');
  }

  describe('Copy Instance Token', () => {
    it('without a keychain entry reads the token from the API, keeps it in the keychain and copies it', async () => {
      const xero = await byName(emulator, 'Xero Demo Company');
      assert.equal(await mounted.services.vault.instanceToken('custom', xero.id), undefined);
      await vscode.commands.executeCommand('cloudElements.copyInstanceToken', await nodeNamed('Xero Demo Company'));
      assert.equal(vscode.clipboard.text, xero.token);
      assert.equal(await mounted.services.vault.instanceToken('custom', xero.id), xero.token);
      assert.ok(messages().some((call) => call.level === 'info' && /^Token copied/.test(call.message)));
      assertNothingLeaks(xero.token);
    });

    it('prefers the keychain', async () => {
      const xero = await byName(emulator, 'Xero Demo Company');
      await mounted.services.vault.setInstanceToken('custom', xero.id, 'token-from-the-keychain');
      await vscode.commands.executeCommand('cloudElements.copyInstanceToken', await nodeNamed('Xero Demo Company'));
      assert.equal(vscode.clipboard.text, 'token-from-the-keychain');
      assertNothingLeaks('token-from-the-keychain');
    });

    it('from the command palette asks which instance', async () => {
      const qbo = await byName(emulator, 'QBO Token');
      vscode.ui.script.push((call) => {
        assert.equal(call.kind, 'quickPick');
        const items = (call as { items: Array<{ label: string; description: string }> }).items;
        assert.equal(items.length, 4);
        return items.find((item) => item.label === 'QBO Token');
      });
      await vscode.commands.executeCommand('cloudElements.copyInstanceToken');
      assert.equal(vscode.clipboard.text, qbo.token);
    });

    it('an API failure shows the API message and copies nothing', async () => {
      await mounted.view.provider.getChildren();
      await addFault(emulator, { method: 'GET', path: '^/elements/api-v2/instances/\\d+$', status: 404, body: { message: 'No instance found with id 1', requestId: 'r1' } });
      await vscode.commands.executeCommand('cloudElements.copyInstanceToken', await nodeNamed('Xero Demo Company'));
      assert.equal(vscode.clipboard.text, '');
      const error = messages().find((call) => call.level === 'error');
      assert.match(error?.message ?? '', /Could not read the token of "Xero Demo Company" \(#\d+\): .*No instance found with id 1/);
      assert.ok(mounted.logLines.some((line) => line.startsWith('warn Could not read the token')));
    });
  });

  it('Open Instance as JSON shows a read-only JSON document with every secret masked', async () => {
    const xero = await byName(emulator, 'Xero Demo Company');
    await vscode.commands.executeCommand('cloudElements.openInstanceJson', await nodeNamed('Xero Demo Company'));
    const shown = vscode.shown.documents.at(-1)?.uri;
    assert.ok(shown);
    assert.equal(shown.scheme, INSTANCE_JSON_SCHEME, 'a content-provider document, which VS Code keeps read-only');
    assert.match(shown.path, new RegExp(`^/custom/${xero.id}/Xero-Demo-Company\\.json$`), 'the .json name gives the JSON language');
    const text = await mounted.view.json.provideTextDocumentContent(shown as never);
    const parsed = JSON.parse(text) as { id: number; name: string; token: string; configuration: Record<string, string>; element: { key: string } };
    assert.equal(parsed.id, xero.id);
    assert.equal(parsed.element.key, 'xero');
    assert.equal(parsed.token, '***');
    assert.equal(parsed.configuration['oauth.api.secret'], '***');
    assert.equal(parsed.configuration['oauth.user.token'], '***');
    assert.equal(parsed.configuration['xero.partner'], 'true');
    for (const secret of await secretValues(emulator)) assert.ok(!text.includes(secret), 'no secret in the document');
  });

  it('the JSON document reads the API again when VS Code restores it', async () => {
    const qbo = await byName(emulator, 'QBO Token');
    const uri = vscode.Uri.parse(`${INSTANCE_JSON_SCHEME}:/custom/${qbo.id}/QBO-Token.json`);
    const text = await mounted.view.json.provideTextDocumentContent(uri as never);
    assert.equal((JSON.parse(text) as { name: string }).name, 'QBO Token');
    assert.ok(!text.includes(qbo.token));
  });

  it('Disable and Enable change the instance and refresh the tree', async () => {
    const xero = await byName(emulator, 'Xero Demo Company');
    await vscode.commands.executeCommand('cloudElements.disableInstance', await nodeNamed('Xero Demo Company'));
    assert.equal((await byName(emulator, 'Xero Demo Company')).disabled, true);
    const disabled = await nodeNamed('Xero Demo Company');
    assert.equal(disabled.instance.id, xero.id);
    assert.equal(disabled.instance.disabled, true, 'the tree reloaded');

    await vscode.commands.executeCommand('cloudElements.enableInstance', await nodeNamed('Sage One US (disabled)'));
    assert.equal((await byName(emulator, 'Sage One US (disabled)')).disabled, false);
    assert.equal((await nodeNamed('Sage One US (disabled)')).instance.disabled, false);
    assert.equal(messages().filter((call) => call.level === 'error').length, 0);
  });

  it('Enable from the palette offers only disabled instances', async () => {
    vscode.ui.script.push((call) => {
      const items = (call as { items: Array<{ label: string }> }).items;
      assert.deepEqual(items.map((item) => item.label), ['Sage One US (disabled)']);
      return items[0];
    });
    await vscode.commands.executeCommand('cloudElements.enableInstance');
    assert.equal((await byName(emulator, 'Sage One US (disabled)')).disabled, false);
  });

  describe('Delete Instance', () => {
    it('asks with a modal naming the instance, deletes it, forgets its token and refreshes', async () => {
      const qbo = await byName(emulator, 'QBO Token');
      await mounted.services.vault.setInstanceToken('custom', qbo.id, qbo.token);
      vscode.ui.script.push((call) => {
        const message = call as MessageCall;
        assert.equal(message.level, 'warning');
        assert.equal(message.options?.modal, true);
        assert.match(message.message, new RegExp(`Delete the instance "QBO Token" \\(#${qbo.id}\\)\\?`));
        assert.match(message.options?.detail ?? '', /cannot be undone/);
        assert.deepEqual(message.items, ['Delete']);
        return 'Delete';
      });
      await vscode.commands.executeCommand('cloudElements.deleteInstance', await nodeNamed('QBO Token'));
      assert.equal((await api(emulator, `/instances/${qbo.id}`)).status, 404);
      assert.equal(await mounted.services.vault.instanceToken('custom', qbo.id), undefined);
      const labels = (await mounted.view.provider.getChildren()).map((node) => (node.kind === 'elementGroup' ? node.elementKey : node.kind));
      assert.ok(!labels.includes('quickbooks'), 'the tree no longer shows it');
      assertNothingLeaks(qbo.token);
    });

    it('Escape on the modal deletes nothing', async () => {
      const qbo = await byName(emulator, 'QBO Token');
      await mounted.services.vault.setInstanceToken('custom', qbo.id, qbo.token);
      await vscode.commands.executeCommand('cloudElements.deleteInstance', await nodeNamed('QBO Token'));
      assert.equal(messages().length, 1, 'only the confirmation');
      assert.equal((await api(emulator, `/instances/${qbo.id}`)).status, 200);
      assert.equal(await mounted.services.vault.instanceToken('custom', qbo.id), qbo.token);
    });

    it('a refused delete shows the API message and keeps the keychain token', async () => {
      const qbo = await byName(emulator, 'QBO Token');
      await mounted.services.vault.setInstanceToken('custom', qbo.id, qbo.token);
      await addFault(emulator, { method: 'DELETE', path: `/instances/${qbo.id}`, status: 409, body: { message: 'Instance is in use by a formula', requestId: 'r2' } });
      vscode.ui.script.push(() => 'Delete');
      await vscode.commands.executeCommand('cloudElements.deleteInstance', await nodeNamed('QBO Token'));
      const error = messages().find((call) => call.level === 'error');
      assert.match(error?.message ?? '', /Could not delete "QBO Token" .*Instance is in use by a formula/);
      assert.equal(await mounted.services.vault.instanceToken('custom', qbo.id), qbo.token);
      await clearFaults(emulator);
      assert.equal((await api(emulator, `/instances/${qbo.id}`)).status, 200);
    });
  });

  it('signed out, a command asks to sign in first (Escape: nothing happens)', async () => {
    await mounted.services.session.signOut();
    vscode.ui.calls.length = 0;
    await vscode.commands.executeCommand('cloudElements.copyInstanceToken');
    assert.deepEqual(vscode.ui.calls.map((call) => call.kind), ['inputBox']);
    assert.equal(vscode.clipboard.text, '');
  });
});
