/** Lints the text of an instance.json file against JSON syntax and the element catalog. */
import { catalog as defaultCatalog } from '../catalog';
import type { Catalog } from '../catalog';
import { DEFAULT_SEVERITY } from './diagnostics';
import type { LintDiagnostic, RuleId } from './diagnostics';
import type { SeverityOverride } from './findings';
import { parseInstance } from './parse';
import type { ParsedInstance } from './parse';
import { LintContext } from './rules/context';
import { LINT_RULES } from './rules';

export interface LintOptions {
  catalog?: Catalog;
  /** By rule id; an id that names no rule is ignored. */
  severities?: Partial<Record<RuleId | (string & {}), SeverityOverride>>;
}

export function lintInstanceText(text: string, options: LintOptions = {}): LintDiagnostic[] {
  return lintParsed(parseInstance(text), options);
}

/** Lints a parse: every rule reads it (through the context), none changes it. */
export function lintParsed(parsed: ParsedInstance, options: LintOptions): LintDiagnostic[] {
  const severities = { ...DEFAULT_SEVERITY, ...options.severities };
  const diagnostics: LintDiagnostic[] = [];
  const ctx = new LintContext(parsed, options.catalog ?? defaultCatalog);
  for (const rule of LINT_RULES) {
    const severity = severities[rule.id];
    if (severity === 'off') continue;
    rule.check(ctx, (message, range, fixes = [], data) => {
      diagnostics.push({ rule: rule.id, severity, message, offset: range.offset, length: range.length, fixes, ...(data && { data }) });
    });
  }
  return diagnostics.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
