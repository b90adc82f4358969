/**
 * The provisioning wizard shared by "Provision Element" and "Re-authorize Instance": callback
 * setup, prompts, the flow in a progress notification, and the outcome.
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisionResult } from '../../core/provisioning/engine';
import { createWrite, reauthorizeWrite } from '../../core/provisioning/instanceWrites';
import type { InstanceWrite } from '../../core/provisioning/instanceWrites';
import { signIn } from '../commands/account';
import { notify } from '../notify';
import type { Services } from '../services';
import { modeNote, openCallbackChannel } from './callbackChannel';
import type { CallbackChannel } from './callbackChannel';
import { registeredCallbackUrl } from './paste';
import { askInputs } from './prompts';
import { showFailure, showSuccess } from './results';
import type { FinishedFlow } from './results';
import { runFlow } from './run';
import { startRun } from './runContext';
import type { RunContext } from './runContext';

export type WizardTarget = { action: 'create' } | { action: 'reauthorize'; instanceId: number; instanceName: string };

export interface WizardOptions {
  element: ElementDefinition;
  flow: FlowDefinition;
  target: WizardTarget;
  /** Instance name to offer. */
  name: string;
  tags?: string[];
  /** Configuration to prefill (secret entries are never prefilled). */
  prefill?: Record<string, string | null | undefined>;
}

/** True when signed in, possibly after the user accepted to sign in now. */
export async function ensureSignedIn(services: Services, what: string): Promise<boolean> {
  if (services.session.state.signedIn) return true;
  const choice = await vscode.window.showInformationMessage(
    `Sign in to Cloud Elements (${services.session.state.environment.label}) to ${what}.`,
    'Sign In',
  );
  return choice === 'Sign In' && (await signIn(services));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Signed in (or signs in), then binds the run to the current environment. Undefined when the
 * user declined or the run could not start (the user was told).
 */
export async function beginRun(services: Services, what: string, title: string): Promise<RunContext | undefined> {
  if (!(await ensureSignedIn(services, what))) return undefined;
  try {
    return await startRun(services);
  } catch (error) {
    const message = services.log.redact(`Could not start ${title}: ${errorText(error)} Nothing was sent.`);
    services.log.warn(message);
    void notify('error', message);
    return undefined;
  }
}

/** The final request: `POST /instances`, or `PUT /instances/{id}?reAuthenticate=true` when re-authorizing. */
function writeFor(run: RunContext, target: WizardTarget): InstanceWrite {
  return target.action === 'create' ? createWrite(run.client, run.startedAt) : reauthorizeWrite(run.client, target.instanceId);
}

/** Runs the whole wizard; the instance on success, undefined when cancelled or failed (the user was told). */
export async function runWizard(services: Services, run: RunContext, options: WizardOptions): Promise<Instance | undefined> {
  const { element, flow, target } = options;
  const title =
    target.action === 'create' ? `Provision ${element.name} (${flow.label})` : `Re-authorize "${target.instanceName}" (${flow.label})`;
  const { callbackMode: mode } = services.settings();

  let pasteUrl: string | undefined;
  if (flow.oauth && mode === 'paste') {
    pasteUrl = await registeredCallbackUrl(services, title);
    if (pasteUrl === undefined) return undefined;
  }
  const note = flow.oauth ? modeNote(mode) : undefined;
  const collected = await askInputs(run, element, flow, {
    title,
    name: options.name,
    ...(options.tags && { tags: options.tags }),
    ...(options.prefill && { prefill: options.prefill }),
    notes: note ? [note] : [],
  });
  if (!collected) return undefined;

  const finished: FinishedFlow = { element, flow, action: target.action };
  let channel: CallbackChannel | undefined;
  try {
    channel = flow.oauth ? await openCallbackChannel(services, mode, pasteUrl) : undefined;
  } catch (error) {
    const message = run.log.redact(`Could not start ${title}: ${errorText(error)} Nothing was sent.`);
    run.log.warn(message);
    void notify('error', message);
    return undefined;
  }
  let result: ProvisionResult;
  try {
    result = await runFlow(services, {
      element,
      flow,
      inputs: collected.inputs,
      api: run.client,
      write: writeFor(run, target),
      action: target.action,
      channel,
      ttlMs: run.ttlMs,
    });
  } catch (error) {
    channel?.dispose();
    await showFailure(services, run, finished, error);
    return undefined;
  }
  // The callback channel (e.g. the loopback server) is done before the user reads the outcome.
  channel?.dispose();
  await showSuccess(services, run, finished, result, collected.newAppSecrets);
  return result.instance;
}
