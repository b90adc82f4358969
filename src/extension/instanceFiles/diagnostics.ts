/**
 * The linter's findings in the Problems panel: lint on open, on change (debounced per
 * document), again when the settings change, cleared on close. Each lint parses the document's
 * whole text afresh (some 10 ms for a megabyte, under the 30 ms a keystroke may take).
 */
import * as vscode from 'vscode';
import type { LintDiagnostic } from '../../core/instanceFile/diagnostics';
import type { Severity } from '../../core/instanceFile/findings';
import { lintInstanceText } from './lazyLinter';
import type { LintOptions } from '../../core/instanceFile/lint';
import type { InstanceFileMatcher } from './matcher';
import { errorDetail, errorText } from '../errorText';

export const DIAGNOSTIC_SOURCE = 'Cloud Elements';
export const LINT_DELAY_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * The offsets to underline. An empty range (the place of a missing comma) becomes the
 * character before it, so the squiggle is visible and sits where the comma belongs.
 */
export function visibleSpan(offset: number, length: number): { start: number; end: number } {
  if (length > 0 || offset === 0) return { start: offset, end: offset + Math.max(length, 0) };
  return { start: offset - 1, end: offset };
}

/**
 * One lint run of one document version: the core's findings and their editor diagnostics, index
 * for index. When the linter failed there are no findings, and one diagnostic that says so.
 */
export interface LintResult {
  version: number;
  findings: LintDiagnostic[];
  diagnostics: vscode.Diagnostic[];
}

export function toDiagnostic(finding: LintDiagnostic, document: vscode.TextDocument): vscode.Diagnostic {
  const { start, end } = visibleSpan(finding.offset, finding.length);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.rule;
  return diagnostic;
}

/** Shown instead of stale diagnostics when the linter itself fails on a document. */
export function lintFailure(error: unknown): vscode.Diagnostic {
  const reason = errorText(error);
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    `Could not lint this file (an internal error: ${reason}); its problems are not shown. Details are in the Cloud Elements log.`,
    vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = 'internal-error';
  return diagnostic;
}

export class InstanceFileDiagnostics implements vscode.Disposable {
  private readonly results = new Map<string, LintResult>();
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; document: vscode.TextDocument }>();

  constructor(
    readonly collection: vscode.DiagnosticCollection,
    private readonly matcher: InstanceFileMatcher,
    private readonly options: () => LintOptions,
    private readonly delayMs = LINT_DELAY_MS,
    private readonly logError: (message: string) => void = () => undefined,
  ) {}

  /** Lints now when the document is an instance file; otherwise removes its diagnostics. */
  lint(document: vscode.TextDocument): LintResult | undefined {
    this.cancel(document.uri);
    if (!this.matcher.isInstanceFile(document)) {
      this.clear(document.uri);
      return undefined;
    }
    const key = document.uri.toString();
    let result: LintResult;
    try {
      const findings = lintInstanceText(document.getText(), this.options());
      result = { version: document.version, findings, diagnostics: findings.map((finding) => toDiagnostic(finding, document)) };
    } catch (error) {
      // Never leave the previous version's diagnostics standing as if they were current.
      this.logError(`Linting ${document.uri.toString()} failed: ${errorDetail(error)}`);
      result = { version: document.version, findings: [], diagnostics: [lintFailure(error)] };
    }
    this.results.set(key, result);
    this.collection.set(document.uri, result.diagnostics);
    return result;
  }

  /** Lints after a quiet spell, so typing is not slowed down. */
  schedule(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    const key = document.uri.toString();
    this.timers.set(key, { document, timer: setTimeout(() => this.lint(document), this.delayMs) });
  }

  /** Runs the scheduled lints now. */
  flush(): void {
    for (const { document } of [...this.timers.values()]) this.lint(document);
  }

  /**
   * The findings of the document's current version, when they are computed. A lint that is
   * scheduled is never forced: code actions wait for it (VS Code asks again when diagnostics
   * change) instead of blocking the editor for a whole lint on each lightbulb request.
   */
  current(document: vscode.TextDocument): LintResult | undefined {
    const key = document.uri.toString();
    const result = this.results.get(key);
    if (result?.version === document.version && !this.timers.has(key)) return result;
    if (this.timers.has(key)) return undefined;
    return this.lint(document); // never linted: it just became an instance file
  }

  lintAll(documents: readonly vscode.TextDocument[]): void {
    for (const document of documents) this.lint(document);
  }

  clear(uri: vscode.Uri): void {
    this.cancel(uri);
    this.results.delete(uri.toString());
    this.collection.delete(uri);
  }

  private cancel(uri: vscode.Uri): void {
    const pending = this.timers.get(uri.toString());
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(uri.toString());
  }

  dispose(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.results.clear();
    this.collection.dispose();
  }
}
