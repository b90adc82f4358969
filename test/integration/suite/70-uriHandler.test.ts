/**
 * Provisioning through the real callback paths: the commands' own prompts (answered in the
 * page), the extension's pending-flow registry, its URI handler as VS Code registered it, the
 * loopback server, the paste command, SecretStorage and the Instances view. The stand-ins are
 * the message boxes (recorded, dismissed) and the user's browser: the test catches
 * `env.openExternal`, loads the emulator's authorize page and clicks Allow or Deny over HTTP,
 * then hands the redirect to the workbench the way code-server's callback page does
 * (`vscode.open` of the `<uriScheme>://elements-dev.elements-toolkit/callback?…` URI, which the
 * workbench's URL service routes to the extension's handler). Opening the redirect in a real
 * browser tab is the end-to-end suite's job (test/e2e).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Instance } from '../../../src/core/api/types';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import type { InstancesNode } from '../../../src/extension/views/instanceNodes';
import { closeAllEditors, emulator, EXTENSION_ID, MessageRecorder, resetEmulator, signIn, storedInstances, stubOpenExternal, toolkit, waitFor } from './helpers';
import { answerQuickInput, answerQuickInputs, requireDriver } from './ui';
import { decide as browserDecision } from '../../unit/emulator/helpers';
import { connectionRefused } from '../../unit/fetchFailure';

const NOT_IN_PROGRESS = /not for a sign-in in progress/;

/** Records what the extension asks the user's browser to open. */
class Browser implements vscode.Disposable {
  readonly opened: string[] = [];
  private readonly stub = stubOpenExternal((url) => this.opened.push(url));

  async next(count: number): Promise<string> {
    return waitFor(() => this.opened[count - 1], `the browser to open URL #${count}`, 15_000);
  }

  dispose(): void {
    this.stub.dispose();
  }
}

/** What a browser does on the emulator's authorize page (load it, click Allow or Deny): where it redirects. */
async function decide(oauthUrl: string, decision: 'allow' | 'deny'): Promise<string> {
  return (await browserDecision(oauthUrl, decision)).location;
}

/**
 * The URI code-server's callback page hands to the workbench for a redirect to an
 * `asExternalUri` address: scheme, authority and path from its `vscode-*` parameters, the
 * provider's parameters as the query.
 */
function appUri(location: string): vscode.Uri {
  const params = new URL(location).searchParams;
  const provider = [...params].filter(([name]) => !name.startsWith('vscode-'));
  const query = [params.get('vscode-query'), new URLSearchParams(provider).toString()].filter(Boolean).join('&');
  return vscode.Uri.from({
    scheme: params.get('vscode-scheme') ?? '',
    authority: params.get('vscode-authority') ?? '',
    path: params.get('vscode-path') ?? '',
    query,
  });
}

/** Through the workbench's URL service to the handler the extension registered. */
async function deliver(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', uri);
}

async function instanceIdsInView(api: ToolkitTestApi): Promise<number[]> {
  const groups = (await api.instancesTree.getChildren()) as InstancesNode[];
  const nodes = (await Promise.all(groups.map((group) => api.instancesTree.getChildren(group)))).flat() as InstancesNode[];
  return nodes.flatMap((node) => (node.kind === 'instance' ? [node.instance.id] : []));
}

