/** `--fix`: applies only the fixes marked safe (straight quotes, unambiguous missing commas). */
import type { LintDiagnostic } from './diagnostics';
import type { Fix, TextEdit } from './findings';
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
    const { edits, titles } = safeEdits(current, diagnostics);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    for (const [title, count] of titles) applied.push(count > 1 ? `${title} (${count} edits)` : title);
    diagnostics = lintInstanceText(current, options);
  }
  return { text: current, applied, diagnostics };
}

/**
 * The first safe fix of each diagnostic, in diagnostic order, skipping a fix offered twice and
 * one that overlaps a fix already taken. Linear: many diagnostics share one fix object (all the
 * curly quotes), and overlaps are looked up per offset.
 */
function safeEdits(text: string, diagnostics: readonly LintDiagnostic[]): { edits: TextEdit[]; titles: Map<string, number> } {
  const edits: TextEdit[] = [];
  const titles = new Map<string, number>();
  const seenFixes = new Set<Fix>();
  const seenEdits = new Set<string>();
  const taken = new TakenRanges(text.length);
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => candidate.safe);
    if (!fix || seenFixes.has(fix)) continue;
    seenFixes.add(fix);
    const key = JSON.stringify(fix.edits);
    if (seenEdits.has(key)) continue;
    seenEdits.add(key);
    if (fix.edits.some((edit) => taken.overlaps(edit))) continue;
    for (const edit of fix.edits) taken.take(edit);
    for (const edit of fix.edits) edits.push(edit); // not push(...edits): a 10 MB file has more edits than a call has arguments
    titles.set(fix.title, (titles.get(fix.title) ?? 0) + fix.edits.length);
  }
  return { edits, titles };
}

/**
 * The ranges of the edits taken so far. Two edits overlap when they start at the same offset or
 * their ranges intersect; an insertion (length 0) overlaps an edit that spans its offset.
 */
class TakenRanges {
  private readonly starts: Uint8Array;
  /** Offsets inside an edit of length > 0. */
  private readonly covered: Uint8Array;
  /** Offsets of insertions. */
  private readonly insertions: Uint8Array;

  constructor(textLength: number) {
    this.starts = new Uint8Array(textLength + 1);
    this.covered = new Uint8Array(textLength + 1);
    this.insertions = new Uint8Array(textLength + 1);
  }

  overlaps({ offset, length }: TextEdit): boolean {
    if (this.starts[offset]) return true;
    if (length === 0) return this.covered[offset] === 1;
    for (let i = offset; i < offset + length; i++) {
      if (this.covered[i] || (i > offset && this.insertions[i])) return true;
    }
    return false;
  }

  take({ offset, length }: TextEdit): void {
    this.starts[offset] = 1;
    if (length === 0) this.insertions[offset] = 1;
    for (let i = offset; i < offset + length; i++) this.covered[i] = 1;
  }
}
