/** Lints the text of an instance.json file against JSON syntax and the element catalog. */
import { catalog as defaultCatalog } from '../catalog';
import type { Catalog } from '../catalog';
import { DEFAULT_SEVERITY } from './diagnostics';
import type { LintDiagnostic, RuleId, SeverityOverride } from './diagnostics';
import { parseInstance } from './parse';
import type { ParsedInstance } from './parse';
import { patchParse } from './patch';
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

/**
 * Lints one document as it is edited: each text is parsed by patching the previous text's parse
 * when the edit stayed inside one string (most keystrokes), else parsed whole; the rules run on
 * every text. The findings are always those `lintInstanceText` gives for the same text.
 */
export class DocumentLinter {
  private parsed: ParsedInstance | undefined;
  /** Whether the last lint patched the previous parse rather than parsing the whole text. */
  patched = false;

  lint(text: string, options: LintOptions = {}): LintDiagnostic[] {
    try {
      const patched = this.parsed && patchParse(this.parsed, text);
      this.patched = patched !== undefined;
      this.parsed = patched ?? parseInstance(text);
      return lintParsed(this.parsed, options);
    } catch (error) {
      this.parsed = undefined; // a patch left half made is not a parse to build on
      throw error;
    }
  }
}

function lintParsed(parsed: ParsedInstance, options: LintOptions): LintDiagnostic[] {
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
