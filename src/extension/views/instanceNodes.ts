/**
 * The Instances view's model without `vscode`: nodes, grouping by element, the texts and
 * context values each node shows. The tree provider only turns these into TreeItems.
 */
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { errorText } from '../errorText';
import type { ConnectionState } from './connectionStates';

/** One operation of an instance's API, as the Instances view lists it (the console reads them from the docs). */
export interface ApiOperationSummary {
  /** Unique within the instance's API (the operationId, else `METHOD path`). */
  key: string;
  method: string;
  /** Relative to the hub, e.g. `/customers/{id}`. */
  path: string;
  summary?: string;
  operationId?: string;
}

export interface ApiResourceSummary {
  name: string;
  operations: ApiOperationSummary[];
}

/** The API node's children: the operations grouped by resource, or why there are none. */
export type ApiListing = { ok: true; resources: ApiResourceSummary[] } | { ok: false; message: string };

export interface ElementGroupNode {
  kind: 'elementGroup';
  /** The element's key, e.g. `xero` (what "Provision…" on the group needs). */
  elementKey: string;
  elementName: string;
  instances: InstanceNode[];
}

export interface InstanceNode {
  kind: 'instance';
  instance: Instance;
  /** The key of the group node this instance sits in. */
  elementKey: string;
}

export interface LoadMoreNode {
  kind: 'loadMore';
  loaded: number;
}

export interface ErrorNode {
  kind: 'error';
  message: string;
  /** The account secrets were refused: clicking signs in again instead of retrying. */
  signInAgain: boolean;
}

/** Under each instance: its API, from the platform's docs (loaded when expanded). */
export interface ApiNode {
  kind: 'api';
  instance: Instance;
  parent: InstanceNode;
}

export interface ApiResourceNode {
  kind: 'apiResource';
  name: string;
  operations: ApiOperationSummary[];
  parent: ApiNode;
}

export interface ApiOperationNode {
  kind: 'apiOperation';
  operation: ApiOperationSummary;
  parent: ApiResourceNode;
}

/** Why the API node has no operations to list; clicking reads the docs again. */
export interface ApiErrorNode {
  kind: 'apiError';
  message: string;
  parent: ApiNode;
}

/** The nodes below an API node: the console's answers make them and its items render them. */
export type ApiChildNode = ApiResourceNode | ApiOperationNode | ApiErrorNode;

export type InstancesNode = ElementGroupNode | InstanceNode | LoadMoreNode | ErrorNode | ApiNode | ApiResourceNode | ApiOperationNode | ApiErrorNode;

export type InstanceContextValue = `instance.${'enabled' | 'disabled'}.${'valid' | 'invalid'}`;

/** Matches the package.json menus: `^instance`, `^instance\.disabled`, `^instance\.enabled`. */
export function instanceContextValue(instance: Pick<Instance, 'disabled' | 'valid'>): InstanceContextValue {
  return `instance.${instance.disabled ? 'disabled' : 'enabled'}.${instance.valid === false ? 'invalid' : 'valid'}`;
}

export type InstanceIcon = 'warning' | 'circle-slash' | 'plug';

/** An invalid authorization needs action, so its warning wins over the disabled mark. */
export function instanceIcon(instance: Pick<Instance, 'disabled' | 'valid'>): InstanceIcon {
  if (instance.valid === false) return 'warning';
  return instance.disabled ? 'circle-slash' : 'plug';
}

