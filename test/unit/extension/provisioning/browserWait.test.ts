/**
 * The browser step as a user sees it (issue 11, points 2 and 6): the authorization URL handed to
 * VS Code as the string itself with `allowContributedOpeners` (so code-server's dialog shows that
 * URL), a progress notification that carries the "Copy the authorization URL" link and closes
 * with the flow, the countdown in the status bar, and an outcome that stays in sight.
 */
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { decide } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { messages, mount, mountForEachTest, openInVsCode, provision, returnsToVsCode, script, storedInstances } from './setup';
import type { Mounted } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- progress reports of the fake */

const XERO = { element: 'xero', flow: 'oauth2', fields: { 'Client ID': 'XERO-WAIT-KEY-0001', 'Client Secret': 'XERO-WAIT-SECRET-0002' }, name: 'Waiting Xero' };
const COPY_LINK = /\[Copy the authorization URL\]\((command:cloudElements\.copyAuthorizationUrl\?[^)]+)\)/;

function commandOf(link: string): { command: string; args: unknown[] } {
  const uri = new URL(link);
  return { command: uri.pathname, args: JSON.parse(decodeURIComponent(uri.search.slice(1))) as unknown[] };
}

describe('the browser step: opening, waiting, the outcome', () => {
  let emulator: RunningEmulator;
  let m: Mounted;
  const originalOpen = vscode.env.openExternal;
  mountForEachTest({ port: 0 }, mount, (running, mounted) => ((emulator = running), (m = mounted)));
  afterEach(() => {
    vscode.env.openExternal = originalOpen;
  });

  it('opens the URL string with allowContributedOpeners; while waiting, the progress notification copies it; then it closes, and the outcome stays in the status bar and the view', async () => {
    script(m.user, XERO);
    let waitingMessage = '';
    m.browser.behavior = async (url) => {
      const { location } = await decide(url, 'allow');
      waitingMessage = (vscode.window.progressReports.at(-1) as { message: string }).message;
      // The user clicks the link in the notification.
      const { command, args } = commandOf(COPY_LINK.exec(waitingMessage)![1]!);
      await vscode.commands.executeCommand(command, ...args);
      assert.equal(vscode.clipboard.text, url, 'the link copies this flow\'s URL');
      await openInVsCode(location);
    };
    await provision(m);
    const [record] = await storedInstances(emulator);
    assert.ok(record);

    assert.equal(m.browser.opened.length, 1);
    assert.deepEqual(m.browser.openOptions, [{ allowContributedOpeners: true }]);
    assert.match(m.browser.opened[0]!, /^http:\/\/127\.0\.0\.1:\d+\/provider\/xero\/oauth2\/authorize\?/);
    assert.match(
      waitingMessage,
      /^Waiting for you to authorize in the browser: the browser returns to VS Code when you are done \(up to 10 minutes\)\. No browser opened\? \[Copy the authorization URL\]\(command:[^)]+\) and open it yourself\.$/,
    );
    // The notification is a cancellable progress (it closes itself); the countdown is in the status bar.
    assert.deepEqual(
      vscode.window.progressOptions.map((options) => [options.location, options.title, options.cancellable ?? false]),
      [
        [vscode.ProgressLocation.Notification, 'Provisioning Xero (OAuth 2)', true],
        [vscode.ProgressLocation.Window, 'Xero', false],
      ],
    );
    assert.ok(vscode.window.progressReports.some((report: any) => /^Waiting for you to authorize in the browser \(\d+:\d\d left\)$/.test(report.message)));
    // No message besides the outcome (the old "Authorize Xero in the browser… Copy URL" toast outlived the flow).
    assert.deepEqual(messages().map((call) => call.message), [`Created Waiting Xero (#${record.id}).`]);
    assert.deepEqual(vscode.window.statusBarMessages, ['$(check) Copied the authorization URL for Xero: open it in your browser.', `$(check) Created Waiting Xero (#${record.id})`]);
    assert.deepEqual(m.revealed, [record.id], 'revealed and selected in the Instances view');

    // The flow has ended: its link copies nothing any more.
    vscode.clipboard.text = '';
    const { command, args } = commandOf(COPY_LINK.exec(waitingMessage)![1]!);
    await vscode.commands.executeCommand(command, ...args);
    assert.equal(vscode.clipboard.text, '');
    assert.equal(messages().at(-1)!.message, 'That authorization is no longer waiting for the browser: its URL was not copied.');
  });

  it('Copy Authorization URL from the palette: the one waiting; none waiting says so', async () => {
    script(m.user, XERO);
    m.browser.behavior = async (url) => {
      const { location } = await decide(url, 'allow');
      await vscode.commands.executeCommand('cloudElements.copyAuthorizationUrl');
      assert.equal(vscode.clipboard.text, url);
      await openInVsCode(location);
    };
    await provision(m);
    await vscode.commands.executeCommand('cloudElements.copyAuthorizationUrl');
    assert.equal(messages().at(-1)!.message, 'No authorization is waiting for the browser: there is no URL to copy.');
  });

  it('openExternal refusing the option is asked again without it; no browser at all: the notification says so and offers the link first', async () => {
    let calls = 0;
    vscode.env.openExternal = async (_uri: vscode.Uri, options?: unknown) => {
      calls++;
      if (options !== undefined) throw new Error('unknown option');
      return false;
    };
    script(m.user, XERO);
    vscode.settings.set('cloudElements.authorizationTimeoutMinutes', 0.001);
    await provision(m);
    assert.equal(calls, 2);
    const waiting = (vscode.window.progressReports as Array<{ message: string }>).find((report) => COPY_LINK.test(report.message))!;
    assert.match(waiting.message, /^VS Code did not open a browser: \[Copy the authorization URL\]\(command:[^)]+\) and open it yourself\. Waiting for you to authorize/);
    assert.ok(m.logLines.some((line) => /allowContributedOpeners failed \(unknown option\); trying without it/.test(line)));
    assert.match(messages().at(-1)!.message, /timed out/);
  });

  it('Deny: the element named once, and the outcome stays in the status bar', async () => {
    script(m.user, XERO);
    m.browser.behavior = returnsToVsCode('deny');
    await provision(m);
    assert.deepEqual(messages().map((call) => [call.level, call.message]), [['warning', 'Xero refused the authorization: access_denied. Nothing was created.']]);
    assert.deepEqual(vscode.window.statusBarMessages, ['$(warning) Xero refused the authorization: access_denied.']);
  });
});
