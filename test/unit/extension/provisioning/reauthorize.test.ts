import assert from 'node:assert/strict';
import type { Instance } from '../../../../src/core/api/types';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { instanceRefFrom } from '../../../../src/extension/provisioning/reauthorizeInstance';
import * as vscode from '../../vscode/fakeVscode';
import { assertNoSecretShown, messages, mount, mountForEachTest, returnsToVsCode, storedInstances } from './setup';
import type { Mounted } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- options of the fake's calls */

const FRESHBOOKS = 'FreshBooks (authorization expired)';

describe('Re-authorize Instance (against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  mountForEachTest({ port: 0, seed: true }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  async function freshbooks(): Promise<Instance> {
    const instances = await (await m.services.session.client()).listInstances();
    const found = instances.find((instance) => instance.name === FRESHBOOKS);
    assert.ok(found);
    return found;
  }

  function answerFreshbooks(): void {
    m.user
      .input(/: API Key \(/, 'FRESHBOOKS-REAUTH-KEY-01')
      .input(/: API Secret \(/, 'FRESHBOOKS-REAUTH-SECRET-02')
      .accept(/: Site Address \(/)
      .accept(/: Instance name \(/)
      .accept(/: Tags \(/)
      .review();
  }

  async function reauthorize(argument?: unknown): Promise<void> {
    await vscode.commands.executeCommand('cloudElements.reauthorizeInstance', argument);
    await m.browser.settled();
  }

  it('an Instances-view node: the FreshBooks wizard prefilled (no secrets), PUT ?reAuthenticate=true, valid again', async () => {
    const instance = await freshbooks();
    assert.equal(instance.valid, false);
    answerFreshbooks();
    m.browser.behavior = returnsToVsCode('allow');
    await reauthorize({ kind: 'instance', instance, elementKey: 'freshbooks' });

    const records = await storedInstances(emulator);
    const record = records.find((candidate) => candidate.id === instance.id)!;
    assert.equal(record.valid, true);
    assert.equal(records.length, 4, 'no instance was added');
    assert.equal(record.configuration['oauth.api.key'], 'FRESHBOOKS-REAUTH-KEY-01');
    assert.equal(record.configuration['freshbooks.site.address'], 'targetcompany');
    assert.equal(record.name, FRESHBOOKS);
    assert.deepEqual(record.tags, ['seed']);
    assert.ok(record.providerData?.oauth_verifier);
    assert.equal(await m.services.vault.instanceToken('custom', instance.id), record.token);
    assert.deepEqual(m.revealed, [instance.id]);

    const boxes = vscode.ui.calls.filter((call) => call.kind === 'inputBox') as any[];
    assert.equal(boxes[0].options.title, `Re-authorize "${FRESHBOOKS}" (OAuth 1): API Key (1/5)`);
    assert.equal(boxes[0].options.value, '', 'secrets are never prefilled (an input box of createInputBox always has a value: empty)');
    assert.equal(boxes[2].options.value, 'targetcompany');
    assert.equal(boxes[4].options.value, 'seed');
    const done = messages().at(-1)!;
    assert.equal(done.message, `Re-authorized ${FRESHBOOKS} (#${instance.id}).`);
    assert.deepEqual(done.items, ['Copy Token']);
    // The seed's own key "mycompany" is also the catalog's example text.
    await assertNoSecretShown(m, ['FRESHBOOKS-REAUTH-KEY-01', 'FRESHBOOKS-REAUTH-SECRET-02'], ['mycompany']);
  });

  it('from the palette: picks among the instances, invalid ones first', async () => {
    m.user.pick(/Re-authorize Instance \|/, (item) => item.instance.name === FRESHBOOKS);
    answerFreshbooks();
    m.browser.behavior = returnsToVsCode('allow');
    await reauthorize();
    const pick = vscode.ui.calls.find((call) => call.kind === 'quickPick') as any;
    assert.equal(pick.items[0].instance.name, FRESHBOOKS);
    assert.match(pick.items[0].label, /^\$\(warning\) /);
    assert.equal(pick.items.length, 4);
    const record = (await storedInstances(emulator)).find((candidate) => candidate.name === FRESHBOOKS)!;
    assert.equal(record.valid, true);
  });

  it('an id or {id, element: {key}} reads the instance first', async () => {
    const instance = await freshbooks();
    answerFreshbooks();
    m.browser.behavior = returnsToVsCode('allow');
    await reauthorize({ id: instance.id, element: { key: 'freshbooks' } });
    assert.equal((await storedInstances(emulator)).find((record) => record.id === instance.id)!.valid, true);
  });

  it('Deny: the instance is not changed', async () => {
    const instance = await freshbooks();
    answerFreshbooks();
    m.browser.behavior = returnsToVsCode('deny');
    await reauthorize({ kind: 'instance', instance });
    assert.equal((await storedInstances(emulator)).find((record) => record.id === instance.id)!.valid, false);
    assert.equal(messages().at(-1)!.message, 'FreshBooks refused the authorization: access_denied. The instance was not changed.');
  });

  it('instanceRefFrom accepts nodes, records, {id, element} and ids', () => {
    const instance = { id: 7, name: 'x', element: { key: 'xero' } };
    assert.deepEqual(instanceRefFrom({ kind: 'instance', instance }), instance);
    assert.deepEqual(instanceRefFrom(instance), instance);
    assert.deepEqual(instanceRefFrom(7), { id: 7 });
    assert.deepEqual(instanceRefFrom('7'), { id: 7 });
    assert.equal(instanceRefFrom({ kind: 'elementGroup', elementKey: 'xero' }), undefined);
    assert.equal(instanceRefFrom(undefined), undefined);
  });
});
