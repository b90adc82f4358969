import assert from 'node:assert/strict';
import type { StoredInstance } from '../../../../src/emulator/stores/instances';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { startFaultProxy } from '../../faultProxy';
import type { FaultProxy } from '../../faultProxy';
import * as vscode from '../../vscode/fakeVscode';
import { setup, teardown } from './setup';
import type { Setup } from './setup';

const SECRETS = {
  'quickbooks.oauth.user.token': 'user-token-0123456789',
  'quickbooks.oauth.user.token.secret': 'user-token-secret-0123456789',
  'quickbooks.oauth.api.key': 'api-key-0123456789',
  'quickbooks.oauth.api.secret': 'api-secret-0123456789',
};

function tokenFile(configuration: Record<string, string> = {}): string {
  const body = {
    element: { key: 'quickbooks' },
    configuration: {
      'oauth.callback.url': 'https://acme.example.com/auth',
      'quickbooks.datasource': 'QBO',
      'quickbooks.realm.id': '12345678910',
      'oauth.user.token': '${keychain:quickbooks.oauth.user.token}',
      'oauth.user.token.secret': '${keychain:quickbooks.oauth.user.token.secret}',
      'oauth.api.key': '${keychain:quickbooks.oauth.api.key}',
      'oauth.api.secret': '${keychain:quickbooks.oauth.api.secret}',
      ...configuration,
    },
    tags: ['QBO Token'],
    name: 'Acme books',
    externalAuthentication: 'initial',
  };
  return JSON.stringify(body, null, 2) + '\n';
}

const messages = (level: 'info' | 'warning' | 'error') =>
  vscode.ui.calls.filter((call): call is Extract<vscode.UiCall, { kind: 'message' }> => call.kind === 'message' && call.level === level);

