/** Instance files: which documents they are, their diagnostics and fixes, and their commands. */
import * as vscode from 'vscode';
import type { LintOptions } from '../../core/instanceFile/lint';
import type { Services } from '../services';
import { SECTION } from '../settings';
import { completeStep } from '../walkthrough';
import { InstanceFileCodeActions } from './codeActions';
import { copyAsCurl } from './copyAsCurl';
import { FILL_VALUES_COMMAND, fillInstanceValues } from './fillValues';
import { InstanceFileDiagnostics, LINT_DELAY_MS } from './diagnostics';
import { INSTANCE_FILE_LANGUAGES, InstanceFileMatcher } from './matcher';
import { newInstanceFile } from './newInstanceFile';
import { provisionFromFile } from './provisionFromFile';
import { STORE_SECRET_COMMAND, storeSecretInKeychain } from './storeSecret';

/** True while the active editor shows an instance file (menus use it). */
export const INSTANCE_FILE_OPEN = 'cloudElements.instanceFileOpen';

export class InstanceFiles implements vscode.Disposable {
  readonly matcher: InstanceFileMatcher;
  readonly diagnostics: InstanceFileDiagnostics;
  readonly codeActions: InstanceFileCodeActions;
  private readonly subscriptions: vscode.Disposable[] = [];
  private contextKey: boolean | undefined;

  constructor(services: Services, lintDelayMs = LINT_DELAY_MS) {
    const lintOptions = (): LintOptions => ({ severities: services.settings().lintSeverities });
    this.matcher = new InstanceFileMatcher(() => services.settings().lintFilePatterns);
    const logError = (message: string) => services.log.error(message);
    this.diagnostics = new InstanceFileDiagnostics(vscode.languages.createDiagnosticCollection('cloudElements'), this.matcher, lintOptions, lintDelayMs, logError);
    this.codeActions = new InstanceFileCodeActions(this.matcher, this.diagnostics, lintOptions, logError);
    const tracker = { track: (document: vscode.TextDocument) => this.track(document) };

    this.subscriptions.push(
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider(
        INSTANCE_FILE_LANGUAGES.map((language) => ({ language })),
        this.codeActions,
        InstanceFileCodeActions.metadata,
      ),
      vscode.workspace.onDidOpenTextDocument((document) => this.diagnostics.lint(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (this.matcher.isInstanceFile(document)) this.diagnostics.schedule(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.diagnostics.clear(document.uri);
        this.matcher.forget(document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${SECTION}.lint`)) return;
        this.diagnostics.lintAll(vscode.workspace.textDocuments);
        this.updateContextKey();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKey()),
      vscode.commands.registerCommand('cloudElements.newInstanceFile', (argument?: unknown) => newInstanceFile(argument, tracker)),
      vscode.commands.registerCommand('cloudElements.provisionFromFile', (argument?: unknown) => provisionFromFile(services, lintOptions, argument)),
      vscode.commands.registerCommand('cloudElements.copyAsCurl', (argument?: unknown) => copyAsCurl(services, argument)),
      vscode.commands.registerCommand(STORE_SECRET_COMMAND, (args?: Parameters<typeof storeSecretInKeychain>[1]) => storeSecretInKeychain(services, args)),
      vscode.commands.registerCommand(FILL_VALUES_COMMAND, (args?: Parameters<typeof fillInstanceValues>[1]) => fillInstanceValues(services, args)),
    );
    this.diagnostics.lintAll(vscode.workspace.textDocuments);
    this.updateContextKey();
  }

  /** A document "New Instance File…" made: linted whatever its name. */
  private track(document: vscode.TextDocument): void {
    this.matcher.track(document.uri);
    this.diagnostics.lint(document);
    this.updateContextKey();
  }

  private updateContextKey(): void {
    const open = this.matcher.isInstanceFile(vscode.window.activeTextEditor?.document);
    if (open === this.contextKey) return;
    this.contextKey = open;
    void vscode.commands.executeCommand('setContext', INSTANCE_FILE_OPEN, open);
    if (open) completeStep('lint');
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

export function registerInstanceFiles(services: Services, options: { lintDelayMs?: number } = {}): InstanceFiles {
  return new InstanceFiles(services, options.lintDelayMs);
}
