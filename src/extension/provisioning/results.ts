/** How a finished flow is shown: the new (or re-authorized) instance, or why nothing happened. */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisionResult } from '../../core/provisioning/engine';
import { notify } from '../notify';
import type { Services } from '../services';
import { failureText, offersInstanceFile, successText } from './outcomeText';
import type { FlowAction } from './outcomeText';
import type { AppSecret } from './prompts';
import type { RunContext } from './runContext';
import { openInstanceFile, saveInstanceFile } from './saveInstanceFile';

export const SAVE_INSTANCE_JSON = 'Save instance.json';
export const COPY_TOKEN = 'Copy Token';
export const OPEN_INSTANCE_JSON = 'Open instance.json';
export const SHOW_LOG = 'Show Log';
export const REFRESH_INSTANCES = 'Refresh Instances';

export interface FinishedFlow {
  element: ElementDefinition;
  flow: FlowDefinition;
  action: FlowAction;
}

/** Whether the window still shows the environment the run is bound to. */
function stillCurrent(services: Services, run: RunContext): boolean {
  return services.session.environmentId === run.environment.id;
}

/** Keeps the instance token and the app credentials typed in (under the run's environment); shows the instance in the view. */
async function remember(services: Services, run: RunContext, finished: FinishedFlow, instance: Instance, appSecrets: readonly AppSecret[]): Promise<void> {
  if (instance.token) await run.vault.setInstanceToken(instance.id, instance.token);
  for (const secret of appSecrets) await run.vault.setAppSecret(finished.element.key, secret.key, secret.value);
  if (!stillCurrent(services, run)) return;
  services.instances?.reveal(instance.id).catch((error: unknown) => {
    run.log.warn(`Could not show instance #${instance.id} in the Instances view: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function copyToken(run: RunContext, instance: Instance): Promise<void> {
  await vscode.env.clipboard.writeText(instance.token);
  run.log.info(`Copied the token of instance ${instance.id} to the clipboard.`);
  void notify('info', `Token copied: the token of "${instance.name}" (#${instance.id}) is on the clipboard.`);
}

export async function showSuccess(
  services: Services,
  run: RunContext,
  finished: FinishedFlow,
  result: ProvisionResult,
  appSecrets: readonly AppSecret[],
): Promise<void> {
  const { instance } = result;
  await remember(services, run, finished, instance, appSecrets);
  const created = finished.action === 'create';
  const found = result.lostAnswer ? ' (its answer was lost; found in the account)' : '';
  run.log.info(`${created ? 'Created' : 'Re-authorized'} ${finished.element.key} instance ${instance.id} (${finished.flow.label}) in ${run.environment.label}${found}.`);
  const buttons = [...(created ? [SAVE_INSTANCE_JSON] : []), ...(instance.token ? [COPY_TOKEN] : [])];
  const message = successText({
    action: finished.action,
    instance,
    ...(result.lostAnswer && { lostAnswer: result.lostAnswer }),
    ...(!stillCurrent(services, run) && { otherEnvironment: run.environment.label }),
  });
  const choice = await notify('info', run.log.redact(message), ...buttons);
  if (choice === SAVE_INSTANCE_JSON) await saveInstanceFile(run, result.request, finished.element, finished.flow);
  if (choice === COPY_TOKEN) await copyToken(run, instance);
}

export async function showFailure(services: Services, run: RunContext, finished: FinishedFlow, error: unknown): Promise<void> {
  const text = failureText(error, {
    elementName: finished.element.name,
    action: finished.action,
    timeoutMs: run.ttlMs,
  });
  const message = run.log.redact(text.message);
  if (text.severity === 'info') run.log.info(message);
  else run.log.warn(message);

  const request = offersInstanceFile(error, finished.action) ? error.request : undefined;
  const refresh = text.offerRefresh === true && stillCurrent(services, run);
  const buttons = [...(request ? [OPEN_INSTANCE_JSON] : []), ...(refresh ? [REFRESH_INSTANCES] : []), ...(text.severity === 'error' ? [SHOW_LOG] : [])];
  const choice = await notify(text.severity, message, ...buttons);
  if (choice === OPEN_INSTANCE_JSON && request) await openInstanceFile(run, request, finished.element, finished.flow);
  if (choice === REFRESH_INSTANCES) await services.instances?.refresh();
  if (choice === SHOW_LOG) run.log.show();
}