export function instanceDescription(instance: Pick<Instance, 'id' | 'disabled' | 'valid'>): string {
  return [`#${instance.id}`, instance.disabled ? '(disabled)' : undefined, instance.valid === false ? '(authorization invalid)' : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** `#12`, its state, and the last Test Connection's outcome when there is one. */
export function instanceDescriptionWith(instance: Pick<Instance, 'id' | 'disabled' | 'valid'>, connection: ConnectionState | undefined): string {
  const base = instanceDescription(instance);
  if (!connection) return base;
  return `${base} · ${connection.ok ? `connected (${connection.ms} ms)` : 'connection failed'}`;
}

function clockTime(date: Date): string {
  return date.toTimeString().slice(0, 8);
}

/** The tooltip's line about the last Test Connection (Markdown; the message is escaped). */
export function connectionTooltip(connection: ConnectionState): string {
  const requestId = connection.requestId ? ` Request id: ${codeSpan(connection.requestId)}.` : '';
  if (connection.ok) return `$(pass) Connected: the instance answered its hub's ping in ${connection.ms} ms (tested at ${clockTime(connection.at)}).${requestId}`;
  const took = connection.ms === undefined ? '' : `, after ${connection.ms} ms`;
  return `$(error) Connection test failed (at ${clockTime(connection.at)}${took}): ${escapeMarkdown(connection.message)}${requestId && `\n\n${requestId.trim()}`}`;
}

/** The API node's children: resources, or one error node. */
export function apiChildren(parent: ApiNode, listing: ApiListing): Array<ApiResourceNode | ApiErrorNode> {
  if (!listing.ok) return [{ kind: 'apiError', message: listing.message, parent }];
  return listing.resources.map((resource) => ({ kind: 'apiResource', name: resource.name, operations: resource.operations, parent }));
}

export const INVALID_AUTHORIZATION_TEXT =
  'The authorization of this instance is no longer valid: calls through it fail until you Re-authorize it (right-click → Re-authorize Instance…).';

/**
 * Escapes text taken from the API (names, tags) so it renders literally in a MarkdownString: no
 * emphasis, no [link](…), and no autolink either (`:`, `@` and `.` escaped break `https://…`,
 * `www.…` and e-mail addresses).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~$:@]/g, '\\$&');
}

/** A code span for text from the API: a backtick inside would end it early. */
function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function formatDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The Markdown tooltip of an instance: element, id, created date, tags, state. Built from named
 * fields only, so the token and the configuration never reach it.
 */
export function instanceTooltip(instance: Instance): string {
  const element = instance.element;
  const lines = [
    `**${escapeMarkdown(instance.name)}**`,
    `Element: ${escapeMarkdown(element?.name ?? 'unknown')}${element?.key ? ` (${codeSpan(element.key)})` : ''}`,
    `Instance id: ${instance.id}`,
  ];
  const created = formatDate(instance.createdDate);
  if (created) lines.push(`Created: ${created}`);
  if (instance.tags && instance.tags.length > 0) lines.push(`Tags: ${instance.tags.map(codeSpan).join(', ')}`);
  lines.push(`State: ${instance.valid === false ? 'authorization invalid' : 'valid'} · ${instance.disabled ? 'disabled' : 'enabled'}`);
  if (instance.valid === false) lines.push(`$(warning) ${INVALID_AUTHORIZATION_TEXT}`);
  if (instance.disabled) lines.push('$(circle-slash) Disabled: Cloud Elements refuses calls through it until you enable it again.');
  return lines.join('\n\n');
}

export function elementKeyOf(instance: Instance): string {
  return instance.element?.key ?? 'unknown';
}

/** Groups by element (sorted by element name), each group's instances sorted by name, then id. */
export function groupByElement(instances: readonly Instance[]): ElementGroupNode[] {
  const groups = new Map<string, ElementGroupNode>();
  for (const instance of instances) {
    const elementKey = elementKeyOf(instance);
    let group = groups.get(elementKey);
    if (!group) {
      group = { kind: 'elementGroup', elementKey, elementName: instance.element?.name ?? elementKey, instances: [] };
      groups.set(elementKey, group);
    }
    group.instances.push({ kind: 'instance', instance, elementKey });
  }
  const sorted = [...groups.values()].sort((a, b) => a.elementName.localeCompare(b.elementName) || a.elementKey.localeCompare(b.elementKey));
  for (const group of sorted) {
    group.instances.sort((a, b) => a.instance.name.localeCompare(b.instance.name) || a.instance.id - b.instance.id);
  }
  return sorted;
}

export function groupTooltip(group: ElementGroupNode, hub: string | undefined): string {
  const count = group.instances.length;
  return `**${escapeMarkdown(group.elementName)}** \`${group.elementKey}\`${hub ? ` · ${escapeMarkdown(hub)}` : ''}\n\n${count} instance${count === 1 ? '' : 's'} loaded`;
}

/** What an error node says: the API's message (already secret-free), with what to do on 401. */
export function errorNodeFor(error: unknown, redact: (text: string) => string): ErrorNode {
  if (isApiError(error) && (error.kind === 'unauthorized' || error.status === 401)) {
    return {
      kind: 'error',
      message: `Cloud Elements refused the account secrets (${redact(error.message)}). Sign in again.`,
      signInAgain: true,
    };
  }
  return { kind: 'error', message: redact(errorText(error)), signInAgain: false };
}

/** The instance a command was invoked on: a tree node, an instance record, or its id. */
export function instanceArgument(argument: unknown): Instance | number | undefined {
  if (typeof argument === 'number' && Number.isInteger(argument)) return argument;
  if (typeof argument === 'string' && /^\d+$/.test(argument)) return Number(argument);
  if (argument === null || typeof argument !== 'object') return undefined;
  const node = argument as Partial<InstanceNode> & Partial<Instance>;
  if (node.kind === 'instance' && node.instance) return node.instance;
  if (typeof node.id === 'number' && typeof node.name === 'string') return argument as Instance;
  return undefined;
}
