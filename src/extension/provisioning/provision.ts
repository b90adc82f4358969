/**
 * One run of "Provision Element" or "Re-authorize Instance", step by step. The files of this
 * folder, in the order they act:
 *
 *   provisionElement.ts / reauthorizeInstance.ts   which element (or instance) and flow
 *   1. runContext.ts     bind the run: environment, client, keychain, log
 *   2. callbackPlans.ts  where the browser comes back (pasteBox.ts asks for a registered URL, forwardingPage.ts
 *                        for the hosted forwarding page); whether the provider takes it (core callbackAdvice.ts)
 *   3. askInputs.ts      the flow's configuration, the name and tags, with Back and a review (fieldPrompts.ts: what to ask)
 *   4. callbackRoute.ts  open that way back; every callback arrives in callbackInbox.ts
 *   5. runFlow.ts        the core flow engine in a progress notification
 *   6. showOutcome.ts    remember and show the instance, or say what happened (texts.ts: the words)
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { redirectRulesFor } from '../../core/catalog/redirectRules';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { adviseCallback } from '../../core/provisioning/callbackAdvice';
import type { ProvisionResult } from '../../core/provisioning/engine';
import { createWrite, reauthorizeWrite } from '../../core/provisioning/instanceWrites';
import type { InstanceWrite } from '../../core/provisioning/instanceWrites';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import type { AccountCommands } from '../commands/account';
import type { ProvisioningEvents } from '../events/provisionEvents';
import { errorText } from '../errorText';
import { notify } from '../notify';
import { askInputs } from './askInputs';
import { EXTENSION_ID, type CallbackInbox } from './callbackInbox';
import { callbackPlan, type CallbackHost } from './callbackPlans';
import { callbackWay, openCallbackRoute, uriHandlerCallbackUrl, type CallbackRoute, type ReadyPlan } from './callbackRoute';
import { askForwardingPageUrl } from './forwardingPage';
import { askRegisteredCallbackUrl } from './pasteBox';
import { beginRun, type RunContext } from './runContext';
import { runFlow } from './runFlow';
import { showFailure, showSuccess, type FinishedFlow, type InstancesDisplay } from './showOutcome';
import { callbackNotes } from './callbackTexts';
import { couldNotStartText, runTitle } from './texts';
import type { WaitingAuthorizations } from './waitingAuthorizations';

export type RunTarget = { action: 'create' } | { action: 'reauthorize'; instanceId: number; instanceName: string };

export interface RunRequest {
  element: ElementDefinition;
  flow: FlowDefinition;
  target: RunTarget;
  /** Instance name to offer. */
  name: string;
  tags?: string[];
  /** Configuration to prefill (a secret only as a `${keychain:…}` reference). */
  prefill?: Record<string, unknown>;
  /** Said once in the wizard, e.g. where the prefill came from. */
  notes?: string[];
}

/** What the steps share across runs; built once (register.ts). */
export interface ProvisioningSteps {
  readonly registry: PendingFlowRegistry;
  readonly inbox: CallbackInbox;
  readonly display: InstancesDisplay;
  /** The URLs of the flows waiting for the browser ("Copy Authorization URL"). */
  readonly waiting: WaitingAuthorizations;
  /** The events step of a new instance (events/provisionEvents.ts). */
  readonly events?: ProvisioningEvents;
}

/** What the two commands use. */
export interface Provisioner {
  /** Signs in if needed and binds a run; undefined when declined or failed (the user was told). */
  begin(what: string, title: string): Promise<RunContext | undefined>;
  /** Runs the steps; the instance on success, undefined when cancelled or failed (the user was told). */
  run(run: RunContext, request: RunRequest): Promise<Instance | undefined>;
}

export function createProvisioner(account: AccountCommands, steps: ProvisioningSteps): Provisioner {
  return { begin: beginRun.bind(undefined, account), run: provision.bind(undefined, steps) };
}

/** The final request: `POST /instances`, or `PUT /instances/{id}?reAuthenticate=true` when re-authorizing. */
function writeFor(run: RunContext, target: RunTarget): InstanceWrite {
  return target.action === 'create' ? createWrite(run.client) : reauthorizeWrite(run.client, target.instanceId);
}

/**
 * Step 2: the plan to use, with what it needs known: the URI handler's address as the browser
 * reaches it; the registered URL (paste) or the hosted page (forwarding page), asked for when
 * not set. Undefined on Escape.
 */
