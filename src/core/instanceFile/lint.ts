/** Lints the text of an instance.json file against JSON syntax and the element catalog. */
import { catalog as defaultCatalog } from '../catalog';
import type { Catalog } from '../catalog';
import { DEFAULT_SEVERITY } from './diagnostics';
import type { LintDiagnostic, RuleId, SeverityOverride } from './diagnostics';
import { parseInstance } from './parse';
import { RuleContext } from './rules/context';
import { checkInstance } from './rules/instance';
import { checkSmartQuotes } from './rules/smartQuotes';
import { checkSyntax } from './rules/syntax';

export interface LintOptions {
  catalog?: Catalog;
  severities?: Partial<Record<RuleId, SeverityOverride>>;
}

export function lintInstanceText(text: string, options: LintOptions = {}): LintDiagnostic[] {
  const severities = { ...DEFAULT_SEVERITY, ...options.severities };
  const diagnostics: LintDiagnostic[] = [];
  const ctx = new RuleContext(parseInstance(text), options.catalog ?? defaultCatalog, (rule, message, range, fixes = [], data) => {
    const severity = severities[rule];
    if (severity === 'off') return;
    diagnostics.push({ rule, severity, message, offset: range.offset, length: range.length, fixes, ...(data && { data }) });
  });
  checkSmartQuotes(ctx);
  checkSyntax(ctx);
  checkInstance(ctx);
  return diagnostics.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
