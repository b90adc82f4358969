/** A lint rule: one file under rules/, registered in rules/index.ts. */
import type { Report, Severity } from '../findings';
import type { LintContext } from './context';

export interface LintRule<Id extends string = string> {
  /** The rule's code: in diagnostics, `cloudElements.lint.severities`, the CLI's output. */
  readonly id: Id;
  /** What the rule finds, in one line: the settings' description and the CLI's help text. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Reports this rule's findings; reads the context, changes nothing. */
  check(ctx: LintContext, report: Report): void;
}

/** Keeps the rule's id as a literal type, so the registry knows every id. */
export function defineRule<const Id extends string>(rule: LintRule<Id>): LintRule<Id> {
  return rule;
}
