import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { decide } from '../../emulator/helpers';
import { connectionRefused } from '../../fetchFailure';
import * as vscode from '../../vscode/fakeVscode';
import { assertNoSecretShown, followsRedirect, messages, mount, mountForEachTest, provision, returnsToVsCode, script, storedInstances } from './setup';
import type { Mounted } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- options of the fake's calls */

const XERO = { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'XERO-KEY-MODES-01', 'Client Secret': 'XERO-SECRET-MODES-02' } };
const TYPED = ['XERO-KEY-MODES-01', 'XERO-SECRET-MODES-02'];

describe('Provision Element: callback modes (against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  describe('loopback', () => {
    beforeEach(() => vscode.settings.set('cloudElements.callbackMode', 'loopback'));

    it('the browser follows the redirect to the one-shot server on http://localhost, which answers and closes', async () => {
      script(m.user, XERO);
      m.browser.behavior = followsRedirect(m.browser, 'allow');
      await provision(m);
      const [record] = await storedInstances(emulator);
      assert.ok(record);
      const callbackUrl = record.configuration['oauth.callback.url']!;
      assert.match(callbackUrl, /^http:\/\/localhost:\d+\/callback$/);
      assert.equal(m.browser.pages.length, 1);
      assert.equal(m.browser.pages[0]!.status, 200);
      assert.match(m.browser.pages[0]!.html, /You can close this tab and return to VS Code/);
      assert.equal(await m.services.vault.instanceToken('custom', record.id), record.token);
      await assert.rejects(fetch(callbackUrl), connectionRefused('the server is closed once the flow ended'));
      const keyPrompt = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
      assert.match(keyPrompt.options.prompt, /Callback mode "loopback": a one-shot server on http:\/\/localhost on a free port receives the redirect at \/callback\. — Note: Xero will refuse the callback http:\/\/localhost:<port>\/callback: it matches registered redirect URIs exactly/);
      await assertNoSecretShown(m, TYPED);
    });

    it('Deny: the page says so, VS Code says nothing was created', async () => {
      script(m.user, XERO);
      m.browser.behavior = followsRedirect(m.browser, 'deny');
      await provision(m);
      assert.deepEqual(await storedInstances(emulator), []);
      assert.match(m.browser.pages[0]!.html, /Authorization denied/);
      assert.equal(messages().at(-1)!.message, 'Xero refused the authorization: access_denied. Nothing was created.');
    });

    it('a callback with a foreign state gets an error page and a warning; the server stays for the real one', async () => {
      script(m.user, XERO);
      m.browser.behavior = async (url) => {
        const { location } = await decide(url, 'allow');
        const forged = await fetch(location.replace(/state=[^&]+/, 'state=forged'));
        m.browser.pages.push({ status: forged.status, html: await forged.text() });
        const real = await fetch(location);
        m.browser.pages.push({ status: real.status, html: await real.text() });
      };
      await provision(m);
      assert.deepEqual(m.browser.pages.map((page) => page.status), [400, 200]);
      assert.match(m.browser.pages[0]!.html, /not for a sign-in in progress/);
      assert.equal((await storedInstances(emulator)).length, 1);
    });

    it('in a remote window the URI handler is used instead, and the prompts say why', async () => {
      vscode.env.remoteName = 'ssh-remote';
      script(m.user, XERO);
      m.browser.behavior = returnsToVsCode('allow');
      await provision(m);
      const [record] = await storedInstances(emulator);
      assert.ok(record);
      assert.equal(record.configuration['oauth.callback.url'], 'vscode://elements-dev.elements-toolkit/callback');
      const keyPrompt = vscode.ui.calls.find((call) => call.kind === 'inputBox') as any;
      assert.match(keyPrompt.options.prompt, /"loopback" cannot work in this remote window/);
    });

    it('the server closes when the flow is cancelled', async () => {
      script(m.user, XERO);
      let callbackUrl = '';
      m.browser.behavior = async (url) => {
        callbackUrl = new URL(url).searchParams.get('redirect_uri')!;
        (vscode.window as any).lastProgressCancel();
      };
      await provision(m);
      assert.match(callbackUrl, /^http:\/\/localhost:\d+\/callback$/);
      await assert.rejects(fetch(callbackUrl), connectionRefused('the server is closed once the flow is cancelled'));
      assert.equal(messages().at(-1)!.message, 'Provisioning Xero was cancelled. Nothing was created.');
    });
  });

  describe('paste', () => {
    beforeEach(() => vscode.settings.set('cloudElements.callbackMode', 'paste'));

    /** The browser lands on the registered URL; the user pastes where it landed. */
    function landsAndPastes(decision: 'allow' | 'deny'): void {
      let landed: Promise<string> = new Promise(() => {});
      m.browser.behavior = async (url) => {
        landed = decide(url, decision).then((result) => result.location);
        await landed;
      };
      m.user.on('inputBox', /Paste the Callback Address/, () => landed);
    }

    it('uses the registered callback URL and the pasted address', async () => {
      vscode.settings.set('cloudElements.pasteCallbackUrl', 'https://www.mycoolapp.com/auth');
      script(m.user, { ...XERO, flow: 'oauth1', fields: { 'Consumer Key': 'XERO-KEY-MODES-01', 'Consumer Secret': 'XERO-SECRET-MODES-02' } });
      landsAndPastes('allow');
      await provision(m);
      const [record] = await storedInstances(emulator);
      assert.ok(record, JSON.stringify(messages()));
      assert.equal(record.configuration['oauth.callback.url'], 'https://www.mycoolapp.com/auth');
      assert.equal(record.providerData!.org, 'kfN8Ch1HUqBPwVA6sKaSLw');
      const paste = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /Paste/.test(call.options.title)) as any;
      assert.equal(paste.options.ignoreFocusOut, true);
      assert.equal(paste.options.validateInput('https://www.mycoolapp.com/auth'), 'No callback parameters found. Paste the whole address the browser ended on after you authorized (it contains code=… or oauth_token=…).');
      assert.equal(paste.options.validateInput('https://www.mycoolapp.com/auth?code=1&state=2'), undefined);
      await assertNoSecretShown(m, TYPED);
    });

    it('without a registered URL, asks for it and saves it when the user wants', async () => {
      m.user.input(/\): Callback URL \|/, 'https://app.example.org/oauth').pick(/: Callback URL/, (item) => item.save === true);
      script(m.user, XERO);
      landsAndPastes('allow');
      await provision(m);
      assert.equal(vscode.settings.get('cloudElements.pasteCallbackUrl'), 'https://app.example.org/oauth');
      const [record] = await storedInstances(emulator);
      assert.equal(record!.configuration['oauth.callback.url'], 'https://app.example.org/oauth');
    });

    it('a pasted address of another sign-in is refused and asked again; Deny pasted ends the flow', async () => {
      vscode.settings.set('cloudElements.pasteCallbackUrl', 'https://www.mycoolapp.com/auth');
      script(m.user, XERO);
      m.user.input(/Paste the Callback Address/, 'https://www.mycoolapp.com/auth?code=abc&state=not-ours');
      landsAndPastes('deny');
      await provision(m);
      assert.deepEqual(await storedInstances(emulator), []);
      const levels = messages().map((call) => [call.level, call.message.slice(0, 40)]);
      assert.ok(messages().some((call) => call.level === 'warning' && /not for a sign-in in progress/.test(call.message)), JSON.stringify(levels));
      assert.equal(messages().at(-1)!.message, 'Xero refused the authorization: access_denied. Nothing was created.');
    });

    it('Escape on the registered-URL prompt stops before anything is sent', async () => {
      script(m.user, XERO);
      await provision(m);
      assert.equal(m.browser.opened.length, 0);
      assert.deepEqual(messages(), []);
    });
  });
});
