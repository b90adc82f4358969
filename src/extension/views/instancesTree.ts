import * as vscode from 'vscode';
import type { Services } from '../services';

// Placeholder until the Instances view lands.
export function registerInstancesView(_services: Services): vscode.Disposable {
  return new vscode.Disposable(() => {});
}
