/**
 * The instance console, loaded on first use. Its code is dist/console.js, a bundle of its own
 * (scripts/build.mjs): activation never reads it; the first Test Connection, API node, request
 * document or Send does, once.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import type { AccountCommands } from '../commands/account';
import { bindSignedIn } from '../commands/account';
import { errorText } from '../errorText';
import { ConnectionStates } from '../views/connectionStates';
import type { ApiChildNode, ApiListing } from '../views/instanceNodes';
import type { ConnectionCheck, ConsoleDeps, ConsoleFeature, ConsoleModule, RunBinding } from './contract';

export class LazyConsole implements vscode.Disposable {
  readonly connections = new ConnectionStates();
  private readonly responseChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a response document's text changes (for its content provider). */
  readonly onDidChangeResponse = this.responseChanged.event;
  private readonly loadedEmitter = new vscode.EventEmitter<void>();
  readonly onDidLoad = this.loadedEmitter.event;
  private feature: ConsoleFeature | undefined;

  constructor(
    private readonly account: AccountCommands,
    /** Where request documents are kept (the extension's global storage). */
    private readonly storageUri?: vscode.Uri,
  ) {}

  /** The console if something already used it; never loads it. */
  get loaded(): ConsoleFeature | undefined {
    return this.feature;
  }

  /** The console, loaded now if this is its first use. */
  get(): ConsoleFeature {
    if (this.feature) return this.feature;
    // The build turns this into require('./console.js'); in tests it is the source module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
    const module = require('./feature') as ConsoleModule;
    this.feature = module.createConsole(this.deps());
    this.loadedEmitter.fire();
    return this.feature;
  }

  apiListing(instance: Instance): Promise<ApiListing> {
    return this.get().apiListing(instance);
  }

  forgetApi(instance: Instance): void {
    this.feature?.forgetApi(instance);
  }

  apiItem(node: ApiChildNode, environment: EnvironmentId): vscode.TreeItem {
    return this.get().apiItem(node, environment);
  }

  /** For Provision Element: never throws, the instance is created whatever happens here. */
  async testNewInstance(run: RunBinding, instance: Instance): Promise<ConnectionCheck> {
    try {
      return await this.get().testNewInstance(run, instance);
    } catch (error) {
      return { outcome: 'failed', message: this.account.log.redact(errorText(error)) };
    }
  }

  dispose(): void {
    this.feature?.dispose();
    this.feature = undefined;
    this.connections.dispose();
    this.responseChanged.dispose();
    this.loadedEmitter.dispose();
  }

  private deps(): ConsoleDeps {
    const { session, vault, log, settings } = this.account;
    return {
      session,
      vault,
      log,
      settings,
      connections: this.connections,
      hubOf: (instance) => instance.element?.hub ?? (instance.element?.key ? catalog.get(instance.element.key)?.hub : undefined),
      bindSignedIn: (what) => bindSignedIn(this.account, what),
      responseChanged: (uri) => this.responseChanged.fire(uri),
      ...(this.storageUri && { storageUri: this.storageUri }),
    };
  }
}
