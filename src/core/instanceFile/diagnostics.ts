/** What the instance-file linter reports: offsets into the text, a rule id, a severity, fixes. */
import type { Fix, FindingData, Severity } from './findings';
import { LINT_RULES } from './rules';
import type { RuleId } from './rules';

export type { RuleId } from './rules';

/** Each rule's description, by id (the list itself is rules/index.ts). */
export const RULES = Object.fromEntries(LINT_RULES.map((rule) => [rule.id, rule.description])) as Record<RuleId, string>;

export interface LintDiagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** 0-based UTF-16 offset and length into the linted text. */
  offset: number;
  length: number;
  fixes: Fix[];
  data?: FindingData;
}

export const DEFAULT_SEVERITY = Object.fromEntries(LINT_RULES.map((rule) => [rule.id, rule.defaultSeverity])) as Record<RuleId, Severity>;
