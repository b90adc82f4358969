/** The account secrets through VS Code's real SecretStorage (`context.secrets`). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import { emulator, signOut, toolkit, waitFor } from './helpers';

describe('SecretStorage', () => {
  let api: ToolkitTestApi;

  before(async () => {
    api = await toolkit();
    await signOut(api);
  });

  it('points the session at the emulator from the user settings', () => {
    const { state } = api.services.session;
    assert.equal(vscode.workspace.getConfiguration('cloudElements').get('environment'), 'custom');
    assert.equal(state.environment.id, 'custom');
    assert.equal(state.baseUrl, emulator.apiBaseUrl);
    assert.equal(state.signedIn, false);
  });

  it('signs in: the secrets are checked against the API, kept in SecretStorage and read back', async () => {
    const changes: boolean[] = [];
    const subscription = api.services.session.onDidChange((state) => changes.push(state.signedIn));
    try {
      await api.services.session.signIn(emulator.credentials);
    } finally {
      subscription.dispose();
    }
    assert.deepEqual(await api.services.vault.account('custom'), emulator.credentials);
    assert.equal(api.services.session.state.signedIn, true);
    assert.ok(changes.includes(true));
    const client = await api.services.session.client();
    const page = await client.instancePages({ pageSize: 1 }).next();
    assert.equal(page.done, false, 'the client of the stored secrets reads instances');
  });

  it('signs out: the secrets and the instance tokens kept for the environment are deleted', async () => {
    await api.services.vault.setInstanceToken('custom', 4242, 'a-token-that-must-go-away');
    assert.equal(await api.services.vault.instanceToken('custom', 4242), 'a-token-that-must-go-away');
    await signOut(api);
    assert.equal(await api.services.vault.account('custom'), undefined);
    assert.equal(await api.services.vault.instanceToken('custom', 4242), undefined);
  });

  it('keeps nothing when the API refuses the secrets', async () => {
    await assert.rejects(
      api.services.session.signIn({ userSecret: 'wrong-user-secret', orgSecret: 'wrong-org-secret' }),
      // The extension's own ApiError class (another bundle than this test's), so by shape.
      (error: unknown) => error instanceof Error && error.name === 'ApiError' && (error as { kind?: string }).kind === 'unauthorized',
    );
    assert.equal(await api.services.vault.account('custom'), undefined);
    assert.equal(api.services.session.state.signedIn, false);
  });

  it('follows SecretStorage\'s change events (what another window signing in or out causes)', async () => {
    // Written straight to SecretStorage, as another window would: only its onDidChange tells the session.
    await api.services.vault.setAccount('custom', emulator.credentials);
    await waitFor(() => api.services.session.state.signedIn, 'the session to notice the sign-in');
    await api.services.vault.clearAccount('custom');
    await waitFor(() => !api.services.session.state.signedIn, 'the session to notice the sign-out');
  });
});
