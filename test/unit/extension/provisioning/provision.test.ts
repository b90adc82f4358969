import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { AWAITING_CALLBACK_KEY } from '../../../../src/extension/provisioning/awaitingCallback';
import { NOT_IN_PROGRESS } from '../../../../src/extension/provisioning/callbackTexts';
import { decide } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import {
  addFault,
  assertNoSecretShown,
  callText,
  messages,
  mount,
  mountForEachTest,
  openInVsCode,
  PICK_ELEMENT,
  provision,
  resetEmulator,
  returnsToVsCode,
  REVIEW,
  script,
  storedInstances,
} from './setup';
import type { Mounted, WizardScript } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- quick pick items of the fake */

const XERO_KEY = 'XERO-CONSUMER-KEY-0001';
const XERO_SECRET = 'XERO-CONSUMER-SECRET-0002';

describe('Provision Element (against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  const suite = mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  describe('every seed flow through the URI handler', () => {
    const cases: Array<WizardScript & { check(record: any): void; typed: string[] }> = [
      {
        element: 'xero',
        flow: 'oauth2',
        fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET },
        typed: [XERO_KEY, XERO_SECRET],
        check: (record) => {
          assert.match(record.providerData.code, /.+/);
          assert.equal(record.configuration['oauth.callback.url'], 'vscode://elements-dev.elements-toolkit/callback');
          // Partner applications are an OAuth 1.0a notion: not asked, not sent.
          assert.equal(record.configuration['xero.partner'], undefined);
          assert.equal(record.name, 'Xero (OAuth 2)');
        },
      },
      {
        element: 'xero',
        flow: 'oauth1',
        fields: { 'Consumer Key': XERO_KEY, 'Consumer Secret': XERO_SECRET },
        typed: [XERO_KEY, XERO_SECRET],
        check: (record) => {
          assert.equal(record.providerData.org, 'kfN8Ch1HUqBPwVA6sKaSLw');
          assert.ok(record.providerData.oauth_verifier && record.providerData.secret);
        },
      },
      {
        element: 'freshbooks',
        fields: { 'API Key': 'FRESHBOOKS-KEY-0003', 'API Secret': 'FRESHBOOKS-SECRET-0003', 'Site Address': 'targetcompany' },
        tags: 'finance, books',
        typed: ['FRESHBOOKS-KEY-0003', 'FRESHBOOKS-SECRET-0003'],
        check: (record) => {
          assert.equal(record.configuration['freshbooks.site.address'], 'targetcompany');
          assert.ok(record.providerData.refresh_token);
          assert.deepEqual(record.tags, ['finance', 'books']);
        },
      },
      {
        element: 'sageoneus',
        fields: { 'Client ID': 'SAGE-CLIENT-ID-0004', 'Client Secret': 'SAGE-CLIENT-SECRET-0005', Signature: 'SAGE-SIGNATURE-0006' },
        typed: ['SAGE-CLIENT-ID-0004', 'SAGE-CLIENT-SECRET-0005', 'SAGE-SIGNATURE-0006'],
        check: (record) => assert.equal(record.configuration.signature, 'SAGE-SIGNATURE-0006'),
      },
      {
        element: 'quickbooks',
        flow: 'oauth1',
        fields: { 'API Key': 'QBO-API-KEY-0007', 'API Secret': 'QBO-API-SECRET-0008' },
        typed: ['QBO-API-KEY-0007', 'QBO-API-SECRET-0008'],
        check: (record) => {
          assert.equal(record.providerData.realmId, '12345678910');
          assert.equal(record.providerData.dataSource, 'QBO');
        },
      },
    ];
    for (const c of cases) {
      it(`${c.element}${c.flow ? ` ${c.flow}` : ""}: creates the instance and keeps its token in the keychain`, async () => {
        script(m.user, c);
        m.browser.behavior = returnsToVsCode('allow');
        await provision(m);
        const [record] = await storedInstances(emulator);
        assert.ok(record, `no instance: ${JSON.stringify(vscode.ui.calls.map((call) => [call.kind, (call as any).message ?? (call as any).options?.title]))} ${m.logLines.join("\n")}`);
        assert.equal(record.element.key, c.element);
        c.check(record);
        assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token);
        assert.deepEqual(m.revealed, [record.id]);
        const done = messages().at(-1)!;
        assert.equal(done.message, `Created ${record.name} (#${record.id}).`);
        assert.deepEqual(done.items, ['Save instance.json', 'Copy Token']);
        assert.equal(m.browser.opened.length, 1);
        await assertNoSecretShown(m, c.typed);
      });
    }

    it('quickbooks token based: no browser, every field asked, defaults offered', async () => {
      m.user
        .pick(PICK_ELEMENT, (item) => item.element.key === 'quickbooks')
        .pick(/Provision Element: QuickBooks/, (item) => item.flow.type === 'token')
        .input(/: Callback URL \(/, 'https://app.example.com/auth')
        .accept(/: Data source \(/)
        .accept(/: Refresh interval/)
        .input(/: Realm ID \(/, '123145')
        .input(/: User token \(/, 'QBO-USER-TOKEN-0009')
        .input(/: User token secret \(/, 'QBO-USER-TOKEN-SECRET-0010')
        .input(/: API Key \(/, 'QBO-API-KEY-0011')
        .input(/: API Secret \(/, 'QBO-API-SECRET-0012')
        .input(/: Last refresh time/, '')
        .accept(/: Instance name \(/)
        .accept(/: Tags \(/)
        .review();
      await provision(m);
      const [record] = await storedInstances(emulator);
      assert.ok(record);
      assert.equal(record.name, 'QuickBooks Online (Token based (quick provision))');
      // The documentation's "QBO Token" is the Tags box's example, no longer its value (issue 11).
      assert.deepEqual(record.tags, []);
      const tags = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /: Tags \(/.test(call.options.title));
      assert.ok(tags?.kind === 'inputBox');
      assert.deepEqual([tags.options.value, tags.options.placeHolder], ['', 'e.g. QBO Token']);
      assert.equal(record.configuration['quickbooks.datasource'], 'QBO');
      assert.equal(record.configuration['oauth.user.refresh_interval'], '13046400');
      assert.equal(record.configuration['oauth.callback.url'], 'https://app.example.com/auth');
      assert.equal(m.browser.opened.length, 0);
      assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token);
      const userToken = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /User token \(/.test(call.options.title));
      assert.equal(userToken?.kind === 'inputBox' && userToken.options.password, true);
      await assertNoSecretShown(m, ['QBO-USER-TOKEN-0009', 'QBO-USER-TOKEN-SECRET-0010', 'QBO-API-KEY-0011', 'QBO-API-SECRET-0012']);
    });
  });

  it('asks only for what the flow needs: no callback URL for OAuth, password boxes for secrets, the notes shown', async () => {
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const titles = vscode.ui.calls.filter((call) => call.kind !== 'message').map((call) => (call as any).options.title);
    assert.deepEqual(titles.slice(2), [
      'Provision Xero (OAuth 2): Client ID (1/4)',
      'Provision Xero (OAuth 2): Client Secret (2/4)',
      'Provision Xero (OAuth 2): Instance name (3/4)',
      'Provision Xero (OAuth 2): Tags (4/4)',
      'Provision Xero (OAuth 2): Review',
    ]);
    const key = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
    assert.equal(key.options.password, true);
    assert.match(key.options.prompt, /Note: With OAuth 1\.0a \(legacy\), a public Xero application must renew/);
    assert.equal(vscode.contextKeys.get('cloudElements.provisioned'), true, 'the walkthrough\'s "Provision an element" step completes');
  });

  it('from an Elements-view node or an Instances-view group, the element is not asked', async () => {
    m.user
      .input(/: API Key \(/, 'FRESHBOOKS-KEY-0003')
      .input(/: API Secret \(/, 'FRESHBOOKS-SECRET-0003')
      .input(/: Site Address \(/, 'targetcompany')
      .accept(/: Instance name/)
      .accept(/: Tags/)
      .review();
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m, { kind: 'elementGroup', elementKey: 'freshbooks', elementName: 'FreshBooks', instances: [] });
    assert.ok(!vscode.ui.calls.some((call) => call.kind === 'quickPick' && !REVIEW.test(callText(call))), 'no pick but the review');
    assert.equal((await storedInstances(emulator)).length, 1);
  });

  it('Deny: a clear message and nothing created', async () => {
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    m.browser.behavior = returnsToVsCode('deny');
    await provision(m);
    assert.deepEqual(await storedInstances(emulator), []);
    const last = messages().at(-1)!;
    assert.equal(last.level, 'warning');
    assert.equal(last.message, 'Xero refused the authorization: access_denied. Nothing was created.');
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.key'), undefined, 'app secrets are kept only after success');
  });

  it('a foreign state and a replayed link get a warning (no state echoed); the real flow still completes', async () => {
    script(m.user, { element: 'sageoneus', fields: { 'Client ID': 'SAGE-ID-0001', 'Client Secret': 'SAGE-SECRET-0001', Signature: 'SAGE-SIG-0001' } });
    let location = '';
    m.browser.behavior = async (url) => {
      location = (await decide(url, 'allow')).location;
      await openInVsCode(location.replace(/state=[^&]+/, 'state=forged-state-value'));
      await openInVsCode('vscode://elements-dev.elements-toolkit/somewhere-else?x=1');
      await openInVsCode(location);
    };
    await provision(m);
    assert.equal((await storedInstances(emulator)).length, 1);
    const warnings = messages().filter((call) => call.level === 'warning');
    assert.deepEqual(warnings.map((call) => call.message), [NOT_IN_PROGRESS]);
    assert.ok(m.logLines.some((line) => /Ignored a link to \/somewhere-else/.test(line)));

    await openInVsCode(location);
    const replay = messages().at(-1)!;
    assert.equal(replay.level, 'warning');
    assert.equal(replay.message, NOT_IN_PROGRESS);
    assert.ok(!JSON.stringify(messages()).includes(new URL(location).searchParams.get('state')!));
    assert.equal((await storedInstances(emulator)).length, 1);
  });

  it('times out when nobody authorizes: the expired message, nothing created, the context key reset', async () => {
    vscode.settings.set('cloudElements.authorizationTimeoutMinutes', 0.001);
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    await provision(m);
    assert.deepEqual(await storedInstances(emulator), []);
    const last = messages().at(-1)!;
    assert.equal(last.level, 'warning');
    assert.match(last.message, /timed out: no callback arrived within 1 second\. Nothing was created\./);
    const awaiting = vscode.executedCommands.filter((entry) => entry.command === 'setContext' && entry.args[0] === AWAITING_CALLBACK_KEY);
    assert.deepEqual(awaiting.map((entry) => entry.args[1]), [true, false]);
    assert.ok(vscode.window.progressReports.some((report: any) => /Waiting for you to authorize in the browser.*\(0:0\d left\)/.test(report.message)));
  });

  it('cancel in the progress notification: nothing created', async () => {
    script(m.user, { element: 'xero', flow: 'oauth1', fields: { 'Consumer Key': XERO_KEY, 'Consumer Secret': XERO_SECRET } });
    let location = '';
    m.browser.behavior = async (url) => {
      location = (await decide(url, 'allow')).location;
      (vscode.window as any).lastProgressCancel();
    };
    await provision(m);
    assert.deepEqual(await storedInstances(emulator), []);
    const last = messages().at(-1)!;
    assert.equal(last.level, 'info');
    assert.equal(last.message, 'Provisioning Xero was cancelled. Nothing was created.');
    await openInVsCode(location);
    assert.equal(messages().at(-1)!.level, 'warning');
    assert.deepEqual(await storedInstances(emulator), []);
  });

  it('Escape at any prompt stops silently', async () => {
    m.user.pick(PICK_ELEMENT, (item) => item.element.key === 'xero').pick(/Provision Element: Xero/, (item) => item.flow.type === 'oauth2');
    m.user.input(/Client ID/, XERO_KEY);
    await provision(m);
    assert.equal(vscode.contextKeys.get('cloudElements.provisioned'), undefined, 'the walkthrough\'s step is not completed by a cancelled run');
    assert.deepEqual(messages(), []);
    assert.equal(m.browser.opened.length, 0);
    assert.deepEqual(await storedInstances(emulator), []);
  });

  it('signed out: offers Sign In and stops when declined', async () => {
    await suite.remount((running) => mount(running, { signedIn: false }));
    await provision(m, 'xero');
    assert.equal(messages().length, 1);
    assert.match(messages()[0]!.message, /^Sign in to Cloud Elements \(Custom base URL\) to provision an element\./);
    assert.deepEqual(messages()[0]!.items, ['Sign In']);
  });

  it('a refused POST shows the API message; "Open instance.json" opens the body with keychain references', async () => {
    await addFault(emulator, { method: 'POST', path: '/instances', status: 400, body: { message: 'Xero says the application is suspended', requestId: 'r-1' } });
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    m.user.button(/suspended/, 'Open instance.json');
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    assert.deepEqual(await storedInstances(emulator), []);
    const failure = messages().find((call) => call.level === 'error')!;
    assert.match(failure.message, /Xero says the application is suspended/);
    assert.match(failure.message, /Nothing was created\.$/);
    assert.deepEqual(failure.items, ['Open instance.json', 'Show Log']);
    const document = vscode.shown.documents.at(-1)!;
    assert.equal(document.language, 'json');
    const text = document.content!;
    const body = JSON.parse(text);
    assert.equal(body.configuration['oauth.api.key'], '${keychain:xero.oauth.api.key}');
    assert.equal(body.configuration['oauth.api.secret'], '${keychain:xero.oauth.api.secret}');
    assert.equal(body.providerData.code, '${keychain:xero.providerData.code}');
    assert.equal(body.configuration['oauth.callback.url'], 'vscode://elements-dev.elements-toolkit/callback');
    assert.ok(!text.includes(XERO_KEY) && !text.includes(XERO_SECRET));
    assert.equal(await m.services.vault.keychain('custom', 'xero.oauth.api.key'), XERO_KEY);
    assert.equal(await m.services.vault.keychain('custom', 'xero.oauth.api.secret'), XERO_SECRET);
    await assertNoSecretShown(m, [XERO_KEY, XERO_SECRET]);
  });

  it('"Save instance.json" writes the body (secrets as keychain references) where the dialog says; "Copy Token" copies', async () => {
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file('/work/project'), name: 'project', index: 0 }];
    // The file is written to disk (atomically), so the dialog answers a real folder.
    const folder = await mkdtemp(join(tmpdir(), 'save-instance-'));
    try {
      script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET }, name: 'Books' });
      m.user.button(/^Created Books/, 'Save instance.json');
      m.user.on('saveDialog', /Save instance\.json/, () => vscode.Uri.file(join(folder, 'xero.instance.json')));
      m.browser.behavior = returnsToVsCode('allow');
      await provision(m);
      const dialog = vscode.ui.calls.find((call) => call.kind === 'saveDialog') as any;
      assert.equal(dialog.options.defaultUri.path, '/work/project/xero.instance.json');
      const saved = JSON.parse(await readFile(join(folder, 'xero.instance.json'), 'utf8'));
      assert.equal(saved.name, 'Books');
      assert.equal(saved.configuration['oauth.api.key'], '${keychain:xero.oauth.api.key}');
      assert.ok(!JSON.stringify(saved).includes(XERO_SECRET));
    } finally {
      vscode.workspace.workspaceFolders = undefined;
      await rm(folder, { recursive: true, force: true });
    }

    await resetEmulator(emulator);
    vscode.ui.calls.length = 0;
    m.user.reset();
    m.user.pick(/Client ID/, (item) => item.choice === 'stored').pick(/Client Secret/, (item) => item.choice === 'stored');
    script(m.user, { element: 'xero', flow: 'oauth2', fields: {}, name: 'Books 2' });
    m.user.button(/^Created Books 2/, 'Copy Token');
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.equal(vscode.clipboard.text, record!.token);
    assert.match(messages().at(-1)!.message, /^Token copied/);
  });

  it('the second time, the stored app credentials are offered and used', async () => {
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.key'), XERO_KEY);
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.secret'), XERO_SECRET);

    vscode.ui.calls.length = 0;
    m.user.reset();
    m.user.pick(/Consumer Key \(1/, (item) => item.choice === 'stored').pick(/Consumer Secret \(2/, (item) => item.choice === 'new');
    script(m.user, { element: 'xero', flow: 'oauth1', fields: { 'Consumer Secret': 'XERO-NEW-SECRET-0099' }, name: 'Second' });
    await provision(m);
    const offers = vscode.ui.calls.filter((call) => call.kind === 'quickPick' && /Consumer (Key|Secret) \(/.test(call.options.title)) as any[];
    assert.deepEqual(offers[0].items.map((item: any) => item.label), ['$(key) Use the stored Consumer Key', '$(edit) Enter a new one']);
    const second = (await storedInstances(emulator)).find((record) => record.name === 'Second')!;
    assert.equal(second.configuration['oauth.api.key'], XERO_KEY);
    assert.equal(second.configuration['oauth.api.secret'], 'XERO-NEW-SECRET-0099');
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.secret'), 'XERO-NEW-SECRET-0099');
    await assertNoSecretShown(m, [XERO_KEY, XERO_SECRET, 'XERO-NEW-SECRET-0099']);
  });

  it('"Enter Authorization Callback URL…" completes a flow waiting in any mode', async () => {
    script(m.user, { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET } });
    m.browser.behavior = async (url) => {
      const { location } = await decide(url, 'allow');
      m.user.input(/Paste the Callback Address/, location);
      await vscode.commands.executeCommand('cloudElements.enterCallbackUrl');
    };
    await provision(m);
    assert.equal((await storedInstances(emulator)).length, 1);

    vscode.ui.calls.length = 0;
    await vscode.commands.executeCommand('cloudElements.enterCallbackUrl');
    assert.match(messages()[0]!.message, /^No sign-in is waiting/);
  });
});
