/**
 * The "Instances" view: the account's instances live from the API, grouped by element, a page
 * at a time. This is VS Code's side only: what is loaded and which nodes it makes is
 * instancesModel.ts, what a row shows is instanceItems.ts; the commands on the rows are
 * commands/instances.ts (registered by extension.ts).
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { errorText } from '../errorText';
import type { Log } from '../log';
import type { InstancesView } from '../services';
import type { Session } from '../session';
import { InstanceJsonProvider, INSTANCE_JSON_SCHEME } from './instanceJson';
import { instancesItem, type InstanceConsoleSource } from './instanceItems';
import type { ApiListing, ErrorNode, InstancesNode } from './instanceNodes';
import { InstancesModel, type FirstPage, type OpenPages, type RunLoad } from './instancesModel';

export type { InstanceConsoleSource };

export const INSTANCES_VIEW_ID = 'cloudElements.instances';
export const NO_INSTANCES_CONTEXT_KEY = 'cloudElements.noInstances';
export const DEFAULT_INSTANCES_PAGE_SIZE = 100;

export interface InstancesViewOptions {
  /** Instances per request; default 100. */
  pageSize?: number;
  /** The instance console: each instance gets an API node and shows its last Test Connection. */
  console?: InstanceConsoleSource;
}

export class InstancesTreeProvider implements vscode.TreeDataProvider<InstancesNode>, InstancesView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InstancesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly model: InstancesModel;
  private treeView: vscode.TreeView<InstancesNode> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Loads show in the view's progress bar. */
  private readonly inProgress: RunLoad = (task) => vscode.window.withProgress({ location: { viewId: INSTANCES_VIEW_ID } }, task);
  private readonly openPages: OpenPages = async (signal) => {
    if (!this.session.state.signedIn) return undefined;
    return (await this.session.client()).instancePages({ pageSize: this.pageSize, signal });
  };

  constructor(
    private readonly session: Session,
    private readonly log: Log,
    private readonly pageSize = DEFAULT_INSTANCES_PAGE_SIZE,
    private readonly console?: InstanceConsoleSource,
  ) {
    this.model = new InstancesModel(
      (text) => log.redact(text),
      () => {
        if (this.treeView) this.treeView.description = session.state.environment.label;
      },
    );
    if (console) {
      this.subscriptions.push(
        console.connections.onDidChange(({ environment, instanceId }) => {
          const node = environment === session.environmentId ? this.model.findInstance(instanceId) : undefined;
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
    this.model.reset();
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
    let node = this.model.findInstance(instanceId);
    while (!node && this.model.hasMore) {
      await this.loadMore();
      node = this.model.findInstance(instanceId);
    }
    if (!node) {
      this.log.warn(`Instance ${instanceId} is not in the Instances view (it may have been deleted).`);
      return;
    }
    await this.treeView?.reveal(node, { select: true, focus: false, expand: true });
  }

  /** Appends the next page, if any. */
  async loadMore(): Promise<void> {
    const appended = await this.model.loadMore(this.inProgress);
    if (!appended) return;
    if (appended.moreError !== undefined) this.log.warn(`Loading more instances failed: ${appended.moreError}`);
    this.changed.fire(undefined);
  }

  /** The instances loaded so far; loads the first page when nothing is loaded yet. */
  async knownInstances(): Promise<readonly Instance[]> {
    await this.model.settled();
    if (this.model.idle) await this.refresh();
    return this.model.instances;
  }

  /** The error of the last load, if it failed. */
  get loadError(): ErrorNode | undefined {
    return this.model.loadError;
  }

  async getChildren(node?: InstancesNode): Promise<InstancesNode[]> {
    if (node) return this.model.childrenOf(node, this.console !== undefined, (instance) => this.apiListing(instance));
    if (!this.session.state.signedIn) return [];
    await this.model.settled();
    if (this.model.idle) await this.reload();
    return this.model.rootNodes();
  }

  getParent(node: InstancesNode): InstancesNode | undefined {
    return this.model.parentOf(node);
  }

  getTreeItem(node: InstancesNode): vscode.TreeItem {
    return instancesItem(node, this.session.environmentId, this.console);
  }

  /** Forgets the instance's API docs and redraws its API node (which reads them again when expanded). */
  refreshApi(instance: Instance): void {
    this.console?.forgetApi(instance);
    this.changed.fire(this.model.apiNodeShown(instance.id));
  }

  dispose(): void {
    this.model.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private async apiListing(instance: Instance): Promise<ApiListing> {
    try {
      return await this.console!.apiListing(instance);
    } catch (error) {
      return { ok: false, message: this.log.redact(errorText(error)) };
    }
  }

  private reload(): Promise<void> {
    return this.model.reload(this.openPages, this.inProgress, (outcome) => this.loaded(outcome));
  }

  private loaded(outcome: FirstPage): Thenable<unknown> {
    if (outcome.kind === 'failed') this.log.warn(`Loading the instances failed: ${outcome.message}`);
    return this.setNoInstances(outcome.kind === 'loaded' && outcome.count === 0);
  }

  private setNoInstances(value: boolean): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', NO_INSTANCES_CONTEXT_KEY, value);
  }
}

/** The view as extension.ts wires it: its provider (what the commands act on) and the read-only "Open as JSON" documents. */
export interface RegisteredInstancesView extends vscode.Disposable {
  readonly provider: InstancesTreeProvider;
  readonly json: InstanceJsonProvider;
}

/** Registers the view and its JSON documents; it reloads when the session changes. */
export function registerInstancesView(session: Session, log: Log, options: InstancesViewOptions = {}): RegisteredInstancesView {
  const provider = new InstancesTreeProvider(session, log, options.pageSize, options.console);
  const treeView = vscode.window.createTreeView(INSTANCES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.attach(treeView);
  const json = new InstanceJsonProvider(session);
  const disposable = vscode.Disposable.from(
    provider,
    treeView,
    json,
    vscode.workspace.registerTextDocumentContentProvider(INSTANCE_JSON_SCHEME, json),
    session.onDidChange(() => provider.reset()),
  );
  return Object.assign(disposable, { provider, json });
}
