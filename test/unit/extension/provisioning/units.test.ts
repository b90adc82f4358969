import assert from 'node:assert/strict';
import { ApiError } from '../../../../src/core/api/errors';
import { catalog } from '../../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition } from '../../../../src/core/catalog/types';
import { FlowError } from '../../../../src/core/provisioning/errors';
import { UndecidedLookup } from '../../../../src/core/provisioning/instanceWrites';
import { within } from '../../deadline';
import { connectionRefused } from '../../fetchFailure';
import * as vscode from '../../vscode/fakeVscode';
import { PendingFlowRegistry } from '../../../../src/core/provisioning/pendingFlows';
import {
  defaultInstanceName,
  fieldPrompts,
  isAppSecret,
  parseTags,
  siteNameFrom,
  siteNameOf,
  unaskedConfiguration,
  validateField,
} from '../../../../src/extension/provisioning/fieldPrompts';
import { Log } from '../../../../src/extension/log';
import { CallbackInbox, deliverCallback } from '../../../../src/extension/provisioning/callbackInbox';
import { openCallbackRoute } from '../../../../src/extension/provisioning/callbackRoute';
import { escapeHtml, startLoopbackServer } from '../../../../src/extension/provisioning/loopbackServer';
import { offersInstanceFile } from '../../../../src/core/provisioning/outcome';
import { NOT_IN_PROGRESS, validateCallbackText } from '../../../../src/extension/provisioning/callbackTexts';
import { failureText, successText } from '../../../../src/extension/provisioning/outcomeTexts';
import { formatDuration, formatRemaining } from '../../../../src/extension/provisioning/texts';

function seed(key: string, type: FlowDefinition['type']): { element: ElementDefinition; flow: FlowDefinition } {
  const element = catalog.get(key)!;
  return { element, flow: catalog.flow(element, type)! };
}

