/**
 * Notifications. Their text often carries words from outside — an API's message, a provider's
 * error description, an instance name — and VS Code turns `[label](command:…)` in a
 * notification into a link, so every message goes out as plain text.
 */
import * as vscode from 'vscode';
import { plainText } from '../core/api/plainText';

export type Severity = 'info' | 'warning' | 'error';

/** A modal question that must be answered before anything happens (a replace, a delete): message and detail as plain text. */
export function confirm(message: string, detail: string | undefined, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(plainText(message), { modal: true, ...(detail !== undefined && { detail: plainText(detail) }) }, ...buttons);
}

export function notify(severity: Severity, message: string, ...buttons: string[]): Thenable<string | undefined> {
  const text = plainText(message);
  if (severity === 'info') return vscode.window.showInformationMessage(text, ...buttons);
  if (severity === 'warning') return vscode.window.showWarningMessage(text, ...buttons);
  return vscode.window.showErrorMessage(text, ...buttons);
}
