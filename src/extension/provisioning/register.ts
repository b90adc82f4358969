import * as vscode from 'vscode';
import type { Services } from '../services';

// Placeholder until "Provision Element" lands.
export function registerProvisioning(_services: Services): vscode.Disposable {
  return new vscode.Disposable(() => {});
}
