/** Text edits that keep the file's own formatting: adding properties, renaming keys. */
import type { Node, ObjectNode } from './jsonNodes';
import type { TextEdit } from './findings';

function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function detectIndentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1]! : '  ';
}

/**
 * Adds `entries` (already-serialized JSON values) at the end of an object node. An object the
 * text ends inside (`closed` false) has no closing brace: its content runs to the end of the text.
 */
export function insertProperties(text: string, object: ObjectNode, entries: Array<[key: string, json: string]>, closed = true): TextEdit {
  const properties = object.children;
  const end = object.offset + object.length;
  const closing = closed ? end - 1 : end;
  const objectIndent = lineIndentAt(text, object.offset);
  const last = properties[properties.length - 1];
  const indent = last ? lineIndentAt(text, last.offset) : objectIndent + detectIndentUnit(text);
  const lines = entries.map(([key, json]) => `${indent}${JSON.stringify(key)}: ${json}`);
  if (!last) {
    return { offset: object.offset + 1, length: closing - object.offset - 1, newText: `\n${lines.join(',\n')}\n${objectIndent}` };
  }
  return { offset: last.offset + last.length, length: 0, newText: `,\n${lines.join(',\n')}` };
}

export function renameKey(key: Node, newName: string): TextEdit {
  return { offset: key.offset, length: key.length, newText: JSON.stringify(newName) };
}

export function replaceValue(node: Node, json: string): TextEdit {
  return { offset: node.offset, length: node.length, newText: json };
}
