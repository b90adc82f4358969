/** The manifest as VS Code loaded it, against what the extension registered. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, toolkit } from './helpers';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
}

function manifest(): Manifest {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  return extension.packageJSON as Manifest;
}

describe('the manifest in VS Code', () => {
  it('was activated by the workspace (it holds instance.json) before any test touched it', () => {
    // The main workspace has instance.json: `workspaceContains` activates at startup. The other
    // events are proven one per fresh window by the activation runs.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(manifest().activationEvents.includes('workspaceContains:**/instance.json'));
  });

  it('registers every contributed command, and no other', async () => {
    await toolkit();
    const contributed = manifest().contributes.commands.map((command) => command.command).sort();
    assert.equal(contributed.length, 34);
    const viewIds = Object.values(manifest().contributes.views).flatMap((views) => views.map((view) => view.id));
    // VS Code adds focus/open/… commands for each view; they are not ours to register.
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('cloudElements.'))
      .filter((id) => !viewIds.some((view) => id.startsWith(`${view}.`)))
      .sort();
    assert.deepEqual(registered, contributed);
  });

  it('contributes both views: VS Code registered them, and they open', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const view of ['cloudElements.instances', 'cloudElements.elements']) {
      assert.ok(commands.includes(`${view}.focus`), `${view} is a registered view`);
      await vscode.commands.executeCommand(`${view}.focus`);
    }
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});