describe('provisioning through the callback paths', () => {
  let api: ToolkitTestApi;
  let messages: MessageRecorder;
  let browser: Browser;

  before(async () => {
    api = await toolkit();
    await resetEmulator();
    await signIn(api);
    assert.equal(api.services.settings().callbackMode, 'uriHandler', 'the default callback mode');
  });

  beforeEach(() => {
    messages = new MessageRecorder();
    browser = new Browser();
  });

  afterEach(async () => {
    browser.dispose();
    messages.dispose();
    await closeAllEditors();
  });

  it('Provision Element: the URI handler completes the flow whose state matches; a foreign, then a used state are ignored', async function () {
    requireDriver(this);
    const count = (await storedInstances()).length;
    const provisioning = vscode.commands.executeCommand<Instance | undefined>('cloudElements.provision', 'xero');
    await answerQuickInputs([
      { expect: 'How to authenticate Xero', value: 'OAuth 2' },
      { expect: 'Client ID (1/4)', value: 'integration-xero-key' },
      { expect: 'Client Secret (2/4)', value: 'integration-xero-secret' },
      { expect: 'Instance name (3/4)', value: 'Xero via the URI handler' },
      { expect: 'Tags (4/4)', value: 'integration, uri-handler' },
      { expect: ': Review' }, // the review's first item: Provision (or Re-authorize)
    ]);

    const oauthUrl = new URL(await browser.next(1));
    assert.equal(oauthUrl.origin, new URL(emulator.apiBaseUrl).origin);
    assert.equal(oauthUrl.pathname, '/provider/xero/oauth2/authorize');
    const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/callback`);
    const external = (await vscode.env.asExternalUri(local)).toString(true);
    const redirectUri = oauthUrl.searchParams.get('redirect_uri') ?? '';
    assert.equal(new URL(redirectUri).origin, new URL(external).origin, 'the callback is asExternalUri\'s address');
    assert.equal(new URL(redirectUri).searchParams.get('vscode-authority'), EXTENSION_ID);
    const state = oauthUrl.searchParams.get('state') ?? '';
    assert.ok(api.services.registry.isPending(state), 'the flow waits under its state');

    await deliver(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/callback?code=forged-code&state=not-the-state`));
    await messages.waitFor('warning', NOT_IN_PROGRESS);
    assert.ok(api.services.registry.isPending(state), 'a foreign state leaves the flow waiting');

    const callback = appUri(await decide(oauthUrl.toString(), 'allow'));
    assert.equal(new URLSearchParams(callback.query).get('state'), state);
    await deliver(callback);
    const instance = await provisioning;
    assert.ok(instance, 'the command returned the new instance');
    assert.equal(api.services.registry.isPending(state), false);

    const stored = (await storedInstances()).find((candidate) => candidate.id === instance.id);
    assert.ok(stored);
    assert.equal(stored.name, 'Xero via the URI handler');
    assert.equal(stored.flow, 'oauth2');
    assert.ok(stored.providerData?.code, 'created with the code from the callback');
    assert.equal(stored.configuration['oauth.api.key'], 'integration-xero-key');
    assert.notEqual(stored.configuration['xero.partner'], 'true', 'no OAuth 1.0a partner flag asked for or sent (issue 20 item 13)');
    assert.equal(stored.configuration['oauth.callback.url'], redirectUri);
    assert.deepEqual(stored.tags, ['integration', 'uri-handler']);
    assert.equal(await api.services.vault.instanceToken('custom', instance.id), stored.token, 'the token is in SecretStorage');
    assert.equal(await api.services.vault.appSecret('custom', 'xero', 'oauth.api.secret'), 'integration-xero-secret', 'the app secret is kept for next time');
    await waitFor(async () => (await instanceIdsInView(api)).includes(instance.id), 'the new instance in the Instances view');
    // The new instance's connection is tested before the outcome is told (the instance console).
    await messages.waitFor('info', new RegExp(`^Created and connected: Xero via the URI handler \\(#${instance.id}\\) answered in \\d+ ms\\.$`));

    const warnings = messages.messages('warning').length;
    await deliver(callback);
    await waitFor(() => messages.messages('warning').length > warnings, 'the warning for the used state');
    assert.match(messages.messages('warning').at(-1)!, NOT_IN_PROGRESS);
    assert.equal((await storedInstances()).length, count + 1, 'the replayed callback created nothing');
  });

  it('Provision Element: the provider\'s refusal reaches the flow; nothing is created', async function () {
    requireDriver(this);
    const count = (await storedInstances()).length;
    const provisioning = vscode.commands.executeCommand<Instance | undefined>('cloudElements.provision', 'sageoneus');
    await answerQuickInputs([
      { expect: 'Client ID (1/5)', value: 'integration-sage-client' },
      { expect: 'Client Secret (2/5)', value: 'integration-sage-secret' },
      { expect: 'Signature (3/5)', value: 'integration-sage-signature' },
      { expect: 'Instance name (4/5)' },
      { expect: 'Tags (5/5)' },
      { expect: ': Review' }, // the review's first item: Provision (or Re-authorize)
      { expect: ': Events' }, // Sage One US documents events: the first item, No events
    ]);
    const oauthUrl = await browser.next(1);
    await deliver(appUri(await decide(oauthUrl, 'deny')));
    assert.equal(await provisioning, undefined);
    await messages.waitFor('warning', /^Sage One US refused the authorization: access_denied\. Nothing was created\.$/);
    assert.equal(api.services.registry.size, 0);
    assert.equal((await storedInstances()).length, count);
  });

  it('Provision Element in "loopback" callback mode (QuickBooks OAuth 1a): the redirect reaches the one-shot server; realmId and dataSource arrive', async function () {
    requireDriver(this);
    const config = vscode.workspace.getConfiguration('cloudElements');
    await config.update('callbackMode', 'loopback', vscode.ConfigurationTarget.Global);
    try {
      const provisioning = vscode.commands.executeCommand<Instance | undefined>('cloudElements.provision', 'quickbooks');
      await answerQuickInputs([
        { expect: 'How to authenticate QuickBooks Online', value: 'OAuth 1a' },
        { expect: 'API Key (1/4)', value: 'integration-qbo-key' },
        { expect: 'API Secret (2/4)', value: 'integration-qbo-secret' },
        { expect: 'Instance name (3/4)', value: 'QuickBooks via loopback' },
        { expect: 'Tags (4/4)' },
        { expect: ': Review' }, // the review's first item: Provision (or Re-authorize)
        { expect: ': Events' }, // QuickBooks Online documents events: the first item, No events
      ]);
      const location = await decide(await browser.next(1), 'allow');
      assert.match(location, /^http:\/\/localhost:\d+\/callback\?/, 'the loopback callback is on localhost, not an IP address');
      // The browser follows the redirect to the extension's loopback server.
      const page = await fetch(location);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Authorization received/);
      const instance = await provisioning;
      assert.ok(instance);
      const stored = (await storedInstances()).find((candidate) => candidate.id === instance.id);
      assert.equal(stored?.flow, 'oauth1');
      assert.equal(stored?.providerData?.realmId, '12345678910');
      assert.equal(stored?.providerData?.dataSource, 'QBO');
      assert.ok(stored?.providerData?.oauth_verifier && stored.providerData.secret, 'the verifier and the token step\'s secret');
      assert.equal(await api.services.vault.instanceToken('custom', instance.id), stored?.token);
      await assert.rejects(fetch(location), connectionRefused('the one-shot server is gone'));
    } finally {
      await config.update('callbackMode', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Re-authorize Instance (OAuth 1): the callback address pasted into "Enter Authorization Callback URL…" completes it', async function () {
    requireDriver(this);
    const expired = (await storedInstances()).find((instance) => instance.element.key === 'freshbooks');
    assert.ok(expired && expired.valid === false, 'the expired FreshBooks seed');
    const reauthorizing = vscode.commands.executeCommand<Instance | undefined>('cloudElements.reauthorizeInstance', expired.id);
    await answerQuickInputs([
      { expect: 'API Key (1/5)', value: 'integration-freshbooks-key' },
      { expect: 'API Secret (2/5)', value: 'integration-freshbooks-secret' },
      { expect: 'Site Address (3/5)' }, // prefilled from the instance
      { expect: 'Instance name (4/5)' },
      { expect: 'Tags (5/5)' },
      { expect: ': Review' }, // the review's first item: Provision (or Re-authorize)
    ]);
    const oauthUrl = new URL(await browser.next(1));
    assert.equal(oauthUrl.pathname, '/provider/freshbooks/oauth1/authorize');
    const location = await decide(oauthUrl.toString(), 'allow');
    assert.ok(new URL(location).searchParams.get('oauth_verifier'));

    const pasting = vscode.commands.executeCommand('cloudElements.enterCallbackUrl');
    await answerQuickInput({ expect: 'Paste the Callback Address', value: location });
    await pasting;
    const instance = await reauthorizing;
    assert.equal(instance?.id, expired.id, 'the same instance');
    const stored = (await storedInstances()).find((candidate) => candidate.id === expired.id);
    assert.equal(stored?.valid, true, 'valid again');
    assert.equal(stored?.configuration['freshbooks.site.address'], 'targetcompany');
    assert.equal(stored?.configuration['oauth.api.key'], 'integration-freshbooks-key');
    assert.equal(await api.services.vault.instanceToken('custom', expired.id), stored?.token);
    // Tested again as a new instance is (issue 20 item 6).
    await messages.waitFor('info', /^Re-authorized and connected: FreshBooks \(authorization expired\) \(#\d+\) answered in \d+ ms\.$/);
  });
});
