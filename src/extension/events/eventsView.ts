/**
 * The "Events" view in the Cloud Elements sidebar: the inbox's deliveries grouped by instance
 * (newest delivery's group first), each group newest first, each row with event type, resource,
 * object id, time and signature verdict; selecting one opens its read-only JSON document
 * (`cloud-elements-event:`).
 */
import * as vscode from 'vscode';
import type { Delivery } from '../../core/events/delivery';
import { deliveryDocument } from '../../core/events/document';
import { deliveryRow } from '../../core/events/rows';
import type { EventInbox } from './eventInbox';
import { parseGroupKey } from './eventInbox';

export const EVENTS_VIEW_ID = 'cloudElements.events';
export const EVENT_DOCUMENT_SCHEME = 'cloud-elements-event';

export interface EventGroupNode {
  readonly kind: 'eventGroup';
  readonly key: string;
}
export interface DeliveryNode {
  readonly kind: 'delivery';
  readonly seq: number;
}
export type EventsNode = EventGroupNode | DeliveryNode;

const formatTime = (ms: number) => new Date(ms).toLocaleTimeString();

/** `cloud-elements-event:/<seq>/<label>.json` (the `.json` ending gives the JSON language). */
export function deliveryUri(delivery: Delivery): vscode.Uri {
  const name = deliveryRow(delivery, formatTime).label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'delivery';
  return vscode.Uri.parse(`${EVENT_DOCUMENT_SCHEME}:/${delivery.seq}/${name}.json`);
}

export function groupItem(key: string, deliveries: readonly Delivery[]): vscode.TreeItem {
  const { environment, instanceId } = parseGroupKey(key);
  const element = deliveries.find((delivery) => delivery.summary.element !== undefined)?.summary.element;
  const item = new vscode.TreeItem(instanceId === '' ? 'No instance named' : `Instance #${instanceId}`, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${key}`;
  item.description = [element, environment, `${deliveries.length} deliver${deliveries.length === 1 ? 'y' : 'ies'}`].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('plug');
  item.contextValue = 'eventGroup';
  return item;
}

export function deliveryItem(delivery: Delivery): vscode.TreeItem {
  const row = deliveryRow(delivery, formatTime);
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = `delivery:${delivery.seq}`;
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.iconPath = new vscode.ThemeIcon(row.icon);
  item.contextValue = 'eventDelivery';
  item.command = { command: 'vscode.open', title: 'Open Event', arguments: [deliveryUri(delivery), { preview: true }] };
  return item;
}

export class EventsTreeProvider implements vscode.TreeDataProvider<EventsNode>, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changedTree = new vscode.EventEmitter<EventsNode | undefined>();
  readonly onDidChangeTreeData = this.changedTree.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly events: EventInbox) {
    this.subscription = events.onDidChange(() => this.changedTree.fire(undefined));
  }

  getChildren(node?: EventsNode): EventsNode[] {
    if (!node) return this.events.inbox.groups().map((group) => ({ kind: 'eventGroup', key: group.key }));
    if (node.kind === 'delivery') return [];
    return this.events.inbox.deliveriesOf(node.key).map((delivery) => ({ kind: 'delivery', seq: delivery.seq }));
  }

  getTreeItem(node: EventsNode): vscode.TreeItem {
    if (node.kind === 'eventGroup') return groupItem(node.key, this.events.inbox.deliveriesOf(node.key));
    const delivery = this.events.inbox.get(node.seq);
    return delivery ? deliveryItem(delivery) : new vscode.TreeItem('(no longer in the inbox)');
  }

  /** The deliveries a command on `node` acts on, oldest first; every one without a node. */
  deliveriesFor(node: EventsNode | undefined): Delivery[] {
    if (!node) return this.events.inbox.oldestFirst();
    if (node.kind === 'delivery') {
      const delivery = this.events.inbox.get(node.seq);
      return delivery ? [delivery] : [];
    }
    return this.events.inbox.deliveriesOf(node.key).reverse();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const seq = Number(/^\/(\d+)\//.exec(uri.path)?.[1]);
    const delivery = Number.isSafeInteger(seq) ? this.events.inbox.get(seq) : undefined;
    return delivery ? deliveryDocument(delivery) : '// This delivery is no longer in the inbox: it was cleared, or newer deliveries pushed it out.\n';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changedTree.dispose();
  }
}
