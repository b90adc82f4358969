/**
 * A run is bound to the environment it started in (issue 12, item 15): switching environment
 * while it waits (for the browser, or in the middle of the prompts) stores nothing under the
 * other account and sends nothing to it.
 */
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { decide } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { addFault, messages, mount, mountForEachTest, openInVsCode, provision, returnsToVsCode, script, storedInstances } from './setup';
import type { Mounted } from './setup';

const XERO_KEY = 'XERO-ENV-KEY-0001';
const XERO_SECRET = 'XERO-ENV-SECRET-0002';
const XERO = { element: 'xero', flow: 'oauth2', fields: { 'Client ID': XERO_KEY, 'Client Secret': XERO_SECRET }, name: 'Books' };
/** VS Code's notifications link `[label](target)` for http(s):, command: and file: targets. */
const NOTIFICATION_LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+/i;

describe('Provision Element: the run keeps the environment it started in', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));
  beforeEach(async () => {
    // Another account, signed in too: the one the user switches to.
    await m.services.vault.setAccount('staging', { userSecret: 'STAGING-USER-0001', orgSecret: 'STAGING-ORG-0002' });
  });

  async function switchTo(environment: 'staging'): Promise<void> {
    vscode.settings.set('cloudElements.environment', environment);
    await m.services.session.refresh();
    assert.equal(m.services.session.environmentId, environment);
    assert.equal(m.services.session.state.signedIn, true);
  }

  function keysOf(environment: string): string[] {
    return [...m.secrets.values.keys()].filter((key) => key.startsWith(`cloudElements:${environment}:`));
  }

  it('switching while waiting for the browser: the token and app secrets are stored under the first environment only', async () => {
    script(m.user, XERO);
    const stagingKeys = keysOf('staging');
    m.browser.behavior = async (url) => {
      await switchTo('staging');
      await openInVsCode((await decide(url, 'allow')).location);
    };
    await provision(m);

    const [record] = await storedInstances(emulator);
    assert.ok(record, 'created in the environment the run started in');
    assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token);
    assert.equal(await m.services.vault.appSecret('custom', 'xero', 'oauth.api.key'), XERO_KEY);
    assert.deepEqual(keysOf('staging'), stagingKeys, 'nothing stored under the account switched to');
    assert.deepEqual(m.revealed, [], 'not revealed in the other environment\'s view');
    const done = messages().at(-1)!;
    assert.equal(
      done.message,
      `Created Books (#${record.id}) in Custom base URL. Its token is kept for that environment; the Instances view shows the one you switched to.`,
    );
  });

  it('switching in the middle of the prompts: the stored app secret offered and the calls made are the first environment\'s', async () => {
    await m.services.vault.setAppSecret('custom', 'xero', 'oauth.api.key', XERO_KEY);
    await m.services.vault.setAppSecret('staging', 'xero', 'oauth.api.key', 'STAGING-XERO-KEY');
    m.user
      .on('quickPick', /Client ID \(1/, (call: { items: Array<{ choice: string }> }) => {
        void switchTo('staging');
        return call.items.find((item) => item.choice === 'stored');
      })
      .input(/Client Secret \(2/, XERO_SECRET);
    script(m.user, { ...XERO, fields: {} });
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record, JSON.stringify(messages()));
    assert.equal(record.configuration['oauth.api.key'], XERO_KEY, 'the custom environment\'s stored key, not staging\'s');
    assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token);
    assert.equal(await m.services.vault.instanceToken('staging', record.id), undefined);
  });

  it('a failure after the switch offers no Refresh of the other environment\'s view', async () => {
    await addFault(emulator, { method: 'POST', path: '/instances', status: 503 });
    script(m.user, XERO);
    m.browser.behavior = async (url) => {
      await switchTo('staging');
      await openInVsCode((await decide(url, 'allow')).location);
    };
    await provision(m);
    const last = messages().at(-1)!;
    assert.match(last.message, /check before retrying/);
    assert.deepEqual(last.items, ['Show Log']);
  });
});

describe('Provision Element: outside text reaches notifications as plain text', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  it('a link in the API\'s refusal, or in the instance name, is not a link in the notification', async () => {
    await addFault(emulator, {
      method: 'POST',
      path: '/instances',
      status: 400,
      body: { message: 'Refused: [Fix it](command:workbench.action.terminal.new)', providerMessage: '[docs](https://evil.example/x)', requestId: 'r' },
    });
    script(m.user, XERO);
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const refused = messages().at(-1)!;
    assert.match(refused.message, /Refused: \[Fix it\] \(command:workbench/);
    assert.doesNotMatch(refused.message, NOTIFICATION_LINK);

    m.user.reset();
    script(m.user, { ...XERO, name: '[Open](command:workbench.action.openSettings)' });
    m.browser.behavior = returnsToVsCode('allow');
    await provision(m);
    const created = messages().at(-1)!;
    assert.match(created.message, /^Created \[Open\] \(command:workbench\.action\.openSettings\) \(#\d+\)\.$/);
    assert.doesNotMatch(created.message, NOTIFICATION_LINK);
  });

  it('a denial\'s error_description with a link is plain text', async () => {
    script(m.user, XERO);
    m.browser.behavior = async (url) => {
      const { location } = await decide(url, 'deny');
      const callback = new URL(location);
      callback.searchParams.set('error_description', 'See [the fix](command:workbench.action.openSettings)');
      await openInVsCode(callback.toString());
    };
    await provision(m);
    const denied = messages().at(-1)!;
    assert.match(denied.message, /^Xero refused the authorization: access_denied \(See \[the fix\] \(command:/);
    assert.doesNotMatch(denied.message, NOTIFICATION_LINK);
  });
});
