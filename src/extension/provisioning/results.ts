/** How a finished flow is shown: the new (or re-authorized) instance, or why nothing happened. */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisionResult } from '../../core/provisioning/engine';
import type { Services } from '../services';
import { failureText, offersInstanceFile } from './outcomeText';
import type { FlowAction, Severity } from './outcomeText';
import type { AppSecret } from './prompts';
import { openInstanceFile, saveInstanceFile } from './saveInstanceFile';

export const SAVE_INSTANCE_JSON = 'Save instance.json';
export const COPY_TOKEN = 'Copy Token';
export const OPEN_INSTANCE_JSON = 'Open instance.json';
export const SHOW_LOG = 'Show Log';

export interface FinishedFlow {
  element: ElementDefinition;
  flow: FlowDefinition;
  action: FlowAction;
}

/** Keeps the instance token and the app credentials typed in; shows the instance in the view. */
async function remember(services: Services, finished: FinishedFlow, instance: Instance, appSecrets: readonly AppSecret[]): Promise<void> {
  const environment = services.session.environmentId;
  if (instance.token) await services.vault.setInstanceToken(environment, instance.id, instance.token);
  for (const secret of appSecrets) await services.vault.setAppSecret(environment, finished.element.key, secret.key, secret.value);
  services.instances?.reveal(instance.id).catch((error: unknown) => {
    services.log.warn(`Could not show instance #${instance.id} in the Instances view: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function copyToken(services: Services, instance: Instance): Promise<void> {
  await vscode.env.clipboard.writeText(instance.token);
  services.log.info(`Copied the token of instance ${instance.id} to the clipboard.`);
  void vscode.window.showInformationMessage(`Token copied: the token of "${instance.name}" (#${instance.id}) is on the clipboard.`);
}

export async function showSuccess(
  services: Services,
  finished: FinishedFlow,
  result: ProvisionResult,
  appSecrets: readonly AppSecret[],
): Promise<void> {
  const { instance } = result;
  await remember(services, finished, instance, appSecrets);
  const created = finished.action === 'create';
  services.log.info(`${created ? 'Created' : 'Re-authorized'} ${finished.element.key} instance ${instance.id} (${finished.flow.label}).`);
  const buttons = [...(created ? [SAVE_INSTANCE_JSON] : []), ...(instance.token ? [COPY_TOKEN] : [])];
  const choice = await vscode.window.showInformationMessage(
    `${created ? 'Created' : 'Re-authorized'} ${instance.name} (#${instance.id}).`,
    ...buttons,
  );
  if (choice === SAVE_INSTANCE_JSON) await saveInstanceFile(services, result.request, finished.element, finished.flow);
  if (choice === COPY_TOKEN) await copyToken(services, instance);
}

function showAt(severity: Severity, message: string, buttons: string[]): Thenable<string | undefined> {
  if (severity === 'info') return vscode.window.showInformationMessage(message, ...buttons);
  if (severity === 'warning') return vscode.window.showWarningMessage(message, ...buttons);
  return vscode.window.showErrorMessage(message, ...buttons);
}

export async function showFailure(services: Services, finished: FinishedFlow, error: unknown): Promise<void> {
  const text = failureText(error, {
    elementName: finished.element.name,
    action: finished.action,
    timeoutMs: services.settings().authorizationTimeoutMs,
  });
  const message = services.log.redact(text.message);
  if (text.severity === 'info') services.log.info(message);
  else services.log.warn(message);

  const request = offersInstanceFile(error, finished.action) ? error.request : undefined;
  const buttons = [...(request ? [OPEN_INSTANCE_JSON] : []), ...(text.severity === 'error' ? [SHOW_LOG] : [])];
  const choice = await showAt(text.severity, message, buttons);
  if (choice === OPEN_INSTANCE_JSON && request) await openInstanceFile(services, request, finished.element, finished.flow);
  if (choice === SHOW_LOG) services.log.show();
}
