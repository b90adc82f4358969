import assert from 'node:assert/strict';
import { startEmulator } from '../../../../src/emulator/server';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { api } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { registerInstancesView } from '../../../../src/extension/views/instancesTree';
import { createHarness } from '../harness';
import { render } from './mount';
import type { RenderedNode } from './mount';
import { addFault, byName, clearFaults, createQuickbooks, resetEmulator, secretValues, signedInView, storedInstances } from './setup';
import type { Mounted } from './setup';

const instanceNodes = (tree: RenderedNode[]) => tree.flatMap((node) => node.children);

describe('Instances view (against the emulator)', () => {
  let emulator: RunningEmulator;
  let mounted: Mounted | undefined;
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
  });
  after(() => emulator.close());
  beforeEach(() => resetEmulator(emulator));
  afterEach(() => {
    mounted?.view.dispose();
    mounted = undefined;
  });

  it('groups the seeded instances by element, with state in icon, description and context value', async () => {
    mounted = await signedInView(emulator);
    const tree = await render(mounted.view.provider);
    assert.deepEqual(
      tree.map((group) => [group.label, group.description, group.contextValue]),
      [
        ['FreshBooks', '1', 'elementGroup'],
        ['QuickBooks Online', '1', 'elementGroup'],
        ['Sage One US', '1', 'elementGroup'],
        ['Xero', '1', 'elementGroup'],
      ],
    );
    assert.ok(tree.every((group) => group.icon && group.tooltip.includes(`\`${(group.node as { elementKey: string }).elementKey}\``)));

    const items = Object.fromEntries(instanceNodes(tree).map((node) => [node.label, node]));
    const xero = await byName(emulator, 'Xero Demo Company');
    assert.equal(items['Xero Demo Company']!.description, `#${xero.id}`);
    assert.equal(items['Xero Demo Company']!.contextValue, 'instance.enabled.valid');
    assert.equal(items['Xero Demo Company']!.icon, 'plug');
    assert.equal(items['QBO Token']!.contextValue, 'instance.enabled.valid');

    const fresh = items['FreshBooks (authorization expired)']!;
    assert.equal(fresh.contextValue, 'instance.enabled.invalid');
    assert.equal(fresh.icon, 'warning');
    assert.equal(fresh.iconColor, 'list.warningForeground');
    assert.match(fresh.tooltip, /authorization of this instance is no longer valid/);
    assert.match(fresh.tooltip, /Re-authorize/);

    const sage = items['Sage One US (disabled)']!;
    assert.equal(sage.contextValue, 'instance.disabled.valid');
    assert.equal(sage.icon, 'circle-slash');
    assert.match(sage.description!, /^#\d+ \(disabled\)$/);

    const secrets = await secretValues(emulator);
    assert.ok(secrets.length > 10);
    for (const node of instanceNodes(tree)) {
      assert.match(node.tooltip, /Instance id: \d+/);
      assert.match(node.tooltip, /Created: \d{4}-\d\d-\d\d/);
      for (const secret of secrets) assert.ok(!node.tooltip.includes(secret), 'no secret in a tooltip');
    }
    assert.equal(vscode.contextKeys.get('cloudElements.noInstances'), false);
    assert.equal(mounted.view.treeView.description, 'Custom base URL');
  });

  it('signed out: no children (the welcome view shows) and no API call', async () => {
    mounted = await signedInView(emulator, { signedIn: false });
    assert.deepEqual(await mounted.view.provider.getChildren(), []);
    assert.equal(vscode.contextKeys.get('cloudElements.signedIn'), false);
    assert.notEqual(vscode.contextKeys.get('cloudElements.noInstances'), true);
    const requests = (await (await fetch(`${emulator.url}/__admin/requests`)).json()) as unknown[];
    assert.equal(requests.length, 0);
  });

  it('follows the session: signing out empties the tree, signing in loads it', async () => {
    mounted = await signedInView(emulator);
    assert.equal((await render(mounted.view.provider)).length, 4);
    const before = mounted.view.changes();
    await mounted.services.session.signOut();
    assert.ok(mounted.view.changes() > before, 'the tree was told to reload');
    assert.deepEqual(await mounted.view.provider.getChildren(), []);
    assert.equal(vscode.contextKeys.get('cloudElements.noInstances'), false);
    await mounted.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
    await mounted.services.session.refresh();
    assert.equal((await render(mounted.view.provider)).length, 4);
  });

  it('an account without instances sets cloudElements.noInstances (welcome: provision your first element)', async () => {
    for (const record of await storedInstances(emulator)) await api(emulator, `/instances/${record.id}`, { method: 'DELETE' });
    mounted = await signedInView(emulator);
    assert.deepEqual(await mounted.view.provider.getChildren(), []);
    assert.equal(vscode.contextKeys.get('cloudElements.noInstances'), true);
    await createQuickbooks(emulator, 'First');
    await vscode.commands.executeCommand('cloudElements.refreshInstances');
    assert.equal(vscode.contextKeys.get('cloudElements.noInstances'), false);
    assert.deepEqual(instanceNodes(await render(mounted.view.provider)).map((node) => node.label), ['First']);
  });

  it('pages long lists: "Load more…" appends until every instance is shown', async () => {
    for (let index = 1; index <= 7; index += 1) await createQuickbooks(emulator, `Bulk ${index}`);
    mounted = await signedInView(emulator, { pageSize: 3 });
    const total = (await storedInstances(emulator)).length;
    assert.equal(total, 11);

    let tree = await render(mounted.view.provider);
    assert.equal(instanceNodes(tree).length, 3);
    let loadMore = tree.at(-1)!;
    assert.equal(loadMore.label, 'Load more…');
    assert.equal(loadMore.command, 'cloudElements.loadMoreInstances');
    assert.equal(loadMore.description, '3 loaded');

    const seen: number[] = [3];
    while (loadMore.label === 'Load more…') {
      await vscode.commands.executeCommand(loadMore.command!);
      tree = await render(mounted.view.provider);
      seen.push(instanceNodes(tree).length);
      loadMore = tree.at(-1)!;
    }
    assert.deepEqual(seen, [3, 6, 9, 11]);
    assert.equal(loadMore.contextValue, 'elementGroup', 'no "Load more…" once everything is loaded');
    const names = instanceNodes(tree).map((node) => node.label);
    assert.equal(new Set(names).size, 11);
    assert.ok(names.includes('Bulk 7'));
  });

  it('an exactly full last page shows no "Load more…"', async () => {
    mounted = await signedInView(emulator, { pageSize: 4 });
    const tree = await render(mounted.view.provider);
    assert.equal(instanceNodes(tree).length, 4);
    assert.ok(tree.every((node) => node.contextValue === 'elementGroup'));
  });

  it('an API failure shows an error node with Retry, never an empty tree; Retry works once the fault is gone', async () => {
    await addFault(emulator, { path: '/instances', status: 503, times: 0, headers: { 'Retry-After': '0' } });
    mounted = await signedInView(emulator);
    const [error, ...rest] = await render(mounted.view.provider);
    assert.equal(rest.length, 0);
    assert.equal(error!.contextValue, 'error');
    assert.equal(error!.icon, 'error');
    assert.match(error!.label, /Injected fault: 503 Service Unavailable/);
    assert.equal(error!.tooltip, error!.label);
    assert.equal(error!.command, 'cloudElements.refreshInstances');
    assert.ok(mounted.logLines.some((line) => /^warn Loading the instances failed: .*Injected fault/.test(line)));

    await clearFaults(emulator);
    await vscode.commands.executeCommand(error!.command!);
    assert.equal((await render(mounted.view.provider)).length, 4);
  });

  it('an HTML gateway page becomes an error node naming the problem', async () => {
    await addFault(emulator, { path: '/instances', status: 200, body: 'html', times: 0 });
    mounted = await signedInView(emulator);
    const tree = await render(mounted.view.provider);
    assert.equal(tree.length, 1);
    assert.match(tree[0]!.label, /HTML page instead of JSON/);
  });

  it('a later page failing keeps the loaded instances and adds an error node', async () => {
    for (let index = 1; index <= 3; index += 1) await createQuickbooks(emulator, `Bulk ${index}`);
    mounted = await signedInView(emulator, { pageSize: 2 });
    // The first load reads pages 1 and 2 (one ahead); "Load more" shows page 2 and reads page 3, which fails.
    assert.equal(instanceNodes(await render(mounted.view.provider)).length, 2);
    await addFault(emulator, { path: '/instances', status: 500, times: 0 });
    await vscode.commands.executeCommand('cloudElements.loadMoreInstances');
    const tree = await render(mounted.view.provider);
    assert.equal(instanceNodes(tree).length, 4);
    const last = tree.at(-1)!;
    assert.equal(last.contextValue, 'error');
    assert.equal(last.command, 'cloudElements.refreshInstances');
    assert.match(last.label, /^Could not load more instances: .*Injected fault: 500/);
    assert.ok(!tree.some((node) => node.label === 'Load more…'));
  });

  it('refused account secrets (401) say to sign in again', async () => {
    mounted = await signedInView(emulator, { signedIn: false });
    await mounted.services.vault.setAccount('custom', { userSecret: 'wrong-user-secret', orgSecret: 'wrong-org-secret' });
    await mounted.services.session.refresh();
    const [error] = await render(mounted.view.provider);
    assert.equal(error!.contextValue, 'error');
    assert.match(error!.label, /Sign in again/);
    assert.equal(error!.command, 'cloudElements.signIn');
    assert.ok(!error!.label.includes('wrong-user-secret'));
  });

  it('reveal(id) reloads, then selects the new instance (getParent gives its group)', async () => {
    mounted = await signedInView(emulator, { pageSize: 2 });
    await render(mounted.view.provider);
    const created = await createQuickbooks(emulator, 'Just provisioned');
    await mounted.view.provider.reveal(created.id);
    assert.equal(mounted.view.reveals.length, 1);
    const { node, options } = mounted.view.reveals[0]!;
    assert.equal(node.kind, 'instance');
    assert.equal(node.kind === 'instance' && node.instance.id, created.id);
    assert.deepEqual(options, { select: true, focus: false, expand: true });
    const parent = mounted.view.provider.getParent(node);
    assert.equal(parent?.kind === 'elementGroup' && parent.elementKey, 'quickbooks');
    assert.ok((await mounted.view.provider.getChildren(parent)).includes(node));
  });

  it('the view registers no command and writes itself into no shared bag; the instance commands are registered apart and removed when disposed', async () => {
    const harness = createHarness(emulator.apiBaseUrl);
    const before = { ...harness.services };
    const view = registerInstancesView(harness.services.session, harness.services.log);
    try {
      assert.ok(!vscode.commands.registered.has('cloudElements.copyInstanceToken'));
      assert.deepEqual(harness.services, before);
    } finally {
      view.dispose();
    }
    mounted = await signedInView(emulator);
    for (const id of ['refreshInstances', 'loadMoreInstances', 'copyInstanceToken', 'openInstanceJson', 'enableInstance', 'disableInstance', 'deleteInstance']) {
      assert.ok(vscode.commands.registered.has(`cloudElements.${id}`), id);
    }
    mounted.view.dispose();
    assert.ok(!vscode.commands.registered.has('cloudElements.copyInstanceToken'));
    mounted = undefined;
  });
});
