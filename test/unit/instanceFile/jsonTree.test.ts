import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createScanner, parseTree, SyntaxKind as JsoncKind } from 'jsonc-parser';
import type { Node as JsoncNode, ParseError as JsoncError } from 'jsonc-parser';
import { ParseErrorCode } from '../../../src/core/instanceFile/jsonNodes';
import { parseJsonTree } from '../../../src/core/instanceFile/jsonTree';
import { nameHash } from '../../../src/core/instanceFile/propertyIndex';
import type { Node, Property } from '../../../src/core/instanceFile/jsonNodes';
import { properties } from '../../../src/core/instanceFile/parse';
import { fixture } from '../helpers';
import { jsonishText, mutated, SEEDS } from './arbitraries';

/** A tree in jsonc-parser's shape, without `parent` links and `colonOffset`. */
interface Plain {
  type: string;
  offset: number;
  length: number;
  children?: Plain[];
  value?: unknown;
}

/** jsonc-parser's tree, plain. */
function plain(node: JsoncNode | undefined): Plain | undefined {
  if (!node) return undefined;
  const { type, offset, length, value, children } = node;
  return {
    type,
    offset,
    length,
    ...(children && { children: children.map((child) => plain(child)!) }),
    ...(type !== 'object' && type !== 'array' && type !== 'property' && { value }),
  };
}

/** Our tree in jsonc-parser's shape: a property's key and value become its children. */
function asJsonc(node: Node | undefined): Plain | undefined {
  if (!node) return undefined;
  const { type, offset, length } = node;
  if (node.type === 'property') return { type, offset, length, children: [asJsonc(node.key)!, ...(node.value ? [asJsonc(node.value)!] : [])] };
  if (node.type === 'object' || node.type === 'array') return { type, offset, length, children: node.children.map((child) => asJsonc(child)!) };
  return { type, offset, length, value: node.value };
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
  parseJsonTree(text).tokens.toArray().some((t) => t.kind === JsoncKind.BlockCommentTrivia && !(t.length >= 4 && text.endsWith('*/', t.offset + t.length)));

/** Repeated keys found by walking a finished tree, as the linter did before the parser found them. */
function duplicatesOf(root: Plain | undefined): Array<[key: number, first: number]> {
  const found: Array<[number, number]> = [];
  const visit = (node: Plain) => {
    if (node.type === 'object') {
      const seen = new Map<unknown, Plain>();
      for (const property of node.children ?? []) {
        const key = property.children![0]!;
        const first = seen.get(key.value);
        if (first) found.push([key.offset, first.offset]);
        else seen.set(key.value, key);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return found.sort((a, b) => a[0] - b[0]);
}

function assertSameAsJsonc(text: string): void {
  if (hasUnterminatedComment(text)) return;
  const ours = parseJsonTree(text);
  const theirs = jsonc(text);
  assert.deepEqual({ root: asJsonc(ours.root), errors: ours.errors, tokens: ours.tokens.toArray() }, theirs);
  assert.deepEqual(ours.duplicates.map(({ key, first }) => [key.offset, first.offset]), duplicatesOf(theirs.root));
  // Each object's property map lists what walking its children lists.
  const listed = (map: Iterable<[string, Property]>) => [...map].map(([name, p]) => [name, p.key, p.value]);
  const pending: Node[] = ours.root ? [ours.root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'object') {
      const byName = ours.properties.of(node);
      const expected = properties(node);
      assert.deepEqual(listed(byName), listed(expected));
      assert.equal(byName.size, expected.size);
      for (const [name, property] of expected) assert.equal(byName.get(name), property);
      assert.equal(byName.has('\u0000absent'), false);
    }
    if (node.type === 'property') pending.push(node.key, ...(node.value ? [node.value] : []));
    else pending.push(...(node.children ?? []));
  }
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

  it('… on objects of every size, with many repeated keys (small objects compare names, large ones have a table)', () => {
    const name = fc.constantFrom('"a"', '"b"', '"c"', '"d"', '"e"', '"f"', '"g"', '"h"', '"i"', '"j"', '"k"', '"l"', '"m"', '"n"', '"o"', '"p"', '"\\u0061"');
    const object = (depth: number): fc.Arbitrary<string> =>
      fc
        .array(fc.tuple(name, depth > 0 ? fc.oneof(fc.constant('1'), object(depth - 1)) : fc.constant('1')), { maxLength: 40 })
        .map((entries) => `{${entries.map(([key, value]) => `${key}: ${value}`).join(', ')}}`);
    fc.assert(fc.property(object(2), assertSameAsJsonc), { numRuns: 300 });
  });

  it('names where each repeated key was first defined, however the repeats interleave', () => {
    const text = '{"a": 1, "a": 2, "b": 3, "c": 4, "b": 5, "a": 6, "c": 7}';
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    assert.deepEqual(
      parseJsonTree(text).duplicates.map(({ key, first }) => [key.offset, first.offset]),
      [[at('"a"', 2), at('"a"')], [at('"b"', at('"b"') + 1), at('"b"')], [at('"a"', at('"a": 6')), at('"a"')], [at('"c"', at('"c"') + 1), at('"c"')]],
    );
  });

  it('spreads names that differ only in the high bit of their characters over the table (no file makes it quadratic)', () => {
    // An unmixed hash's low bits (the slot) would see only the low bits of each character: all of these would collide.
    const names = Array.from({ length: 2 ** 14 }, (_, i) => Array.from({ length: 14 }, (_, bit) => ((i >> bit) & 1 ? '\u8061' : 'a')).join(''));
    const slots = new Set(names.map((name) => nameHash(name) & (2 ** 15 - 1)));
    assert.ok(slots.size > 0.35 * 2 ** 15, `${slots.size} slots of ${2 ** 15}`); // random slots: 39 % of them
    const text = `{${names.map((name) => `"${name}": 1`).join(',')}, "${names[5]}": 2}`;
    assert.deepEqual(parseJsonTree(text).duplicates.map(({ key }) => key.offset), [text.lastIndexOf(`"${names[5]}"`)]);
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
    assert.deepEqual(tokens.at(tokens.length - 1), { kind: 13, offset: 2, length: 2 });
  });
});
