/**
 * Runs the core flow engine in a cancellable progress notification: each step reported, the
 * authorization wait with its remaining time, "Copy URL" offered in case no browser opens.
 */
import * as vscode from 'vscode';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { provision } from '../../core/provisioning/engine';
import type { ProvisionInputs, ProvisioningApi, ProvisionResult, StepInfo } from '../../core/provisioning/engine';
import type { ProvisionStep } from '../../core/provisioning/errors';
import type { InstanceWrite } from '../../core/provisioning/instanceWrites';
import type { Services } from '../services';
import { beginAwaitingCallback } from './awaiting';
import type { CallbackChannel } from './callbackChannel';
import { formatRemaining, stepText } from './outcomeText';
import type { FlowAction } from './outcomeText';

export interface FlowRun {
  element: ElementDefinition;
  flow: FlowDefinition;
  inputs: ProvisionInputs;
  api: ProvisioningApi;
  /** The final request and, when its answer is lost, how to check whether it took effect. */
  write: InstanceWrite;
  action: FlowAction;
  /** Undefined for flows without a browser step. */
  channel: CallbackChannel | undefined;
  ttlMs: number;
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

const COPY_URL = 'Copy URL';

/** Offers the authorization URL for a browser the user opens themselves. Not awaited: the flow goes on. */
function offerCopyUrl(services: Services, element: ElementDefinition, oauthUrl: string, opened: boolean): void {
  const message = opened
    ? `Authorize ${element.name} in the browser. No browser opened? Copy the authorization URL and open it yourself.`
    : `VS Code could not open a browser. Copy the authorization URL for ${element.name} and open it in your browser.`;
  void vscode.window.showInformationMessage(message, COPY_URL).then(async (choice) => {
    if (choice !== COPY_URL) return;
    await vscode.env.clipboard.writeText(oauthUrl);
    services.log.info(`Copied the authorization URL for ${element.key} to the clipboard.`);
  });
}

async function openInBrowser(services: Services, run: FlowRun, oauthUrl: string): Promise<void> {
  let opened = false;
  try {
    // The string itself, not a Uri: VS Code opens a string as given, but decodes a Uri's query and
    // re-encodes it loosely, which splits a redirect_uri that has its own query (code-server's
    // callback URL does) into stray parameters of the authorization URL.
    opened = await vscode.env.openExternal(oauthUrl as unknown as vscode.Uri);
  } catch (error) {
    services.log.warn(`Could not open the browser: ${error instanceof Error ? error.message : String(error)}`);
  }
  offerCopyUrl(services, run.element, oauthUrl, opened);
  run.channel?.browserOpened();
}

/** Shows the wait's remaining time, once a second, until stopped. */
class Countdown {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly progress: Progress) {}

  start(text: string, expiresAt: number): void {
    this.stop();
    const show = () => this.progress.report({ message: `${text} (${formatRemaining(expiresAt, Date.now())} left)` });
    show();
    this.timer = setInterval(show, 1000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Provisions (or re-authorizes); throws what provision() throws. */
export function runFlow(services: Services, run: FlowRun): Promise<ProvisionResult> {
  const { element, flow, action } = run;
  const title = `${action === 'create' ? 'Provisioning' : 'Re-authorizing'} ${element.name} (${flow.label})`;
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      const countdown = new Countdown(progress);
      let endAwaiting: (() => void) | undefined;
      const onStep = (step: ProvisionStep, info: StepInfo) => {
        countdown.stop();
        if (step === 'wait-callback') {
          endAwaiting ??= beginAwaitingCallback();
          const hint = run.channel ? `: ${run.channel.waitingHint}` : '';
          if (info.expiresAt !== undefined) countdown.start(`${stepText(step, action)}${hint}`, info.expiresAt);
          else progress.report({ message: `${stepText(step, action)}${hint}` });
        } else {
          endAwaiting?.();
          progress.report({ message: stepText(step, action) });
        }
      };
      try {
        return await provision({
          element,
          flow,
          inputs: run.inputs,
          ...(run.channel && { callbackUrl: run.channel.callbackUrl }),
          api: run.api,
          write: run.write,
          registry: services.registry,
          openUrl: (url) => openInBrowser(services, run, url),
          signal: controller.signal,
          onStep,
          ttlMs: run.ttlMs,
        });
      } finally {
        countdown.stop();
        endAwaiting?.();
        subscription.dispose();
      }
    }),
  );
}
