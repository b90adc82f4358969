/** Registers the Instances view over the fake vscode, capturing its tree provider, reveals and JSON provider. */
import type { InstancesViewOptions, InstancesTreeProvider } from '../../../../src/extension/views/instancesTree';
import { registerInstancesView } from '../../../../src/extension/views/instancesTree';
import { registerInstanceCommands } from '../../../../src/extension/commands/instances';
import type { InstanceJsonProvider } from '../../../../src/extension/views/instanceJson';
import type { InstancesNode } from '../../../../src/extension/views/instanceNodes';
import type { Services } from '../../../../src/extension/services';
import * as vscode from '../../vscode/fakeVscode';

export interface MountedView {
  provider: InstancesTreeProvider;
  treeView: { description?: string };
  json: InstanceJsonProvider;
  reveals: Array<{ node: InstancesNode; options: unknown }>;
  /** How often the tree said its data changed. */
  changes: () => number;
  dispose(): void;
}

export function mountInstancesView(services: Services, options: InstancesViewOptions = {}): MountedView {
  const originalTreeView = vscode.window.createTreeView;
  const originalContent = vscode.workspace.registerTextDocumentContentProvider;
  const reveals: MountedView['reveals'] = [];
  let provider: InstancesTreeProvider | undefined;
  let treeView: MountedView['treeView'] | undefined;
  let json: InstanceJsonProvider | undefined;
  vscode.window.createTreeView = (id: string, viewOptions: { treeDataProvider: InstancesTreeProvider }) => {
    provider = viewOptions.treeDataProvider;
    treeView = {
      ...originalTreeView(id, viewOptions),
      reveal: async (node: InstancesNode, revealOptions: unknown) => void reveals.push({ node, options: revealOptions }),
    };
    return treeView;
  };
  vscode.workspace.registerTextDocumentContentProvider = ((_scheme: string, contentProvider: InstanceJsonProvider) => {
    json = contentProvider;
    return new vscode.Disposable();
  }) as typeof originalContent;
  let disposable: { dispose(): void };
  try {
    const view = registerInstancesView(services.session, services.log, options);
    const commands = registerInstanceCommands(services, view.provider, view.json);
    disposable = { dispose: () => (commands.dispose(), view.dispose()) };
  } finally {
    vscode.window.createTreeView = originalTreeView;
    vscode.workspace.registerTextDocumentContentProvider = originalContent;
  }
  let changes = 0;
  provider!.onDidChangeTreeData(() => void (changes += 1));
  return { provider: provider!, treeView: treeView!, json: json!, reveals, changes: () => changes, dispose: () => disposable.dispose() };
}

export interface RenderedNode {
  node: InstancesNode;
  label: string;
  description?: string;
  contextValue?: string;
  icon?: string;
  iconColor?: string;
  tooltip: string;
  command?: string;
  children: RenderedNode[];
}

/** The whole tree as the user would see it: the nodes that open expanded (the groups) opened, the collapsed ones not. */
export async function render(provider: InstancesTreeProvider, node?: InstancesNode): Promise<RenderedNode[]> {
  const nodes = await provider.getChildren(node);
  return Promise.all(
    nodes.map(async (child) => {
      const item = provider.getTreeItem(child) as unknown as vscode.TreeItem;
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
      const tooltip = item.tooltip;
      return {
        node: child,
        label: typeof item.label === 'string' ? item.label : item.label.label,
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        icon: icon?.id,
        iconColor: icon?.color?.id,
        tooltip: tooltip === undefined ? '' : typeof tooltip === 'string' ? tooltip : tooltip.value,
        command: item.command?.command,
        children: item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded ? await render(provider, child) : [],
      };
    }),
  );
}
