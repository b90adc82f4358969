/**
 * What a lint rule's finding carries — its severity, its fixes and their text edits — and how a
 * rule reports one. The rules, the linter and the fixers all share these; the rule ids are the
 * registry's (rules/index.ts), and a finding with its rule id is a `LintDiagnostic` (diagnostics.ts).
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOverride = Severity | 'off';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without looking (`elements-lint --fix`, fix-all on save). */
  safe: boolean;
  preferred?: boolean;
}

/** For adapters that offer extra actions (e.g. the JSON path of a secret value). */
export interface FindingData {
  path?: (string | number)[];
  missing?: string[];
}

/** How a rule reports one finding; the rule id and severity are added by the linter. */
export type Report = (message: string, range: { offset: number; length: number }, fixes?: Fix[], data?: FindingData) => void;
