/**
 * Runs the core flow engine in a cancellable progress notification: each step reported, the
 * authorization wait with its remaining time, "Copy URL" offered in case no browser opens.
 */
import * as vscode from 'vscode';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { provision as runEngine } from '../../core/provisioning/engine';
import type { ProvisionInputs, ProvisionResult, StepInfo } from '../../core/provisioning/engine';
import type { ProvisionStep } from '../../core/provisioning/errors';
import type { InstanceWrite } from '../../core/provisioning/instanceWrites';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import { stepText, type FlowAction } from '../../core/provisioning/steps';
import { withCancellableProgress, type ReportProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import { notify } from '../notify';
import { beginAwaitingCallback } from './awaitingCallback';
import type { CallbackRoute } from './callbackRoute';
import type { RunContext } from './runContext';
import { copyUrlText, formatRemaining, progressTitle } from './texts';

const COPY_URL = 'Copy URL';

export interface FlowRequest {
  element: ElementDefinition;
  flow: FlowDefinition;
  inputs: ProvisionInputs;
  /** The final request and, when its answer is lost, how to check whether it took effect. */
  write: InstanceWrite;
  action: FlowAction;
  /** Undefined for flows without a browser step. */
  route: CallbackRoute | undefined;
}

/** Offers the authorization URL for a browser the user opens themselves. Not awaited: the flow goes on. */
function offerCopyUrl(run: RunContext, element: ElementDefinition, oauthUrl: string, opened: boolean): void {
  void notify('info', copyUrlText(element.name, opened), COPY_URL).then(async (choice) => {
    if (choice !== COPY_URL) return;
    await vscode.env.clipboard.writeText(oauthUrl);
    run.log.info(`Copied the authorization URL for ${element.key} to the clipboard.`);
  });
}

async function openInBrowser(run: RunContext, request: FlowRequest, oauthUrl: string): Promise<void> {
  let opened = false;
  try {
    // The string itself, not a Uri: VS Code opens a string as given, but decodes a Uri's query and
    // re-encodes it loosely, which splits a redirect_uri that has its own query (code-server's
    // callback URL does) into stray parameters of the authorization URL.
    opened = await vscode.env.openExternal(oauthUrl as unknown as vscode.Uri);
  } catch (error) {
    run.log.warn(`Could not open the browser: ${errorText(error)}`);
  }
  offerCopyUrl(run, request.element, oauthUrl, opened);
  request.route?.browserOpened();
}

/** Shows the wait's remaining time, once a second, until stopped. */
class Countdown {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly report: ReportProgress) {}

  start(text: string, expiresAt: number): void {
    this.stop();
    const show = () => this.report({ message: `${text} (${formatRemaining(expiresAt, Date.now())} left)` });
    show();
    this.timer = setInterval(show, 1000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Provisions (or re-authorizes) with the run's client; throws what the engine throws. */
export function runFlow(run: RunContext, registry: PendingFlowRegistry, request: FlowRequest): Promise<ProvisionResult> {
  const { element, flow, action, route } = request;
  return withCancellableProgress(progressTitle(action, element.name, flow.label), async (signal, report) => {
    const countdown = new Countdown(report);
    let endAwaiting: (() => void) | undefined;
    const onStep = (step: ProvisionStep, info: StepInfo) => {
      countdown.stop();
      if (step === 'wait-callback') {
        endAwaiting ??= beginAwaitingCallback();
        const text = `${stepText(step, action)}${route ? `: ${route.waitingHint}` : ''}`;
        if (info.expiresAt !== undefined) countdown.start(text, info.expiresAt);
        else report({ message: text });
      } else {
        endAwaiting?.();
        report({ message: `${stepText(step, action)}…` });
      }
    };
    try {
      return await runEngine({
        element,
        flow,
        inputs: request.inputs,
        ...(route && { callbackUrl: route.callbackUrl }),
        api: run.client,
        write: request.write,
        registry,
        openUrl: (url) => openInBrowser(run, request, url),
        signal,
        onStep,
        ttlMs: run.ttlMs,
      });
    } finally {
      countdown.stop();
      endAwaiting?.();
    }
  });
}
