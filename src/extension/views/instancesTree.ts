/**
 * The "Instances" view: the account's instances live from the API, grouped by element, a page
 * at a time. Loading, paging and texts live in instancePager.ts / instanceNodes.ts.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import { registerInstanceCommands } from '../commands/instances';
import type { Log } from '../log';
import type { ConnectionStates } from '../console/connectionStates';
import type { ApiListing } from '../console/contract';
import type { InstancesView, Services } from '../services';
import type { Session } from '../session';
import { hubLabel } from './elementsTree';
import { InstanceJsonProvider, INSTANCE_JSON_SCHEME } from './instanceJson';
import {
  apiChildren,
  connectionTooltip,
  errorNodeFor,
  groupByElement,
  groupTooltip,
  instanceContextValue,
  instanceDescriptionWith,
  instanceIcon,
  instanceTooltip,
} from './instanceNodes';
import type { ApiErrorNode, ApiNode, ApiOperationNode, ApiResourceNode, ElementGroupNode, ErrorNode, InstanceNode, InstancesNode } from './instanceNodes';
import { InstancePager } from './instancePager';
import { errorText } from '../errorText';

export const INSTANCES_VIEW_ID = 'cloudElements.instances';
export const NO_INSTANCES_CONTEXT_KEY = 'cloudElements.noInstances';
export const DEFAULT_INSTANCES_PAGE_SIZE = 100;

export interface InstancesViewOptions {
  /** Instances per request; default 100. */
  pageSize?: number;
  /** The instance console: each instance gets an API node and shows its last Test Connection. */
  console?: InstanceConsoleSource;
}

/** The instance console as the view uses it (loaded only when an API node is expanded). */
export interface InstanceConsoleSource {
  readonly connections: ConnectionStates;
  apiListing(instance: Instance): Promise<ApiListing>;
  forgetApi(instance: Instance): void;
  /** The item of a node below the API node. */
  apiItem(node: ApiResourceNode | ApiOperationNode | ApiErrorNode, environment: EnvironmentId): vscode.TreeItem;
}

type LoadState = { kind: 'idle' } | { kind: 'loaded'; pager: InstancePager } | { kind: 'failed'; error: ErrorNode };

