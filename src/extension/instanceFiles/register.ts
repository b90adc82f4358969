import * as vscode from 'vscode';
import type { Services } from '../services';

// Placeholder until the instance-file features land.
export function registerInstanceFiles(_services: Services): vscode.Disposable {
  return new vscode.Disposable(() => {});
}
