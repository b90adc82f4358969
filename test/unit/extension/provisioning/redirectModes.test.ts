/**
 * The ways back that work with the real providers (issue 18, item 11), through the extension
 * against the emulator with apps registered as a user registers them: the wizard says before
 * the browser opens whether the provider takes the callback; Intuit refuses VS Code's vscode://
 * callback with its own error; the https forwarding page (its own script) brings the same flow
 * home; the loopback server listens on the registered http://localhost:<port>.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redirectRulesFor } from '../../../../src/core/catalog/redirectRules';
import { forwardedUrl, targetOfState } from '../../../../src/core/provisioning/forwarding';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { startLoopbackServer } from '../../../../src/extension/provisioning/loopbackServer';
import { withWebOrigins } from '../../../../src/core/provisioning/forwarding';
import { saveForwardingPage } from '../../../../src/extension/provisioning/forwardingPage';
import { Log } from '../../../../src/extension/log';
import { readSettings } from '../../../../src/extension/settings';
import { decide } from '../../emulator/helpers';
import { PAGE, runPage } from '../../provisioning/forwardingPageRunner';
import * as vscode from '../../vscode/fakeVscode';
import { QB_ID, scriptQuickBooks } from './quickbooksScript';
import { messages, mount, mountForEachTest, openInVsCode, provision, REVIEW, storedInstances, type Mounted } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- options of the fake's calls */

const PAGE_URL = 'https://you.github.io/elements-callback/';
const VSCODE_CALLBACK = 'vscode://elements-dev.elements-toolkit/callback';

async function registerApp(emulator: RunningEmulator, app: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/__admin/apps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(app) });
  assert.equal(response.status, 201, await response.text());
}

/** The first box of the wizard: where its notes are. */
function firstPrompt(): string {
  const box = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /\(1\/\d+\)/.test(call.options.title)) as any;
  return box.options.prompt as string;
}

