/** Quick picks shared by the commands: an element from the catalog, then one of its flows. */
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog';
import type { ElementDefinition, FlowDefinition } from '../core/catalog/types';
import { flowSummary, hubLabel } from './views/elementsTree';

interface ElementItem extends vscode.QuickPickItem {
  element: ElementDefinition;
}

interface FlowItem extends vscode.QuickPickItem {
  flow: FlowDefinition;
}

export async function pickElement(catalog: Catalog, title: string): Promise<ElementDefinition | undefined> {
  const items: ElementItem[] = catalog.elements
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((element) => ({
      label: element.name,
      description: element.key,
      detail: `${hubLabel(element.hub)} · ${flowSummary(element)}`,
      element,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Element (type to filter by name or key)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.element;
}

const FLOW_DETAIL: Record<FlowDefinition['type'], string> = {
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
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `How to authenticate ${element.name}` });
  return picked?.flow;
}
