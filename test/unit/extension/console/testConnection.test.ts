import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { SECTION } from '../../../../src/extension/settings';
import { render } from '../instances/mount';
import { returnsToVsCode, script } from '../provisioning/setup';
import * as vscode from '../../vscode/fakeVscode';
import { until } from '../../deadline';
import { addFault, assertNoSecretShown, byName, emulatorRequests, instanceNode, messages, mountConsole, mountForEachTest, storedInstances } from './setup';
import type { ConsoleMount } from './setup';

describe('Test Connection (the console against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: ConsoleMount;
  const suite = mountForEachTest({ port: 0, seed: true }, mountConsole, (running, mounted) => ((emulator = running), (m = mounted)));

  async function item(name: string) {
    return m.view.provider.getTreeItem(await instanceNode(m, name)) as unknown as vscode.TreeItem;
  }

  async function test(name: string): Promise<void> {
    await vscode.commands.executeCommand('cloudElements.testConnection', await instanceNode(m, name));
  }

  function tooltip(treeItem: vscode.TreeItem): string {
    return typeof treeItem.tooltip === 'string' ? treeItem.tooltip : (treeItem.tooltip?.value ?? '');
  }

  it('connected: the tree shows it with the time it took; the token read from the API is offered to the keychain, not kept', async () => {
    const xero = await byName(emulator, 'Xero Demo Company');
    assert.equal(await m.services.vault.instanceToken('custom', xero.id), undefined, 'the keychain starts without the token');
    m.user.button(/^The keychain had no token for instance \d+ in this environment, so it was read from Cloud Elements/, 'Store in Keychain');
    await test('Xero Demo Company');
    assert.deepEqual(
      (vscode.window.progressOptions as Array<{ location: unknown; title?: string; cancellable?: boolean }>).filter((options) => options.title !== undefined).map((options) => [options.location, options.title, options.cancellable]),
      [[vscode.ProgressLocation.Notification, `Testing the connection of "Xero Demo Company" (#${xero.id})…`, true]],
      'a cancellable progress notification',
    );
    const info = messages('info').find((call) => call.message.startsWith('Connected:'));
    assert.match(info?.message ?? '', new RegExp(`^Connected: "Xero Demo Company" \\(#${xero.id}\\) answered GET /hubs/finance/ping in \\d+ ms\\.$`));
    const treeItem = await item('Xero Demo Company');
    assert.match(String(treeItem.description), new RegExp(`^#${xero.id} · connected \\(\\d+ ms\\)$`));
    assert.match(tooltip(treeItem), /Connected: the instance answered its hub's ping in \d+ ms \(tested at \d\d:\d\d:\d\d\)/);
    const icon = treeItem.iconPath as vscode.ThemeIcon;
    assert.deepEqual([icon.id, icon.color?.id], ['plug', 'testing.iconPassed']);
    // The offer was answered with Store: now the keychain has it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await m.services.vault.instanceToken('custom', xero.id), xero.token);
    const pings = (await emulatorRequests(emulator)).filter((request) => request.path.endsWith('/ping'));
    assert.equal(pings.length, 1);
    await assertNoSecretShown(m);
  });

  it('from the palette or the walkthrough (no instance given): the instance picker stays open when the focus moves away (walkthroughFocus.test.ts)', async () => {
    await vscode.commands.executeCommand('cloudElements.testConnection');
    const picker = vscode.ui.calls.find((call) => call.kind === 'quickPick');
    assert.ok(picker?.kind === 'quickPick' && picker.items.length > 0, 'the instance picker');
    assert.equal(picker.options.ignoreFocusOut, true);
  });

  it('declining the offer leaves the keychain as it was', async () => {
    const qbo = await byName(emulator, 'QBO Token');
    await test('QBO Token');
    assert.ok(messages('info').some((call) => /^Connected: "QBO Token"/.test(call.message)));
    assert.ok(messages('info').some((call) => /Store it in the keychain\?$/.test(call.message) && call.items.includes('Store in Keychain')));
    assert.equal(await m.services.vault.instanceToken('custom', qbo.id), undefined);
  });

  it('the token from the keychain is used when it has one (no GET /instances/{id})', async () => {
    const xero = await byName(emulator, 'Xero Demo Company');
    await m.services.vault.setInstanceToken('custom', xero.id, xero.token);
    await test('Xero Demo Company');
    assert.ok(messages('info').some((call) => call.message.startsWith('Connected:')));
    assert.ok(!messages().some((call) => /keychain had no token/.test(call.message)));
    assert.ok(!(await emulatorRequests(emulator)).some((request) => request.method === 'GET' && request.path.endsWith(`/instances/${xero.id}`)));
  });

  it('401 (authorization expired): the provider\'s refusal and the request id, on the instance and in the message', async () => {
    const fresh = await byName(emulator, 'FreshBooks (authorization expired)');
    await test('FreshBooks (authorization expired)');
    const error = messages('error').at(-1)?.message ?? '';
    assert.match(error, new RegExp(`^Test Connection of "FreshBooks \\(authorization expired\\)" \\(#${fresh.id}\\) failed: Cloud Elements refused the credentials for GET /hubs/finance/ping \\(HTTP 401 Unauthorized\\)`));
    assert.match(error, /The API said: .+ Request id: \w+\.$/);
    const treeItem = await item('FreshBooks (authorization expired)');
    assert.match(String(treeItem.description), /· connection failed$/);
    assert.match(tooltip(treeItem), /Connection test failed \(at \d\d:\d\d:\d\d, after \d+ ms\): Cloud Elements refused the credentials/);
    assert.match(tooltip(treeItem), /\n\nRequest id: `\w+`\.$/);
    // The authorization warning keeps its icon: it is what needs doing.
    assert.equal((treeItem.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.ok(!messages().some((call) => /Store it in the keychain/.test(call.message)), 'a refused token is not offered to the keychain');
  });

  it('403 (disabled): says the instance is disabled and to enable it', async () => {
    await test('Sage One US (disabled)');
    assert.match(messages('error').at(-1)?.message ?? '', /failed: GET \/hubs\/sage\/ping was refused \(HTTP 403 Forbidden\): the instance is disabled\. Enable it, then try again\./);
    assert.match(String((await item('Sage One US (disabled)')).description), /\(disabled\) · connection failed$/);
  });

  it('404: says nothing was found at that path', async () => {
    await addFault(emulator, { method: 'GET', path: '/hubs/finance/ping', status: 404, body: { message: 'No such hub', requestId: 'req-404' } });
    await test('Xero Demo Company');
    assert.match(messages('error').at(-1)?.message ?? '', /GET \/hubs\/finance\/ping found nothing \(HTTP 404 Not Found\).* The API said: No such hub\. Request id: req-404\.$/);
    assert.match(tooltip(await item('Xero Demo Company')), /Request id: `req-404`\.$/);
    const icon = (await item('Xero Demo Company')).iconPath as vscode.ThemeIcon;
    assert.deepEqual([icon.id, icon.color?.id], ['debug-disconnect', 'list.errorForeground']);
  });

  it('5xx: a ping is safe to repeat, so it is tried twice, and the message says so', async () => {
    await addFault(emulator, { method: 'GET', path: '/hubs/finance/ping', status: 503, times: 0 });
    await test('Xero Demo Company');
    assert.match(messages('error').at(-1)?.message ?? '', /GET \/hubs\/finance\/ping failed on the server \(HTTP 503 Service Unavailable\) after 2 attempts\./);
    assert.equal((await emulatorRequests(emulator)).filter((request) => request.path.endsWith('/ping')).length, 2);
  });

  it('timeout: says how long it waited, and that raising the timeout may help', async () => {
    vscode.settings.set(`${SECTION}.requestTimeoutSeconds`, 1);
    // Only the first ping is slow: a second attempt would be answered at once, and connect.
    await addFault(emulator, { method: 'GET', path: '/hubs/finance/ping', delayMs: 1500 });
    await test('Xero Demo Company');
    assert.match(messages('error').at(-1)?.message ?? '', /GET \/hubs\/finance\/ping got no answer from 127\.0\.0\.1:\d+ within 1 s\. Try again, or raise the request timeout\./);
    assert.match(String((await item('Xero Demo Company')).description), /connection failed$/);
    const pings = async () => (await emulatorRequests(emulator)).filter((request) => request.path.endsWith('/ping'));
    await until(async () => (await pings()).length > 0, 'the emulator to answer the slow ping');
    assert.equal((await pings()).length, 1, 'a timeout is not tried again');
  });

  it('the token cannot be read either: says both, and nothing was sent to the hub', async () => {
    const xero = await byName(emulator, 'Xero Demo Company');
    await addFault(emulator, { method: 'GET', path: `^/elements/api-v2/instances/${xero.id}$`, status: 500, times: 0 });
    await test('Xero Demo Company');
    assert.match(
      messages('error').at(-1)?.message ?? '',
      new RegExp(`failed: The keychain has no token for instance ${xero.id} in this environment, and reading it from Cloud Elements \\(GET /instances/${xero.id}\\) failed: GET /instances/${xero.id} failed on the server \\(HTTP 500`),
    );
    assert.ok(!(await emulatorRequests(emulator)).some((request) => request.path.endsWith('/ping')));
  });

  it('cancelled: no outcome on the tree and no message', async () => {
    await addFault(emulator, { method: 'GET', path: '/hubs/finance/ping', delayMs: 1000 });
    const testing = test('Xero Demo Company');
    // Cancel once the test is under way (its progress shown), not after a guess of 100 ms.
    const window = vscode.window as unknown as { lastProgressCancel?: () => void };
    await until(() => window.lastProgressCancel !== undefined, 'the Test Connection progress');
    window.lastProgressCancel!();
    await testing;
    assert.deepEqual(messages('error').map((m) => m.message), []);
    assert.equal(String((await item('Xero Demo Company')).description), `#${(await byName(emulator, 'Xero Demo Company')).id}`);
  });

  it('signed out: asks to sign in first (Escape: nothing is sent)', async () => {
    await suite.remount((running) => mountConsole(running, { signedIn: false }));
    const xero = await byName(emulator, 'Xero Demo Company');
    await vscode.commands.executeCommand('cloudElements.testConnection', xero.id);
    assert.ok(vscode.ui.calls.some((call) => call.kind === 'inputBox' && /Sign In/.test(call.options.title)), 'Sign In asked for the secrets');
    assert.deepEqual(await emulatorRequests(emulator), []);
  });

  it('from the command palette: asks which instance', async () => {
    m.user.pick(/Cloud Elements: Test Connection/, (candidate: { label: string }) => candidate.label === 'QBO Token');
    await vscode.commands.executeCommand('cloudElements.testConnection');
    assert.ok(messages('info').some((call) => /^Connected: "QBO Token"/.test(call.message)));
  });

  it('each instance has an API node; only the instance that was tested shows an outcome', async () => {
    await test('QBO Token');
    const tree = await render(m.view.provider);
    const instances = tree.flatMap((group) => group.children);
    assert.ok(instances.every((node) => node.children.length === 0), 'instances are collapsed: render does not open them');
    const items = await Promise.all(['Xero Demo Company', 'QBO Token'].map(item));
    assert.deepEqual(items.map((treeItem) => treeItem.collapsibleState), [vscode.TreeItemCollapsibleState.Collapsed, vscode.TreeItemCollapsibleState.Collapsed]);
    assert.doesNotMatch(String(items[0]!.description), /connect/);
    assert.match(String(items[1]!.description), /connected/);
  });
});

describe('Provision Element tests the new instance\'s connection', () => {
  let emulator: RunningEmulator;
  let m: ConsoleMount;
  mountForEachTest({ port: 0 }, (running) => mountConsole(running, { provisioning: true }), (running, mounted) => ((emulator = running), (m = mounted)));

  async function provisionXero(name: string): Promise<void> {
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'XERO-KEY-0001', 'Client Secret': 'XERO-SECRET-0002' }, name });
    m.browser.behavior = returnsToVsCode('allow');
    await vscode.commands.executeCommand('cloudElements.provision');
    await m.browser.settled();
  }

  it('"Created and connected" with the time; the instance shows it in the tree', async () => {
    await provisionXero('Books');
    const [record] = await storedInstances(emulator);
    const done = messages('info').find((call) => /^Created/.test(call.message));
    assert.match(done?.message ?? '', new RegExp(`^Created and connected: Books \\(#${record!.id}\\) answered in \\d+ ms\\.$`));
    assert.deepEqual(done?.items, ['Save instance.json', 'Copy Token']);
    const treeItem = m.view.provider.getTreeItem(await instanceNode(m, 'Books')) as unknown as vscode.TreeItem;
    assert.match(String(treeItem.description), /connected \(\d+ ms\)$/);
    assert.equal((await emulatorRequests(emulator)).filter((request) => request.path === '/elements/api-v2/hubs/finance/ping').length, 1);
    // In the status bar, not a notification: VS Code holds back a toast that comes with too many others.
    const testing = (vscode.window.progressOptions as Array<{ location: unknown; title?: string; cancellable?: boolean }>).filter((options) => /^Testing the connection/.test(options.title ?? ''));
    assert.deepEqual(testing.map((options) => options.location), [vscode.ProgressLocation.Window]);
    await assertNoSecretShown(m, ['XERO-KEY-0001', 'XERO-SECRET-0002']);
  });

  it('"Created, but the connection test failed: …" with the API\'s words; the instance is created all the same', async () => {
    await addFault(emulator, { method: 'GET', path: '/hubs/finance/ping', status: 502, body: { message: 'Xero answered 502', requestId: 'req-502' }, times: 0 });
    await provisionXero('Books');
    const [record] = await storedInstances(emulator);
    assert.ok(record, 'created');
    const done = messages('warning').find((call) => /^Created/.test(call.message));
    assert.match(
      done?.message ?? '',
      new RegExp(`^Created Books \\(#${record.id}\\), but the connection test failed: GET /hubs/finance/ping failed on the server \\(HTTP 502 Bad Gateway\\) after 2 attempts\\. The API said: Xero answered 502\\. Request id: req-502\\.$`),
    );
  });
});