describe('Provision Element: the providers\' redirect rules (against the emulator, apps registered)', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));

  it('QuickBooks through the URI handler: the wizard says Intuit will refuse vscode:// before the browser opens; Intuit\'s page refuses it; nothing is created', async () => {
    await registerApp(emulator, { element: 'quickbooks', clientId: QB_ID, redirectUris: [PAGE_URL] });
    scriptQuickBooks(m.user, 'QB refused');
    let refusal = '';
    m.browser.behavior = async (url) => {
      assert.match(firstPrompt(), /Note: Intuit will refuse the callback vscode:\/\/elements-dev\.elements-toolkit\/callback: it does not take custom schemes such as vscode:\/\/\. Ways back that work with Intuit: an https forwarding page/, 'said before the browser opened');
      const page = await fetch(url);
      refusal = await page.text();
      assert.equal(page.status, 400);
      (vscode.window as any).lastProgressCancel();
    };
    await provision(m);
    assert.match(refusal, /The redirect_uri query parameter value is invalid\. Make sure it is listed in the Redirect URIs section on your app&#39;s keys tab and matches it exactly\./);
    assert.deepEqual(await storedInstances(emulator), []);
    assert.equal(messages().at(-1)!.message, 'Provisioning QuickBooks Online was cancelled. Nothing was created.');
  });

  it('the same flow through the https forwarding page: the page forwards to vscode://…, the URI handler completes it; the page is the registered callback', async () => {
    await registerApp(emulator, { element: 'quickbooks', clientId: QB_ID, redirectUris: [PAGE_URL] });
    vscode.settings.set('cloudElements.callbackMode', 'forwardingPage');
    vscode.settings.set('cloudElements.forwardingPageUrl', PAGE_URL);
    scriptQuickBooks(m.user, 'QB forwarded');
    let forwardedTo = '';
    m.browser.behavior = async (url) => {
      assert.match(firstPrompt(), /Callback mode "forwardingPage": the provider sends the browser to your page at https:\/\/you\.github\.io\/elements-callback\/, which hands the redirect on to VS Code\. — Note: The browser comes back to https:\/\/you\.github\.io\/elements-callback\/: register exactly this redirect URI with your Intuit app/);
      const { location } = await decide(url, 'allow');
      assert.ok(location.startsWith(`${PAGE_URL}?code=`), location);
      const search = new URL(location).search;
      const state = new URLSearchParams(search).get('state')!;
      assert.equal(targetOfState(state), VSCODE_CALLBACK, 'the state names where the page forwards to');
      const run = runPage(search);
      forwardedTo = run.navigatedTo!;
      assert.equal(forwardedTo, forwardedUrl(search, []));
      await openInVsCode(forwardedTo);
    };
    await provision(m);
    assert.ok(forwardedTo.startsWith(`${VSCODE_CALLBACK}?code=`), forwardedTo);
    const [record] = await storedInstances(emulator);
    assert.ok(record, 'created');
    assert.equal(record.name, 'QB forwarded');
    assert.equal(record.configuration['oauth.callback.url'], PAGE_URL);
    assert.ok(record.providerData?.realmId);
    assert.match(m.logLines.join('\n'), /Received the authorization for quickbooks \(URI handler\)/);
  });

  it('the forwarding page without a setting: its address is asked for (https only) and can be saved', async () => {
    vscode.settings.set('cloudElements.callbackMode', 'forwardingPage');
    m.user.input(/: Forwarding Page/, PAGE_URL).pick(/: Forwarding Page/, (item) => item.save === true);
    scriptQuickBooks(m.user, 'QB asked');
    m.browser.behavior = async (url) => {
      const { location } = await decide(url, 'allow');
      await openInVsCode(runPage(new URL(location).search).navigatedTo!);
    };
    await provision(m);
    const box = vscode.ui.calls.find((call) => call.kind === 'inputBox' && /: Forwarding Page/.test(call.options.title)) as any;
    assert.equal(box.options.validateInput('http://you.github.io/cb'), 'An https address without a #fragment, e.g. https://you.github.io/elements-callback/');
    assert.equal(box.options.validateInput(PAGE_URL), undefined);
    assert.equal(vscode.settings.get('cloudElements.forwardingPageUrl'), PAGE_URL);
    assert.equal((await storedInstances(emulator)).length, 1);
  });

  it('loopback on the registered http://localhost:<port>: Xero takes it; the callback is that address exactly', async () => {
    const port = await freePort();
    await registerApp(emulator, { element: 'xero', clientId: 'XERO-LOOPBACK-01', redirectUris: [`http://localhost:${port}/callback`] });
    vscode.settings.set('cloudElements.callbackMode', 'loopback');
    vscode.settings.set('cloudElements.loopbackPort', port);
    m.user.pick(/^Cloud Elements: Provision Element \|/, (item) => item.element.key === 'xero');
    m.user.pick(/^Cloud Elements: Provision Element: /, (item) => item.flow.type === 'oauth2');
    m.user.on('inputBox', /\((1|2)\/\d+\)/, () => 'XERO-LOOPBACK-01', 2).on('inputBox', /\(\d+\/\d+\)/, (call) => call.options.value ?? '', 10);
    m.user.pick(/\(\d+\/\d+\)/, (item) => item.description === 'default', 5).pick(REVIEW, (item) => /Provision/.test(item.label));
    m.browser.behavior = async (url) => {
      assert.match(firstPrompt(), /a one-shot server on http:\/\/localhost:\d+ receives the redirect at \/callback\. — Note: The browser comes back to http:\/\/localhost:\d+\/callback: register exactly this redirect URI with your Xero app/);
      const { location } = await decide(url, 'allow');
      assert.ok(location.startsWith(`http://localhost:${port}/callback?code=`), location);
      const page = await fetch(location);
      assert.equal(page.status, 200, await page.text());
    };
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record);
    assert.equal(record.configuration['oauth.callback.url'], `http://localhost:${port}/callback`);
  });

  it('loopback on a registered port another program holds: says so, sends nothing', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      vscode.settings.set('cloudElements.callbackMode', 'loopback');
      vscode.settings.set('cloudElements.loopbackPort', port);
      m.user.pick(/^Cloud Elements: Provision Element \|/, (item) => item.element.key === 'xero');
      m.user.pick(/^Cloud Elements: Provision Element: /, (item) => item.flow.type === 'oauth2');
      m.user.on('inputBox', /\((1|2)\/\d+\)/, () => 'XERO-BUSY-PORT', 2).on('inputBox', /\(\d+\/\d+\)/, (call) => call.options.value ?? '', 10);
      m.user.pick(/\(\d+\/\d+\)/, (item) => item.description === 'default', 5).pick(REVIEW, (item) => /Provision/.test(item.label));
      await provision(m);
      assert.equal(m.browser.opened.length, 0, 'no browser');
      assert.equal(
        messages().at(-1)!.message,
        `Could not start Provision Xero (OAuth 2): Port ${port} (cloudElements.loopbackPort) is in use by another program or sign-in, and the loopback callback needs it: close what holds it, or register another port with the provider and set it. Nothing was sent.`,
      );
    } finally {
      holder.close();
    }
  });
});

