/**
 * What the instance console (dist/console.js, loaded on first use) and the rest of the extension
 * (dist/extension.js) know of each other: types and one constant, so importing this file adds
 * next to no code to either bundle. Objects cross the boundary, classes do not: no `instanceof`
 * on the other side's values.
 */
import type * as vscode from 'vscode';
import type { CloudElementsClient } from '../../core/api/client';
import type { Environment, EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import type { Log } from '../log';
import type { EnvironmentVault, SecretVault } from '../secrets';
import type { BoundEnvironment, Session } from '../session';
import type { ToolkitSettings } from '../settings';
import type { ConnectionStates } from '../views/connectionStates';
import type { ApiChildNode, ApiListing } from '../views/instanceNodes';

/** The scheme of response documents (read-only, from a content provider). */
export const RESPONSE_SCHEME = 'cloud-elements-response';

/** What the console is given when it loads. */
export interface ConsoleDeps {
  readonly session: Session;
  readonly vault: SecretVault;
  readonly log: Log;
  settings(): ToolkitSettings;
  /** Where Test Connection leaves its outcome for the Instances view. */
  readonly connections: ConnectionStates;
  /** The hub of an instance's element (`finance`…), when the API or the catalog says it. */
  hubOf(instance: Instance): string | undefined;
  /** Signed in (asking the user first), then the current environment bound (commands/account.ts bindSignedIn); undefined when declined. */
  bindSignedIn(what: string): Promise<BoundEnvironment | undefined>;
  /** Tells VS Code that a response document's text changed. */
  responseChanged(uri: vscode.Uri): void;
  /** The extension's global storage: one request document per instance is kept there. Absent: untitled documents. */
  readonly storageUri?: vscode.Uri;
}

/**
 * The environment a provisioning run is bound to, as its connection test needs it: the run's
 * environment, its API address and its part of the keychain (a provisioning RunContext is one).
 */
export interface RunBinding {
  readonly environment: Environment;
  readonly client: Pick<CloudElementsClient, 'baseUrl'>;
  readonly vault: EnvironmentVault;
}

/** A connection test's outcome, as the provisioning outcome tells it. */
export type ConnectionCheck = { outcome: 'connected'; ms: number } | { outcome: 'failed'; message: string } | { outcome: 'cancelled' };

/** A command's target: a document and a 0-based line (the active editor's when not given). */
export interface DocumentTarget {
  uri?: vscode.Uri;
  line?: number;
}

/** What dist/console.js exports: `createConsole(deps)`. */
export interface ConsoleModule {
  createConsole(deps: ConsoleDeps): ConsoleFeature;
}

export interface ConsoleFeature extends vscode.Disposable {
  /** The API node's children (the docs are read once per instance). */
  apiListing(instance: Instance, signal?: AbortSignal): Promise<ApiListing>;
  /** Forgets an instance's docs, so the API node reads them again. */
  forgetApi(instance: Instance): void;
  /** Test Connection from a command: progress, outcome on the tree and in a message. */
  testConnection(instance: Instance): Promise<void>;
  /** Test Connection right after a create or a re-authorization, in the run's environment; the caller tells the outcome. */
  testNewInstance(run: RunBinding, instance: Instance): Promise<ConnectionCheck>;
  /** Opens the request document of one operation. */
  openOperation(instance: Instance, operationKey: string): Promise<void>;
  send(target: DocumentTarget): Promise<void>;
  nextPage(target: DocumentTarget): Promise<void>;
  copyAsCurl(target: DocumentTarget): Promise<void>;
  /** Send / Copy as cURL on request lines; Next Page on a response. */
  codeLenses(document: vscode.TextDocument): vscode.CodeLens[];
  /** A response document's text; undefined when this window does not have it (any more). */
  responseText(uri: vscode.Uri): string | undefined;
  /** The Instances view's item of a node below an API node. */
  apiItem(node: ApiChildNode, environment: EnvironmentId): vscode.TreeItem;
}