describe('Re-authorize Instance tests the connection again, as a create does', () => {
  let emulator: RunningEmulator;
  let m: ConsoleMount;
  mountForEachTest({ port: 0, seed: true }, (running) => mountConsole(running, { provisioning: true }), (running, mounted) => ((emulator = running), (m = mounted)));

  const FRESHBOOKS = 'FreshBooks (authorization expired)';

  function tooltipOf(treeItem: vscode.TreeItem): string {
    return typeof treeItem.tooltip === 'string' ? treeItem.tooltip : (treeItem.tooltip?.value ?? '');
  }

  it('a failed test before, then Re-authorize: "Re-authorized and connected", and the instance shows connected (no stale "connection failed")', async () => {
    const record = await byName(emulator, FRESHBOOKS);
    await vscode.commands.executeCommand('cloudElements.testConnection', await instanceNode(m, FRESHBOOKS));
    assert.match(String((m.view.provider.getTreeItem(await instanceNode(m, FRESHBOOKS)) as unknown as vscode.TreeItem).description), /connection failed$/);

    m.user
      .input(/: API Key \(/, 'FRESHBOOKS-REAUTH-KEY-01')
      .input(/: API Secret \(/, 'FRESHBOOKS-REAUTH-SECRET-02')
      .accept(/: Site Address \(/)
      .accept(/: Instance name \(/)
      .accept(/: Tags \(/)
      .review();
    m.browser.behavior = returnsToVsCode('allow');
    await vscode.commands.executeCommand('cloudElements.reauthorizeInstance', await instanceNode(m, FRESHBOOKS));
    await m.browser.settled();

    const done = messages('info').find((call) => /^Re-authorized/.test(call.message));
    assert.match(done?.message ?? '', new RegExp(`^Re-authorized and connected: FreshBooks \\(authorization expired\\) \\(#${record.id}\\) answered in \\d+ ms\\.$`));
    const treeItem = m.view.provider.getTreeItem(await instanceNode(m, FRESHBOOKS)) as unknown as vscode.TreeItem;
    assert.match(String(treeItem.description), /connected \(\d+ ms\)$/);
    assert.doesNotMatch(tooltipOf(treeItem), /Connection test failed/);
    assert.match(tooltipOf(treeItem), /State: valid/);
  });

  it('the name step of Re-authorize says it renames the instance, not "the new instance"', async () => {
    m.user
      .input(/: API Key \(/, 'FRESHBOOKS-REAUTH-KEY-01')
      .input(/: API Secret \(/, 'FRESHBOOKS-REAUTH-SECRET-02')
      .accept(/: Site Address \(/)
      .input(/: Instance name \(/, 'FreshBooks renamed')
      .accept(/: Tags \(/)
      .review();
    m.browser.behavior = returnsToVsCode('allow');
    await vscode.commands.executeCommand('cloudElements.reauthorizeInstance', await instanceNode(m, FRESHBOOKS));
    await m.browser.settled();
    const box = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /: Instance name \(/.test(call.options.title ?? '')) as Extract<vscode.UiCall, { kind: 'inputBox' }>;
    assert.doesNotMatch(box.options.prompt ?? '', /new instance/);
    assert.match(box.options.prompt ?? '', /rename/i);
    assert.ok((await storedInstances(emulator)).some((candidate) => candidate.name === 'FreshBooks renamed'), 'the PUT renamed it, as the step said');
  });
});