describe('Provision from This File (against the emulator)', () => {
  let emulator: RunningEmulator;
  let s: Setup;
  const revealed: number[] = [];

  async function stored(): Promise<StoredInstance[]> {
    return (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredInstance[];
  }

  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
    s = setup(emulator.apiBaseUrl);
    revealed.length = 0;
    s.services.instances = { refresh: async () => {}, reveal: async (id) => void revealed.push(id) };
    await s.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
    await s.services.session.refresh();
    for (const [name, value] of Object.entries(SECRETS)) await s.services.vault.setKeychain('custom', name, value);
  });
  afterEach(teardown);

  it('fills ${keychain:…} references, creates the instance, keeps its token and reveals it', async () => {
    const document = s.open('/work/instances/acme.json', tokenFile());
    const instance = (await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri)) as { id: number; token: string };
    assert.ok(instance?.id, JSON.stringify(vscode.ui.calls));

    const [record] = await stored();
    assert.equal(record!.id, instance.id);
    assert.equal(record!.flow, 'token');
    assert.equal(record!.name, 'Acme books');
    assert.equal(record!.configuration['oauth.api.key'], SECRETS['quickbooks.oauth.api.key']);
    assert.equal(record!.configuration['oauth.api.secret'], SECRETS['quickbooks.oauth.api.secret']);
    assert.equal(record!.configuration['oauth.user.token.secret'], SECRETS['quickbooks.oauth.user.token.secret']);

    assert.equal(await s.services.vault.instanceToken('custom', instance.id), instance.token);
    assert.deepEqual(revealed, [instance.id]);
    assert.deepEqual(messages('info').map((m) => m.message), [`Created quickbooks instance "Acme books" (#${instance.id}) on Custom base URL.`]);
    const everything = JSON.stringify(vscode.ui.calls) + s.logLines.join('\n');
    for (const secret of [...Object.values(SECRETS), instance.token, emulator.userSecret]) assert.ok(!everything.includes(secret), 'no secret shown or logged');
    assert.equal(document.getText(), tokenFile(), 'the file keeps its references');
  });

  it('works on the active editor\'s document without an argument', async () => {
    vscode.showEditor(s.open('/work/instance.json', tokenFile()));
    assert.ok(await vscode.commands.executeCommand('cloudElements.provisionFromFile'));
    assert.equal((await stored()).length, 1);
  });

  it('names keychain references it cannot fill and sends nothing', async () => {
    const document = s.open('/work/instance.json', tokenFile({ 'oauth.api.secret': '${keychain:qb.prod.secret}', 'oauth.api.key': '${keychain:qb.prod.key}' }));
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    const [error] = messages('error');
    assert.match(error!.message, /Not in the keychain \(Custom base URL\): \$\{keychain:qb\.prod\.key\}, \$\{keychain:qb\.prod\.secret\}\. Nothing was sent/);
    assert.deepEqual(await stored(), []);
  });

  it('refuses values that are still placeholders, naming them', async () => {
    const document = s.open('/work/instance.json', tokenFile({ 'oauth.api.secret': '<INSERT_API_SECRET>', 'quickbooks.realm.id': '<INSERT_REALM_ID>' }));
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    assert.match(messages('error')[0]!.message, /still has placeholders: configuration "quickbooks\.realm\.id", configuration "oauth\.api\.secret"\. Fill them in; nothing was sent/);
    assert.deepEqual(await stored(), []);
  });

  it('stops on lint errors unless the user provisions anyway; then shows the API\'s answer', async () => {
    const text = tokenFile().replace(/\n\s*"quickbooks\.realm\.id": "12345678910",/, '');
    const document = s.open('/work/instance.json', text);

    vscode.ui.script.push(() => 'Show Problems');
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    const [lintError] = messages('error');
    assert.match(lintError!.message, /^instance\.json has 1 error, on line 5: Missing required configuration for quickbooks \(Token based \(quick provision\)\): "quickbooks\.realm\.id"/);
    assert.deepEqual(lintError!.items, ['Show Problems', 'Provision Anyway']);
    assert.ok(vscode.executedCommands.some((entry) => entry.command === 'workbench.actions.view.problems'));
    assert.deepEqual(await stored(), []);

    vscode.ui.calls.length = 0;
    vscode.ui.script.push(() => 'Provision Anyway');
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    const apiError = messages('error')[1]!;
    assert.match(apiError.message, /^Could not provision from instance\.json: .*Missing required configuration entries: quickbooks\.realm\.id/);
    assert.deepEqual(apiError.items, ['Show Log']);
    assert.deepEqual(await stored(), []);
  });

  it('says why a file that is not JSON cannot be sent, without quoting it', async () => {
    const document = s.open('/work/instance.json', '{"element": {"key": "quickbooks"}, "configuration": {"oauth.api.secret": "very-secret-value" "x": "y"}}');
    vscode.ui.script.push(() => 'Provision Anyway');
    await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri);
    const last = messages('error').at(-1)!;
    assert.equal(last.message, 'instance.json is not valid JSON: fix the syntax errors first. Nothing was sent.');
    assert.ok(!JSON.stringify(vscode.ui.calls).includes('very-secret-value'));
  });

  it('asks to sign in first when signed out', async () => {
    await s.services.session.signOut();
    const document = s.open('/work/instance.json', tokenFile());
    vscode.ui.calls.length = 0;
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    assert.ok(vscode.ui.calls[0]!.kind === 'inputBox' && vscode.ui.calls[0]!.options.password === true);
    assert.deepEqual(await stored(), []);
  });

  it('shows the API\'s error message with the provider\'s', async () => {
    await fetch(`${emulator.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/instances', status: 400, body: { message: 'Bad tokens for this company.', providerMessage: 'invalid_database' } }),
    });
    const document = s.open('/work/instance.json', tokenFile());
    assert.equal(await vscode.commands.executeCommand('cloudElements.provisionFromFile', document.uri), undefined);
    assert.match(messages('error')[0]!.message, /Bad tokens for this company\..*invalid_database/);
  });
});

/**
 * The same failure classes as the provisioning fault suite (test/unit/extension/provisioning/faults.test.ts),
 * through "Provision from This File": the message is true of the account, POST is sent once.
 */
describe('Provision from This File: lost answers (fault proxy in front of the emulator)', () => {
  let emulator: RunningEmulator;
  let proxy: FaultProxy;
  let s: Setup;

  const stored = async (): Promise<StoredInstance[]> => (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredInstance[];
  const posts = async (): Promise<number> =>
    ((await (await fetch(`${emulator.url}/__admin/requests`)).json()) as Array<{ method: string; path: string }>).filter(
      (entry) => entry.method === 'POST' && /\/instances$/.test(entry.path),
    ).length;
  const lastMessage = () => vscode.ui.calls.filter((call): call is Extract<vscode.UiCall, { kind: 'message' }> => call.kind === 'message').at(-1)!;
  const provisionFile = () => vscode.commands.executeCommand('cloudElements.provisionFromFile', s.open('/work/instance.json', tokenFile()).uri);

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    proxy = await startFaultProxy(emulator.url);
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
    proxy.clear();
    s = setup(proxy.apiBaseUrl(emulator.apiBaseUrl));
    vscode.settings.set('cloudElements.requestTimeoutSeconds', 1);
    await s.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
    await s.services.session.refresh();
    for (const [name, value] of Object.entries(SECRETS)) await s.services.vault.setKeychain('custom', name, value);
    vscode.ui.calls.length = 0;
  });
  afterEach(teardown);

  for (const damage of ['reset', 'html-502', 'truncate', 'cut'] as const) {
    it(`${damage} after the server created it: "Created", found in the account, once`, async () => {
      proxy.add({ method: 'POST', path: /\/instances$/, damage });
      const instance = (await provisionFile()) as { id: number } | undefined;
      const [record] = await stored();
      assert.ok(instance && record && instance.id === record.id, lastMessage().message);
      assert.match(lastMessage().message, /^Created quickbooks instance "Acme books" \(#\d+\) on Custom base URL\. The answer to the request was lost \(.+\), but the account shows it\.$/);
      assert.equal(await posts(), 1, 'POST /instances was sent once');
    });
  }

  it('an HTML 502 before the server acted: never "Nothing was created", but "may still take effect — check before retrying" with Refresh', async () => {
    await fetch(`${emulator.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/instances', status: 502, body: 'html' }),
    });
    assert.equal(await provisionFile(), undefined);
    const message = lastMessage();
    assert.equal(message.level, 'warning');
    assert.match(message.message, /No new instance named "Acme books" was in the account when checked just now, but the request may still take effect — check before retrying/);
    assert.doesNotMatch(message.message, /Nothing was created/);
    assert.deepEqual(message.items, ['Refresh Instances']);
    assert.deepEqual(await stored(), []);
  });

  it('a reset after creating, and the account unreadable: "may exist — check before retrying", saying why the check failed', async () => {
    proxy.add({ method: 'POST', path: /\/instances$/, damage: 'reset' });
    proxy.add({ method: 'GET', path: /\/instances/, damage: 'html-502', times: 10 });
    assert.equal(await provisionFile(), undefined);
    assert.match(lastMessage().message, /The instance may exist — check before retrying: refresh the Instances view\. \(Checking the account failed too: .+\)/);
    assert.equal((await stored()).length, 1, 'it was created: the message must not say otherwise');
    assert.equal(await posts(), 1);
  });

  it('a 400 the API sent: "Nothing was created" (a definitive answer), the API\'s words as plain text', async () => {
    await fetch(`${emulator.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/instances', status: 400, body: { message: 'Rejected: see [the docs](command:workbench.action.reloadWindow)' } }),
    });
    assert.equal(await provisionFile(), undefined);
    const message = lastMessage();
    assert.match(message.message, /Nothing was created\.$/);
    assert.doesNotMatch(message.message, /\]\(command:/, 'no link survives into the notification');
  });
});
