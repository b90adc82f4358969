import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createScanner, parseTree, SyntaxKind as JsoncKind } from 'jsonc-parser';
import type { Node as JsoncNode, ParseError as JsoncError } from 'jsonc-parser';
import { ParseErrorCode, parseJsonTree } from '../../../src/core/instanceFile/jsonTree';
import type { Node } from '../../../src/core/instanceFile/jsonTree';
import { fixture } from '../helpers';
import { jsonishText, mutated, SEEDS } from './arbitraries';

/** jsonc-parser's tree without `parent` links, in the shape of ours. */
function plain(node: JsoncNode | undefined): Node | undefined {
  if (!node) return undefined;
  const { type, offset, length, value, colonOffset, children } = node;
  return {
    type,
    offset,
    length,
    ...(children && { children: children.map((child) => plain(child)!) }),
    ...(type !== 'object' && type !== 'array' && type !== 'property' && { value }),
    ...(colonOffset !== undefined && { colonOffset }),
  } as Node;
}

function jsonc(text: string) {
  const errors: JsoncError[] = [];
  const root = plain(parseTree(text, errors, { disallowComments: true, allowTrailingComma: false }));
  const tokens = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== JsoncKind.EOF; kind = scanner.scan()) {
    if (kind === JsoncKind.Trivia || kind === JsoncKind.LineBreakTrivia) continue;
    tokens.push({ kind, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
  }
  return { root, errors, tokens };
}

/** An unterminated block comment is where we differ on purpose (jsonc-parser can end it past the text). */
const hasUnterminatedComment = (text: string) =>
  parseJsonTree(text).tokens.some((t) => t.kind === JsoncKind.BlockCommentTrivia && !(t.length >= 4 && text.endsWith('*/', t.offset + t.length)));

function assertSameAsJsonc(text: string): void {
  if (hasUnterminatedComment(text)) return;
  const ours = parseJsonTree(text);
  assert.deepEqual({ root: ours.root, errors: ours.errors, tokens: ours.tokens }, jsonc(text));
}

describe('parseJsonTree', () => {
  it('builds the same tree, errors and tokens as jsonc-parser on JSON-like text', () => {
    fc.assert(fc.property(jsonishText, assertSameAsJsonc), { numRuns: 2000 });
  });

  it('… on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), assertSameAsJsonc), { numRuns: 500 });
  });

  it('… on mutations of the seed fixtures', () => {
    fc.assert(fc.property(mutated(SEEDS), assertSameAsJsonc), { numRuns: 500 });
  });

  it('… on every fixture', () => {
    for (const text of SEEDS) assertSameAsJsonc(text);
    assertSameAsJsonc(fixture('lint/smart-quotes.instance.json'));
  });

  it('parses 10,000 levels of nesting, which overflow a recursive parser', () => {
    for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
      const deep = open!.repeat(10_000) + '1' + close!.repeat(10_000);
      const tree = parseJsonTree(deep);
      assert.deepEqual(tree.errors, []);
      assert.equal(tree.root!.length, deep.length);
      const unclosed = parseJsonTree(open!.repeat(10_000));
      assert.ok(unclosed.errors.length >= 10_000);
    }
  });

  it('ends an unterminated block comment at the end of the text, and says it is unterminated', () => {
    const { errors, tokens } = parseJsonTree('{}/*');
    assert.deepEqual(errors, [{ error: ParseErrorCode.UnexpectedEndOfComment, offset: 2, length: 2 }]);
    assert.deepEqual(tokens.at(-1), { kind: 13, offset: 2, length: 2 });
  });
});
