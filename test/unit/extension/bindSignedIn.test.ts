/**
 * The one way to begin something that needs the account (commands/account.ts bindSignedIn): the
 * console and a provisioning run both go through it. Signed out, it asks first; declined, nothing
 * is bound; once signed in, the environment and its client come bound together.
 */
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { bindSignedIn } from '../../../src/extension/commands/account';
import { beginRun } from '../../../src/extension/provisioning/runContext';
import * as vscode from '../vscode/fakeVscode';
import { createHarness } from './harness';

describe('sign in, then bind: one path (bindSignedIn)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());

  it('signed out and declined: asks once with the feature\'s words, binds nothing', async () => {
    const { services } = createHarness(emulator.apiBaseUrl);
    await services.session.refresh();
    const account = { ...services };
    assert.equal(await bindSignedIn(account, 'send requests'), undefined);
    assert.equal(await beginRun(account, 'provision an element', 'Provision Element'), undefined);
    const asked = vscode.ui.calls.map((call) => ('message' in call ? call.message : call.kind));
    assert.deepEqual(asked, ['Sign in to Cloud Elements (Custom base URL) to send requests.', 'Sign in to Cloud Elements (Custom base URL) to provision an element.']);
  });

  it('signed in: the environment and a client for its account, bound together; a run is built on the same binding', async () => {
    const { services } = createHarness(emulator.apiBaseUrl);
    await services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
    await services.session.refresh();
    const bound = await bindSignedIn(services, 'send requests');
    assert.equal(bound?.environment.id, 'custom');
    assert.equal(bound?.client.baseUrl, emulator.apiBaseUrl);
    const run = await beginRun(services, 'provision an element', 'Provision Element');
    assert.equal(run?.environment.id, 'custom');
    assert.equal(run?.client, bound?.client, 'the session\'s client for that account');
    assert.deepEqual(vscode.ui.calls, [], 'nothing asked');
  });
});
