/** The document a command works on: the URI it was given (editor title, explorer), else the active editor's. */
import * as vscode from 'vscode';
import { notify } from '../notify';

export async function targetDocument(argument: unknown): Promise<vscode.TextDocument | undefined> {
  const document = argument instanceof vscode.Uri ? await vscode.workspace.openTextDocument(argument) : vscode.window.activeTextEditor?.document;
  if (!document) void notify('error', 'Open an instance file (e.g. instance.json) first.');
  return document;
}

/** The file name shown in messages: `xero.instance.json`, `Untitled-1`. */
export function displayName(document: Pick<vscode.TextDocument, 'uri'>): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) || document.uri.toString();
}
