/** The Instances view's items below an API node: resources, operations (click: a request document), or why there are none. */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import { escapeMarkdown } from '../views/instanceNodes';
import type { ApiChildNode } from './contract';

export function apiItem(node: ApiChildNode, environment: EnvironmentId): vscode.TreeItem {
  switch (node.kind) {
    case 'apiResource': {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `api:${environment}:${node.parent.instance.id}:${node.name}`;
      item.description = String(node.operations.length);
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      item.contextValue = 'apiResource';
      return item;
    }
    case 'apiOperation': {
      const { operation } = node;
      const instance = node.parent.parent.instance;
      const item = new vscode.TreeItem(`${operation.method} ${operation.path}`, vscode.TreeItemCollapsibleState.None);
      item.id = `api:${environment}:${instance.id}:${node.parent.name}:${operation.key}`;
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
      item.id = `api:${environment}:${node.parent.instance.id}:error`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = 'apiError';
      item.tooltip = node.message;
      item.description = 'Click to retry';
      item.command = { command: 'cloudElements.refreshApi', title: 'Retry', arguments: [node] };
      return item;
    }
  }
}
