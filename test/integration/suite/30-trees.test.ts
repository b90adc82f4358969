/** Both tree providers, as VS Code calls them: children and TreeItems. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { catalog } from '../../../src/core/catalog';
import type { ToolkitTestApi } from '../../../src/extension/extension';
import type { ElementsNode } from '../../../src/extension/views/elementsTree';
import type { InstancesNode } from '../../../src/extension/views/instanceNodes';
import { emulator, resetEmulator, signIn, signOut, storedInstances, toolkit } from './helpers';
import { answerQuickInput, requireDriver } from './ui';

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function tooltipText(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

async function addFault(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.adminUrl}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  assert.equal(response.status, 201);
}

describe('the Elements view', () => {
  it('lists the whole catalog by hub, hubs and elements sorted, each element with its flows', async () => {
    const { elementsTree } = await toolkit();
    const hubs = (await elementsTree.getChildren()) as ElementsNode[];
    assert.equal(hubs.length, catalog.hubs().length);
    const hubItems = hubs.map((hub) => elementsTree.getTreeItem(hub) as vscode.TreeItem);
    const hubLabels = hubItems.map(label);
    assert.deepEqual(hubLabels, [...hubLabels].sort((a, b) => a.localeCompare(b)));
    assert.ok(hubItems.every((item) => item.contextValue === 'hub' && item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed));

    const elements = (await Promise.all(hubs.map((hub) => elementsTree.getChildren(hub)))).flat() as ElementsNode[];
    assert.equal(elements.length, catalog.elements.length);
    const xeroNode = elements.find((node) => node.kind === 'element' && node.element.key === 'xero');
    assert.ok(xeroNode);
    const xero = elementsTree.getTreeItem(xeroNode) as vscode.TreeItem;
    assert.equal(label(xero), 'Xero');
    assert.equal(xero.id, 'element:xero');
    assert.equal(xero.contextValue, 'element');
    assert.equal(xero.description, 'OAuth 2 · OAuth 1 (legacy)', 'the retired flow is marked');
    assert.match(tooltipText(xero), /`xero`/);
    assert.deepEqual(await elementsTree.getChildren(xeroNode), []);
  });

  it('Find Element or Connector… takes SAP Open Connectors\' word: "xero connector" finds and reveals Xero', async function () {
    requireDriver(this);
    await toolkit();
    const found = vscode.commands.executeCommand<{ key: string } | undefined>('cloudElements.findElement');
    await answerQuickInput({ expect: 'Find Element or Connector', value: 'xero connector' });
    assert.equal((await found)?.key, 'xero');
  });
});

describe('the Instances view', () => {
  let api: ToolkitTestApi;

  before(async () => {
    api = await toolkit();
    await resetEmulator();
  });

  after(async () => {
    await fetch(`${emulator.adminUrl}/__admin/faults`, { method: 'DELETE' });
  });

  it('is empty while signed out (the welcome view shows instead)', async () => {
    await signOut(api);
    assert.deepEqual(await api.instancesTree.getChildren(), []);
  });

  it('shows the account\'s instances from the API, grouped by element, with their state', async () => {
    await signIn(api);
    await api.instancesTree.refresh();
    const stored = await storedInstances();
    assert.equal(stored.length, 4, 'the emulator\'s seed instances');

    const groups = (await api.instancesTree.getChildren()) as InstancesNode[];
    const groupItems = groups.map((group) => api.instancesTree.getTreeItem(group));
    const elementNames = [...new Set(stored.map((instance) => instance.element.name))].sort((a, b) => a.localeCompare(b));
    assert.deepEqual(groupItems.map(label), elementNames);
    assert.ok(groupItems.every((item) => item.contextValue === 'elementGroup'));

    for (const group of groups) {
      for (const node of (await api.instancesTree.getChildren(group)) as InstancesNode[]) {
        assert.equal(node.kind, 'instance');
        if (node.kind !== 'instance') continue;
        const record = stored.find((instance) => instance.id === node.instance.id);
        assert.ok(record, `instance ${node.instance.id} exists in the emulator`);
        const item = api.instancesTree.getTreeItem(node);
        assert.equal(label(item), record.name);
        assert.equal(item.id, `instance:custom:${record.id}`);
        assert.equal(item.contextValue, `instance.${record.disabled ? 'disabled' : 'enabled'}.${record.valid ? 'valid' : 'invalid'}`);
        assert.ok(String(item.description).startsWith(`#${record.id}`));
        assert.ok(!tooltipText(item).includes(record.token), 'the tooltip never shows the token');
        assert.equal(api.instancesTree.getParent(node), group);
      }
    }
    const contextValues = (await Promise.all(groups.map((group) => api.instancesTree.getChildren(group))))
      .flat()
      .map((node) => api.instancesTree.getTreeItem(node).contextValue);
    assert.ok(contextValues.includes('instance.disabled.valid'), 'the disabled Sage One US seed');
    assert.ok(contextValues.includes('instance.enabled.invalid'), 'the expired FreshBooks seed');
  });

  it('shows a failed load as one error node that retries, or signs in again on 401', async () => {
    await addFault({ method: 'GET', path: '/instances', status: 400 });
    await api.instancesTree.refresh();
    const [retry] = (await api.instancesTree.getChildren()) as InstancesNode[];
    assert.equal(retry?.kind, 'error');
    const retryItem = api.instancesTree.getTreeItem(retry);
    assert.equal(retryItem.contextValue, 'error');
    assert.equal(retryItem.command?.command, 'cloudElements.refreshInstances');

    await addFault({ method: 'GET', path: '/instances', status: 401 });
    await api.instancesTree.refresh();
    const [again] = (await api.instancesTree.getChildren()) as InstancesNode[];
    assert.equal(api.instancesTree.getTreeItem(again!).command?.command, 'cloudElements.signIn');

    await vscode.commands.executeCommand('cloudElements.refreshInstances');
    const groups = (await api.instancesTree.getChildren()) as InstancesNode[];
    assert.ok(groups.length > 0 && groups.every((node) => node.kind === 'elementGroup'), 'the retry loads the instances');
  });
});
