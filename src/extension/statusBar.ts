/** The status bar item: environment and account state; a click switches environment. */
import * as vscode from 'vscode';
import type { Services } from './services';
import type { SessionState } from './session';

export function describeState(state: SessionState): { text: string; tooltip: string } {
  const account = state.baseUrl ? (state.signedIn ? 'signed in' : 'signed out') : state.environment.id === 'local' ? 'invalid address' : 'no base URL set';
  const where = state.baseUrl ? ` — ${state.baseUrl}` : '';
  const problem = !state.baseUrl && state.baseUrlProblem ? ` ${state.baseUrlProblem}` : '';
  return {
    text: `$(${state.signedIn ? 'cloud' : 'cloud-download'}) ${state.environment.label}${state.signedIn ? '' : ` (${account})`}`,
    tooltip: `Cloud Elements: ${state.environment.label}${where}, ${account}.${problem} Click to switch environment.`,
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
