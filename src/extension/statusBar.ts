/** The status bar item: environment and account state; a click switches environment. */
import * as vscode from 'vscode';
import type { Services } from './services';
import type { SessionState } from './session';

export function describeState(state: SessionState): { text: string; tooltip: string } {
  const account = !state.baseUrl ? 'no base URL set' : state.signedIn ? 'signed in' : 'signed out';
  return {
    text: `$(${state.signedIn ? 'cloud' : 'cloud-download'}) ${state.environment.label}${state.signedIn ? '' : ` (${account})`}`,
    tooltip: `Cloud Elements: ${state.environment.label}${state.baseUrl ? ` — ${state.baseUrl}` : ''}, ${account}. Click to switch environment.`,
  };
}

export function registerStatusBar(services: Services): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cloudElements.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cloud Elements';
  item.command = 'cloudElements.switchEnvironment';
  const update = (state: SessionState) => {
    const { text, tooltip } = describeState(state);
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  };
  update(services.session.state);
  return vscode.Disposable.from(item, services.session.onDidChange(update));
}
