/** The linter's text edits (offsets into a document's text) as a WorkspaceEdit on that document. */
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/instanceFile/findings';

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { offset, length, newText } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)), newText);
  }
  return edit;
}
