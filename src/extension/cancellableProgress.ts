/**
 * A task in a cancellable progress notification, told what it uses: an AbortSignal that fires
 * when the user presses Cancel, and a way to say what it is doing.
 */
import * as vscode from 'vscode';

/** VS Code's own `progress.report`: `report({ message })`. */
export type ReportProgress = (value: { message: string }) => void;

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, report: ReportProgress) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, progress.report.bind(progress));
      } finally {
        subscription.dispose();
      }
    }),
  );
}
