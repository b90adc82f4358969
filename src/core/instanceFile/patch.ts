/**
 * The parse of an edited text, made by patching the previous parse when the edit stays inside one
 * string: what most keystrokes in an instance file are (a value or a key being typed). The scanner
 * reads each token from its start alone, so when the string still scans as one clean string that
 * ends where the edit moved its end, every other token is the same and the parser builds the same
 * tree: the string's node takes its new value, everything after it moves by the edit's length, and
 * what contains it grows or shrinks with it. Any other edit is parsed again.
 */
import type { DuplicateKey, Node, ObjectNode, ParseError, StringNode } from './jsonTree';
import { unterminatedStrings } from './parse';
import type { ParsedInstance } from './parse';
import { ScanError, Scanner, SyntaxKind } from './scanner';
import { hasSmartQuote } from './smartQuotes';

/** Where two texts differ: `start` to `oldEnd` in the old one became `start` to `newEnd` in the new one. */
export interface ChangedRange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The one range that differs between two texts (the longest common prefix and suffix around it);
 * undefined when they are equal. Found by halving: comparing two slices is one native comparison,
 * so a megabyte takes some twenty of them instead of a million character reads.
 */
export function changedRange(old: string, text: string): ChangedRange | undefined {
  if (old === text) return undefined;
  const shorter = Math.min(old.length, text.length);
  let start = 0;
  for (let limit = shorter; limit - start > 32; ) {
    const middle = (start + limit) >> 1;
    if (old.slice(start, middle) === text.slice(start, middle)) start = middle;
    else limit = middle;
  }
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  const room = shorter - start;
  let suffix = 0;
  for (let limit = room; limit - suffix > 32; ) {
    const middle = (suffix + limit) >> 1;
    if (old.slice(old.length - middle, old.length - suffix) === text.slice(text.length - middle, text.length - suffix)) suffix = middle;
    else limit = middle;
  }
  while (suffix < room && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}

/** The string token at `offset`: its value and end, when it is one clean, terminated string. */
function cleanStringAt(text: string, offset: number): { value: string; end: number } | undefined {
  const scanner = new Scanner(text);
  scanner.pos = offset;
  if (scanner.scan() !== SyntaxKind.StringLiteral || scanner.tokenError !== ScanError.None) return undefined;
  return { value: scanner.tokenValue, end: scanner.pos };
}

/**
 * `previous` patched to be the parse of `text`, or undefined when the edit is not inside one string
 * (then parse `text` again). `previous` is changed in place: it is the parse of `text` afterwards.
 */
export function patchParse(previous: ParsedInstance, text: string): ParsedInstance | undefined {
  const old = previous.text;
  // A blanked BOM or straightened curly quotes: the tree is of another text than the user's.
  if (previous.normalized !== old || previous.smartQuotes.length > 0) return undefined;
  const edit = changedRange(old, text);
  if (!edit) return previous;
  const { tokens } = previous;
  const index = tokens.before(edit.start) + 1;
  const token = tokens.at(index);
  if (token?.kind !== SyntaxKind.StringLiteral) return undefined;
  const end = token.offset + token.length;
  // Strictly inside: after the opening quote, and the closing quote kept.
  if (token.offset >= edit.start || edit.oldEnd >= end) return undefined;
  const delta = text.length - old.length;
  const before = cleanStringAt(old, token.offset);
  const after = cleanStringAt(text, token.offset);
  if (!before || !after || before.end !== end || after.end !== end + delta) return undefined;
  // In a file with errors, curly quotes may be delimiters (parseInstance looks for them only then).
  if (previous.errors.length > 0 && hasSmartQuote(text)) return undefined;

  const renamedIn = shiftTree(previous.root, token.offset, end, delta, after.value);
  tokens.stretch(index, delta);
  const errors = previous.errors.map((error): ParseError => shifted(error, token.offset, end, delta));
  let duplicates = previous.duplicates;
  if (renamedIn) {
    previous.objectProperties.forget(renamedIn);
    duplicates = withDuplicatesOf(renamedIn, duplicates);
  }
  return {
    text,
    normalized: text,
    smartQuotes: previous.smartQuotes,
    // No curly quote was read as a quote (checked above), and none is in doubt: the text either
    // parses, as the previous one did, or has no curly quote.
    smartQuotesCertain: true,
    root: previous.root,
    objectProperties: previous.objectProperties,
    errors,
    tokens,
    duplicates,
    unterminated: unterminatedStrings(errors),
    unclosed: previous.unclosed,
  };
}

/** An error reported at the string has the string's length; errors after it move. */
function shifted(error: ParseError, offset: number, end: number, delta: number): ParseError {
  if (error.offset >= end) return { ...error, offset: error.offset + delta };
  if (error.offset === offset) return { ...error, length: error.length + delta };
  return error;
}

/**
 * Moves the nodes after the string (it ends at `end`) and stretches the ones that contain it; the
 * string's node takes `value`. Returns the object whose key it is, when it is a key.
 */
function shiftTree(root: Node | undefined, offset: number, end: number, delta: number, value: string): ObjectNode | undefined {
  let renamedIn: ObjectNode | undefined;
  const pending: Node[] = root ? [root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.offset >= end) node.offset += delta;
    else if (node.offset + node.length >= end) node.length += delta;
    else continue; // wholly before the string, and so is everything inside it
    switch (node.type) {
      case 'object':
        for (const property of node.children) {
          if (property.key.offset === offset) renamedIn = node;
          pending.push(property);
        }
        break;
      case 'array':
        for (const item of node.children) pending.push(item);
        break;
      case 'property':
        pending.push(node.key);
        if (node.value) pending.push(node.value);
        break;
      case 'string':
        if (node.offset === offset) node.value = value;
        break;
    }
  }
  return renamedIn;
}

/** `duplicates` with those of `object` found again (one of its keys changed), in text order. */
function withDuplicatesOf(object: ObjectNode, duplicates: readonly DuplicateKey[]): DuplicateKey[] {
  const keys = new Set<StringNode>(object.children.map((property) => property.key));
  const result = duplicates.filter((duplicate) => !keys.has(duplicate.key));
  const first = new Map<string, StringNode>();
  for (const { key } of object.children) {
    const earlier = first.get(key.value);
    if (earlier) result.push({ key, first: earlier });
    else first.set(key.value, key);
  }
  return result.sort((a, b) => a.key.offset - b.key.offset);
}
