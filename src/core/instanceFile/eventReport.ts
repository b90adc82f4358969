/** How the event rules report what src/core/events found, through the map back to the document. */
import type { EventProblem, EventRule } from '../events/problems';
import type { Fix, Report } from './findings';
import type { Span } from './eventConfiguration';

export interface DocumentMap {
  toDocument(range: Span): Span;
  encode(text: string): string;
}

/**
 * Reports a rule's share of the problems at their places in the document. A fix inside JSON held
 * in a string is never safe: `--fix` only repairs what keeps a file from parsing, and this one parses.
 */
export function reportEventProblems(report: Report, rule: EventRule, problems: readonly EventProblem[], map: DocumentMap): void {
  for (const problem of problems) {
    if (problem.rule !== rule) continue;
    const fixes: Fix[] = problem.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({ ...map.toDocument(edit), newText: map.encode(edit.newText) })),
      safe: false,
      ...(fix.preferred && { preferred: true }),
    }));
    report(problem.message, map.toDocument(problem), fixes);
  }
}

/** The map of a string value of the document, for problems found in its decoded text. */
export function stringMap(map: { source(range: Span): Span }, encode: (text: string) => string): DocumentMap {
  return { toDocument: (range) => map.source(range), encode };
}