export class InstancesTreeProvider implements vscode.TreeDataProvider<InstancesNode>, InstancesView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InstancesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private state: LoadState = { kind: 'idle' };
  private groups: ElementGroupNode[] = [];
  /** The load under way, shared by everyone who asks meanwhile. */
  private loading: Promise<void> | undefined;
  private controller: AbortController | undefined;
  /** Bumped by every reload and reset so a late answer of an older load is dropped. */
  private generation = 0;
  private treeView: vscode.TreeView<InstancesNode> | undefined;
  /** One API node per instance node, so VS Code keeps its expansion and getParent can find it. */
  private apiNodes = new Map<InstanceNode, ApiNode>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly session: Session,
    private readonly log: Log,
    private readonly pageSize = DEFAULT_INSTANCES_PAGE_SIZE,
    private readonly console?: InstanceConsoleSource,
  ) {
    if (console) {
      this.subscriptions.push(
        console.connections.onDidChange(({ environment, instanceId }) => {
          const node = environment === this.session.environmentId ? this.findInstance(instanceId) : undefined;
          if (node) this.changed.fire(node);
        }),
      );
    }
  }

  attach(treeView: vscode.TreeView<InstancesNode>): void {
    this.treeView = treeView;
  }

  /** The session changed (sign in/out, environment): forget everything; the view reloads when shown. */
  reset(): void {
    this.stop();
    this.loading = undefined;
    this.setState({ kind: 'idle' });
    if (!this.session.state.signedIn) void this.setNoInstances(false);
    this.changed.fire(undefined);
  }

  refresh(): Promise<void> {
    const loading = this.reload();
    void loading.then(() => this.changed.fire(undefined));
    return loading;
  }

  async reveal(instanceId: number): Promise<void> {
    await this.refresh();
    let node = this.findInstance(instanceId);
    while (!node && this.state.kind === 'loaded' && this.state.pager.hasMore) {
      await this.loadMore();
      node = this.findInstance(instanceId);
    }
    if (!node) {
      this.log.warn(`Instance ${instanceId} is not in the Instances view (it may have been deleted).`);
      return;
    }
    await this.treeView?.reveal(node, { select: true, focus: false, expand: true });
  }

  /** Appends the next page, if any. */
  async loadMore(): Promise<void> {
    if (this.loading) await this.loading;
    if (this.state.kind !== 'loaded' || !this.state.pager.hasMore) return;
    const { pager } = this.state;
    const generation = this.generation;
    const loading = Promise.resolve(vscode.window.withProgress({ location: { viewId: INSTANCES_VIEW_ID } }, () => pager.loadMore()))
      .then(() => {
        if (generation === this.generation) this.setState({ kind: 'loaded', pager });
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    await loading;
    if (generation !== this.generation) return;
    const moreError = pager.moreError;
    if (moreError !== undefined) this.log.warn(`Loading more instances failed: ${this.messageOf(moreError)}`);
    this.changed.fire(undefined);
  }

  /** The instances loaded so far; loads the first page when nothing is loaded yet. */
  async knownInstances(): Promise<readonly Instance[]> {
    if (this.loading) await this.loading;
    if (this.state.kind === 'idle') await this.refresh();
    return this.state.kind === 'loaded' ? this.state.pager.instances : [];
  }

  /** The error of the last load, if it failed. */
  get loadError(): ErrorNode | undefined {
    return this.state.kind === 'failed' ? this.state.error : undefined;
  }

  async getChildren(node?: InstancesNode): Promise<InstancesNode[]> {
    if (node) return this.childrenOf(node);
    if (!this.session.state.signedIn) return [];
    if (this.loading) await this.loading;
    else if (this.state.kind === 'idle') await this.reload();
    return this.rootNodes();
  }

  getParent(node: InstancesNode): InstancesNode | undefined {
    switch (node.kind) {
      case 'instance':
        return this.groups.find((group) => group.elementKey === node.elementKey);
      case 'api':
      case 'apiResource':
      case 'apiOperation':
      case 'apiError':
        return node.parent;
      default:
        return undefined;
    }
  }

  /** Forgets the instance's API docs and redraws its API node (which reads them again when expanded). */
  refreshApi(instance: Instance): void {
    this.console?.forgetApi(instance);
    const node = this.findInstance(instance.id);
    const api = node && this.apiNodes.get(node);
    this.changed.fire(api ?? undefined);
  }

  getTreeItem(node: InstancesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'elementGroup':
        return groupItem(node);
      case 'instance':
        return instanceItem(node, this.session.environmentId, this.console);
      case 'api':
        return apiItem(node, this.session.environmentId);
      case 'apiResource':
      case 'apiOperation':
      case 'apiError':
        // Only the console's own answers create these nodes: it is loaded.
        return this.console!.apiItem(node, this.session.environmentId);
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
        item.id = 'loadMore';
        item.description = `${node.loaded} loaded`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'loadMore';
        item.command = { command: 'cloudElements.loadMoreInstances', title: 'Load More Instances' };
        return item;
      }
      case 'error':
        return errorItem(node);
    }
  }

  dispose(): void {
    this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private async childrenOf(node: InstancesNode): Promise<InstancesNode[]> {
    switch (node.kind) {
      case 'elementGroup':
        return node.instances;
      case 'instance':
        return this.console ? [this.apiNodeOf(node)] : [];
      case 'api':
        return apiChildren(node, await this.apiListing(node.instance));
      case 'apiResource':
        return node.operations.map((operation): ApiOperationNode => ({ kind: 'apiOperation', operation, parent: node }));
      default:
        return [];
    }
  }

  private apiNodeOf(node: InstanceNode): ApiNode {
    let api = this.apiNodes.get(node);
    if (!api) {
      api = { kind: 'api', instance: node.instance, parent: node };
      this.apiNodes.set(node, api);
    }
    return api;
  }

  private async apiListing(instance: Instance): Promise<ApiListing> {
    try {
      return await this.console!.apiListing(instance);
    } catch (error) {
      return { ok: false, message: this.log.redact(errorText(error)) };
    }
  }

  private rootNodes(): InstancesNode[] {
    if (this.state.kind === 'failed') return [this.state.error];
    if (this.state.kind !== 'loaded') return [];
    const { pager } = this.state;
    const nodes: InstancesNode[] = [...this.groups];
    if (pager.hasMore) nodes.push({ kind: 'loadMore', loaded: pager.instances.length });
    const moreError = pager.moreError;
    if (moreError !== undefined) {
      const error = errorNodeFor(moreError, (text) => this.log.redact(text));
      nodes.push({ ...error, message: `Could not load more instances: ${error.message}` });
    }
    return nodes;
  }

  private findInstance(id: number): InstanceNode | undefined {
    for (const group of this.groups) {
      const node = group.instances.find((candidate) => candidate.instance.id === id);
      if (node) return node;
    }
    return undefined;
  }

  private stop(): void {
    this.generation += 1;
    this.controller?.abort();
    this.controller = undefined;
    if (this.state.kind === 'loaded') void this.state.pager.close().catch(() => {});
  }

  private reload(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const loading = Promise.resolve(
      vscode.window.withProgress({ location: { viewId: INSTANCES_VIEW_ID } }, () => this.loadFirstPage(controller.signal, generation)),
    ).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }

  private async loadFirstPage(signal: AbortSignal, generation: number): Promise<void> {
    const { session } = this;
    if (!session.state.signedIn) {
      if (generation === this.generation) this.setState({ kind: 'idle' });
      return;
    }
    let next: LoadState;
    try {
      const client = await session.client();
      const pager = new InstancePager(client.instancePages({ pageSize: this.pageSize, signal }));
      await pager.loadFirst();
      next = { kind: 'loaded', pager };
    } catch (error) {
      next = { kind: 'failed', error: errorNodeFor(error, (text) => this.log.redact(text)) };
    }
    if (generation !== this.generation) return;
    this.setState(next);
    if (next.kind === 'failed') this.log.warn(`Loading the instances failed: ${next.error.message}`);
    await this.setNoInstances(next.kind === 'loaded' && next.pager.instances.length === 0);
  }

  private setState(state: LoadState): void {
    this.state = state;
    this.groups = state.kind === 'loaded' ? groupByElement(state.pager.instances) : [];
    this.apiNodes = new Map();
    if (this.treeView) this.treeView.description = this.session.state.environment.label;
  }

  private setNoInstances(value: boolean): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', NO_INSTANCES_CONTEXT_KEY, value);
  }

  private messageOf(error: unknown): string {
    return errorNodeFor(error, (text) => this.log.redact(text)).message;
  }
}

