/**
 * "New Instance File…": an element and flow from the catalog → its starting instance.json (the
 * template with the known values filled in: core/instanceFile/starter.ts), in a new untitled
 * editor (as a snippet with tab stops on the values to fill) or saved into the workspace. An
 * existing file is only replaced after the user says so.
 */
import * as vscode from 'vscode';
import { catalog } from '../../core/catalog';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { bodySnippet } from '../../core/instanceFile/snippet';
import { buildStarter, renderStarter } from '../../core/instanceFile/starter';
import { pickElement, pickFlow } from '../pickers';
import { elementFromArgument } from '../views/elementsTree';
import { displayName } from './documents';
import { confirm } from '../notify';
import { uriExists } from '../uriExists';

const TITLE = 'Cloud Elements: New Instance File';

/** Lints documents the command creates even when their name matches no lint pattern. */
export interface CreatedDocumentTracker {
  track(document: vscode.TextDocument): void;
}

interface DestinationItem extends vscode.QuickPickItem {
  destination: 'untitled' | 'workspace';
}

/** The default file name: `xero.instance.json`. */
export function defaultFileName(element: Pick<ElementDefinition, 'key'>): string {
  return `${element.key.replace(/[^\w.-]+/g, '-')}.instance.json`;
}

async function createUntitled(element: ElementDefinition, flow: FlowDefinition, tracker: CreatedDocumentTracker): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
  tracker.track(document);
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(bodySnippet(buildStarter(element, flow))));
  return document;
}

async function saveToWorkspace(
  element: ElementDefinition,
  flow: FlowDefinition,
  folder: vscode.WorkspaceFolder,
  tracker: CreatedDocumentTracker,
): Promise<vscode.TextDocument | undefined> {
  const target = await vscode.window.showSaveDialog({
    title: TITLE,
    defaultUri: vscode.Uri.joinPath(folder.uri, defaultFileName(element)),
    filters: { 'Instance files': ['json'] },
    saveLabel: 'Create',
  });
  if (!target) return undefined;
  if (await uriExists(target)) {
    const answer = await confirm(`${displayName({ uri: target })} already exists. Replace it with a new ${element.name} template?`, 'Its current content will be lost.', 'Overwrite');
    if (answer !== 'Overwrite') return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderStarter(element, flow)));
  const document = await vscode.workspace.openTextDocument(target);
  tracker.track(document);
  await vscode.window.showTextDocument(document);
  return document;
}

export async function newInstanceFile(argument: unknown, tracker: CreatedDocumentTracker): Promise<vscode.TextDocument | undefined> {
  const element = elementFromArgument(argument, catalog) ?? (await pickElement(catalog, TITLE));
  if (!element) return undefined;
  const flow = await pickFlow(element, TITLE);
  if (!flow) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return createUntitled(element, flow, tracker);
  const items: DestinationItem[] = [
    { label: '$(new-file) New untitled file', detail: 'Fill in the values, then save it where you like.', destination: 'untitled' },
    { label: '$(save) Save to workspace…', description: folder.name, detail: `Default: ${defaultFileName(element)}`, destination: 'workspace' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: `Where to create the ${element.name} (${flow.label}) instance file` });
  if (!picked) return undefined;
  return picked.destination === 'untitled' ? createUntitled(element, flow, tracker) : saveToWorkspace(element, flow, folder, tracker);
}