describe('provisioning prompts (pure)', () => {
  it('OAuth flows: no callback URL prompt; secrets as passwords offered from the keychain; defaults; no notes (the wizard says them once)', () => {
    const { element, flow } = seed('xero', 'oauth1');
    const prompts = fieldPrompts(element, flow);
    assert.deepEqual(prompts.map((prompt) => prompt.key), ['oauth.api.key', 'oauth.api.secret', 'xero.partner']);
    assert.deepEqual(prompts.map((prompt) => [prompt.password, prompt.offerStored, prompt.optional]), [
      [true, true, false],
      [true, true, false],
      [false, false, true],
    ]);
    assert.equal(prompts[2]!.kind, 'boolean');
    assert.equal(prompts[2]!.value, 'false');
    assert.equal(prompts[0]!.prompt, 'The Consumer Key of your Xero app.');
    assert.doesNotMatch(prompts.map((prompt) => prompt.prompt).join('\n'), /Note:/);
    assert.match(prompts[2]!.prompt, /Optional \(default false\)\./);
  });

  it('token flows ask for the callback URL; user tokens are secret but not offered from the keychain', () => {
    const { element, flow } = seed('quickbooks', 'token');
    const prompts = fieldPrompts(element, flow);
    assert.equal(prompts[0]!.key, 'oauth.callback.url');
    assert.equal(prompts[0]!.kind, 'url');
    const token = prompts.find((prompt) => prompt.key === 'oauth.user.token')!;
    assert.deepEqual([token.password, token.offerStored], [true, false]);
    assert.equal(isAppSecret(flow.configuration.find((field) => field.key === 'oauth.api.key')!), true);
    assert.equal(prompts.find((prompt) => prompt.key === 'quickbooks.datasource')!.value, 'QBO');
  });

  it('Sage One US: the Signature its example works without is "recommended", not required', () => {
    const { element, flow } = seed('sageoneus', 'oauth2');
    const signature = fieldPrompts(element, flow).find((prompt) => prompt.key === 'signature')!;
    assert.equal(signature.optional, true);
    assert.match(signature.prompt, /Recommended, not required: leave empty to skip\./);
    assert.doesNotMatch(signature.prompt, /Optional|required\./);
    assert.equal(validateField(signature, ''), undefined);
  });

  it('prefills from a previous configuration, never a secret', () => {
    const { element, flow } = seed('freshbooks', 'oauth1');
    const prompts = fieldPrompts(element, flow, {
      prefill: { 'oauth.api.key': 'old-key', 'oauth.api.secret': 'old-secret', 'freshbooks.site.address': 'acme', 'oauth.callback.url': 'x' },
    });
    assert.deepEqual(prompts.map((prompt) => [prompt.key, prompt.value]), [
      ['oauth.api.key', undefined],
      ['oauth.api.secret', undefined],
      ['freshbooks.site.address', 'acme'],
    ]);
  });

  it('validates by kind; optional fields may stay empty', () => {
    const url = { label: 'Callback URL', kind: 'url' as const, optional: false };
    assert.equal(validateField(url, ''), 'Callback URL is required.');
    assert.match(validateField(url, 'not a url')!, /absolute URL/);
    assert.equal(validateField(url, 'https://app.example.com/auth'), undefined);
    assert.match(validateField(url, '<INSERT_CALLBACK_URL>')!, /Replace the placeholder/);
    const number = { label: 'Refresh', kind: 'number' as const, optional: true };
    assert.equal(validateField(number, ''), undefined);
    assert.equal(validateField(number, '12a'), 'Refresh must be a number.');
    assert.equal(validateField(number, '13046400'), undefined);
  });

  it('site-name fields: found from their help, over the whole catalog; a pasted address is reduced to the name, another site refused', () => {
    const sites = catalog.elements.flatMap((element) =>
      element.flows.flatMap((flow) => flow.configuration.flatMap((field) => (siteNameOf(field) ? [`${element.key} ${field.key} ${siteNameOf(field)!.example}.${siteNameOf(field)!.domain}`] : []))),
    );
    assert.deepEqual([...new Set(sites)].sort(), [
      'bamboohr company.name company_name.bamboohr.com',
      'desk site.address targetcompany.desk.com',
      'egnyte subdomain cloudelements.egnyte.com',
      'freshbooks freshbooks.site.address targetcompany.freshbooks.com',
      'freshdeskv2 subdomain cloudelements.freshdesk.com',
      'servicenow servicenow.subdomain domain12345.service-now.com',
      'servicenowoauth servicenow.subdomain domain12345.service-now.com',
      'sharefile sharefile.subdomain cloud-elements.sharefile.com',
      'shopify shopify.site.address cloud-elements.myshopify.com',
    ]);
    const site = { example: 'targetcompany', domain: 'freshbooks.com' };
    const cases: Array<[string, string | undefined]> = [
      ['democo', 'democo'],
      ['  democo ', 'democo'],
      ['democo.freshbooks.com', 'democo'],
      ['https://DemoCo.FreshBooks.com/', 'democo'],
      ['http://democo.freshbooks.com/path?x=1', 'democo'],
      ['https://democo.example.com', undefined],
      ['https://a.b.freshbooks.com', undefined],
      ['demo co', undefined],
    ];
    for (const [text, name] of cases) assert.equal(siteNameFrom(text, site), name, text);
  });

  it('names and tags', () => {
    const { element, flow } = seed('xero', 'oauth1');
    assert.equal(defaultInstanceName(element, flow), 'Xero (OAuth 1)');
    assert.deepEqual(parseTags(' a, b,,a ,c '), ['a', 'b', 'c']);
    assert.deepEqual(parseTags(''), []);
  });
});

