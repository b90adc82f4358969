/**
 * The body that was sent, as an instance.json the user can keep or fix: every secret replaced
 * by a `${keychain:NAME}` reference and stored under that name (in the run's environment). After
 * a success, what the browser step returned (spent once the instance exists) is left out as the
 * template's placeholders and the callback is the registered one (core/instanceFile/reusableBody.ts):
 * "Provision from This File" then runs the authorization again instead of sending a spent code.
 */
import * as vscode from 'vscode';
import type { CreateInstanceRequest } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { extractSecrets } from '../../core/instanceFile/keychainRefs';
import { hasSpentAuthorization, reusableBody } from '../../core/instanceFile/reusableBody';
import { notify } from '../notify';
import { writeFailureReason, writeFileAtomically } from '../atomicFile';
import type { RunContext } from './runContext';
import { saveFailedText } from './outcomeTexts';

/** Pretty JSON of `request` without secrets; the secrets go to the keychain. */
export async function instanceFileText(
  run: Pick<RunContext, 'vault'>,
  request: CreateInstanceRequest,
  element: ElementDefinition,
  flow: FlowDefinition,
): Promise<string> {
  const { body, secrets } = extractSecrets(request, element.key, flow);
  for (const secret of secrets) await run.vault.setKeychain(secret.name, secret.value);
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** An untitled JSON editor with the body (after a failed request: fix it, then "Provision from This File"). */
export async function openInstanceFile(
  run: Pick<RunContext, 'vault'>,
  request: CreateInstanceRequest,
  element: ElementDefinition,
  flow: FlowDefinition,
): Promise<void> {
  const content = await instanceFileText(run, request, element, flow);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document);
}

/** A local file is replaced atomically; other file systems (virtual, remote providers) write through VS Code. */
async function writeTarget(target: vscode.Uri, content: string): Promise<void> {
  if (target.scheme === 'file') await writeFileAtomically(target.fsPath, content);
  else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
}

/**
 * Asks where (the dialog confirms any overwrite itself), writes the file and opens it. False
 * when dismissed, or when the file could not be written (the user is told; the file is as it was).
 */
export async function saveInstanceFile(
  run: Pick<RunContext, 'vault' | 'log'>,
  request: CreateInstanceRequest,
  element: ElementDefinition,
  flow: FlowDefinition,
  registeredCallbackUrl: string | undefined,
): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${element.key}.instance.json`;
  const target = await vscode.window.showSaveDialog({
    title: 'Save instance.json',
    saveLabel: 'Save',
    filters: { 'Instance files': ['json'] },
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, fileName) }),
  });
  if (!target) return false;
  const content = await instanceFileText(run, reusableBody(request, flow, registeredCallbackUrl), element, flow);
  try {
    await writeTarget(target, content);
  } catch (error) {
    const message = saveFailedText(element.key, target.fsPath, writeFailureReason(error));
    run.log.warn(message);
    void notify('error', message);
    return false;
  }
  const spent = hasSpentAuthorization(flow) ? '; what the authorization returned is left to the next sign-in' : '';
  run.log.info(`Saved the instance.json of ${element.key} to ${target.fsPath} (secrets as keychain references${spent}).`);
  await vscode.window.showTextDocument(target);
  return true;
}