describe('readSettings: the callback settings', () => {
  const read = (values: Record<string, unknown>) => readSettings({ get: <T>(key: string) => values[key] as T });
  it('forwardingPage is a callback mode; the page address is trimmed; a loopback port is one a user can register (1024-65535), else none', () => {
    assert.equal(read({ callbackMode: 'forwardingPage' }).callbackMode, 'forwardingPage');
    assert.equal(read({ forwardingPageUrl: ' https://you.github.io/cb/ ' }).forwardingPageUrl, 'https://you.github.io/cb/');
    assert.equal(read({}).forwardingPageUrl, '');
    assert.equal(read({ loopbackPort: 53682 }).loopbackPort, 53682);
    for (const bad of [undefined, null, 0, 80, 1023, 65536, 5368.2, '53682', -1]) assert.equal(read({ loopbackPort: bad }).loopbackPort, undefined, String(bad));
  });
});

describe('the loopback server on localhost', () => {
  it('a fixed port: reachable as localhost, 127.0.0.1 and (where there is IPv6) [::1]', async () => {
    const port = await freePort();
    const server = await startLoopbackServer(() => ({ accepted: false, title: 'Not accepted', message: 'x' }), port);
    try {
      assert.equal(server.callbackUrl, `http://localhost:${port}/callback`);
      for (const host of ['localhost', '127.0.0.1']) assert.equal((await fetch(`http://${host}:${port}/callback?state=x`)).status, 400, host);
      const v6 = await fetch(`http://[::1]:${port}/callback?state=x`).catch(() => undefined);
      if (v6) assert.equal(v6.status, 400, 'IPv6 loopback answers too');
    } finally {
      await server.close();
    }
    await assert.rejects(fetch(`http://127.0.0.1:${port}/callback`), 'closed');
  });
});

describe('"Cloud Elements: Save Forwarding Page…"', () => {
  const root = join(__dirname, '../../../..');
  const fakeUri = vscode.Uri.file(root);
  const extensionUri = fakeUri as never;
  const log = new Log({ appendLine: () => {}, info: () => {}, warn: () => {}, error: () => {}, show: () => {} } as never);

  beforeEach(() => {
    vscode.resetFake();
    vscode.files.set(vscode.Uri.joinPath(fakeUri, 'media', 'forwarding-page', 'index.html').toString(), PAGE);
  });

  it('writes the page the toolkit ships where the user says, and says how to host and register it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'forwarding-page-'));
    try {
      vscode.ui.script.push(() => vscode.Uri.file(join(folder, 'index.html')), () => undefined);
      assert.equal(await saveForwardingPage(extensionUri, log), true);
      assert.equal(await readFile(join(folder, 'index.html'), 'utf8'), PAGE);
      const said = vscode.ui.calls.find((call) => call.kind === 'message') as any;
      assert.match(said.message, /^Saved the forwarding page to .*index\.html\. Host it over https \(GitHub Pages or any static host\), register its address as the redirect URI of your provider app, then set cloudElements\.forwardingPageUrl to that address and cloudElements\.callbackMode to "forwardingPage"\.$/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('in VS Code in a browser, the page lists this window\'s origin (its script hash unchanged)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'forwarding-page-'));
    const asExternalUri = vscode.env.asExternalUri;
    vscode.env.asExternalUri = async () => vscode.Uri.parse('https://code.example.com/callback?vscode-reqid=1&vscode-authority=elements-dev.elements-toolkit&vscode-path=%2Fcallback');
    try {
      vscode.ui.script.push(() => vscode.Uri.file(join(folder, 'index.html')), () => undefined);
      await saveForwardingPage(extensionUri, log);
      const saved = await readFile(join(folder, 'index.html'), 'utf8');
      assert.equal(saved, withWebOrigins(PAGE, ['https://code.example.com']));
      assert.match(saved, /<meta name="elements-toolkit-web-origins" content="https:\/\/code\.example\.com">/);
      assert.equal(saved.replace('web-origins" content="https://code.example.com">', 'web-origins" content="">'), PAGE, 'only the meta changed');
    } finally {
      vscode.env.asExternalUri = asExternalUri;
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('Escape: nothing written', async () => {
    assert.equal(await saveForwardingPage(extensionUri, log), false);
  });

  it('the rules it is all about are the catalog\'s', () => {
    assert.equal(redirectRulesFor('quickbooks', 'oauth2').provider, 'Intuit');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
