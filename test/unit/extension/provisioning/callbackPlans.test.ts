/** callbackPlan(setting, host): the callback mode decided in one place, one plan, table-tested (issue 13). */
import assert from 'node:assert/strict';
import { callbackPlan, isLoopbackAuthority, type CallbackHost, type CallbackPlan, type CallbackSetting } from '../../../../src/extension/provisioning/callbackPlans';
import { callbackNotes, EMULATOR_REDIRECT_NOTE, planNote } from '../../../../src/extension/provisioning/callbackTexts';

const LOCAL: CallbackHost = { remoteName: undefined, extensionRunsRemotely: false };
const SSH: CallbackHost = { remoteName: 'ssh-remote', extensionRunsRemotely: true };
const SSH_UI_EXTENSION: CallbackHost = { remoteName: 'ssh-remote', extensionRunsRemotely: false };
const CODE_SERVER_ON_LOCALHOST: CallbackHost = { remoteName: 'localhost:8080', extensionRunsRemotely: true };
const CODE_SERVER_ELSEWHERE: CallbackHost = { remoteName: 'ide.example.com', extensionRunsRemotely: true };

const setting = (mode: CallbackSetting['mode'], pasteCallbackUrl = ''): CallbackSetting => ({ mode, pasteCallbackUrl, forwardingPageUrl: pasteCallbackUrl });

