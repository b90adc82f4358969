/**
 * Quick fixes from the linter's fixes, "fix all" for save, moving a secret to the keychain, and
 * the fixes that ask for what only the person knows (fillValues.ts) or run the flow that brings it.
 */
import * as vscode from 'vscode';
import type { LintDiagnostic } from '../../core/instanceFile/diagnostics';
import type { Fix } from '../../core/instanceFile/findings';
import { fixInstanceText } from './lazyLinter';
import type { LintOptions } from '../../core/instanceFile/lint';
import { visibleSpan } from './diagnostics';
import type { InstanceFileDiagnostics } from './diagnostics';
import { askingFixes } from './askingFixes';
import type { InstanceFileMatcher } from './matcher';
import { STORE_SECRET_COMMAND } from './storeSecret';
import type { StoreSecretArguments } from './storeSecret';
import { textEdits } from './textDiff';
import { toWorkspaceEdit } from './textEdits';
import { errorDetail } from '../errorText';

export { toWorkspaceEdit };

/** `"editor.codeActionsOnSave": { "source.fixAll.cloudElements": "explicit" }`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudElements');
export const FIX_ALL_TITLE = 'Fix all safe Cloud Elements problems (straight quotes, missing commas)';
export const STORE_SECRET_TITLE = 'Store this secret in the keychain and refer to it as ${keychain:…}';

/** Whether a finding is under the cursor or selection (`start`–`end`, offsets; touching counts). */
export function touches(finding: Pick<LintDiagnostic, 'offset' | 'length'>, start: number, end: number): boolean {
  const span = visibleSpan(finding.offset, finding.length);
  return span.start <= end && start <= span.end;
}

/**
 * The key under which the same fix offered by several findings (all the curly quotes) is offered
 * once; computed once per fix object, as thousands of findings can share one fix of thousands of edits.
 */
function fixKeys(): (fix: Fix) => string {
  const keys = new Map<Fix, string>();
  return (fix) => {
    let key = keys.get(fix);
    if (key === undefined) keys.set(fix, (key = `${fix.title}\n${JSON.stringify(fix.edits)}`));
    return key;
  };
}

function secretPath(finding: LintDiagnostic): StoreSecretArguments['path'] | undefined {
  const [section, key] = finding.data?.path ?? [];
  return finding.rule === 'plain-secret' && (section === 'configuration' || section === 'providerData') && typeof key === 'string'
    ? [section, key]
    : undefined;
}

export class InstanceFileCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly matcher: InstanceFileMatcher,
    private readonly diagnostics: InstanceFileDiagnostics,
    private readonly options: () => LintOptions,
    private readonly logError: (message: string) => void = () => undefined,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.matcher.isInstanceFile(document)) return [];
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.intersects(vscode.CodeActionKind.QuickFix)) actions.push(...this.quickFixes(document, range));
    // Only on request (save, "Source Action…", "Fix All"): the lightbulb lists quick fixes.
    if (context.only?.intersects(FIX_ALL_KIND)) {
      const fixAll = this.fixAll(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private quickFixes(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const result = this.diagnostics.current(document);
    if (!result) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const actions = new Map<string, vscode.CodeAction>();
    const fixKey = fixKeys();
    const asking = askingFixes(document);
    result.findings.forEach((finding, index) => {
      if (!touches(finding, start, end)) return;
      const diagnostic = result.diagnostics[index]!;
      for (const fix of finding.fixes) {
        const key = fixKey(fix);
        const existing = actions.get(key);
        if (existing) {
          existing.diagnostics!.push(diagnostic);
          continue;
        }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.set(key, action);
      }
      const path = secretPath(finding);
      if (path) {
        const action = new vscode.CodeAction(STORE_SECRET_TITLE, vscode.CodeActionKind.QuickFix);
        const args: StoreSecretArguments = { uri: document.uri, path };
        action.command = { command: STORE_SECRET_COMMAND, title: STORE_SECRET_TITLE, arguments: [args] };
        action.diagnostics = [diagnostic];
        actions.set(`secret\n${path.join('\n')}`, action);
      }
      for (const { key, title, command } of asking.for(finding)) {
        const existing = actions.get(key);
        if (existing) {
          existing.diagnostics!.push(diagnostic);
          continue;
        }
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = command;
        action.diagnostics = [diagnostic];
        actions.set(key, action);
      }
    });
    return [...actions.values()];
  }

  private fixAll(document: vscode.TextDocument): vscode.CodeAction | undefined {
    const text = document.getText();
    let fixed: ReturnType<typeof fixInstanceText>;
    try {
      fixed = fixInstanceText(text, this.options());
    } catch (error) {
      // Saving must go on: offer no fix rather than fail the save's code actions.
      this.logError(`Fixing ${document.uri.toString()} failed: ${errorDetail(error)}`);
      return undefined;
    }
    if (fixed.applied.length === 0) return undefined;
    const action = new vscode.CodeAction(FIX_ALL_TITLE, FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(document, textEdits(text, fixed.text));
    return action;
  }
}
