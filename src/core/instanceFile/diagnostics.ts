/** What the instance-file linter reports: offsets into the text, a rule id, a severity, fixes. */

export const RULES = {
  'smart-quotes': 'Curly or typographic quotes where JSON needs a straight quote (")',
  syntax: 'JSON syntax errors: missing commas, unterminated strings, comments, stray braces, duplicate keys',
  'required-key': 'Keys the instance body needs, per element and flow',
  'unknown-element': 'An element key the catalog does not know',
  'unknown-key': 'A key Cloud Elements does not know, usually a misspelling',
  placeholder: 'Values still holding a documentation placeholder such as <INSERT_…>',
  'value-type': 'Values of the wrong JSON type (configuration values are strings)',
  url: 'URL values that are not valid URLs',
  'plain-secret': 'A real secret written into a workspace file',
} as const;

export type RuleId = keyof typeof RULES;
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

export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'smart-quotes': 'error',
  syntax: 'error',
  'required-key': 'error',
  'unknown-element': 'error',
  'unknown-key': 'warning',
  placeholder: 'warning',
  'value-type': 'error',
  url: 'warning',
  'plain-secret': 'warning',
};
