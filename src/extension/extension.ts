/**
 * Activation: builds the collaborators once and registers each part with the ones it uses.
 * Everything heavier than that (API calls, linting) happens on demand.
 */
import * as vscode from 'vscode';
import { catalog } from '../core/catalog';
import { PendingFlowRegistry } from '../core/provisioning/pendingFlows';
import { registerAccountCommands } from './commands/account';
import { registerInstanceCommands } from './commands/instances';
import { LazyConsole } from './console/lazyConsole';
import { EventInbox } from './events/eventInbox';
import { registerEvents } from './events/register';
import { registerConsole } from './console/register';
import { registerInstanceFiles } from './instanceFiles/register';
import { Log } from './log';
import { registerProvisioning } from './provisioning/register';
import { SecretVault } from './secrets';
import type { Services } from './services';
import { Session } from './session';
import { readSettings, SECTION } from './settings';
import { registerStatusBar } from './statusBar';
import type { ElementsTreeProvider } from './views/elementsTree';
import { registerElementsView } from './views/elementsView';
import { registerInstancesView } from './views/instancesTree';
import type { InstancesTreeProvider } from './views/instancesTree';

/**
 * What `activate` returns — for the integration tests that run inside a real VS Code
 * (test/integration/) only, not a public API: the parts whose state the `vscode` API cannot
 * read back (tree items, the keychain through the vault, pending sign-ins in the registry).
 */
export interface ToolkitTestApi {
  readonly services: Services;
  readonly elementsTree: ElementsTreeProvider;
  readonly instancesTree: InstancesTreeProvider;
  readonly events: EventInbox;
}

export function activate(context: vscode.ExtensionContext): ToolkitTestApi {
  const channel = vscode.window.createOutputChannel('Cloud Elements', { log: true });
  const log = new Log(channel);
  const vault = new SecretVault(context.secrets, (value) => log.addSecret(value));
  const settings = () => readSettings(vscode.workspace.getConfiguration(SECTION));
  const session = new Session(settings, vault, log);
  const registry = new PendingFlowRegistry();
  const account = { session, settings, log, vault };
  const elementsView = registerElementsView(catalog);
  const elementsTree = elementsView.provider;
  // The instance console's code loads the first time it is used (dist/console.js).
  const instanceConsole = new LazyConsole(account, context.globalStorageUri);
  const instancesView = registerInstancesView(session, log, { console: instanceConsole });
  // The shared bag, for the parts that still take it (instance files, status bar) and the tests' API.
  const services: Services = { extensionUri: context.extensionUri, log, vault, session, settings, registry, instances: instancesView.provider };
  // The event inbox; its receiver starts the first time events are used.
  const events = new EventInbox({ vault, log, state: context.workspaceState });

  context.subscriptions.push(
    channel,
    session,
    { dispose: () => registry.dispose() },
    registerAccountCommands(account),
    registerStatusBar(services),
    elementsView.disposable,
    instancesView,
    registerInstanceCommands(account, instancesView.provider, instancesView.json),
    instanceConsole,
    registerConsole(instanceConsole, account, instancesView.provider),
    registerProvisioning({
      ...account,
      registry,
      instances: instancesView.provider,
      testConnection: (run, instance) => instanceConsole.testNewInstance(run, instance),
      extensionUri: context.extensionUri,
      eventInbox: events,
    }),
    registerInstanceFiles(services),
    events,
    registerEvents({ ...account, events, state: context.workspaceState, instances: instancesView.provider }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['environment', 'customBaseUrl', 'localEmulatorAddress'].some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
        void session.refresh();
      }
    }),
    // Another window signing in or out changes the keychain under us.
    context.secrets.onDidChange((event) => {
      if (event.key.startsWith(`cloudElements:${session.environmentId}:account`)) void session.refresh();
    }),
  );
  void session.refresh();
  return { services, elementsTree, instancesTree: instancesView.provider, events };
}

export function deactivate(): void {}
