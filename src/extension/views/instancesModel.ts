/**
 * The Instances view's state, without `vscode`: which load is current, what it loaded (nothing
 * yet, pages of instances, or why not) and the nodes made from it. The tree provider
 * (instancesTree.ts) asks it for nodes and tells VS Code when they change; instanceItems.ts turns
 * a node into what the row shows.
 */
import type { Instance } from '../../core/api/types';
import { apiChildren, errorNodeFor, groupByElement } from './instanceNodes';
import type { ApiListing, ApiNode, ApiOperationNode, ElementGroupNode, ErrorNode, InstanceNode, InstancesNode } from './instanceNodes';
import { InstancePager, type PageSource } from './instancePager';

type LoadState = { kind: 'idle' } | { kind: 'loaded'; pager: InstancePager } | { kind: 'failed'; error: ErrorNode };

/** The account's pages of instances; undefined when not signed in (nothing to load). Throws when they cannot be read. */
export type OpenPages = (signal: AbortSignal) => Promise<PageSource | undefined>;

/** How a load runs (the view wraps it in its progress bar). */
export type RunLoad = <T>(task: () => Promise<T>) => PromiseLike<T>;

/** How the first page's load ended, when it is still the current one. */
export type FirstPage = { kind: 'loaded'; count: number } | { kind: 'failed'; message: string };

export class InstancesModel {
  private state: LoadState = { kind: 'idle' };
  private groups: ElementGroupNode[] = [];
  /** The load under way, shared by everyone who asks meanwhile. */
  private loading: Promise<void> | undefined;
  private controller: AbortController | undefined;
  /** Bumped by every reload and reset so a late answer of an older load is dropped. */
  private generation = 0;
  /** One API node per instance node, so VS Code keeps its expansion and getParent can find it. */
  private apiNodes = new Map<InstanceNode, ApiNode>();

  constructor(
    /** Removes known secrets from the API's messages. */
    private readonly redact: (text: string) => string,
    /** Called whenever what is loaded changed (the view then updates its description). */
    private readonly stateChanged: () => void = () => {},
  ) {}

  get idle(): boolean {
    return this.state.kind === 'idle';
  }

  /** The error of the last load, if it failed. */
  get loadError(): ErrorNode | undefined {
    return this.state.kind === 'failed' ? this.state.error : undefined;
  }

  /** The instances loaded so far. */
  get instances(): readonly Instance[] {
    return this.state.kind === 'loaded' ? this.state.pager.instances : [];
  }

  get hasMore(): boolean {
    return this.state.kind === 'loaded' && this.state.pager.hasMore;
  }

  /** Waits for the load under way, if any. */
  async settled(): Promise<void> {
    if (this.loading) await this.loading;
  }

  /** Forgets everything (sign in/out, environment switch); the next ask loads again. */
  reset(): void {
    this.stop();
    this.loading = undefined;
    this.setState({ kind: 'idle' });
  }

  /**
   * Loads the first page again, dropping any load under way. `done` hears how it ended (when it
   * is still the current load) before the load counts as finished.
   */
  reload(open: OpenPages, run: RunLoad, done: (outcome: FirstPage) => PromiseLike<unknown> | void): Promise<void> {
    this.stop();
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const loading = Promise.resolve(run(() => this.loadFirstPage(open, controller.signal, generation, done))).finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  /** Appends the next page, if any. Undefined when nothing was appended (or a newer load replaced this one); else why reading on failed, if it did. */
  async loadMore(run: RunLoad): Promise<{ moreError?: string } | undefined> {
    await this.settled();
    if (this.state.kind !== 'loaded' || !this.state.pager.hasMore) return undefined;
    const { pager } = this.state;
    const generation = this.generation;
    const loading = Promise.resolve(run(() => pager.loadMore()))
      .then(() => {
        if (generation === this.generation) this.setState({ kind: 'loaded', pager });
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    await loading;
    if (generation !== this.generation) return undefined;
    const moreError = pager.moreError;
    return moreError === undefined ? {} : { moreError: errorNodeFor(moreError, this.redact).message };
  }

  /** The top-level nodes: the groups, "Load more" and a failed read-ahead; or the load's error. */
  rootNodes(): InstancesNode[] {
    if (this.state.kind === 'failed') return [this.state.error];
    if (this.state.kind !== 'loaded') return [];
    const { pager } = this.state;
    const nodes: InstancesNode[] = [...this.groups];
    if (pager.hasMore) nodes.push({ kind: 'loadMore', loaded: pager.instances.length });
    const moreError = pager.moreError;
    if (moreError !== undefined) {
      const error = errorNodeFor(moreError, this.redact);
      nodes.push({ ...error, message: `Could not load more instances: ${error.message}` });
    }
    return nodes;
  }

  /**
   * A node's children. An instance has an API node when the console is there (`withApi`); an
   * API node's children come from `listing` (the console's answer, already free of secrets).
   */
  async childrenOf(node: InstancesNode, withApi: boolean, listing: (instance: Instance) => Promise<ApiListing>): Promise<InstancesNode[]> {
    switch (node.kind) {
      case 'elementGroup':
        return node.instances;
      case 'instance':
        return withApi ? [this.apiNodeOf(node)] : [];
      case 'api':
        return apiChildren(node, await listing(node.instance));
      case 'apiResource':
        return node.operations.map((operation): ApiOperationNode => ({ kind: 'apiOperation', operation, parent: node }));
      default:
        return [];
    }
  }

  parentOf(node: InstancesNode): InstancesNode | undefined {
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

  findInstance(id: number): InstanceNode | undefined {
    for (const group of this.groups) {
      const node = group.instances.find((candidate) => candidate.instance.id === id);
      if (node) return node;
    }
    return undefined;
  }

  /** The API node shown under an instance, if it was shown. */
  apiNodeShown(instanceId: number): ApiNode | undefined {
    const node = this.findInstance(instanceId);
    return node && this.apiNodes.get(node);
  }

  /** Stops the load under way and closes the pages (no further request). */
  stop(): void {
    this.generation += 1;
    this.controller?.abort();
    this.controller = undefined;
    if (this.state.kind === 'loaded') void this.state.pager.close().catch(() => {});
  }

  private apiNodeOf(node: InstanceNode): ApiNode {
    let api = this.apiNodes.get(node);
    if (!api) {
      api = { kind: 'api', instance: node.instance, parent: node };
      this.apiNodes.set(node, api);
    }
    return api;
  }

  private async loadFirstPage(open: OpenPages, signal: AbortSignal, generation: number, done: (outcome: FirstPage) => PromiseLike<unknown> | void): Promise<void> {
    let next: LoadState;
    try {
      const pages = await open(signal);
      if (!pages) {
        if (generation === this.generation) this.setState({ kind: 'idle' });
        return;
      }
      const pager = new InstancePager(pages);
      await pager.loadFirst();
      next = { kind: 'loaded', pager };
    } catch (error) {
      next = { kind: 'failed', error: errorNodeFor(error, this.redact) };
    }
    if (generation !== this.generation) return;
    this.setState(next);
    await done(next.kind === 'loaded' ? { kind: 'loaded', count: next.pager.instances.length } : { kind: 'failed', message: next.error.message });
  }

  private setState(state: LoadState): void {
    this.state = state;
    this.groups = state.kind === 'loaded' ? groupByElement(state.pager.instances) : [];
    this.apiNodes = new Map();
    this.stateChanged();
  }
}
