import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { RESPONSE_SCHEME } from '../../../../src/extension/console/contract';
import { SECTION } from '../../../../src/extension/settings';
import * as vscode from '../../vscode/fakeVscode';
import {
  activeDocument,
  addFault,
  apiChildren,
  assertNoSecretShown,
  byName,
  click,
  edit,
  emulatorRequests,
  instanceNode,
  lenses,
  messages,
  mountConsole,
  mountForEachTest,
  openRequest,
  shownResponse,
} from './setup';
import type { ConsoleMount } from './setup';

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies */

const XERO = 'Xero Demo Company';

describe('the instance\'s API: operations, request documents, Send, Next Page, Copy as cURL (against the emulator)', () => {
  let emulator: RunningEmulator;
  let m: ConsoleMount;
  mountForEachTest({ port: 0, seed: true }, mountConsole, (running, mounted) => ((emulator = running), (m = mounted)));

  /** Sends the active request document's request through its Send lens. */
  async function send(document: vscode.FakeTextDocument = activeDocument()): Promise<void> {
    const send = lenses(document).find((lens) => lens.title === '$(play) Send');
    assert.ok(send, `a Send lens: ${JSON.stringify(lenses(document))}`);
    await click(send);
  }

  describe('the API node', () => {
    it('lists the operations grouped by resource, read once per instance', async () => {
      const resources = await apiChildren(m, XERO);
      const names = resources.map((node) => (node.kind === 'apiResource' ? node.name : node.kind));
      assert.deepEqual(names, ['customers', 'invoices', 'ledger-accounts', 'payments', 'ping', 'vendors']);
      const customers = resources[0]!;
      const items = (await m.view.provider.getChildren(customers)).map((node) => m.view.provider.getTreeItem(node) as unknown as vscode.TreeItem);
      assert.deepEqual(
        items.map((item) => item.label),
        ['GET /customers', 'POST /customers', 'GET /customers/{id}', 'PUT /customers/{id}', 'PATCH /customers/{id}', 'DELETE /customers/{id}'],
      );
      assert.equal((m.view.provider.getTreeItem(customers) as unknown as vscode.TreeItem).description, '6');
      assert.ok(items.every((item) => item.command?.command === 'cloudElements.openApiOperation' && item.contextValue === 'apiOperation'));
      assert.equal(m.view.provider.getParent(resources[0]!)?.kind, 'api');

      await apiChildren(m, XERO);
      const docsReads = (await emulatorRequests(emulator)).filter((request) => request.path.endsWith('/docs'));
      assert.equal(docsReads.length, 1, 'cached per instance');
    });

    it('a failed read shows one error node that reads again when clicked (failures are not cached)', async () => {
      await addFault(emulator, { method: 'GET', path: '/docs', status: 503, body: { message: 'Docs are down', requestId: 'req-docs' }, times: 2 });
      const [error] = await apiChildren(m, XERO);
      assert.equal(error?.kind, 'apiError');
      const item = m.view.provider.getTreeItem(error!) as unknown as vscode.TreeItem;
      assert.match(String(item.label), /^Could not read the API of "Xero Demo Company" \(#\d+\): GET \/instances\/\d+\/docs failed on the server \(HTTP 503 Service Unavailable\) after 2 attempts\. The API said: Docs are down\. Request id: req-docs\.$/);
      assert.equal(item.command?.command, 'cloudElements.refreshApi');
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const [first] = await apiChildren(m, XERO);
      assert.equal(first?.kind, 'apiResource');
    });

    it('Refresh API reads the docs again', async () => {
      await apiChildren(m, XERO);
      const [api] = await m.view.provider.getChildren(await instanceNode(m, XERO));
      await vscode.commands.executeCommand('cloudElements.refreshApi', api);
      await apiChildren(m, XERO);
      assert.equal((await emulatorRequests(emulator)).filter((request) => request.path.endsWith('/docs')).length, 2);
    });
  });

  describe('request documents', () => {
    it('GET /customers opens an untitled plain-text request with the token as a reference, never its value', async () => {
      const xero = await byName(emulator, XERO);
      const document = await openRequest(m, XERO, 'GET /customers');
      assert.equal(document.languageId, 'plaintext', 'no extension provides the http language here');
      const text = document.getText();
      assert.match(text, /^### getCustomers\n/);
      assert.match(text, /\nGET \{\{baseUrl\}\}\/hubs\/finance\/customers\n {4}\?pageSize=20\n/);
      assert.match(text, new RegExp(`\\nAuthorization: User \\{\\{account:user\\}\\}, Organization \\{\\{account:organization\\}\\}, Element \\{\\{instance:${xero.id}:token\\}\\}\\n`));
      assert.ok(!text.includes(xero.token));
      assert.deepEqual(
        lenses(document).map((lens) => [lens.line, lens.title, lens.command]),
        [
          [text.split('\n').findIndex((line) => line.startsWith('GET ')), '$(play) Send', 'cloudElements.sendRequest'],
          [text.split('\n').findIndex((line) => line.startsWith('GET ')), 'Copy as cURL', 'cloudElements.copyRequestAsCurl'],
        ],
      );
    });

    it('in the http language when an extension (REST Client) provides it', async () => {
      vscode.languages.extraLanguages.push('http');
      assert.equal((await openRequest(m, XERO, 'GET /customers')).languageId, 'http');
    });

    it('POST /customers comes with an example body from the resolved definitions', async () => {
      const document = await openRequest(m, XERO, 'POST /customers');
      const text = document.getText();
      assert.match(text, /\nContent-Type: application\/json\n\n\{/);
      const body = JSON.parse(text.slice(text.indexOf('\n\n') + 2)) as Record<string, unknown>;
      assert.equal(typeof body.name, 'string');
      assert.ok(!('id' in body), 'read-only fields are left out');
      assert.ok((await emulatorRequests(emulator)).some((request) => /\/docs\/createCustomer\/definitions$/.test(request.path)));
    });
  });

  describe('Send', () => {
    it('GET /customers: the response opens beside, read-only JSON with status, timing, headers and records; Next Page loads page 2', async () => {
      await openRequest(m, XERO, 'GET /customers');
      const started = performance.now();
      await send();
      const elapsed = performance.now() - started;
      const { document, view } = shownResponse();
      assert.equal(vscode.window.activeTextEditor?.viewColumn, 2, 'beside the request (column 1)');
      assert.match(view.request, /^GET http:\/\/127\.0\.0\.1:\d+\/elements\/api-v2\/hubs\/finance\/customers\?pageSize=20$/);
      assert.equal(view.status, 200);
      assert.equal(view.statusText, 'OK');
      assert.equal(typeof view.timeMs, 'number');
      assert.equal(view.page, 1);
      assert.equal(view.headers['content-type'], 'application/json');
      const token = view.headers['elements-next-page-token'];
      assert.ok(token, 'the first page has a next-page token');
      assert.ok(Array.isArray(view.body) && view.body.length === 20, `twenty records: ${JSON.stringify(view).slice(0, 3000)}`);
      assert.ok(view.body.every((record: any) => typeof record.id !== 'undefined' && typeof record.name === 'string'));
      assert.equal(vscode.contextKeys.get('cloudElements.responseHasNextPage'), true);
      console.log(`      Send → response document: ${elapsed.toFixed(0)} ms (the answer itself: ${view.timeMs} ms)`);

      const responseLenses = lenses(document);
      assert.deepEqual(responseLenses.map((lens) => lens.title), [`200 OK · ${view.timeMs} ms · page 1`, '$(arrow-right) Next Page (2)']);
      await click(responseLenses[1]!);
      const page2 = shownResponse();
      assert.notEqual(page2.document.uri.toString(), document.uri.toString());
      assert.match(page2.document.uri.path, /GET-customers-page-2\.json$/);
      assert.equal(page2.view.page, 2);
      assert.match(page2.view.request, new RegExp(`pageSize=20&nextPage=${encodeURIComponent(token).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      assert.ok(page2.view.body.length > 0 && page2.view.body.length <= 20, 'the rest, at most a page');
      assert.notDeepEqual(page2.view.body.map((record: any) => record.id), view.body.map((record: any) => record.id), 'other records');
      await assertNoSecretShown(m);
    });

    it('Next Page from the editor title (the palette command, on the active response); the last page says so', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      edit(document, (text) => text.replace('?pageSize=20', '?pageSize=500'));
      await send(document);
      assert.equal(shownResponse().view.headers['elements-next-page-token'], undefined, 'one page holds them all');
      assert.equal(vscode.contextKeys.get('cloudElements.responseHasNextPage'), false);
      await vscode.commands.executeCommand('cloudElements.nextPage', shownResponse().document.uri);
      assert.equal(messages('info').at(-1)?.message, 'Page 1 is the last one: its answer carries no Elements-Next-Page-Token.');
    });

    it('the palette command sends the request under the cursor', async () => {
      await send(await openRequest(m, XERO, 'GET /customers'));
      const id = String(shownResponse().view.body[0].id);
      const document = await openRequest(m, XERO, 'GET /customers/{id}');
      const editor = vscode.window.activeTextEditor as vscode.FakeTextEditor;
      edit(document, (text) => text.replace('/customers/{id}', `/customers/${id}`));
      // The instance's document holds both requests now: the cursor goes on the second one's.
      const line = document.getText().split('\n').findIndex((text) => text.startsWith('GET ') && text.includes(`/customers/${id}`));
      editor.selection = new vscode.Selection(line + 1, 0, line + 1, 0);
      await vscode.commands.executeCommand('cloudElements.sendRequest');
      const { view } = shownResponse();
      assert.equal(view.status, 200);
      assert.equal(String(view.body.id), id);
    });

    it('a request that cannot be sent says why, sends nothing, and its lens says so', async () => {
      const document = await openRequest(m, XERO, 'GET /customers/{id}');
      const [lens] = lenses(document);
      assert.match(lens!.title, /^\$\(warning\) Line \d+: fill in \{id\} in the path before sending/);
      const before = (await emulatorRequests(emulator)).length;
      await click(lens!);
      assert.match(messages('error').at(-1)?.message ?? '', /^Line \d+: fill in \{id\} in the path before sending/);
      assert.equal((await emulatorRequests(emulator)).length, before);
    });

    it('a URL outside the current environment is refused: the console sends secrets nowhere else', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      edit(document, (text) => text.replace('GET {{baseUrl}}', 'GET https://attacker.example/elements/api-v2'));
      assert.deepEqual(lenses(document), [], 'not a console line any more: no lens');
      await vscode.commands.executeCommand('cloudElements.sendRequest', document.uri, document.getText().split('\n').findIndex((line) => line.startsWith('GET ')));
      assert.match(messages('error').at(-1)?.message ?? '', /is not under the current environment's base URL/);
    });

    it('404: the response shows, and the message says what was not found', async () => {
      const document = await openRequest(m, XERO, 'GET /customers/{id}');
      edit(document, (text) => text.replace('/customers/{id}', '/customers/999999'));
      await send(document);
      const { view } = shownResponse();
      assert.equal(view.status, 404);
      assert.match(view.problem ?? '', /found nothing/);
      assert.match(messages('error').at(-1)?.message ?? '', /^GET \/hubs\/finance\/customers\/999999 found nothing \(HTTP 404 Not Found\): check the path, the ids in it, and that the hub is the instance's own\. The API said: No Customer found with the id in the path\. Request id: \w+\.$/);
    });

    it('401: an instance whose authorization expired', async () => {
      await send(await openRequest(m, 'FreshBooks (authorization expired)', 'GET /customers'));
      assert.equal(shownResponse().view.status, 401);
      assert.match(messages('error').at(-1)?.message ?? '', /^Cloud Elements refused the credentials for GET \/hubs\/finance\/customers \(HTTP 401 Unauthorized\).*Request id: \w+\.$/);
    });

    it('403: a disabled instance', async () => {
      await send(await openRequest(m, 'Sage One US (disabled)', 'GET /customers'));
      assert.match(messages('error').at(-1)?.message ?? '', /^GET \/hubs\/sage\/customers was refused \(HTTP 403 Forbidden\): the instance is disabled\. Enable it, then try again\./);
    });

    it('POST creates once; a 5xx on a POST is not retried and the message says to check before sending again', async () => {
      const document = await openRequest(m, XERO, 'POST /customers');
      edit(document, (text) => text.replace('"name": ""', '"name": "Acme"'));
      await send(document);
      assert.equal(shownResponse().view.status, 200);
      const created = shownResponse().view.body;
      assert.ok(created.id !== undefined, 'the created record, with its id');

      await addFault(emulator, { method: 'POST', path: '/hubs/finance/customers', status: 503, times: 0 });
      await send(document);
      assert.match(messages('error').at(-1)?.message ?? '', /^POST \/hubs\/finance\/customers failed on the server \(HTTP 503 Service Unavailable\)\. It was sent once and not retried: the change may or may not have been made, so check before sending it again\./);
      const posts = (await emulatorRequests(emulator)).filter((request) => request.method === 'POST' && request.path.endsWith('/customers'));
      assert.equal(posts.length, 2, 'one POST per Send');
    });

    it('a 5xx on a GET is tried twice (safe to repeat)', async () => {
      await addFault(emulator, { method: 'GET', path: '/hubs/finance/customers', status: 502, times: 0 });
      await send(await openRequest(m, XERO, 'GET /customers'));
      assert.match(messages('error').at(-1)?.message ?? '', /^GET \/hubs\/finance\/customers failed on the server \(HTTP 502 Bad Gateway\) after 2 attempts\. The API said: Injected fault: 502 Bad Gateway\. Request id: \w+\.$/);
      assert.equal((await emulatorRequests(emulator)).filter((request) => request.method === 'GET' && request.path.endsWith('/hubs/finance/customers')).length, 2);
    });

    it('timeout on a POST: sent once, and it may still have taken effect', async () => {
      const document = await openRequest(m, XERO, 'POST /customers');
      vscode.settings.set(`${SECTION}.requestTimeoutSeconds`, 1);
      await addFault(emulator, { method: 'POST', path: '/hubs/finance/customers', delayMs: 2500, times: 0 });
      await send(document);
      assert.match(messages('error').at(-1)?.message ?? '', /^POST \/hubs\/finance\/customers got no answer from 127\.0\.0\.1:\d+ within 1 s\. It may still have taken effect: check before sending it again, or raise the request timeout\.$/);
      assert.notEqual(activeDocument().uri.scheme, RESPONSE_SCHEME, 'no response to show');
    });

    it('signed out: asks to sign in first and sends nothing', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      await m.services.session.signOut();
      const before = (await emulatorRequests(emulator)).length;
      await send(document);
      assert.ok(messages('info').some((call) => call.message === 'Sign in to Cloud Elements (Custom base URL) to send requests.'));
      assert.equal((await emulatorRequests(emulator)).length, before);
    });
  });

  describe('request documents and response editors (issue 20 item 8)', () => {
    it('one saved .http document per instance: each operation a block of it, one already there shown instead of added again; another instance has its own', async () => {
      const xero = await byName(emulator, XERO);
      const list = await openRequest(m, XERO, 'GET /customers');
      assert.match(list.uri.path, new RegExp(`/requests/custom/xero-${xero.id}\\.http$`));
      assert.equal(list.isDirty, false, 'saved: closing it asks nothing');
      const create = await openRequest(m, XERO, 'POST /customers');
      assert.equal(create, list, 'the same document');
      assert.deepEqual(list.getText().split('\n').filter((line) => line.startsWith('###')), ['### getCustomers', '### createCustomer']);
      assert.equal(list.isDirty, false);
      const editor = vscode.window.activeTextEditor as vscode.FakeTextEditor;
      assert.ok(editor.selection.active.line > 0 && list.getText().split('\n')[editor.selection.active.line]!.startsWith('POST '), 'the cursor on the new request');

      await openRequest(m, XERO, 'GET /customers');
      assert.deepEqual(list.getText().split('\n').filter((line) => line.startsWith('###')), ['### getCustomers', '### createCustomer'], 'not added twice');
      assert.ok(list.getText().split('\n')[(vscode.window.activeTextEditor as vscode.FakeTextEditor).selection.active.line]!.startsWith('GET '), 'the cursor on the request that was there');

      const other = await openRequest(m, 'QBO Token', 'GET /customers');
      assert.notEqual(other, list);
      assert.match(other.uri.path, /\/requests\/custom\/quickbooks-\d+\.http$/);
    });

    it('POST /customers as it opens is accepted: the example fills the required name (it was "name": "", a 400)', async () => {
      const document = await openRequest(m, XERO, 'POST /customers');
      assert.doesNotMatch(document.getText(), /"name": ""/);
      await send(document);
      assert.equal(shownResponse().view.status, 200);
    });

    it('a refused POST is not labelled "page 1" (in the document or its lens)', async () => {
      const document = await openRequest(m, XERO, 'POST /customers');
      edit(document, (text) => text.replace(/"name": "[^"]*"/, '"name": ""'));
      await send(document);
      const { document: response, view } = shownResponse();
      assert.equal(view.status, 400);
      assert.equal(view.page, undefined);
      assert.deepEqual(lenses(response).map((lens) => lens.title), [`400 Bad Request · ${view.timeMs} ms`]);
    });

    it('sending a request again shows the answer in its response document (one tab); every response goes to one column beside the requests', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      await send(document);
      const first = shownResponse().document;
      assert.equal(vscode.window.activeTextEditor?.viewColumn, 2);
      vscode.showEditor(document);
      (vscode.window.activeTextEditor as vscode.FakeTextEditor).viewColumn = 1;
      edit(document, (text) => text.replace('?pageSize=20', '?pageSize=5'));
      await send(document);
      const again = shownResponse();
      assert.equal(again.document.uri.toString(), first.uri.toString(), 'the same response document');
      assert.equal(again.view.body.length, 5, 'showing the new answer');
      assert.equal(vscode.window.activeTextEditor?.viewColumn, 2, 'in the same column');

      // Another request of the document: its own response document, in the responses' column (not a third one).
      const both = await openRequest(m, XERO, 'POST /customers');
      (vscode.window.activeTextEditor as vscode.FakeTextEditor).viewColumn = 1;
      const postLine = both.getText().split('\n').findIndex((line) => line.startsWith('POST '));
      await click(lenses(both).find((lens) => lens.line === postLine && lens.title === '$(play) Send')!);
      assert.notEqual(shownResponse().document.uri.toString(), first.uri.toString());
      assert.equal(vscode.window.activeTextEditor?.viewColumn, 2);
      assert.deepEqual(vscode.window.visibleTextEditors.map((editor) => editor.viewColumn).sort(), [1, 2]);
    });
  });

  describe('Copy as cURL', () => {
    it('with the token masked, or as $ELEMENTS_TOKEN (a quick pick); never a secret', async () => {
      const xero = await byName(emulator, XERO);
      const document = await openRequest(m, XERO, 'GET /customers');
      const curl = lenses(document).find((lens) => lens.title === 'Copy as cURL')!;
      m.user.pick(/Copy Request as cURL/, (item: { secrets: string }) => item.secrets === 'masked');
      await click(curl);
      assert.match(vscode.clipboard.text, /^curl -X GET 'http:\/\/127\.0\.0\.1:\d+\/elements\/api-v2\/hubs\/finance\/customers\?pageSize=20' \\\n {2}-H 'Authorization: User \*\*\*, Organization \*\*\*, Element \*\*\*'/);
      assert.match(messages('info').at(-1)?.message ?? '', /^Copied GET \/hubs\/finance\/customers as cURL, with the token and secrets masked as \*\*\*\.$/);

      m.user.pick(/Copy Request as cURL/, (item: { secrets: string }) => item.secrets === 'variables');
      await click(curl);
      assert.match(vscode.clipboard.text, /-H 'Authorization: User '"\$ELEMENTS_USER_SECRET"', Organization '"\$ELEMENTS_ORG_SECRET"', Element '"\$ELEMENTS_TOKEN"/);
      for (const secret of [xero.token, emulator.userSecret, emulator.orgSecret]) assert.ok(!vscode.clipboard.text.includes(secret));
      assert.deepEqual(
        (await emulatorRequests(emulator)).filter((request) => request.path.includes('/hubs/')),
        [],
        'copying sends nothing',
      );
    });

    it('"Token masked" masks secrets typed into the request too, and names each (issue 19 item 4)', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      edit(document, (text) => text.replace('?pageSize=20', '?pageSize=20&access_token=typed-token-0001').replace('Accept: application/json', 'Accept: application/json\nX-Api-Key: typed-key-0002'));
      const curl = lenses(document).find((lens) => lens.title === 'Copy as cURL')!;
      m.user.pick(/Copy Request as cURL/, (item: { secrets: string }) => item.secrets === 'masked');
      await click(curl);
      assert.ok(!/typed-token-0001|typed-key-0002/.test(vscode.clipboard.text), vscode.clipboard.text);
      assert.match(vscode.clipboard.text, /access_token=\*\*\*/);
      assert.match(vscode.clipboard.text, /-H 'X-Api-Key: \*\*\*'/);
      assert.equal(messages('info').at(-1)?.message, 'Copied GET /hubs/finance/customers as cURL, with the token and secrets masked as ***; also masked: header X-Api-Key, query parameter access_token.');

      m.user.pick(/Copy Request as cURL/, (item: { secrets: string }) => item.secrets === 'variables');
      await click(curl);
      assert.match(messages('info').at(-1)?.message ?? '', /Secrets typed into the request are copied as written \(header X-Api-Key, query parameter access_token\)\.$/);
    });

    it('Escape copies nothing', async () => {
      const document = await openRequest(m, XERO, 'GET /customers');
      await vscode.commands.executeCommand('cloudElements.copyRequestAsCurl', document.uri, 5);
      assert.equal(vscode.clipboard.text, '');
    });
  });

  describe('response documents', () => {
    it('a response kept from before a reload says to send again; one that is not a response says so to Next Page', async () => {
      const gone = vscode.Uri.parse(`${RESPONSE_SCHEME}:/custom/99/GET-customers.json`);
      const text = ((await vscode.workspace.openTextDocument(gone)) as vscode.FakeTextDocument).getText();
      assert.match(JSON.parse(text).message, /send the request again/);
      await vscode.commands.executeCommand('cloudElements.nextPage', gone);
      assert.match(messages('info').at(-1)?.message ?? '', /not a response of the instance console/);
    });

    it('a plain-text note that is not a request document gets no lens and does not load the console', async () => {
      const note = vscode.openDocument(vscode.createTextDocument('untitled:Untitled-9', 'GET milk\nand eggs', 'plaintext'));
      assert.deepEqual(lenses(note), []);
      assert.equal(m.console.loaded, undefined, 'the console is still not loaded');
    });
  });
});
