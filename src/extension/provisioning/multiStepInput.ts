/**
 * Quick input steps that can go back: one input box or quick pick at a time, each with the
 * wizard's title, its step number ("3/7") and a Back button, in VS Code's own multi-step
 * pattern. Each step answers its value, BACK, or undefined (Escape, or the box was closed).
 */
import * as vscode from 'vscode';
import type { AnswerCheck } from './fieldPrompts';

export const BACK: unique symbol = Symbol('back');
export type Back = typeof BACK;

export interface StepPlace {
  /** The step's title (the wizard's, then what is asked). */
  title: string;
  /** Shown as "(step/totalSteps)" after the title; absent for a step outside the count (the review). */
  step?: number;
  totalSteps?: number;
  /** Offer the Back button. */
  back: boolean;
}

export interface TextStep extends StepPlace {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Run as the user types and on Enter: what to keep, or why Enter is refused. */
  check(text: string): AnswerCheck | Promise<AnswerCheck>;
}

export interface PickStep<T extends vscode.QuickPickItem> extends StepPlace {
  items: readonly T[];
  placeholder?: string;
  /** The item under the cursor when the list opens. */
  active?: T;
}

function message(check: AnswerCheck): string | vscode.InputBoxValidationMessage | undefined {
  if (!check.ok) return check.message;
  return check.info === undefined ? undefined : { message: check.info, severity: vscode.InputBoxValidationSeverity.Info };
}

export class MultiStepInput implements vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  private place(input: vscode.QuickInput, step: StepPlace): void {
    input.title = step.title;
    input.step = step.step;
    input.totalSteps = step.totalSteps;
    input.ignoreFocusOut = true;
  }

  /** Shows `input` in place of the previous step's, and settles with what `listen` resolves. */
  private run<R>(input: vscode.QuickInput, listen: (resolve: (result: R) => void) => vscode.Disposable[]): Promise<R> {
    return new Promise<R>((resolve) => {
      let settled = false;
      const subscriptions: vscode.Disposable[] = [];
      const settle = (result: R) => {
        if (settled) return;
        settled = true;
        for (const subscription of subscriptions) subscription.dispose();
        resolve(result);
      };
      subscriptions.push(...listen(settle), input.onDidHide(() => settle(undefined as R)));
      this.current?.dispose();
      this.current = input;
      input.show();
    });
  }

  askText(step: TextStep): Promise<string | Back | undefined> {
    const input = vscode.window.createInputBox();
    this.place(input, step);
    input.prompt = step.prompt;
    input.placeholder = step.placeholder;
    input.value = step.value ?? '';
    input.password = step.password ?? false;
    input.buttons = step.back ? [vscode.QuickInputButtons.Back] : [];
    let typed = 0;
    return this.run<string | Back | undefined>(input, (resolve) => [
      input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && resolve(BACK)),
      input.onDidChangeValue(async (text) => {
        const mine = ++typed;
        const check = await step.check(text);
        // Only the latest value's check is shown.
        if (mine === typed) input.validationMessage = message(check);
      }),
      input.onDidAccept(async () => {
        input.busy = true;
        input.enabled = false;
        const check = await step.check(input.value);
        input.busy = false;
        input.enabled = true;
        input.validationMessage = message(check);
        if (check.ok) resolve(check.value);
      }),
    ]);
  }

  pick<T extends vscode.QuickPickItem>(step: PickStep<T>): Promise<T | Back | undefined> {
    const input = vscode.window.createQuickPick<T>();
    this.place(input, step);
    input.placeholder = step.placeholder;
    input.items = step.items;
    if (step.active) input.activeItems = [step.active];
    input.buttons = step.back ? [vscode.QuickInputButtons.Back] : [];
    return this.run<T | Back | undefined>(input, (resolve) => [
      input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && resolve(BACK)),
      input.onDidAccept(() => {
        const [picked] = input.selectedItems;
        if (picked) resolve(picked);
      }),
    ]);
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}
