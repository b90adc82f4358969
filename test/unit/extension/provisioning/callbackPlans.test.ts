/** callbackPlans(setting, host): the callback mode decided in one place, table-tested (issue 13). */
import assert from 'node:assert/strict';
import { callbackPlans, isLoopbackAuthority, type CallbackHost, type CallbackPlan, type CallbackSetting } from '../../../../src/extension/provisioning/callbackPlans';
import { planNote } from '../../../../src/extension/provisioning/texts';

const LOCAL: CallbackHost = { remoteName: undefined, extensionRunsRemotely: false };
const SSH: CallbackHost = { remoteName: 'ssh-remote', extensionRunsRemotely: true };
const SSH_UI_EXTENSION: CallbackHost = { remoteName: 'ssh-remote', extensionRunsRemotely: false };
const CODE_SERVER_ON_LOCALHOST: CallbackHost = { remoteName: 'localhost:8080', extensionRunsRemotely: true };
const CODE_SERVER_ELSEWHERE: CallbackHost = { remoteName: 'ide.example.com', extensionRunsRemotely: true };

const setting = (mode: CallbackSetting['mode'], pasteCallbackUrl = ''): CallbackSetting => ({ mode, pasteCallbackUrl });

describe('callbackPlans', () => {
  const table: Array<[string, CallbackSetting, CallbackHost, CallbackPlan[]]> = [
    ['uriHandler, local', setting('uriHandler'), LOCAL, [{ mode: 'uriHandler' }, { mode: 'loopback' }]],
    ['uriHandler, remote (no loopback offered)', setting('uriHandler'), SSH, [{ mode: 'uriHandler' }]],
    ['loopback, local', setting('loopback'), LOCAL, [{ mode: 'loopback' }, { mode: 'uriHandler' }]],
    ['loopback, remote: the URI handler instead, and it says so', setting('loopback'), SSH, [{ mode: 'uriHandler', instead: 'loopback' }]],
    ['loopback, remote window but a UI extension (runs next to the browser)', setting('loopback'), SSH_UI_EXTENSION, [{ mode: 'loopback' }, { mode: 'uriHandler' }]],
    ['loopback, code-server opened on localhost (same machine)', setting('loopback'), CODE_SERVER_ON_LOCALHOST, [{ mode: 'loopback' }, { mode: 'uriHandler' }]],
    ['loopback, code-server on another machine', setting('loopback'), CODE_SERVER_ELSEWHERE, [{ mode: 'uriHandler', instead: 'loopback' }]],
    ['paste with a registered URL', setting('paste', 'https://www.mycoolapp.com/auth'), LOCAL, [{ mode: 'paste', registeredUrl: 'https://www.mycoolapp.com/auth' }, { mode: 'uriHandler' }, { mode: 'loopback' }]],
    ['paste with a registered URL (spaces trimmed), remote', setting('paste', '  https://www.mycoolapp.com/auth '), SSH, [{ mode: 'paste', registeredUrl: 'https://www.mycoolapp.com/auth' }, { mode: 'uriHandler' }]],
    ['paste without a registered URL: asked for, never another mode', setting('paste'), LOCAL, [{ mode: 'paste', registeredUrl: undefined }, { mode: 'uriHandler' }, { mode: 'loopback' }]],
    ['paste with something that is not a URL: asked for', setting('paste', 'my app'), LOCAL, [{ mode: 'paste', registeredUrl: undefined }, { mode: 'uriHandler' }, { mode: 'loopback' }]],
  ];
  for (const [what, given, host, expected] of table) {
    it(what, () => assert.deepEqual(callbackPlans(given, host), expected));
  }

  it('the first plan is the setting\'s choice whenever the host supports it', () => {
    for (const host of [LOCAL, SSH, SSH_UI_EXTENSION, CODE_SERVER_ON_LOCALHOST, CODE_SERVER_ELSEWHERE]) {
      for (const mode of ['uriHandler', 'loopback', 'paste'] as const) {
        const [first] = callbackPlans(setting(mode, 'https://a.example/cb'), host);
        assert.ok(first);
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
    assert.match(planNote({ mode: 'loopback' })!, /must allow redirects to http:\/\/127\.0\.0\.1/);
    assert.match(planNote({ mode: 'paste', registeredUrl: 'https://a.example' })!, /you paste the address/);
  });
});
