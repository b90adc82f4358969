import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { signIn, signOut, switchEnvironment } from '../../../src/extension/commands/account';
import { readSettings } from '../../../src/extension/settings';
import { describeState } from '../../../src/extension/statusBar';
import { elementFromArgument, ElementsTreeProvider } from '../../../src/extension/views/elementsTree';
import type { ElementsNode } from '../../../src/extension/views/elementsTree';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/server';
import * as vscode from '../vscode/fakeVscode';
import { createHarness } from './harness';
import type { Harness } from './harness';

describe('extension foundation', () => {
  describe('settings', () => {
    it('falls back to defaults for missing or invalid values', () => {
      const settings = readSettings({ get: <T>(key: string) => ({ environment: 'mars', callbackMode: 'carrier-pigeon', 'lint.severities': { placeholder: 'off', bogus: 'error', url: 'loud' }, requestTimeoutSeconds: -1 } as Record<string, unknown>)[key] as T });
      assert.equal(settings.environment, 'production');
      assert.equal(settings.callbackMode, 'uriHandler');
      // Invalid severities are dropped here; an unknown rule id is kept, and the linter ignores it (instanceFile/rules.test.ts).
      assert.deepEqual(settings.lintSeverities, { placeholder: 'off', bogus: 'error' });
      assert.equal(settings.requestTimeoutMs, 30_000);
      assert.deepEqual(settings.lintFilePatterns, ['**/instance.json', '**/*.instance.json', '**/instances/*.json']);
    });
  });

  describe('the local emulator environment', () => {
    it('reads its address from the setting; the status bar and the sign-in say "Local emulator" and where', async () => {
      const harness = createHarness();
      vscode.settings.set('cloudElements.environment', 'local');
      vscode.settings.set('cloudElements.localEmulatorAddress', '127.0.0.2:41234');
      assert.equal(harness.services.settings().localEmulatorAddress, '127.0.0.2:41234');
      const state = await harness.services.session.refresh();
      assert.equal(state.environment.label, 'Local emulator');
      assert.equal(state.baseUrl, 'http://127.0.0.2:41234/elements/api-v2');
      assert.deepEqual(describeState(state), {
        text: '$(cloud-download) Local emulator (signed out)',
        tooltip: 'Cloud Elements: Local emulator — http://127.0.0.2:41234/elements/api-v2, signed out. Click to switch environment.',
      });
      assert.equal(await signIn(harness.services), false, 'Escape');
      const prompt = vscode.ui.calls[0];
      assert.ok(prompt?.kind === 'inputBox');
      assert.equal(prompt.options.title, 'Cloud Elements: Sign In to Local emulator');
      assert.match(prompt.options.prompt, /^The user secret the local emulator printed when it started/);
    });

    it('an address that is none: the status bar says so, Sign In names the problem and offers the setting, nothing is asked', async () => {
      const harness = createHarness();
      vscode.settings.set('cloudElements.environment', 'local');
      vscode.settings.set('cloudElements.localEmulatorAddress', 'http://127.0.0.1:8787/somewhere');
      const state = await harness.services.session.refresh();
      assert.equal(state.baseUrl, undefined);
      assert.equal(describeState(state).text, '$(cloud-download) Local emulator (invalid address)');
      assert.match(describeState(state).tooltip, /is not an address of the local emulator: give host:port, e\.g\. 127\.0\.0\.1:8787\./);
      vscode.ui.script.push(() => 'Open Setting');
      assert.equal(await signIn(harness.services), false);
      assert.deepEqual(vscode.ui.calls.map((call) => call.kind), ['message']);
      const message = vscode.ui.calls[0];
      assert.ok(message?.kind === 'message');
      assert.match(message.message, /^Cannot sign in to the local emulator: "http:\/\/127\.0\.0\.1:8787\/somewhere" is not an address/);
      assert.deepEqual(vscode.executedCommands.at(-1), { command: 'workbench.action.openSettings', args: ['cloudElements.localEmulatorAddress'] });
    });
  });

  describe('keychain vault', () => {
    it('namespaces secrets by environment and forgets an environment\'s account and tokens on sign-out', async () => {
      const { services, secrets } = createHarness();
      const { vault } = services;
      await vault.setAccount('local', { userSecret: 'u-local', orgSecret: 'o-local' });
      await vault.setAccount('production', { userSecret: 'u-prod', orgSecret: 'o-prod' });
      await vault.setInstanceToken('local', 7, 'token-7');
      await vault.setAppSecret('local', 'xero', 'oauth.api.key', 'app-key');
      assert.deepEqual(await vault.account('local'), { userSecret: 'u-local', orgSecret: 'o-local' });
      assert.ok([...secrets.values.keys()].every((key) => key.startsWith('cloudElements:local:') || key.startsWith('cloudElements:production:')));

      await vault.clearAccount('local');
      assert.equal(await vault.account('local'), undefined);
      assert.equal(await vault.instanceToken('local', 7), undefined);
      assert.deepEqual(await vault.account('production'), { userSecret: 'u-prod', orgSecret: 'o-prod' });
      assert.equal(await vault.appSecret('local', 'xero', 'oauth.api.key'), 'app-key', 'app credentials stay for the next provisioning');
    });

    it('teaches the log every secret it touches', async () => {
      const { services, logLines } = createHarness();
      await services.vault.setKeychain('custom', 'xero.oauth.api.secret', 'very-secret-value');
      services.log.info('oops: very-secret-value leaked into a message');
      assert.deepEqual(logLines, ['info oops: *** leaked into a message']);
    });
  });

  describe('session and account commands against the emulator', () => {
    let emulator: RunningEmulator;
    let harness: Harness;
    before(async () => {
      emulator = await startEmulator({ port: 0 });
    });
    after(() => emulator.close());
    beforeEach(async () => {
      harness = createHarness(emulator.apiBaseUrl);
      await harness.services.session.refresh();
    });

    it('starts signed out, with the context key and status bar saying so', () => {
      assert.equal(harness.services.session.state.signedIn, false);
      assert.equal(vscode.contextKeys.get('cloudElements.signedIn'), false);
      assert.match(describeState(harness.services.session.state).text, /Custom base URL \(signed out\)/);
    });

    it('Sign In asks for both secrets (password inputs), checks them with a real call and keeps them in the keychain', async () => {
      vscode.ui.script.push(() => emulator.userSecret, () => emulator.orgSecret);
      assert.equal(await signIn(harness.services), true);
      const inputs = vscode.ui.calls.filter((call) => call.kind === 'inputBox');
      assert.equal(inputs.length, 2);
      assert.ok(inputs.every((call) => call.kind === 'inputBox' && call.options.password === true));
      assert.equal(harness.services.session.state.signedIn, true);
      assert.equal(vscode.contextKeys.get('cloudElements.signedIn'), true);
      assert.deepEqual(await harness.services.vault.account('custom'), { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
      assert.ok((await harness.services.session.client()).baseUrl.startsWith(emulator.url));
      assert.ok(harness.logLines.some((line) => line.includes('GET')), 'the check request is logged');
      assert.ok(harness.logLines.every((line) => !line.includes(emulator.userSecret) && !line.includes(emulator.orgSecret)));
    });

    it('wrong secrets are refused with a clear message and nothing is stored', async () => {
      vscode.ui.script.push(() => 'wrong-user', () => 'wrong-org', () => undefined);
      assert.equal(await signIn(harness.services), false);
      const error = vscode.ui.calls.find((call) => call.kind === 'message' && call.level === 'error');
      assert.ok(error && error.kind === 'message');
      assert.match(error.message, /did not accept the user or organization secret/);
      assert.ok(!error.message.includes('wrong-user'));
      assert.equal(await harness.services.vault.account('custom'), undefined);
    });

    it('the local emulator refusing the secrets: says to use the ones it printed and when they change, not "the Cloud Elements console" (issue 20 item 5)', async () => {
      vscode.settings.set('cloudElements.environment', 'local');
      vscode.settings.set('cloudElements.localEmulatorAddress', new URL(emulator.apiBaseUrl).host);
      await harness.services.session.refresh();
      vscode.ui.script.push(() => 'secret-of-the-last-run', () => 'org-secret-of-the-last-run', () => undefined);
      assert.equal(await signIn(harness.services), false);
      const error = vscode.ui.calls.find((call) => call.kind === 'message' && call.level === 'error');
      assert.ok(error && error.kind === 'message');
      assert.doesNotMatch(error.message, /Cloud Elements console/);
      assert.match(error.message, /^The local emulator did not accept the user or organization secret\. Use the ones it printed when it started: npm start keeps them with its demo folder/);
    });

    it('Escape on the first prompt cancels without a message', async () => {
      assert.equal(await signIn(harness.services), false);
      assert.deepEqual(vscode.ui.calls.map((call) => call.kind), ['inputBox']);
    });

    it('Sign Out removes the secrets and flips the context key', async () => {
      await harness.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
      await harness.services.session.refresh();
      await signOut(harness.services);
      assert.equal(await harness.services.vault.account('custom'), undefined);
      assert.equal(vscode.contextKeys.get('cloudElements.signedIn'), false);
    });

    it('a custom base URL without /elements/api-v2 is flagged as typed, and appending it is offered (issue 20 item 14)', async () => {
      vscode.settings.set('cloudElements.customBaseUrl', '');
      await harness.services.session.refresh();
      vscode.ui.script.push(
        (call) => {
          assert.equal(call.kind, 'inputBox');
          const check = (call as { options: { validateInput(text: string): unknown } }).options.validateInput(emulator.url);
          assert.deepEqual(check, {
            message: `${emulator.url} does not end with /elements/api-v2, where Cloud Elements serves api-v2 (e.g. ${emulator.url}/elements/api-v2). Press Enter to choose.`,
            severity: vscode.InputBoxValidationSeverity.Warning,
          });
          assert.equal((call as { options: { validateInput(text: string): unknown } }).options.validateInput(emulator.apiBaseUrl), undefined);
          return emulator.url;
        },
        (call) => {
          assert.equal(call.kind, 'quickPick');
          const items = (call as { items: Array<{ label: string; url: string }> }).items;
          assert.deepEqual(items.map((item) => item.url), [emulator.apiBaseUrl, emulator.url]);
          assert.match(items[0]!.label, /Append \/elements\/api-v2/);
          return items[0];
        },
        () => emulator.userSecret,
        () => emulator.orgSecret,
      );
      assert.equal(await signIn(harness.services), true);
      assert.equal(vscode.settings.get('cloudElements.customBaseUrl'), emulator.apiBaseUrl);
    });

    it('a custom base URL set by hand without /elements/api-v2: Sign In says what is expected and offers to append it', async () => {
      vscode.settings.set('cloudElements.customBaseUrl', `${emulator.url}/`);
      await harness.services.session.refresh();
      vscode.ui.script.push(
        (call) => {
          assert.equal(call.kind, 'quickPick');
          const options = (call as { options: { placeHolder: string } }).options;
          assert.match(options.placeHolder, /does not end with \/elements\/api-v2/);
          return (call as { items: unknown[] }).items[0];
        },
        () => emulator.userSecret,
        () => emulator.orgSecret,
      );
      assert.equal(await signIn(harness.services), true);
      assert.equal(vscode.settings.get('cloudElements.customBaseUrl'), emulator.apiBaseUrl);
      assert.equal(harness.services.session.state.baseUrl, emulator.apiBaseUrl);
    });

    it('Switch Environment lists every environment with its sign-in state and updates the setting', async () => {
      await harness.services.vault.setAccount('local', { userSecret: 'u', orgSecret: 'o' });
      vscode.ui.script.push((call) => {
        assert.equal(call.kind, 'quickPick');
        const items = (call as { items: Array<{ label: string; description: string; detail: string; environment: { id: string } }> }).items;
        assert.deepEqual(items.map((item) => item.environment.id), ['production', 'eu', 'staging', 'openconnectors', 'local', 'custom']);
        const byId = (id: string) => items.find((item) => item.environment.id === id)!;
        assert.equal(byId('local').detail, '$(account) Signed in');
        assert.equal(byId('local').description, "127.0.0.1:8787 · The toolkit's emulator (npm run emulator)");
        assert.match(byId('custom').label, /^\$\(check\)/);
        assert.match(byId('custom').detail, /Other SAP Open Connectors regions: https:\/\/api\.openconnectors\.<region>\.ext\.hana\.ondemand\.com\/elements\/api-v2/);
        assert.match(byId('openconnectors').detail, /^Signed out · Cloud Elements is now SAP Open Connectors/);
        return byId('local');
      });
      await switchEnvironment(harness.services);
      assert.equal(vscode.settings.get('cloudElements.environment'), 'local');
      assert.equal(harness.services.session.state.environment.id, 'local');
      assert.equal(harness.services.session.state.signedIn, true);
    });
  });

  describe('Elements view', () => {
    const provider = new ElementsTreeProvider(catalog);

    it('groups the whole catalog by hub, sorted by label', () => {
      const hubs = provider.getChildren();
      const labels = hubs.map((hub) => provider.getTreeItem(hub).label);
      assert.deepEqual(labels, [...labels].sort((a, b) => String(a).localeCompare(String(b))));
      const total = hubs.reduce((sum, hub) => sum + provider.getChildren(hub).length, 0);
      assert.equal(total, catalog.elements.length);
    });

    it('shows each element with its flows and an element context for the inline actions', () => {
      const finance = provider.getChildren().find((hub) => hub.kind === 'hub' && hub.hub === 'finance')!;
      const xero = provider.getChildren(finance).find((node) => node.kind === 'element' && node.element.key === 'xero')!;
      const item = provider.getTreeItem(xero);
      assert.equal(item.label, 'Xero');
      assert.equal(item.description, 'OAuth 2 · OAuth 1 (legacy)', 'the retired flow is marked');
      assert.equal(item.contextValue, 'element');
      assert.match(String((item.tooltip as { value: string }).value), /30 minutes/);
      assert.equal(elementFromArgument(xero, catalog)?.key, 'xero');
      assert.equal(elementFromArgument('quickbooks', catalog)?.key, 'quickbooks');
      assert.equal(elementFromArgument(undefined, catalog), undefined);
      assert.equal(elementFromArgument({ kind: 'elementGroup', elementKey: 'sageoneus' }, catalog)?.key, 'sageoneus');
    });

    it('is static data: no children below an element', () => {
      const anyElement: ElementsNode = { kind: 'element', element: catalog.get('xero')! };
      assert.deepEqual(provider.getChildren(anyElement), []);
    });
  });
});
