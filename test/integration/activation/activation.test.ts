/**
 * One activation event per window: the window's folder names the event. The extension must
 * be inactive until the test triggers that event (so nothing else activated it), then active.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ActivationScenario } from '../scenarios';
import { scenarioOfFolder } from '../scenarios';

const EXTENSION_ID = 'elements-dev.elements-toolkit';

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is loaded`);
  return found;
}

async function becomesActive(what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!extension().isActive) {
    if (Date.now() > deadline) throw new Error(`${EXTENSION_ID} did not activate after ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openUntitled(language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language, content: '{}' });
  await vscode.window.showTextDocument(document);
}

interface Manifest {
  activationEvents: string[];
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
}

/** onCommand and onView are implicit: contributing the command or the view declares them. */
function declares(scenario: ActivationScenario): boolean {
  const manifest = extension().packageJSON as Manifest;
  if (scenario === 'onCommand') return manifest.contributes.commands.some((command) => command.command === 'cloudElements.showLog');
  if (scenario === 'onView') return Object.values(manifest.contributes.views).flat().some((view) => view.id === 'cloudElements.instances');
  return manifest.activationEvents.some((event) => event === scenario || event.startsWith(`${scenario}:`));
}

/** What triggers each event, from outside the extension. */
const TRIGGERS: Record<Exclude<ActivationScenario, 'workspaceContains'>, () => Promise<unknown>> = {
  'onLanguage:json': () => openUntitled('json'),
  'onLanguage:jsonc': () => openUntitled('jsonc'),
  // Commands contributed in package.json activate the extension when run (implicit onCommand).
  onCommand: () => Promise.resolve(vscode.commands.executeCommand('cloudElements.showLog')),
  // Opening the view container resolves the views (implicit onView:cloudElements.instances).
  onView: () => Promise.resolve(vscode.commands.executeCommand('workbench.view.extension.cloudElements')),
  // A link to the extension's URI, through the workbench's URL service, as a browser redirect arrives.
  onUri: () => Promise.resolve(vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/activation-check`))),
};

describe('activation', () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const scenario = folder ? scenarioOfFolder(basename(folder.uri.path)) : undefined;

  it(`activates on ${scenario ?? 'an unknown scenario'}`, async () => {
    assert.ok(scenario, `the window's folder (${folder?.uri.path ?? 'none'}) names an activation scenario`);
    assert.ok(declares(scenario), `the manifest declares ${scenario}`);
    if (scenario === 'workspaceContains') {
      // The folder holds instance.json and nothing else happened in this window.
      await becomesActive('opening a folder with instance.json');
      assert.equal(vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'file').length, 0, 'no file was opened');
      return;
    }
    assert.equal(extension().isActive, false, 'not active before the event');
    await TRIGGERS[scenario]();
    await becomesActive(scenario);
    const api = extension().exports as { services?: unknown } | undefined;
    assert.ok(api?.services, 'activate() returned its test API');
  });
});
