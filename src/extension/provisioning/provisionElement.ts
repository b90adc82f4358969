/** "Provision Element…": which element and flow, then the run (provision.ts). */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import type { Log } from '../log';
import { pickElement, pickFlow } from '../pickers';
import { elementFromArgument } from '../views/elementsTree';
import { defaultInstanceName } from './fieldPrompts';
import { prefillFromInstanceText, prefillNote, type FilePrefill } from './filePrefill';
import type { Provisioner } from './provision';

const TITLE = 'Cloud Elements: Provision Element';

/**
 * `argument`: an Elements-view node, an Instances-view element group (`{elementKey}`), an
 * element key, or nothing (then the user picks the element).
 */
export async function provisionElement(provisioner: Provisioner, log: Log, argument?: unknown): Promise<Instance | undefined> {
  const run = await provisioner.begin('provision an element', 'Provision Element');
  if (!run) return undefined;
  const fromArgument = elementFromArgument(argument, catalog);
  if (!fromArgument && argument !== undefined && argument !== null) {
    log.info('Provision Element: the element it was invoked on is not in the catalog; asking instead.');
  }
  const element = fromArgument ?? (await pickElement(catalog, TITLE));
  if (!element) return undefined;
  const flow = await pickFlow(element, `${TITLE}: ${element.name}`);
  if (!flow) return undefined;
  // The documentation's template tags ("QBO Token") are the Tags box's example, not its value.
  const file = openFilePrefill(element.key);
  return provisioner.run(run, {
    element,
    flow,
    target: { action: 'create' },
    name: file?.name ?? defaultInstanceName(element, flow),
    ...(file && { prefill: file.configuration, notes: [prefillNote(file)], ...(file.tags && { tags: file.tags }) }),
  });
}

/** What the active editor's instance file says for the element, if it names it. */
function openFilePrefill(elementKey: string): FilePrefill | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !/^jsonc?$/.test(document.languageId)) return undefined;
  return prefillFromInstanceText(document.getText(), elementKey, document.uri.path.split('/').pop() || document.uri.toString());
}