describe('callbackPlan', () => {
  const table: Array<[string, CallbackSetting, CallbackHost, CallbackPlan]> = [
    ['uriHandler, local', setting('uriHandler'), LOCAL, { mode: 'uriHandler' }],
    ['uriHandler, remote (no loopback offered)', setting('uriHandler'), SSH, { mode: 'uriHandler' }],
    ['loopback, local', setting('loopback'), LOCAL, { mode: 'loopback' }],
    ['loopback, remote: the URI handler instead, and it says so', setting('loopback'), SSH, { mode: 'uriHandler', instead: 'loopback' }],
    ['loopback, remote window but a UI extension (runs next to the browser)', setting('loopback'), SSH_UI_EXTENSION, { mode: 'loopback' }],
    ['loopback, code-server opened on localhost (same machine)', setting('loopback'), CODE_SERVER_ON_LOCALHOST, { mode: 'loopback' }],
    ['loopback, code-server on another machine', setting('loopback'), CODE_SERVER_ELSEWHERE, { mode: 'uriHandler', instead: 'loopback' }],
    ['paste with a registered URL', setting('paste', 'https://www.mycoolapp.com/auth'), LOCAL, { mode: 'paste', registeredUrl: 'https://www.mycoolapp.com/auth' }],
    ['paste with a registered URL (spaces trimmed), remote', setting('paste', '  https://www.mycoolapp.com/auth '), SSH, { mode: 'paste', registeredUrl: 'https://www.mycoolapp.com/auth' }],
    ['paste without a registered URL: asked for, never another mode', setting('paste'), LOCAL, { mode: 'paste', registeredUrl: undefined }],
    ['paste with something that is not a URL: asked for', setting('paste', 'my app'), LOCAL, { mode: 'paste', registeredUrl: undefined }],
  ];
  for (const [what, given, host, expected] of table) {
    it(what, () => assert.deepEqual(callbackPlan(given, host), expected));
  }

  it('the plan is the setting\'s choice whenever the host supports it', () => {
    for (const host of [LOCAL, SSH, SSH_UI_EXTENSION, CODE_SERVER_ON_LOCALHOST, CODE_SERVER_ELSEWHERE]) {
      for (const mode of ['uriHandler', 'loopback', 'paste', 'forwardingPage'] as const) {
        const first = callbackPlan(setting(mode, 'https://a.example/cb'), host);
        assert.ok(first.mode === mode || (mode === 'loopback' && first.mode === 'uriHandler' && 'instead' in first), `${mode} on ${JSON.stringify(host)}`);
      }
    }
  });

  it('loopback authorities', () => {
    for (const yes of ['localhost', 'localhost:8080', 'LOCALHOST:1', '127.0.0.1:3000', '127.1.2.3', '[::1]:80']) assert.equal(isLoopbackAuthority(yes), true, yes);
    for (const no of ['ssh-remote', 'wsl', 'dev-container', 'ide.example.com:443', '10.0.0.1:8080', 'localhost.example.com', '128.0.0.1']) assert.equal(isLoopbackAuthority(no), false, no);
  });

  it('each plan\'s note for the prompts', () => {
    assert.equal(planNote({ mode: 'uriHandler' }), undefined);
    assert.match(planNote({ mode: 'uriHandler', instead: 'loopback' })!, /"loopback" cannot work in this remote window/);
    assert.equal(planNote({ mode: 'loopback' }), 'Callback mode "loopback": a one-shot server on http://localhost on a free port receives the redirect at /callback.');
    assert.equal(planNote({ mode: 'loopback', port: 53682 }), 'Callback mode "loopback": a one-shot server on http://localhost:53682 receives the redirect at /callback.');
    assert.match(planNote({ mode: 'paste' })!, /you paste the address/);
    assert.equal(
      planNote({ mode: 'forwardingPage', pageUrl: 'https://you.github.io/cb/', returnTo: 'vscode://elements-dev.elements-toolkit/callback', changesEachTime: false }),
      'Callback mode "forwardingPage": the provider sends the browser to your page at https://you.github.io/cb/, which hands the redirect on to VS Code.',
    );
    assert.match(
      planNote({ mode: 'forwardingPage', pageUrl: 'https://you.github.io/cb/', returnTo: 'http://127.0.0.1:8080/callback?vscode-reqid=1', changesEachTime: true })!,
      /This VS Code runs in a browser at http:\/\/127\.0\.0\.1:8080: the page must list that origin in its elements-toolkit-web-origins meta/,
    );
  });

  it('the wizard\'s notes: the mode, the provider\'s verdict, and on the local emulator how far it holds apps to it', () => {
    assert.deepEqual(callbackNotes({ mode: 'loopback', port: 5000 }, { text: 'VERDICT' }, false), ['Callback mode "loopback": a one-shot server on http://localhost:5000 receives the redirect at /callback.', 'VERDICT']);
    assert.deepEqual(callbackNotes({ mode: 'uriHandler' }, { text: 'VERDICT' }, true), ['VERDICT', EMULATOR_REDIRECT_NOTE]);
  });

  it('the forwarding page: chosen with an https address, asked for without one (or with an address that is not https)', () => {
    const forwarding = (url: string) => callbackPlan({ mode: 'forwardingPage', pasteCallbackUrl: '', forwardingPageUrl: url }, LOCAL);
    assert.deepEqual(forwarding(' https://you.github.io/cb/ '), { mode: 'forwardingPage', pageUrl: 'https://you.github.io/cb/' });
    for (const asked of ['', 'http://you.github.io/cb/', 'https://you.github.io/cb/#x', 'not a url', 'vscode://elements-dev.elements-toolkit/callback']) {
      assert.deepEqual(forwarding(asked), { mode: 'forwardingPage', pageUrl: undefined }, asked);
    }
    // It works in remote windows too: the page hands the redirect on to VS Code wherever it runs.
    assert.deepEqual(callbackPlan({ mode: 'forwardingPage', pasteCallbackUrl: '', forwardingPageUrl: 'https://a.example/' }, SSH), { mode: 'forwardingPage', pageUrl: 'https://a.example/' });
  });

  it('the loopback plan carries the registered port', () => {
    assert.deepEqual(callbackPlan({ mode: 'loopback', pasteCallbackUrl: '', loopbackPort: 53682 }, LOCAL), { mode: 'loopback', port: 53682 });
    assert.deepEqual(callbackPlan({ mode: 'uriHandler', pasteCallbackUrl: '', loopbackPort: 53682 }, LOCAL), { mode: 'uriHandler' });
  });
});
