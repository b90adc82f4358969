/**
 * Runs the core flow engine in a cancellable progress notification, which closes itself when
 * the flow ends: each step reported; while the browser step waits, a message that stays put
 * with a link to copy the authorization URL (the notification's "Copy URL" action), and the
 * remaining time counted down in the status bar.
 */
import * as vscode from 'vscode';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { provision as runEngine } from '../../core/provisioning/engine';
import type { ProvisionResult, StepInfo } from '../../core/provisioning/engine';
import type { ProvisionInputs } from '../../core/provisioning/flowRequest';
import type { ProvisionStep } from '../../core/provisioning/errors';
import type { InstanceWrite } from '../../core/provisioning/instanceWrites';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import { stepText, type FlowAction } from '../../core/provisioning/steps';
import { withCancellableProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import type { Log } from '../log';
import { beginAwaitingCallback } from './awaitingCallback';
import type { CallbackRoute } from './callbackRoute';
import type { RunContext } from './runContext';
import { countdownText, waitingText } from './callbackTexts';
import { progressTitle } from './texts';
import type { WaitingAuthorizations } from './waitingAuthorizations';

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

type OpenExternal = (target: string, options?: { allowContributedOpeners?: boolean }) => Thenable<boolean>;

/**
 * Asks VS Code to open the authorization URL, as the string the API returned (a Uri would be
 * decoded and loosely re-encoded, splitting a redirect_uri that has its own query — code-server's
 * callback URL does). `allowContributedOpeners` bypasses the workbench's cache of trusted
 * targets, which is keyed by site: without it code-server's "open the external website?" dialog
 * shows the first URL ever opened on that site (another flow's, another state) while opening this
 * one. The extension host passes the option on without the proposal; where it is refused, the
 * call is made without it. False when no browser was opened.
 */
export async function openExternal(url: string, log: Log): Promise<boolean> {
  const env = vscode.env as unknown as { openExternal: OpenExternal };
  try {
    return await env.openExternal(url, { allowContributedOpeners: true });
  } catch (error) {
    log.warn(`Opening the browser with allowContributedOpeners failed (${errorText(error)}); trying without it.`);
  }
  try {
    return await env.openExternal(url);
  } catch (error) {
    log.warn(`Could not open the browser: ${errorText(error)}`);
    return false;
  }
}

/** The status bar's countdown of the wait, until stopped. */
function startCountdown(title: string, action: FlowAction, expiresAt: number): () => void {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async (progress) => {
    const show = () => progress.report({ message: countdownText(action, expiresAt, Date.now()) });
    show();
    const timer = setInterval(show, 1000);
    timer.unref?.();
    try {
      await stopped;
    } finally {
      clearInterval(timer);
    }
  });
  return stop;
}

/** What a run holds while its browser step is under way; `end` releases all of it (idempotent). */
class BrowserWait {
  private browserOpened = true;
  private copy: { link: string; dispose(): void } | undefined;
  private stopCountdown: (() => void) | undefined;
  private endAwaiting: (() => void) | undefined;

  constructor(
    private readonly run: RunContext,
    private readonly request: FlowRequest,
    private readonly waiting: WaitingAuthorizations,
  ) {}

  async open(url: string): Promise<void> {
    this.copy ??= this.waiting.add(this.request.element.name, url);
    this.browserOpened = await openExternal(url, this.run.log);
    if (!this.browserOpened) this.run.log.warn(`No browser opened for the authorization of ${this.request.element.key}; its URL can be copied from the progress notification.`);
    this.request.route?.browserOpened();
  }

  /** The wait began: its message (with the copy link), the context key, the countdown. */
  begin(info: StepInfo): string {
    const { element, action, route } = this.request;
    this.endAwaiting ??= beginAwaitingCallback();
    if (info.expiresAt !== undefined) this.stopCountdown ??= startCountdown(element.name, action, info.expiresAt);
    const hint = route?.waitingHint ?? 'return here when you are done';
    return waitingText(action, hint, this.run.ttlMs, this.browserOpened, this.copy?.link ?? '');
  }

  end(): void {
    this.stopCountdown?.();
    this.endAwaiting?.();
    this.copy?.dispose();
    this.stopCountdown = this.endAwaiting = this.copy = undefined;
  }
}

/** Provisions (or re-authorizes) with the run's client; throws what the engine throws. */
export function runFlow(run: RunContext, registry: PendingFlowRegistry, waiting: WaitingAuthorizations, request: FlowRequest): Promise<ProvisionResult> {
  const { element, flow, action, route } = request;
  return withCancellableProgress(progressTitle(action, element.name, flow.label), async (signal, report) => {
    const browser = new BrowserWait(run, request, waiting);
    const onStep = (step: ProvisionStep, info: StepInfo) => {
      if (step === 'wait-callback') {
        report({ message: browser.begin(info) });
      } else {
        browser.end();
        report({ message: `${stepText(step, action)}…` });
      }
    };
    try {
      return await runEngine({
        element,
        flow,
        inputs: request.inputs,
        ...(route && { callbackUrl: route.callbackUrl }),
        ...(route?.returnTo !== undefined && { returnTo: route.returnTo }),
        api: run.client,
        write: request.write,
        registry,
        openUrl: (url) => browser.open(url),
        signal,
        onStep,
        ttlMs: run.ttlMs,
      });
    } finally {
      browser.end();
    }
  });
}
