/** `--fix`: applies only the fixes marked safe (straight quotes, unambiguous missing commas). */
import type { LintDiagnostic, TextEdit } from './diagnostics';
import { lintInstanceText } from './lint';
import type { LintOptions } from './lint';
import { applyEdits } from './text';

export interface FixResult {
  text: string;
  /** One entry per fix applied, e.g. "Replace curly quotes with straight quotes (8 quotes)". */
  applied: string[];
  diagnostics: LintDiagnostic[];
}

const MAX_ROUNDS = 10;

export function fixInstanceText(text: string, options: LintOptions = {}): FixResult {
  const applied: string[] = [];
  let current = text;
  let diagnostics = lintInstanceText(current, options);
  // Each round applies every safe fix that does not overlap another, then lints again:
  // straightening quotes can reveal a missing comma the parser could not see before.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const edits: TextEdit[] = [];
    const titles = new Map<string, number>();
    const seen = new Set<string>();
    for (const diagnostic of diagnostics) {
      const fix = diagnostic.fixes.find((candidate) => candidate.safe);
      if (!fix) continue;
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      if (fix.edits.some((edit) => edits.some((other) => overlaps(edit, other)))) continue;
      edits.push(...fix.edits);
      titles.set(fix.title, (titles.get(fix.title) ?? 0) + fix.edits.length);
    }
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    for (const [title, count] of titles) applied.push(count > 1 ? `${title} (${count} edits)` : title);
    diagnostics = lintInstanceText(current, options);
  }
  return { text: current, applied, diagnostics };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.offset === b.offset) return true;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}