function groupItem(node: ElementGroupNode): vscode.TreeItem {
  const element = catalog.get(node.elementKey);
  const item = new vscode.TreeItem(node.elementName, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.elementKey}`;
  item.description = String(node.instances.length);
  item.iconPath = new vscode.ThemeIcon(element ? (element.flows.some((flow) => flow.oauth) ? 'plug' : 'key') : 'extensions');
  item.contextValue = 'elementGroup';
  item.tooltip = new vscode.MarkdownString(groupTooltip(node, element ? hubLabel(element.hub) : undefined));
  return item;
}

function instanceItem(node: InstanceNode, environment: EnvironmentId, console: InstanceConsoleSource | undefined): vscode.TreeItem {
  const { instance } = node;
  const connection = console?.connections.get(environment, instance.id);
  const item = new vscode.TreeItem(instance.name, console ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `instance:${environment}:${instance.id}`;
  item.description = instanceDescriptionWith(instance, connection);
  const icon = instanceIcon(instance);
  item.iconPath =
    icon === 'warning'
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : icon === 'circle-slash'
        ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
        : connection?.ok === false
          ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon(icon, connection?.ok ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  item.contextValue = instanceContextValue(instance);
  const tooltip = instanceTooltip(instance);
  item.tooltip = new vscode.MarkdownString(connection ? `${tooltip}\n\n${connectionTooltip(connection)}` : tooltip, true);
  return item;
}

function apiItem(node: ApiNode, environment: EnvironmentId): vscode.TreeItem {
  const item = new vscode.TreeItem('API', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `api:${environment}:${node.instance.id}`;
  item.iconPath = new vscode.ThemeIcon('symbol-interface');
  item.contextValue = 'api';
  // Markdown, so that the row's accessible name stays its label (a plain-text tooltip would replace it).
  item.tooltip = new vscode.MarkdownString(`The operations of this instance's API, from \`GET /instances/${node.instance.id}/docs\`. Choose one to open a request you can send.`);
  return item;
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `error:${node.message}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.contextValue = 'error';
  item.tooltip = node.message;
  item.description = node.signInAgain ? 'Click to sign in' : 'Click to retry';
  item.command = node.signInAgain
    ? { command: 'cloudElements.signIn', title: 'Sign In' }
    : { command: 'cloudElements.refreshInstances', title: 'Retry' };
  return item;
}

/**
 * Registers the view and its commands; `provider` is what the provisioning commands show new
 * instances in (and the integration tests' API, extension.ts). It is also published as
 * `services.instances` while registered, for the instance-file commands that read it there.
 */
export function registerInstancesView(
  services: Services,
  options: InstancesViewOptions = {},
): vscode.Disposable & { readonly provider: InstancesTreeProvider } {
  const provider = new InstancesTreeProvider(services.session, services.log, options.pageSize, options.console);
  const treeView = vscode.window.createTreeView(INSTANCES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.attach(treeView);
  const json = new InstanceJsonProvider(services.session);
  services.instances = provider;
  const disposable = vscode.Disposable.from(
    provider,
    treeView,
    json,
    vscode.workspace.registerTextDocumentContentProvider(INSTANCE_JSON_SCHEME, json),
    services.session.onDidChange(() => provider.reset()),
    registerInstanceCommands(services, provider, json),
    { dispose: () => services.instances === provider && delete services.instances },
  );
  return Object.assign(disposable, { provider });
}
