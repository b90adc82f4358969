/**
 * The provisioning wizard shared by "Provision Element" and "Re-authorize Instance": callback
 * setup, prompts, the flow in a progress notification, and the outcome.
 */
import * as vscode from 'vscode';
import type { CloudElementsClient } from '../../core/api/client';
import type { Instance } from '../../core/api/types';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisioningApi, ProvisionResult } from '../../core/provisioning/engine';
import { signIn } from '../commands/account';
import type { Services } from '../services';
import { modeNote, openCallbackChannel } from './callbackChannel';
import type { CallbackChannel } from './callbackChannel';
import { registeredCallbackUrl } from './paste';
import { askInputs } from './prompts';
import { showFailure, showSuccess } from './results';
import type { FinishedFlow } from './results';
import { runFlow } from './run';

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

/** The engine calls `createInstance`; re-authorizing sends the same body to `PUT /instances/{id}?reAuthenticate=true`. */
function apiFor(client: CloudElementsClient, target: WizardTarget): ProvisioningApi {
  if (target.action === 'create') return client;
  return {
    getOAuthToken: (keyOrId, params, signal) => client.getOAuthToken(keyOrId, params, signal),
    getOAuthUrl: (keyOrId, params, signal) => client.getOAuthUrl(keyOrId, params, signal),
    createInstance: (body, signal) => client.reauthenticateInstance(target.instanceId, body, signal),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the whole wizard; the instance on success, undefined when cancelled or failed (the user was told). */
export async function runWizard(services: Services, options: WizardOptions): Promise<Instance | undefined> {
  const { element, flow, target } = options;
  const title =
    target.action === 'create' ? `Provision ${element.name} (${flow.label})` : `Re-authorize "${target.instanceName}" (${flow.label})`;
  const { callbackMode: mode, authorizationTimeoutMs: ttlMs } = services.settings();

  let pasteUrl: string | undefined;
  if (flow.oauth && mode === 'paste') {
    pasteUrl = await registeredCallbackUrl(services, title);
    if (pasteUrl === undefined) return undefined;
  }
  const note = flow.oauth ? modeNote(mode) : undefined;
  const collected = await askInputs(services, element, flow, {
    title,
    name: options.name,
    ...(options.tags && { tags: options.tags }),
    ...(options.prefill && { prefill: options.prefill }),
    notes: note ? [note] : [],
  });
  if (!collected) return undefined;

  const finished: FinishedFlow = { element, flow, action: target.action };
  let client: CloudElementsClient;
  let channel: CallbackChannel | undefined;
  try {
    client = await services.session.client();
    channel = flow.oauth ? await openCallbackChannel(services, mode, pasteUrl) : undefined;
  } catch (error) {
    const message = services.log.redact(`Could not start ${title}: ${errorText(error)} Nothing was sent.`);
    services.log.warn(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  let result: ProvisionResult;
  try {
    result = await runFlow(services, {
      element,
      flow,
      inputs: collected.inputs,
      api: apiFor(client, target),
      action: target.action,
      channel,
      ttlMs,
    });
  } catch (error) {
    channel?.dispose();
    await showFailure(services, finished, error);
    return undefined;
  }
  // The callback channel (e.g. the loopback server) is done before the user reads the outcome.
  channel?.dispose();
  await showSuccess(services, finished, result, collected.newAppSecrets);
  return result.instance;
}
