/** What the instance-file linter reports: offsets into the text, a rule id, a severity, fixes. */

import { LINT_RULES } from './rules';
import type { RuleId } from './rules';

export type { RuleId } from './rules';

/** Each rule's description, by id (the list itself is rules/index.ts). */
export const RULES = Object.fromEntries(LINT_RULES.map((rule) => [rule.id, rule.description])) as Record<RuleId, string>;

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOverride = Severity | 'off';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without looking (`elements-lint --fix`, fix-all on save). */
  safe: boolean;
  preferred?: boolean;
}

export interface LintDiagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** 0-based UTF-16 offset and length into the linted text. */
  offset: number;
  length: number;
  fixes: Fix[];
  /** For adapters that offer extra actions (e.g. the JSON path of a secret value). */
  data?: { path?: (string | number)[]; missing?: string[] };
}

export const DEFAULT_SEVERITY = Object.fromEntries(LINT_RULES.map((rule) => [rule.id, rule.defaultSeverity])) as Record<RuleId, Severity>;
