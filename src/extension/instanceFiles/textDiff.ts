/** Small edits that turn one text into another, so fix-all on save keeps the cursor and undo steps tidy. */
import type { TextEdit } from '../../core/instanceFile/findings';

/** The one edit between the common prefix and the common suffix of `before` and `after`, offsets from `base`. */
function middleEdit(before: string, after: string, base: number): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: base + start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

/**
 * Edits (in `before`'s offsets) that produce `after`: one per changed line when the line
 * count is unchanged (the safe fixes never add lines), else one edit over the changed middle.
 */
export function textEdits(before: string, after: string): TextEdit[] {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  if (oldLines.length !== newLines.length) {
    const edit = middleEdit(before, after, 0);
    return edit ? [edit] : [];
  }
  const edits: TextEdit[] = [];
  let offset = 0;
  oldLines.forEach((line, index) => {
    const edit = middleEdit(line, newLines[index]!, offset);
    if (edit) edits.push(edit);
    offset += line.length + 1;
  });
  return edits;
}
