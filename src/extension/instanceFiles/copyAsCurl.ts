/**
 * "Copy as cURL": the `POST /instances` request of the open instance file as a command line.
 * The account's secrets stay placeholders unless the user asks for them.
 */
import * as vscode from 'vscode';
import { createInstanceCurl } from '../../core/curl';
import { maskInstanceBody } from '../../core/masking';
import type { Services } from '../services';
import { targetDocument } from './documents';
import { notify } from '../notify';

interface CurlChoice extends vscode.QuickPickItem {
  multiline: boolean;
  withSecrets: boolean;
}

const SECRETS_WARNING = '$(warning) Your user and organization secrets will be on the clipboard.';

export function curlChoices(signedIn: boolean): CurlChoice[] {
  const choices: CurlChoice[] = [
    { label: '$(terminal) Multi-line', description: 'your secrets as placeholders', multiline: true, withSecrets: false },
    { label: '$(dash) One line', description: 'your secrets as placeholders', multiline: false, withSecrets: false },
  ];
  if (signedIn) {
    choices.push(
      { label: 'Multi-line, include my secrets', detail: SECRETS_WARNING, multiline: true, withSecrets: true },
      { label: 'One line, include my secrets', detail: SECRETS_WARNING, multiline: false, withSecrets: true },
    );
  }
  return choices;
}

/** The file as `-d @…` sees it: relative to the workspace folder holding it (where terminals start), else absolute. */
export function commandLinePath(filePath: string, folderPaths: readonly string[]): string {
  for (const folder of folderPaths) {
    const base = folder.replace(/[\\/]+$/, '');
    if (filePath.startsWith(base) && /^[\\/]./.test(filePath.slice(base.length))) return filePath.slice(base.length + 1);
  }
  return filePath;
}

export async function copyAsCurl(services: Pick<Services, 'session' | 'vault' | 'log'>, argument?: unknown): Promise<string | undefined> {
  const document = await targetDocument(argument);
  if (!document) return undefined;
  const { environment, baseUrl, baseUrlProblem } = services.session.state;
  if (!baseUrl) {
    void notify('error', baseUrlProblem ?? `Set "cloudElements.customBaseUrl" for the ${environment.label} environment first.`);
    return undefined;
  }
  const credentials = await services.vault.account(environment.id);
  const choice = await vscode.window.showQuickPick(curlChoices(credentials !== undefined), {
    title: 'Cloud Elements: Copy as cURL',
    placeHolder: `POST ${baseUrl}/instances`,
  });
  if (!choice) return undefined;

  // A saved, unmodified file is sent as is; otherwise the editor's text goes inline.
  const onDisk = document.uri.scheme === 'file' && !document.isUntitled && !document.isDirty;
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const bodyFile = onDisk ? commandLinePath(document.uri.fsPath, folders) : undefined;
  const command = createInstanceCurl({
    baseUrl,
    ...(choice.withSecrets && credentials && { credentials }),
    ...(bodyFile !== undefined ? { bodyFile } : { body: document.getText() }),
    multiline: choice.multiline,
  });
  await vscode.env.clipboard.writeText(command);
  services.log.info(`Copied a cURL command for POST ${baseUrl}/instances (${choice.withSecrets ? 'with' : 'without'} account secrets).`);

  // Without secrets, an inline body has its secret fields masked (createInstanceCurl): say which.
  const masked = !choice.withSecrets && bodyFile === undefined ? maskInstanceBody(document.getText()).masked : [];
  const notes = [
    choice.withSecrets ? 'It holds your user and organization secrets: paste it only where they are safe.' : '',
    masked.length > 0 ? `Masked as *** in the body: ${masked.join(', ')}; put the values back before running it.` : '',
    bodyFile !== undefined && bodyFile !== document.uri.fsPath ? `Run it in the workspace folder (it sends ${bodyFile}).` : '',
    /\$\{keychain:/.test(document.getText()) ? 'The ${keychain:…} references are sent as written: replace them before running it.' : '',
  ].filter(Boolean);
  void notify('info', ['cURL command copied.', ...notes].join(' '));
  return command;
}
