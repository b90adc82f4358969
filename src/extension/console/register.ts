/**
 * The instance console's thin side, registered at activation: its commands, its CodeLenses and
 * its response documents' content provider. Each hands over to the console (lazyConsole.ts),
 * which loads dist/console.js the first time something is used.
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import type { AccountCommands } from '../commands/account';
import { targetInstance, type InstancesControl } from '../commands/instances';
import type { InstancesNode } from '../views/instanceNodes';
import { completeStep } from '../walkthrough';
import { RESPONSE_SCHEME, type DocumentTarget } from './contract';
import type { LazyConsole } from './lazyConsole';

/** Documents the console writes, and `.http` files: where Send and Next Page show. */
const LENS_SELECTOR: vscode.DocumentSelector = [
  { language: 'http' },
  { pattern: '**/*.http' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: RESPONSE_SCHEME },
];

/** A request document of the console names the current environment's base URL like this. */
const REQUEST_MARK = '{{baseUrl}}';

const NOT_KEPT = `${JSON.stringify({ message: 'This response is not kept after the window reloads: send the request again.' }, null, 2)}\n`;

/** What the commands need from the Instances view. */
export interface ConsoleView extends InstancesControl {
  /** Reads the instance's API docs again and redraws its API node. */
  refreshApi(instance: Instance): void;
}

function documentTarget(uri: unknown, line: unknown): DocumentTarget {
  return {
    ...(uri instanceof vscode.Uri && { uri }),
    ...(typeof line === 'number' && Number.isInteger(line) && line >= 0 && { line }),
  };
}

/** A command's argument as an Instances view node of one kind (commands can be run with anything). */
function nodeOf<K extends InstancesNode['kind']>(argument: unknown, kind: K): Extract<InstancesNode, { kind: K }> | undefined {
  return argument !== null && typeof argument === 'object' && (argument as { kind?: unknown }).kind === kind ? (argument as Extract<InstancesNode, { kind: K }>) : undefined;
}

/** The instance of an API node (or of the error below it), from a command's argument. */
function apiInstance(argument: unknown): Instance | undefined {
  return nodeOf(argument, 'api')?.instance ?? nodeOf(argument, 'apiError')?.parent.instance;
}

class ConsoleLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly console: LazyConsole) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (this.console.loaded) return this.console.loaded.codeLenses(document);
    // Not loaded yet: a request document loads it; other documents (and a response kept from before a reload) do not.
    return document.uri.scheme !== RESPONSE_SCHEME && document.getText().includes(REQUEST_MARK) ? this.console.get().codeLenses(document) : [];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerConsole(console: LazyConsole, account: AccountCommands, view: ConsoleView): vscode.Disposable {
  const lenses = new ConsoleLenses(console);
  const responses: vscode.TextDocumentContentProvider = {
    onDidChange: console.onDidChangeResponse,
    provideTextDocumentContent: (uri) => console.loaded?.responseText(uri) ?? NOT_KEPT,
  };
  return vscode.Disposable.from(
    lenses,
    console.onDidChangeResponse(() => lenses.refresh()),
    console.onDidLoad(() => lenses.refresh()),
    vscode.languages.registerCodeLensProvider(LENS_SELECTOR, lenses),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    vscode.commands.registerCommand('cloudElements.testConnection', async (argument?: unknown) => {
      const instance = await targetInstance(account, view, argument, 'Cloud Elements: Test Connection');
      if (!instance) return;
      completeStep('console');
      await console.get().testConnection(instance);
    }),
    vscode.commands.registerCommand('cloudElements.openApiOperation', async (argument?: unknown) => {
      const node = nodeOf(argument, 'apiOperation');
      if (node) await console.get().openOperation(node.parent.parent.instance, node.operation.key);
    }),
    vscode.commands.registerCommand('cloudElements.refreshApi', (argument?: unknown) => {
      const instance = apiInstance(argument);
      if (instance) view.refreshApi(instance);
    }),
    vscode.commands.registerCommand('cloudElements.sendRequest', (uri?: unknown, line?: unknown) => {
      completeStep('console');
      return console.get().send(documentTarget(uri, line));
    }),
    vscode.commands.registerCommand('cloudElements.nextPage', (uri?: unknown) => console.get().nextPage(documentTarget(uri, undefined))),
    vscode.commands.registerCommand('cloudElements.copyRequestAsCurl', (uri?: unknown, line?: unknown) => console.get().copyAsCurl(documentTarget(uri, line))),
  );
}
