/**
 * Notifications. Their text often carries words from outside — an API's message, a provider's
 * error description, an instance name — and VS Code turns `[label](command:…)` in a
 * notification into a link, so every message goes out as plain text.
 */
import * as vscode from 'vscode';
import { plainText } from '../core/api/plainText';

export type Severity = 'info' | 'warning' | 'error';

export function notify(severity: Severity, message: string, ...buttons: string[]): Thenable<string | undefined> {
  const text = plainText(message);
  if (severity === 'info') return vscode.window.showInformationMessage(text, ...buttons);
  if (severity === 'warning') return vscode.window.showWarningMessage(text, ...buttons);
  return vscode.window.showErrorMessage(text, ...buttons);
}
