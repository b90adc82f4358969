/** The element and flow pickers: what they offer, recommend and mark as legacy. */
import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { pickFlow } from '../../../src/extension/pickers';
import { ElementsTreeProvider } from '../../../src/extension/views/elementsTree';
import * as vscode from '../vscode/fakeVscode';

describe('pickers and the Elements view: recommended and legacy flows', () => {
  afterEach(() => {
    vscode.ui.script.length = 0;
    vscode.ui.calls.length = 0;
  });

  it('QuickBooks Online: OAuth 2 is offered first as recommended; OAuth 1a and token based are legacy, with the reason', async () => {
    vscode.ui.script.push((call) => (call.kind === 'quickPick' ? call.items[0] : undefined));
    const picked = await pickFlow(catalog.get('quickbooks')!, 'Provision');
    assert.equal(picked?.type, 'oauth2');
    const call = vscode.ui.calls[0]!;
    assert.ok(call.kind === 'quickPick');
    assert.deepEqual(
      call.items.map((item: { label: string; description?: string }) => [item.label, item.description]),
      [
        ['OAuth 2', 'recommended'],
        ['OAuth 1a', 'legacy'],
        ['Token based (quick provision)', 'legacy'],
      ],
    );
    assert.match(call.items[1].detail, /Intuit retired OAuth 1\.0a/);
  });

  it('Xero: OAuth 1 is legacy; elements without a retired flow show none', async () => {
    vscode.ui.script.push(() => undefined);
    await pickFlow(catalog.get('xero')!, 'Provision');
    const call = vscode.ui.calls[0]!;
    assert.ok(call.kind === 'quickPick');
    assert.deepEqual(call.items.map((item: { description?: string }) => item.description), ['recommended', 'legacy']);
    const legacy = catalog.elements.filter((element) => element.flows.some((flow) => flow.legacy)).map((element) => element.key);
    assert.deepEqual(legacy.sort(), ['quickbooks', 'xero']);
  });

  it('the Elements view marks legacy flows and says why in the tooltip', () => {
    const provider = new ElementsTreeProvider(catalog);
    const item = provider.getTreeItem({ kind: 'element', element: catalog.get('quickbooks')! });
    assert.equal(item.description, 'OAuth 2 · OAuth 1a (legacy) · Token based (quick provision) (legacy)');
    assert.match(String((item.tooltip as { value: string }).value), /OAuth 1a is legacy: Intuit retired OAuth 1\.0a/);
  });
});
