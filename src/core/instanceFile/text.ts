/** Offsets, positions and edits over plain text. */
import type { TextEdit } from './findings';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors count. */
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

/**
 * Applies non-overlapping edits (any order) and returns the new text, in time linear in the
 * text. Insertions at the same offset land in reverse order, the later-listed one first.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.offset - b.edit.offset || b.index - a.index);
  const parts: string[] = [];
  let from = 0;
  for (const { edit } of sorted) {
    if (edit.offset < from) throw new Error('overlapping edits');
    if (edit.length < 0 || edit.offset + edit.length > text.length) throw new Error('an edit outside the text');
    parts.push(text.slice(from, edit.offset), edit.newText);
    from = edit.offset + edit.length;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
