/**
 * What a row of the Instances view shows for each node: label, icon, description, tooltip,
 * context value and click. The texts come from instanceNodes.ts; the rows below an API node are
 * the console's (it is loaded once one exists).
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import { hubLabel } from '../catalogLabels';
import type { ConnectionStates } from './connectionStates';
import { connectionTooltip, groupTooltip, instanceContextValue, instanceDescriptionWith, instanceIcon, instanceTooltip } from './instanceNodes';
import type { ApiChildNode, ApiListing, ApiNode, ElementGroupNode, ErrorNode, InstanceNode, InstancesNode, LoadMoreNode } from './instanceNodes';

/** The instance console as the view uses it (loaded only when an API node is expanded). */
export interface InstanceConsoleSource {
  readonly connections: ConnectionStates;
  apiListing(instance: Instance): Promise<ApiListing>;
  forgetApi(instance: Instance): void;
  /** The item of a node below the API node. */
  apiItem(node: ApiChildNode, environment: EnvironmentId): vscode.TreeItem;
}

/** The row of any node, in the environment the view shows. */
export function instancesItem(node: InstancesNode, environment: EnvironmentId, console: InstanceConsoleSource | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'elementGroup':
      return groupItem(node);
    case 'instance':
      return instanceItem(node, environment, console);
    case 'api':
      return apiItem(node, environment);
    case 'apiResource':
    case 'apiOperation':
    case 'apiError':
      // Only the console's own answers create these nodes: it is loaded.
      return console!.apiItem(node, environment);
    case 'loadMore':
      return loadMoreItem(node);
    case 'error':
      return errorItem(node);
  }
}

function groupItem(node: ElementGroupNode): vscode.TreeItem {
  const element = catalog.get(node.elementKey);
  const item = new vscode.TreeItem(node.elementName, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.elementKey}`;
  item.description = String(node.instances.length);
  item.iconPath = new vscode.ThemeIcon(element ? (element.flows.some((flow) => flow.oauth) ? 'plug' : 'key') : 'extensions');
  item.contextValue = 'elementGroup';
  item.tooltip = new vscode.MarkdownString(groupTooltip(node, element ? hubLabel(element.hub) : undefined));
  return item;
}

function instanceItem(node: InstanceNode, environment: EnvironmentId, console: InstanceConsoleSource | undefined): vscode.TreeItem {
  const { instance } = node;
  const connection = console?.connections.get(environment, instance.id);
  const item = new vscode.TreeItem(instance.name, console ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `instance:${environment}:${instance.id}`;
  item.description = instanceDescriptionWith(instance, connection);
  const icon = instanceIcon(instance);
  item.iconPath =
    icon === 'warning'
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : icon === 'circle-slash'
        ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
        : connection?.ok === false
          ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon(icon, connection?.ok ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  item.contextValue = instanceContextValue(instance);
  const tooltip = instanceTooltip(instance);
  item.tooltip = new vscode.MarkdownString(connection ? `${tooltip}\n\n${connectionTooltip(connection)}` : tooltip, true);
  return item;
}

function apiItem(node: ApiNode, environment: EnvironmentId): vscode.TreeItem {
  const item = new vscode.TreeItem('API', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `api:${environment}:${node.instance.id}`;
  item.iconPath = new vscode.ThemeIcon('symbol-interface');
  item.contextValue = 'api';
  // Markdown, so that the row's accessible name stays its label (a plain-text tooltip would replace it).
  item.tooltip = new vscode.MarkdownString(`The operations of this instance's API, from \`GET /instances/${node.instance.id}/docs\`. Choose one to open a request you can send.`);
  return item;
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
  item.id = 'loadMore';
  item.description = `${node.loaded} loaded`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'loadMore';
  item.command = { command: 'cloudElements.loadMoreInstances', title: 'Load More Instances' };
  return item;
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `error:${node.message}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.contextValue = 'error';
  item.tooltip = node.message;
  item.description = node.signInAgain ? 'Click to sign in' : 'Click to retry';
  item.command = node.signInAgain
    ? { command: 'cloudElements.signIn', title: 'Sign In' }
    : { command: 'cloudElements.refreshInstances', title: 'Retry' };
  return item;
}
