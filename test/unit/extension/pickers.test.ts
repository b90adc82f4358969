/** The element and flow pickers: what they offer, recommend and mark as legacy. */
import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { ELEMENT_PLACEHOLDER, pickElement, pickFlow } from '../../../src/extension/pickers';
import { ElementsTreeProvider, type ElementsNode } from '../../../src/extension/views/elementsTree';
import { FIND_ELEMENT_COMMAND, registerElementsView } from '../../../src/extension/views/elementsView';
import * as vscode from '../vscode/fakeVscode';

describe('the element picker and the Elements view accept "connector" wording', () => {
  afterEach(() => {
    vscode.ui.script.length = 0;
    vscode.ui.calls.length = 0;
  });

  it('"quickbooks connector" finds QuickBooks Online; the placeholder says elements are connectors', async () => {
    let shown: string[] = [];
    vscode.ui.script.push((call) => {
      assert.ok(call.kind === 'quickPick' && call.type);
      assert.equal(call.options.placeHolder, ELEMENT_PLACEHOLDER);
      assert.equal(call.items.length, catalog.elements.length, 'everything before typing');
      const items = call.type('quickbooks connector');
      shown = items.map((item: { description: string }) => item.description);
      return items[0];
    });
    const picked = await pickElement(catalog, 'Cloud Elements: Provision Element');
    assert.equal(picked?.key, 'quickbooks');
    assert.equal(shown[0], 'quickbooks');
    assert.ok(shown.every((key) => /quickbooks/i.test(key) || /quickbooks/i.test(catalog.get(key)!.name)), shown.join(', '));
  });

  it('an Enter that selects nothing (a row of the list shown before the typed value\'s items arrived) keeps the picker open; the next Enter picks', async () => {
    // VS Code maps a selected row to the extension's item by its index in the items last set: a row
    // of the older, longer list maps to no item of the new one (seen in the e2e: Xero at index 159 of
    // the 163 shown for "", Enter, then the list for "xero" has one item). The picker used to close
    // on that, and Provision Element ended without a word.
    const accepted = new vscode.EventEmitter<void>();
    const hidden = new vscode.EventEmitter<void>();
    const changed = new vscode.EventEmitter<string>();
    let hides = 0;
    const fake = {
      items: [] as Array<{ element: { key: string } }>,
      selectedItems: [] as unknown[],
      value: '',
      onDidAccept: accepted.event,
      onDidHide: hidden.event,
      onDidChangeValue: changed.event,
      show() {},
      hide() {
        hides++;
        hidden.fire();
      },
      dispose() {},
    };
    const original = vscode.window.createQuickPick;
    vscode.window.createQuickPick = () => fake;
    try {
      const picking = pickElement(catalog, 'Cloud Elements: Provision Element');
      assert.equal(fake.items.length, catalog.elements.length);
      fake.value = 'xero';
      changed.fire('xero');
      assert.deepEqual(fake.items.map((item) => item.element.key), ['xero']);
      fake.selectedItems = []; // the stale row's index maps to nothing
      accepted.fire();
      assert.equal(hides, 0, 'still open after an Enter that selected nothing');
      fake.selectedItems = [fake.items[0]];
      accepted.fire();
      assert.equal((await picking)?.key, 'xero');
      assert.equal(hides, 1);
    } finally {
      vscode.window.createQuickPick = original;
    }
  });

  it('Escape resolves undefined', async () => {
    vscode.ui.script.push(() => undefined);
    assert.equal(await pickElement(catalog, 'Cloud Elements: Provision Element'), undefined);
  });

  it('"Find Element or Connector…" in the Elements view reveals and selects what the user picked', async () => {
    const revealed: Array<{ node: ElementsNode; options: unknown }> = [];
    const original = vscode.window.createTreeView;
    vscode.window.createTreeView = (id: string, options: unknown) => ({
      ...original(id, options),
      reveal: async (node: ElementsNode, revealOptions: unknown) => void revealed.push({ node, options: revealOptions }),
    });
    const view = registerElementsView(catalog);
    try {
      vscode.ui.script.push((call) => (call.kind === 'quickPick' && call.type ? call.type('xero connector')[0] : undefined));
      const found = await vscode.commands.executeCommand(FIND_ELEMENT_COMMAND);
      assert.equal((found as { key: string }).key, 'xero');
      assert.equal(revealed.length, 1);
      const node = revealed[0]!.node;
      assert.ok(node.kind === 'element' && node.element.key === 'xero');
      assert.deepEqual(revealed[0]!.options, { select: true, focus: true });
      const parent = view.provider.getParent(node);
      assert.ok(parent?.kind === 'hub' && parent.hub === 'finance', 'reveal can walk up to the hub');
    } finally {
      view.disposable.dispose();
      vscode.window.createTreeView = original;
    }
  });
});

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
