/**
 * Events in the extension over the fake vscode: deliveries posted to the receiver appear in the
 * Events view with their verdict, open as read-only JSON documents with credentials redacted,
 * are forwarded byte for byte, and Enable/Disable Events PATCH the instance in the emulator.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { EventInbox, signatureKeyName } from '../../../../src/extension/events/eventInbox';
import { MemoryState } from '../harness';
import { registerEvents } from '../../../../src/extension/events/register';
import type { EventsTreeProvider, EventsNode } from '../../../../src/extension/events/eventsView';
import type { InstanceNode } from '../../../../src/extension/views/instanceNodes';
import * as vscode from '../../vscode/fakeVscode';
import { byName, createQuickbooks, resetEmulator, signedInView } from '../instances/setup';
import type { Mounted } from '../instances/setup';

const KEY = 'instance-seven-signature-key';
const sign = (key: string, body: Buffer) => 'sha256=' + createHmac('sha256', key).update(body).digest('base64');
const eventBody = (instanceId: number, objectId: string) =>
  Buffer.from(JSON.stringify({ message: { eventId: `e-${objectId}`, instanceId, events: [{ objectType: 'customers', objectId, eventType: 'CREATED', elementKey: 'quickbooks', hubKey: 'finance', date: '2026-12-07T00:00:00Z' }], raw: {} } }));

type MessageCall = Extract<vscode.UiCall, { kind: 'message' }>;
const messages = () => vscode.ui.calls.filter((call): call is MessageCall => call.kind === 'message');

interface Captured {
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** A test app: records every request, answers `status`. */
async function testApp(status = 200): Promise<{ server: Server; url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, requests };
}

