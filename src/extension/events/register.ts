/**
 * Events in the window: the Events view and its documents, Forward to…, Clear Events, the
 * callback URL choice, and Enable/Disable Events on an instance node. The receiver starts the
 * first time one of them needs it, when the Events view (collapsed at first) is shown, or at once
 * when `cloudElements.events.receiverPort` fixes its port (instances post there).
 */
import * as vscode from 'vscode';
import type { EventsCommands, EventsCommandsModule } from './commands';
import type { EventsCommandsContext } from './enableEvents';
import type { StateStore } from './eventInbox';
import { EVENT_DOCUMENT_SCHEME, EVENTS_VIEW_ID, EventsTreeProvider } from './eventsView';
import type { EventsNode } from './eventsView';
import type { InstancesControl } from '../commands/instances';

export const EVENTS_EMPTY_CONTEXT_KEY = 'cloudElements.eventsEmpty';

export interface EventsRegistration extends EventsCommandsContext {
  readonly state: StateStore;
  readonly instances: InstancesControl;
}

const isNode = (value: unknown): value is EventsNode =>
  typeof value === 'object' && value !== null && ((value as EventsNode).kind === 'delivery' || (value as EventsNode).kind === 'eventGroup');

export function registerEvents(context: EventsRegistration): vscode.Disposable & { readonly provider: EventsTreeProvider } {
  const { events, log, state, instances } = context;
  const provider = new EventsTreeProvider(events);
  const treeView = vscode.window.createTreeView(EVENTS_VIEW_ID, { treeDataProvider: provider, canSelectMany: true });
  const setEmpty = () => void vscode.commands.executeCommand('setContext', EVENTS_EMPTY_CONTEXT_KEY, events.inbox.size === 0);
  setEmpty();
  const startReceiver = () =>
    events.receiver().then(
      () => undefined,
      (error: unknown) => log.warn(`The event receiver could not start: ${error instanceof Error ? error.message : String(error)}`),
    );
  let loaded: EventsCommands | undefined;
  const commands = (): EventsCommands => {
    // The build turns this into require('./events.js'); in tests it is the source module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
    loaded ??= (require('./commands') as EventsCommandsModule).createEventsCommands(context, state, log, instances);
    return loaded;
  };
  const forward = (node?: unknown, selected?: unknown) => {
    const nodes = Array.isArray(selected) && selected.length > 0 ? selected.filter(isNode) : isNode(node) ? [node] : [];
    const deliveries = nodes.length === 0 ? provider.deliveriesFor(undefined) : [...new Map(nodes.flatMap((each) => provider.deliveriesFor(each)).map((d) => [d.seq, d])).values()].sort((a, b) => a.seq - b.seq);
    return commands().forward(deliveries);
  };
  const disposable = vscode.Disposable.from(
    provider,
    treeView,
    vscode.workspace.registerTextDocumentContentProvider(EVENT_DOCUMENT_SCHEME, provider),
    events.onDidChange(setEmpty),
    treeView.onDidChangeVisibility((visible) => {
      if (visible.visible) void startReceiver();
    }),
    vscode.commands.registerCommand('cloudElements.forwardEvents', forward),
    vscode.commands.registerCommand('cloudElements.forwardAllEvents', () => forward()),
    vscode.commands.registerCommand('cloudElements.clearEvents', () => events.clear()),
    vscode.commands.registerCommand('cloudElements.chooseEventsCallbackUrl', () => commands().chooseCallbackUrl()),
    vscode.commands.registerCommand('cloudElements.enableEvents', (argument?: unknown) => commands().enable(argument)),
    vscode.commands.registerCommand('cloudElements.disableEvents', (argument?: unknown) => commands().disable(argument)),
  );
  // Shown at start, or a port fixed in the settings (instances post to it): listen now.
  const fixedPort = vscode.workspace.getConfiguration('cloudElements').get<number>('events.receiverPort');
  if (treeView.visible || (typeof fixedPort === 'number' && fixedPort > 0)) void startReceiver();
  return Object.assign(disposable, { provider });
}
