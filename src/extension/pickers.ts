/** Quick picks shared by the commands: an element from the catalog, then one of its flows. */
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog';
import { searchElements } from '../core/catalog/search';
import type { ElementDefinition, FlowDefinition, FlowType } from '../core/catalog/types';
import { flowSummary, hubLabel } from './catalogLabels';

interface ElementItem extends vscode.QuickPickItem {
  element: ElementDefinition;
}

interface FlowItem extends vscode.QuickPickItem {
  flow: FlowDefinition;
}

export const ELEMENT_PLACEHOLDER = 'Element (a connector, in SAP Open Connectors): type a name, key or hub, e.g. "quickbooks connector"';

function elementItem(element: ElementDefinition): ElementItem {
  return {
    label: element.name,
    description: element.key,
    detail: `${hubLabel(element.hub)} · ${flowSummary(element)}`,
    // Filtered by searchElements (which knows "connector" and multi-word queries), not again by VS Code.
    alwaysShow: true,
    element,
  };
}

/** An element from the catalog, searched by name, key, hub or flow in Cloud Elements' or SAP's words. */
export function pickElement(catalog: Catalog, title: string): Promise<ElementDefinition | undefined> {
  const quickPick = vscode.window.createQuickPick<ElementItem>();
  quickPick.title = title;
  quickPick.placeholder = ELEMENT_PLACEHOLDER;
  // Opened from the walkthrough, whose page takes the focus back right after the command runs.
  quickPick.ignoreFocusOut = true;
  const showMatches = (query: string) => {
    quickPick.items = searchElements(catalog.elements, query, hubLabel).map(elementItem);
  };
  showMatches('');
  return new Promise((resolve) => {
    let picked: ElementDefinition | undefined;
    const subscriptions = [
      quickPick.onDidChangeValue(showMatches),
      quickPick.onDidAccept(() => {
        // VS Code names the selected row by its index in the items last set. An Enter on the list
        // shown before the typed value's items arrived names a row of an older list: no item here.
        // Then stay open; the next Enter picks from this value's list.
        picked = quickPick.selectedItems[0]?.element;
        if (picked) quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        for (const subscription of subscriptions) subscription.dispose();
        quickPick.dispose();
        resolve(picked);
      }),
    ];
    quickPick.show();
  });
}

/** The flow picker's line under a flow whose definition has no description of its own, per flow type. */
export const FLOW_DETAIL: Readonly<Record<FlowType, string>> = {
  oauth2: 'Authorize in the browser; the provider returns a code.',
  oauth1: 'Request token, then authorize in the browser; the provider returns a verifier.',
  token: 'Use OAuth tokens you already hold; no browser step.',
  basic: 'Credentials in the configuration; no browser step.',
  custom: 'API keys or tokens in the configuration; no browser step.',
};

/** "recommended" for the preferred flow, "legacy" for one the provider has retired. */
function flowBadge(flow: FlowDefinition, index: number): string | undefined {
  if (flow.legacy !== undefined) return 'legacy';
  return index === 0 ? 'recommended' : undefined;
}

/** The element's flow; asks only when it has more than one. */
export async function pickFlow(element: ElementDefinition, title: string): Promise<FlowDefinition | undefined> {
  if (element.flows.length === 1) return element.flows[0];
  const items: FlowItem[] = element.flows.map((flow, index) => ({
    label: flow.label,
    description: flowBadge(flow, index),
    detail: flow.legacy ?? flow.description ?? FLOW_DETAIL[flow.type],
    flow,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `How to authenticate ${element.name}`, ignoreFocusOut: true });
  return picked?.flow;
}
