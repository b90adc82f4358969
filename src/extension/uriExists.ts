import * as vscode from 'vscode';

/** Whether something is at `uri` (a file or a folder), as the workspace's file system sees it. */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
