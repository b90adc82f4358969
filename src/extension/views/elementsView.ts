/** The Elements view and its "Find Element or Connector…" button (SAP Open Connectors calls elements connectors). */
import * as vscode from 'vscode';
import type { Catalog } from '../../core/catalog';
import type { ElementDefinition } from '../../core/catalog/types';
import { pickElement } from '../pickers';
import { ElementsTreeProvider } from './elementsTree';

export const FIND_ELEMENT_COMMAND = 'cloudElements.findElement';

export function registerElementsView(catalog: Catalog): { provider: ElementsTreeProvider; disposable: vscode.Disposable } {
  const provider = new ElementsTreeProvider(catalog);
  const view = vscode.window.createTreeView('cloudElements.elements', { treeDataProvider: provider });
  const find = vscode.commands.registerCommand(FIND_ELEMENT_COMMAND, async (): Promise<ElementDefinition | undefined> => {
    const element = await pickElement(catalog, 'Cloud Elements: Find Element or Connector');
    if (!element) return undefined;
    await view.reveal({ kind: 'element', element }, { select: true, focus: true });
    return element;
  });
  return { provider, disposable: vscode.Disposable.from(view, find) };
}
