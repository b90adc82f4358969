/** The Instances view's items below an API node: resources, operations (click: a request document), or why there are none. */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { escapeMarkdown } from '../views/instanceNodes';
import type { ApiChildNode } from '../views/instanceNodes';

/**
 * A tree id from its parts, unique by construction: each part percent-encoded (so none holds the
 * `:` between them) and a kind word first. Names come from the instance's docs: a tag `a:b` beside
 * a tag `a` with an operation `b`, or a resource named `error`, must not give two rows one id.
 */
export function treeId(kind: 'resource' | 'operation' | 'error', environment: EnvironmentId, instanceId: number, ...names: string[]): string {
  return ['api', environment, String(instanceId), kind, ...names].map(encodeURIComponent).join(':');
}

export function apiItem(node: ApiChildNode, environment: EnvironmentId): vscode.TreeItem {
  switch (node.kind) {
    case 'apiResource': {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = treeId('resource', environment, node.parent.instance.id, node.name);
      item.description = String(node.operations.length);
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      item.contextValue = 'apiResource';
      return item;
    }
    case 'apiOperation': {
      const { operation } = node;
      const instance = node.parent.parent.instance;
      const item = new vscode.TreeItem(`${operation.method} ${operation.path}`, vscode.TreeItemCollapsibleState.None);
      item.id = treeId('operation', environment, instance.id, node.parent.name, operation.key);
      if (operation.summary !== undefined) item.description = operation.summary;
      item.iconPath = new vscode.ThemeIcon('symbol-method');
      item.contextValue = 'apiOperation';
      // Markdown (text from the docs escaped), so that the row's accessible name stays its label.
      const lines = [operation.summary && escapeMarkdown(operation.summary), operation.operationId && `operationId: ${escapeMarkdown(operation.operationId)}`, 'Click to open a request document.'];
      item.tooltip = new vscode.MarkdownString(lines.filter(Boolean).join('\n\n'));
      item.command = { command: 'cloudElements.openApiOperation', title: 'Open Request', arguments: [node] };
      return item;
    }
    case 'apiError': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.id = treeId('error', environment, node.parent.instance.id);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = 'apiError';
      item.tooltip = node.message;
      item.description = 'Click to retry';
      item.command = { command: 'cloudElements.refreshApi', title: 'Retry', arguments: [node] };
      return item;
    }
  }
}