describe('provisioning outcomes (pure)', () => {
  const context = { elementName: 'Xero', action: 'create' as const, timeoutMs: 600_000 };

  it('names what happened and that nothing was created', () => {
    // The element's name, once (issue 11); the provider's words as it sent them.
    assert.deepEqual(failureText(new FlowError('denied', 'Authorization for xero was refused by the provider: access_denied.', { denial: 'access_denied' }), context), {
      severity: 'warning',
      message: 'Xero refused the authorization: access_denied. Nothing was created.',
    });
    assert.deepEqual(failureText(new FlowError('denied', 'x', { denial: 'access_denied (The user said no.)' }), context).message, 'Xero refused the authorization: access_denied (The user said no.). Nothing was created.');
    assert.deepEqual(failureText(new FlowError('denied', 'x'), context).message, 'Xero refused the authorization. Nothing was created.');
    assert.match(failureText(new FlowError('expired', 'x', { step: 'wait-callback' }), context).message, /within 10 minutes\. Nothing was created\./);
    assert.deepEqual(failureText(new FlowError('cancelled', 'x'), context), { severity: 'info', message: 'Provisioning Xero was cancelled. Nothing was created.' });
    assert.match(failureText(new FlowError('state-mismatch', 'x'), context).message, /state mismatch.*Nothing was created/);
    assert.match(failureText(new FlowError('missing-callback-params', 'The callback lacks code, so no instance was created.'), context).message, /lacks code/);
    const reauth = failureText(new FlowError('denied', 'refused.'), { ...context, action: 'reauthorize' });
    assert.match(reauth.message, /The instance was not changed\.$/);
  });

  it('a cancel during the create call may have created the instance', () => {
    const apiError = new ApiError('cancelled', { kind: 'cancelled', method: 'POST', path: '/instances' });
    const text = failureText(new FlowError('cancelled', 'x', { step: 'create-instance', apiError }), context);
    assert.match(text.message, /may have happened: refresh the Instances view/);
  });

  it('after a lost answer: never "nothing was created"; what the check showed, and a Refresh', () => {
    const request = { element: { key: 'xero' }, name: 'Books', configuration: {} };
    const lost = new ApiError('POST /instances failed: the server answered HTTP 502 Bad Gateway with an HTML page instead of JSON. The service may be down.', {
      kind: 'http',
      method: 'POST',
      path: '/instances',
      status: 502,
    });
    const details = { step: 'create-instance' as const, apiError: lost, request };
    const notFound = failureText(new FlowError('api', `Creating the instance for Xero failed: ${lost.message}`, { ...details, outcome: 'not-found' }), context);
    assert.deepEqual(notFound, {
      severity: 'error',
      message:
        'Creating the instance for Xero failed: POST /instances failed: the server answered HTTP 502 Bad Gateway with an HTML page instead of JSON. The service may be down. ' +
        'No new instance named "Books" was in the account when checked just now, but the request may still take effect — check before retrying: refresh the Instances view.',
      offerRefresh: true,
    });
    const unknown = failureText(new FlowError('api', 'x.', { ...details, outcome: 'unknown', lookupError: new Error('GET /instances timed out.') }), context);
    assert.equal(unknown.message, 'x. The instance may exist — check before retrying: refresh the Instances view. (Checking the account failed too: GET /instances timed out.)');
    assert.equal(unknown.offerRefresh, true);
    // A look that read the account but cannot tell says what it found, not that checking failed.
    const undecided = new UndecidedLookup('2 instances named "Books" (xero) appeared in the account while the request was under way (#10, #11): nothing tells which one it created.');
    const cannotTell = failureText(new FlowError('api', 'x.', { ...details, outcome: 'unknown', lookupError: undecided }), context);
    assert.equal(cannotTell.message, `x. The instance may exist — check before retrying: refresh the Instances view. (${undecided.message})`);
    const cancelledUndecided = failureText(new FlowError('cancelled', 'c.', { ...details, outcome: 'unknown', lookupError: undecided }), context);
    assert.ok(cancelledUndecided.message.endsWith(` ${undecided.message}`) && !/Checking the account failed/.test(cancelledUndecided.message), cancelledUndecided.message);
    const reauth = failureText(new FlowError('timeout', 'y.', { ...details, outcome: 'not-found' }), { ...context, action: 'reauthorize' });
    assert.match(reauth.message, /^y\. The instance showed no change when checked just now, but the re-authorization may still take effect — check before retrying/);
    const reauthUnknown = failureText(new FlowError('api', 'y.', { ...details, outcome: 'unknown' }), { ...context, action: 'reauthorize' });
    assert.match(reauthUnknown.message, /The re-authorization may have taken effect — check before retrying/);
    const refused = failureText(new FlowError('api', 'z.', { ...details, apiError: undefined, outcome: 'not-applied' }), context);
    assert.deepEqual(refused, { severity: 'error', message: 'z. Nothing was created.' });
    assert.equal(offersInstanceFile(new FlowError('api', 'x', { ...details, outcome: 'not-found' }), 'create'), false, 'no "fix and retry" when it may exist');
  });

  it('success after a lost answer says how it is known; after a switch, where it lives', () => {
    const instance = { id: 7, name: 'Books' };
    assert.equal(successText({ action: 'create', instance }), 'Created Books (#7).');
    const lost = new ApiError('POST /instances: the server answered HTTP 200 OK with an empty body where JSON was expected.', {
      kind: 'invalid-response',
      method: 'POST',
      path: '/instances',
    });
    assert.equal(
      successText({ action: 'create', instance, lostAnswer: lost }),
      'Created Books (#7). The answer to the request was lost (POST /instances: the server answered HTTP 200 OK with an empty body where JSON was expected), but the account shows it.',
    );
    const cancelled = new ApiError('PUT /instances/7 was cancelled.', { kind: 'cancelled', method: 'PUT', path: '/instances/7' });
    assert.equal(
      successText({ action: 'reauthorize', instance, lostAnswer: cancelled, otherEnvironment: 'Staging' }),
      'Re-authorized Books (#7) in Staging. The request had reached Cloud Elements before it was cancelled: the account shows it. Its token is kept for that environment; the Instances view shows the one you switched to.',
    );
  });

  it('offers the instance file only for a refused create with a body', () => {
    const request = { element: { key: 'xero' }, name: 'n', configuration: {} };
    assert.equal(offersInstanceFile(new FlowError('api', 'x', { step: 'create-instance', request }), 'create'), true);
    assert.equal(offersInstanceFile(new FlowError('api', 'x', { step: 'create-instance', request }), 'reauthorize'), false);
    assert.equal(offersInstanceFile(new FlowError('api', 'x', { step: 'authorize-url' }), 'create'), false);
  });

  it('durations and the remaining time', () => {
    assert.equal(formatDuration(600_000), '10 minutes');
    assert.equal(formatDuration(60_000), '1 minute');
    assert.equal(formatDuration(60), '1 second');
    assert.equal(formatDuration(90_000), '1.5 minutes');
    assert.equal(formatRemaining(1_000_000 + 125_000, 1_000_000), '2:05');
    assert.equal(formatRemaining(0, 5), '0:00');
  });

  it('deliverCallback: a match completes the flow; a foreign or used state is refused without echoing it', async () => {
    const registry = new PendingFlowRegistry();
    const pending = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const foreign = deliverCallback(registry, 'vscode://x/callback?code=1&state=some-foreign-state');
    assert.deepEqual(foreign, { ok: false, code: 'state-mismatch', message: NOT_IN_PROGRESS });
    const url = `vscode://x/callback?code=1&state=${pending.state}`;
    assert.deepEqual(deliverCallback(registry, url), { ok: true, outcome: 'authorized', elementKey: 'xero' });
    assert.deepEqual(await pending.callback, { code: '1', state: pending.state });
    const replay = deliverCallback(registry, url);
    assert.equal(replay.ok, false);
    assert.ok(!replay.ok && !replay.message.includes(pending.state));
    assert.match(deliverCallback(registry, 'vscode://x/callback').ok ? '' : 'refused', /refused/);
  });

  it('deliverCallback: a callback that repeats its state, or is oversized, is refused with a reason; the flow keeps waiting', async () => {
    const registry = new PendingFlowRegistry();
    const pending = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const repeated = deliverCallback(registry, `vscode://x/callback?code=1&state=${pending.state}&state=${pending.state}`);
    assert.equal(repeated.ok, false);
    assert.ok(!repeated.ok && repeated.code === 'invalid-callback');
    assert.ok(!repeated.ok && /"state" more than once.*Nothing was created\.$/.test(repeated.message), JSON.stringify(repeated));
    assert.ok(!repeated.ok && !repeated.message.includes(pending.state));
    const oversized = deliverCallback(registry, `vscode://x/callback?code=1&state=${pending.state}&pad=${'x'.repeat(9000)}`);
    assert.ok(!oversized.ok && /more than the 8192 a callback can be/.test(oversized.message));
    assert.ok(registry.isPending(pending.state));
    assert.deepEqual(deliverCallback(registry, `vscode://x/callback?code=1&state=${pending.state}`), { ok: true, outcome: 'authorized', elementKey: 'xero' });
    await pending.callback;
  });

  it('validateCallbackText', () => {
    assert.equal(validateCallbackText('https://a.example/auth?code=1&state=2'), undefined);
    assert.equal(validateCallbackText('oauth_token=1&oauth_verifier=2'), undefined);
    assert.match(validateCallbackText('')!, /Paste the whole address/);
    assert.match(validateCallbackText('https://a.example/auth')!, /No callback parameters/);
    assert.match(validateCallbackText('https://a.example/auth?utm=1')!, /no code, oauth_token/);
  });
});

