/** The "Elements" view: the catalog grouped by hub, each element with its auth flows. */
import * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog';
import type { ElementDefinition } from '../../core/catalog/types';
import { flowSummary, hubLabel } from '../catalogLabels';

export type ElementsNode = { kind: 'hub'; hub: string; elements: ElementDefinition[] } | { kind: 'element'; element: ElementDefinition };

export class ElementsTreeProvider implements vscode.TreeDataProvider<ElementsNode> {
  private hubs: ElementsNode[] | undefined;

  /** The catalog is grouped and sorted when the view first asks, not at activation. */
  constructor(private readonly catalog: Catalog) {}

  private groupByHub(): ElementsNode[] {
    const byHub = new Map<string, ElementDefinition[]>();
    for (const element of this.catalog.elements) byHub.set(element.hub, [...(byHub.get(element.hub) ?? []), element]);
    return [...byHub]
      .sort(([a], [b]) => hubLabel(a).localeCompare(hubLabel(b)))
      .map(([hub, elements]) => ({ kind: 'hub', hub, elements: elements.sort((a, b) => a.name.localeCompare(b.name)) }));
  }

  /** An element's hub (for reveal); hubs are the roots. */
  getParent(node: ElementsNode): ElementsNode | undefined {
    if (node.kind === 'hub') return undefined;
    return this.roots().find((hub) => hub.kind === 'hub' && hub.elements.some((element) => element.key === node.element.key));
  }

  private roots(): ElementsNode[] {
    return (this.hubs ??= this.groupByHub());
  }

  getChildren(node?: ElementsNode): ElementsNode[] {
    if (!node) return this.roots();
    return node.kind === 'hub' ? node.elements.map((element) => ({ kind: 'element', element })) : [];
  }

  getTreeItem(node: ElementsNode): vscode.TreeItem {
    if (node.kind === 'hub') {
      const item = new vscode.TreeItem(hubLabel(node.hub), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `hub:${node.hub}`;
      item.description = `${node.elements.length}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'hub';
      return item;
    }
    const { element } = node;
    const item = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.None);
    item.id = `element:${element.key}`;
    item.description = flowSummary(element);
    item.iconPath = new vscode.ThemeIcon(element.flows.some((flow) => flow.oauth) ? 'plug' : 'key');
    item.contextValue = 'element';
    const tooltip = new vscode.MarkdownString(`**${element.name}** \`${element.key}\`\n\nHub: ${hubLabel(element.hub)} · Flows: ${flowSummary(element)}`);
    for (const flow of element.flows.filter((candidate) => candidate.legacy !== undefined)) {
      tooltip.appendMarkdown(`\n\n$(history) ${flow.label} is legacy: ${flow.legacy}`);
    }
    for (const note of element.notes ?? []) tooltip.appendMarkdown(`\n\n$(warning) ${note}`);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    return item;
  }
}

/**
 * The element a command was invoked on: an Elements-view node, an Instances-view group
 * (`{elementKey}`), a key, or nothing (then the command asks).
 */
export function elementFromArgument(argument: unknown, catalog: Catalog): ElementDefinition | undefined {
  if (typeof argument === 'string') return catalog.get(argument);
  if (!argument || typeof argument !== 'object') return undefined;
  const node = argument as Partial<{ kind: string; element: ElementDefinition; elementKey: string }>;
  if (node.kind === 'element' && node.element) return node.element;
  return typeof node.elementKey === 'string' ? catalog.get(node.elementKey) : undefined;
}