describe('Events in the extension (fake vscode)', () => {
  let emulator: RunningEmulator;
  let mounted: Mounted;
  let events: EventInbox;
  let state: MemoryState;
  let registration: { provider: EventsTreeProvider; dispose(): void };

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetEmulator(emulator);
    mounted = await signedInView(emulator);
    state = new MemoryState();
    events = new EventInbox({ vault: mounted.services.vault, log: mounted.services.log, state, maxBodyBytes: 64 * 1024 });
    registration = registerEvents({
      session: mounted.services.session,
      settings: mounted.services.settings,
      log: mounted.services.log,
      vault: mounted.services.vault,
      events,
      state,
      instances: mounted.view.provider,
    });
  });
  afterEach(() => {
    registration.dispose();
    events.dispose();
    mounted.view.dispose();
  });

  async function post(body: Buffer, headers: Record<string, string>): Promise<number> {
    const receiver = await events.receiver();
    const changed = new Promise<void>((resolve) => {
      const subscription = events.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    const response = await fetch(receiver.callbackUrl('custom'), { method: 'POST', body: new Uint8Array(body), headers: { 'Content-Type': 'application/json', ...headers } });
    await changed;
    return response.status;
  }

  function rows(): Array<{ group: string; items: Array<{ label: string; description: string; icon: string }> }> {
    const provider = registration.provider;
    return provider.getChildren().map((group) => ({
      group: String(provider.getTreeItem(group).label),
      items: provider.getChildren(group).map((node) => {
        const item = provider.getTreeItem(node);
        return { label: String(item.label), description: String(item.description), icon: (item.iconPath as vscode.ThemeIcon).id };
      }),
    }));
  }

  it('shows a signed delivery as "signature valid" and a tampered one as "signature invalid", newest first, grouped by instance', async () => {
    await mounted.services.vault.setKeychain('custom', signatureKeyName(7), KEY);
    const first = eventBody(7, '42');
    assert.equal(await post(first, { 'Elements-Webhook-Signature': sign(KEY, first) }), 200);
    const tampered = eventBody(7, '43');
    assert.equal(await post(tampered, { 'Elements-Webhook-Signature': sign(KEY, first) }), 200);
    const other = eventBody(8, '1');
    await post(other, {});
    const shown = rows();
    assert.deepEqual(shown.map((group) => group.group), ['Instance #8', 'Instance #7']);
    assert.deepEqual(shown[1]!.items.map((item) => item.label), ['CREATED customers 43', 'CREATED customers 42']);
    assert.match(shown[1]!.items[0]!.description, /^signature invalid · /);
    assert.equal(shown[1]!.items[0]!.icon, 'error');
    assert.match(shown[1]!.items[1]!.description, /^signature valid · /);
    assert.equal(shown[1]!.items[1]!.icon, 'verified');
    assert.match(shown[0]!.items[0]!.description, /^unsigned · /);
  });

  it('opens a delivery as a read-only JSON document: verdict, headers with credentials redacted, the raw body', async () => {
    await mounted.services.vault.setKeychain('custom', signatureKeyName(7), KEY);
    const body = eventBody(7, '42');
    await post(body, { 'Elements-Webhook-Signature': sign(KEY, body), Authorization: 'Basic c2VjcmV0LXBhc3N3b3Jk' });
    const [group] = registration.provider.getChildren();
    const [node] = registration.provider.getChildren(group);
    const item = registration.provider.getTreeItem(node!);
    assert.equal(item.command?.command, 'vscode.open');
    const uri = item.command!.arguments![0] as Parameters<EventsTreeProvider['provideTextDocumentContent']>[0];
    const text = registration.provider.provideTextDocumentContent(uri);
    const document = JSON.parse(text) as { signature: string; request: { headers: string[] }; body: unknown };
    assert.equal(document.signature, 'signature valid');
    assert.ok(document.request.headers.includes('Authorization: ***'));
    assert.ok(!text.includes('c2VjcmV0LXBhc3N3b3Jk'));
    assert.deepEqual(document.body, JSON.parse(body.toString()));
    assert.ok(!text.includes(KEY));
  });

  it('Forward to… asks the URL once, replays byte for byte with the original signature, and reports each result', async () => {
    const app = await testApp();
    try {
      await mounted.services.vault.setKeychain('custom', signatureKeyName(7), KEY);
      const body = Buffer.concat([eventBody(7, '42'), Buffer.from(' \r\n')]);
      const signature = sign(KEY, body);
      await post(body, { 'Elements-Webhook-Signature': signature, 'Elements-Webhook-Id': 'w-1', Connection: 'keep-alive' });
      vscode.ui.script.push(() => app.url);
      await vscode.commands.executeCommand('cloudElements.forwardAllEvents');
      assert.equal(app.requests.length, 1);
      assert.ok(app.requests[0]!.body.equals(body), 'the same bytes');
      assert.equal(app.requests[0]!.headers['elements-webhook-signature'], signature);
      assert.equal(app.requests[0]!.headers['elements-webhook-id'], 'w-1');
      assert.match(messages().at(-1)!.message, /Forwarded 1 of 1 delivery to http:\/\/127\.0\.0\.1:\d+\/hook; 1 answered 200\./);
      // Remembered: no question the second time.
      const asked = vscode.ui.calls.filter((call) => call.kind === 'inputBox').length;
      const [group] = registration.provider.getChildren();
      const [node] = registration.provider.getChildren(group);
      await vscode.commands.executeCommand('cloudElements.forwardEvents', node as EventsNode);
      assert.equal(vscode.ui.calls.filter((call) => call.kind === 'inputBox').length, asked);
      assert.equal(app.requests.length, 2);
    } finally {
      app.server.close();
    }
  });

  it('Forward to… says which deliveries failed and why: an error status, an app that is not there', async () => {
    const failing = await testApp(500);
    failing.server.close();
    await post(eventBody(7, '1'), {});
    const down = failing.url;
    vscode.ui.script.push(() => down);
    await vscode.commands.executeCommand('cloudElements.forwardAllEvents');
    const last = messages().at(-1)!;
    assert.equal(last.level, 'warning');
    assert.match(last.message, /Forwarded 1 of 1 delivery to .*; 1 did not succeed \(#1 failed: .+\)\./);
    const erroring = await testApp(500);
    try {
      state.values.set('cloudElements.events.forwardTo', erroring.url);
      await vscode.commands.executeCommand('cloudElements.forwardAllEvents');
      assert.match(messages().at(-1)!.message, /1 did not succeed \(#1 answered 500\)/);
    } finally {
      erroring.server.close();
    }
  });

  it('Enable Events PATCHes enabled, the receiver callback and a new key kept in the keychain (never shown); Disable turns it off', async () => {
    const created = await createQuickbooks(emulator, 'Events target');
    await mounted.view.provider.refresh();
    const node = await nodeNamed('Events target');
    await vscode.commands.executeCommand('cloudElements.enableEvents', node);
    const receiver = await events.receiver();
    const stored = await byName(emulator, 'Events target');
    const configuration = (stored as unknown as { configuration: Record<string, unknown> }).configuration;
    assert.equal(String(configuration['event.notification.enabled']), 'true');
    assert.equal(configuration['event.notification.callback.url'], receiver.callbackUrl('custom'));
    const key = await mounted.services.vault.keychain('custom', signatureKeyName(created.id as number));
    assert.ok(key && key.length >= 43);
    assert.equal(configuration['event.notification.signature.key'], key);
    for (const call of messages()) assert.ok(!call.message.includes(key), call.message);
    for (const line of mounted.logLines) assert.ok(!line.includes(key), line);
    await vscode.commands.executeCommand('cloudElements.disableEvents', await nodeNamed('Events target'));
    const after = (await byName(emulator, 'Events target')) as unknown as { configuration: Record<string, unknown> };
    assert.equal(String(after.configuration['event.notification.enabled']), 'false');
  });

  async function nodeNamed(name: string): Promise<InstanceNode> {
    for (const group of await mounted.view.provider.getChildren()) {
      for (const node of await mounted.view.provider.getChildren(group)) {
        if (node.kind === 'instance' && node.instance.name === name) return node;
      }
    }
    throw new Error(`no node ${name}`);
  }
});
