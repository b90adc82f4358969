/**
 * The end of a run, delivered: the new (or re-authorized) instance remembered and shown, or why
 * nothing (or maybe something) happened — with the buttons that help next. Which buttons is the
 * core's decision (classifyFailure), the words are outcomeTexts.ts's.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisionResult } from '../../core/provisioning/engine';
import { isFlowError } from '../../core/provisioning/errors';
import { classifyFailure, type FailureOffer } from '../../core/provisioning/outcome';
import type { FlowAction } from '../../core/provisioning/steps';
import { errorText } from '../errorText';
import { notify } from '../notify';
import type { InstancesView } from '../services';
import type { Session } from '../session';
import { markProvisioned } from '../walkthrough';
import type { AppSecret } from './askInputs';
import type { TestConnection } from './contract';
import type { RunContext } from './runContext';
import { openInstanceFile, saveInstanceFile } from './saveInstanceFile';
import { failureText, outcomeLine, REFRESH_INSTANCES, successText, tokenCopiedText } from './outcomeTexts';

export { REFRESH_INSTANCES };

export const SAVE_INSTANCE_JSON = 'Save instance.json';
export const COPY_TOKEN = 'Copy Token';
export const OPEN_INSTANCE_JSON = 'Open instance.json';
export const SHOW_LOG = 'Show Log';

/** How long a run's outcome stays in the status bar: long enough to be back from the browser. */
export const OUTCOME_LINE_MS = 5 * 60_000;

/**
 * Where a run shows its outcome: the Instances view (it shows one environment, maybe no longer
 * the run's) and a line in the status bar, which outlasts the notification.
 */
export interface InstancesDisplay extends vscode.Disposable {
  /** Whether the view shows `environment` now (the user may have switched during the run). */
  shows(environment: EnvironmentId): boolean;
  /** Reloads, then selects and shows the instance. */
  reveal(instanceId: number): Promise<void>;
  refresh(): Promise<void>;
  /** The outcome in the status bar, in place of the previous run's. */
  announce(line: string): void;
  /** Tests a new or re-authorized instance's connection (the instance console), its outcome shown on the instance. */
  testConnection?: TestConnection;
}

export type { TestConnection };

/** The view of `session`'s environment, as a run sees it. */
export function instancesDisplay(
  session: Pick<Session, 'environmentId'>,
  view: InstancesView | undefined,
  testConnection?: TestConnection,
): InstancesDisplay {
  let line: vscode.Disposable | undefined;
  return {
    shows: (environment) => session.environmentId === environment,
    reveal: (instanceId) => view?.reveal(instanceId) ?? Promise.resolve(),
    refresh: () => view?.refresh() ?? Promise.resolve(),
    announce(text) {
      line?.dispose();
      line = vscode.window.setStatusBarMessage(text, OUTCOME_LINE_MS);
    },
    dispose: () => line?.dispose(),
    ...(testConnection && { testConnection }),
  };
}

export interface FinishedFlow {
  element: ElementDefinition;
  flow: FlowDefinition;
  action: FlowAction;
  /** The callback as registered with the provider, for a saved instance.json (undefined: made for this sign-in only). */
  registeredCallbackUrl?: string;
}

/** Keeps the instance token and the app credentials typed in (under the run's environment); shows the instance in the view. */
async function remember(run: RunContext, display: InstancesDisplay, shown: boolean, finished: FinishedFlow, instance: Instance, appSecrets: readonly AppSecret[]): Promise<void> {
  if (instance.token) await run.vault.setInstanceToken(instance.id, instance.token);
  for (const secret of appSecrets) await run.vault.setAppSecret(finished.element.key, secret.key, secret.value);
  if (!shown) return;
  display.reveal(instance.id).catch((error: unknown) => {
    run.log.warn(`Could not show instance #${instance.id} in the Instances view: ${errorText(error)}`);
  });
}

async function copyToken(run: RunContext, instance: Instance): Promise<void> {
  await vscode.env.clipboard.writeText(instance.token);
  run.log.info(`Copied the token of instance ${instance.id} to the clipboard.`);
  void notify('info', tokenCopiedText(instance));
}

export async function showSuccess(
  run: RunContext,
  display: InstancesDisplay,
  finished: FinishedFlow,
  result: ProvisionResult,
  appSecrets: readonly AppSecret[],
): Promise<void> {
  const { instance } = result;
  // Whether the Instances view still shows the run's environment (the user may have switched meanwhile).
  const shown = display.shows(run.environment.id);
  await remember(run, display, shown, finished, instance, appSecrets);
  const created = finished.action === 'create';
  if (created) markProvisioned();
  // A re-authorized instance is tested as a new one is: its last test (maybe "connection failed") is out of date.
  const connection = await display.testConnection?.(run, instance);
  const found = result.lostAnswer ? ' (its answer was lost; found in the account)' : '';
  run.log.info(`${created ? 'Created' : 'Re-authorized'} ${finished.element.key} instance ${instance.id} (${finished.flow.label}) in ${run.environment.label}${found}.`);
  const buttons = [...(created ? [SAVE_INSTANCE_JSON] : []), ...(instance.token ? [COPY_TOKEN] : [])];
  const message = successText({
    action: finished.action,
    instance,
    ...(result.lostAnswer && { lostAnswer: result.lostAnswer }),
    ...(!shown && { otherEnvironment: run.environment.label }),
    ...(connection && { connection }),
  });
  display.announce(run.log.redact(outcomeLine({ ok: true, action: finished.action, instance })));
  const choice = await notify(connection?.outcome === 'failed' ? 'warning' : 'info', run.log.redact(message), ...buttons);
  if (choice === SAVE_INSTANCE_JSON) await saveInstanceFile(run, result.request, finished.element, finished.flow, finished.registeredCallbackUrl);
  if (choice === COPY_TOKEN) await copyToken(run, instance);
}

/** The button of each offer the core makes. */
const BUTTON: Readonly<Record<FailureOffer, string>> = {
  'open-instance-file': OPEN_INSTANCE_JSON,
  'refresh-instances': REFRESH_INSTANCES,
  'show-log': SHOW_LOG,
};

export async function showFailure(run: RunContext, display: InstancesDisplay, finished: FinishedFlow, error: unknown): Promise<void> {
  const text = failureText(error, {
    elementName: finished.element.name,
    action: finished.action,
    timeoutMs: run.ttlMs,
  });
  const message = run.log.redact(text.message);
  if (text.severity === 'info') run.log.info(message);
  else run.log.warn(message);

  const request = isFlowError(error) ? error.request : undefined;
  // Refreshing only helps where the view shows the run's environment.
  const offered = classifyFailure(error, finished.action).offers.filter((offer) => offer !== 'refresh-instances' || display.shows(run.environment.id));
  const buttons = offered.map((offer) => BUTTON[offer]);
  // A cancellation is the user's own doing: no line for it.
  if (!(isFlowError(error, 'cancelled') && text.severity === 'info')) display.announce(outcomeLine({ ok: false, failure: { ...text, message } }));
  const choice = await notify(text.severity, message, ...buttons);
  if (choice === OPEN_INSTANCE_JSON && request) await openInstanceFile(run, request, finished.element, finished.flow);
  if (choice === REFRESH_INSTANCES) await display.refresh();
  if (choice === SHOW_LOG) run.log.show();
}