describe('loopback server', () => {
  it('answers /callback with a page, refuses other paths, closes after an accepted callback', async () => {
    const received: string[] = [];
    let accept = false;
    const server = await startLoopbackServer((url) => {
      received.push(url);
      return accept
        ? { accepted: true, title: 'Authorization received', message: 'You can close this tab and return to VS Code.' }
        : { accepted: false, title: 'Not accepted', message: 'Not <yours>.' };
    });
    try {
      assert.match(server.callbackUrl, /^http:\/\/localhost:\d+\/callback$/);
      const other = await fetch(server.callbackUrl.replace('/callback', '/favicon.ico'));
      assert.equal(other.status, 404);
      await other.text();
      const refused = await fetch(`${server.callbackUrl}?code=1&state=x`);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /Not &#60;yours&#62;\./);
      assert.equal(refused.headers.get('referrer-policy'), 'no-referrer');
      accept = true;
      const ok = await fetch(`${server.callbackUrl}?code=2&state=y`);
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type')!, /^text\/html/);
      assert.match(await ok.text(), /You can close this tab and return to VS Code\./);
      assert.deepEqual(received, [`${server.callbackUrl}?code=1&state=x`, `${server.callbackUrl}?code=2&state=y`]);
      await within(server.closed, 'the loopback server to stop listening after the accepted callback');
      await assert.rejects(fetch(server.callbackUrl), connectionRefused('the server stopped listening after the accepted callback'));
    } finally {
      await server.close();
    }
  });

  it('escapes HTML', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});

describe('CallbackInbox (built once; every way back delivers to it)', () => {
  it('the URI handler, the loopback route and a paste complete their flows; a refusal is warned about (no state echoed) and logged', async () => {
    vscode.resetFake();
    const registry = new PendingFlowRegistry();
    const channel = vscode.fakeLogChannel();
    const log = new Log(channel as never);
    const inbox = new CallbackInbox(registry, log);
    const viaUri = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const viaLoopback = registry.begin({ elementKey: 'sageoneus', flowType: 'oauth2' });
    const viaPaste = registry.begin({ elementKey: 'freshbooks', flowType: 'oauth1' });
    assert.equal(inbox.waiting, true);

    inbox.uriHandler.handleUri(vscode.Uri.parse(`vscode://elements-dev.elements-toolkit/callback?code=u&state=${viaUri.state}`) as never);
    assert.equal((await viaUri.callback).code, 'u');

    const route = await openCallbackRoute({ mode: 'loopback' }, inbox, log);
    try {
      const page = await fetch(`${route.callbackUrl}?code=l&state=${viaLoopback.state}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Authorization received/);
      assert.equal((await viaLoopback.callback).code, 'l');
    } finally {
      route.dispose();
    }

    const forged = inbox.deliver(`https://a.example/cb?oauth_token=t&state=${viaPaste.state}-forged`, 'pasted address');
    assert.equal(forged.ok, false);
    const warning = vscode.ui.calls.find((call) => call.kind === 'message');
    assert.ok(warning && warning.kind === 'message' && warning.level === 'warning' && warning.message === NOT_IN_PROGRESS);
    assert.ok(!JSON.stringify(vscode.ui.calls).includes(viaPaste.state));
    assert.ok(inbox.deliver(`https://a.example/cb?oauth_verifier=v&state=${viaPaste.state}`, 'pasted address').ok);
    assert.equal((await viaPaste.callback).oauth_verifier, 'v');
    assert.equal(inbox.waiting, false);
    assert.deepEqual(
      channel.lines.filter((line) => /Received|Ignored/.test(line)).map((line) => line.replace(/:.*$/, '')),
      ['info Received the authorization for xero (URI handler).', 'info Received the authorization for sageoneus (loopback server).', 'warn Ignored a callback (pasted address)', 'info Received the authorization for freshbooks (pasted address).'],
    );
  });
});

describe('defaults are not requirements, and a chosen flow is not asked again (issue 18 item 1, issue 20 item 13)', () => {
  it('Xero OAuth 2: a Client ID and Client Secret, no OAuth 1.0a "Partner application"; xero.partner is not sent', () => {
    const { element, flow } = seed('xero', 'oauth2');
    const prompts = fieldPrompts(element, flow);
    assert.deepEqual(prompts.map((prompt) => prompt.label), ['Client ID', 'Client Secret']);
    assert.equal(prompts[0]!.prompt, 'The Client ID of your Xero app.');
    assert.deepEqual(unaskedConfiguration(flow), {});
    // An instance or file being reused keeps what it had.
    assert.deepEqual(unaskedConfiguration(flow, { 'xero.partner': 'true', 'oauth.api.secret': 'not-sent' }), { 'xero.partner': 'true' });
    const oauth1 = seed('xero', 'oauth1');
    assert.deepEqual(fieldPrompts(oauth1.element, oauth1.flow).map((prompt) => prompt.label), ['Consumer Key', 'Consumer Secret', 'Partner application']);
  });

  it('QuickBooks OAuth 2: no "Authentication type" prompt (the flow chose oauth2, and it is sent); Scope prefilled with its default and optional', () => {
    const { element, flow } = seed('quickbooks', 'oauth2');
    const prompts = fieldPrompts(element, flow);
    assert.deepEqual(prompts.map((prompt) => prompt.key), ['oauth.api.key', 'oauth.api.secret', 'quickbooks.minorversion', 'use_sandbox', 'scope']);
    assert.deepEqual(unaskedConfiguration(flow), { 'authentication.type': 'oauth2' });
    const scope = prompts.find((prompt) => prompt.key === 'scope')!;
    assert.deepEqual([scope.value, scope.defaultValue, scope.optional], ['com.intuit.quickbooks.accounting', 'com.intuit.quickbooks.accounting', true]);
    assert.match(scope.prompt, /Optional: leave empty for the default, com\.intuit\.quickbooks\.accounting\.$/);
    assert.equal(validateField(scope, ''), undefined, 'an empty scope is not refused: the default is sent');
    const sandbox = fieldPrompts(element, flow, { prefill: { use_sandbox: 'true' } }).find((prompt) => prompt.key === 'use_sandbox')!;
    assert.deepEqual([sandbox.value, sandbox.defaultValue], ['true', 'false'], 'the prefilled value is not the default');
  });

  it('over the whole catalog: a field with a documented default is never demanded and says its default; a flow-chosen field is never asked', () => {
    let defaults = 0;
    let chosen = 0;
    for (const element of catalog.elements) {
      for (const flow of element.flows) {
        const prompts = fieldPrompts(element, flow);
        const fixed = unaskedConfiguration(flow);
        for (const field of flow.configuration) {
          const prompt = prompts.find((candidate) => candidate.key === field.key);
          const where = `${element.key} ${flow.type} ${field.key}`;
          if (field.key === 'authentication.type') {
            chosen++;
            assert.equal(prompt, undefined, `${where}: chosen with the flow, not asked`);
            assert.ok(fixed[field.key] && !/[<>]/.test(fixed[field.key]!), `${where}: sent as the flow's value`);
            continue;
          }
          if (!prompt || field.default === undefined || /[<>]/.test(field.default) || field.default.trim() === '') continue;
          defaults++;
          assert.equal(prompt.optional, true, `${where}: a default is not a requirement`);
          assert.equal(validateField(prompt, ''), undefined, `${where}: empty is accepted`);
          assert.ok(prompt.prompt.includes(`default${prompt.kind === 'boolean' ? ' ' : ', '}${field.default}`), `${where}: says its default: ${prompt.prompt}`);
        }
      }
    }
    assert.ok(defaults >= 20 && chosen >= 15, `checked ${defaults} defaults and ${chosen} flow-chosen fields`);
  });
});
