/** The context key `cloudElements.awaitingCallback`: true while any flow waits for its browser callback. */
import * as vscode from 'vscode';

export const AWAITING_CALLBACK_KEY = 'cloudElements.awaitingCallback';

let waiting = 0;

/** Marks one flow as waiting; the returned function (call it once) ends that. */
export function beginAwaitingCallback(): () => void {
  waiting++;
  if (waiting === 1) void vscode.commands.executeCommand('setContext', AWAITING_CALLBACK_KEY, true);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    waiting--;
    if (waiting === 0) void vscode.commands.executeCommand('setContext', AWAITING_CALLBACK_KEY, false);
  };
}
