/**
 * The "Get started" walkthrough's steps. package.json completes each on the state it teaches
 * (`onContext:…`, `onCommand:…`), but VS Code starts its walkthrough service only when something
 * asks for it (the Welcome page; `npm start`'s demo shows none) and never checks a step whose state
 * was already true when it started listening: signed in, created, opened before the walkthrough was
 * first shown, the steps stayed unchecked. So the extension also marks a step done itself when it
 * gets there, with the workbench's own "Mark Done" command (best effort: a VS Code without it
 * still has the completion events).
 */
import * as vscode from 'vscode';

/** The walkthrough as VS Code names it: `<publisher>.<name>#<walkthrough id>`. */
export const WALKTHROUGH_ID = 'elements-dev.elements-toolkit#cloudElements.gettingStarted';
export const MARK_STEP_DONE_COMMAND = 'welcome.markStepComplete';

export type WalkthroughStep = 'signIn' | 'provision' | 'lint' | 'console';

/** True once an instance was created (Provision Element or Provision from This File). */
export const PROVISIONED_CONTEXT_KEY = 'cloudElements.provisioned';

const done = new Set<WalkthroughStep>();

/** Marks the step done, once per window. */
export function completeStep(step: WalkthroughStep): void {
  if (done.has(step)) return;
  done.add(step);
  Promise.resolve(vscode.commands.executeCommand(MARK_STEP_DONE_COMMAND, `${WALKTHROUGH_ID}#${step}`)).catch(() => done.delete(step));
}

export function markProvisioned(): void {
  void vscode.commands.executeCommand('setContext', PROVISIONED_CONTEXT_KEY, true);
  completeStep('provision');
}

/** For tests: forget which steps were marked in this window. */
export function resetWalkthroughMarks(): void {
  done.clear();
}