async function planCallback(run: RunContext, title: string): Promise<ReadyPlan | undefined> {
  const plan = callbackPlan(run.callback, currentHost());
  switch (plan.mode) {
    case 'uriHandler':
      return { ...plan, ...(await uriHandlerCallbackUrl()) };
    case 'loopback':
      return plan;
    case 'paste': {
      const registeredUrl = plan.registeredUrl ?? (await askRegisteredCallbackUrl(run.log, title));
      return registeredUrl === undefined ? undefined : { mode: 'paste', registeredUrl };
    }
    case 'forwardingPage': {
      const pageUrl = plan.pageUrl ?? (await askForwardingPageUrl(run.log, title));
      if (pageUrl === undefined) return undefined;
      const target = await uriHandlerCallbackUrl();
      return { mode: 'forwardingPage', pageUrl, returnTo: target.callbackUrl, changesEachTime: target.changesEachTime };
    }
    default:
      // A new mode does not compile until it is planned here.
      return unplanned(plan);
  }
}

function unplanned(plan: never): never {
  throw new Error(`No way back planned for ${JSON.stringify(plan)}.`);
}

/** What the wizard says about the way back: the mode, and whether the element's provider takes its callback. */
function notesFor(run: RunContext, element: ElementDefinition, flow: FlowDefinition, plan: ReadyPlan): string[] {
  const advice = adviseCallback(redirectRulesFor(element.key, flow.type), callbackWay(plan), { elementName: element.name });
  run.log.info(`Callback for ${element.key} (${flow.label}), mode ${plan.mode}: ${advice.verdict}${advice.assumed ? ' (assumed rules)' : ''}.`);
  return callbackNotes(plan, advice, run.environment.id === 'local');
}

/** Where this window runs, for callbackPlan(). */
function currentHost(): CallbackHost {
  const remoteName = vscode.env.remoteName;
  // Only asked in a remote window; a UI extension would run next to the browser.
  const extensionRunsRemotely = remoteName !== undefined && vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind !== vscode.ExtensionKind.UI;
  return { remoteName, extensionRunsRemotely };
}

async function provision(steps: ProvisioningSteps, run: RunContext, request: RunRequest): Promise<Instance | undefined> {
  const { element, flow, target } = request;
  const title = runTitle(target.action, element.name, flow.label, target.action === 'reauthorize' ? target.instanceName : undefined);

  const plan = flow.oauth ? await planCallback(run, title) : undefined;
  if (flow.oauth && !plan) return undefined;
  const collected = await askInputs(run, element, flow, {
    title,
    action: target.action,
    name: request.name,
    ...(request.tags && { tags: request.tags }),
    ...(request.prefill && { prefill: request.prefill }),
    notes: [...(plan ? notesFor(run, element, flow, plan) : []), ...(request.notes ?? [])],
  });
  if (!collected) return undefined;
  const events = target.action === 'create' && steps.events ? await steps.events.ask(element, run, title, request.prefill) : 'none';
  if (events === undefined) return undefined;
  if (events !== 'none') Object.assign(collected.inputs.configuration, events.configuration);

  const finished: FinishedFlow = { element, flow, action: target.action };
  let route: CallbackRoute | undefined;
  try {
    route = plan ? await openCallbackRoute(plan, steps.inbox, run.log) : undefined;
  } catch (error) {
    const message = run.log.redact(couldNotStartText(title, errorText(error)));
    run.log.warn(message);
    void notify('error', message);
    return undefined;
  }
  let result: ProvisionResult;
  try {
    result = await runFlow(run, steps.registry, steps.waiting, { element, flow, inputs: collected.inputs, write: writeFor(run, target), action: target.action, route });
  } catch (error) {
    route?.dispose();
    await showFailure(run, steps.display, finished, error);
    return undefined;
  }
  // The way back (e.g. the loopback server) is closed before the user reads the outcome.
  route?.dispose();
  if (events !== 'none') await events.keep(result.instance.id);
  const registeredCallbackUrl = route?.registeredUrl;
  await showSuccess(run, steps.display, { ...finished, ...(registeredCallbackUrl !== undefined && { registeredCallbackUrl }) }, result, collected.newAppSecrets);
  return result.instance;
}
