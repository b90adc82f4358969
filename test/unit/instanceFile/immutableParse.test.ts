/**
 * The parse is immutable, and no rule can store a fact on a node: the types refuse a write (the
 * `@ts-expect-error` lines below stop compiling the day a field becomes writable), and every
 * registered rule runs over a deep-frozen parse — fixtures, the documentation's examples, every
 * template, JSON-like noise and mutations of them — finding exactly what it finds on a fresh one.
 * A rule that writes to a node, an array or a set of the parse throws here.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ValueNode } from '../../../src/core/instanceFile/jsonNodes';
import { lintInstanceText, lintParsed } from '../../../src/core/instanceFile/lint';
import { parseInstance, type ParsedInstance } from '../../../src/core/instanceFile/parse';
import { fixture, fixturesDir } from '../helpers';
import { jsonishText, mutated, SEEDS, TEMPLATES } from './arbitraries';

/** A set nobody can change (Object.freeze does not stop Set#add). */
class FrozenSet<T> extends Set<T> {
  private sealed = false;
  constructor(values: Iterable<T>) {
    super(values);
    this.sealed = true;
  }
  override add(value: T): this {
    if (this.sealed) throw new TypeError('a parse is read-only: its sets cannot be added to');
    return super.add(value);
  }
  override delete(): boolean {
    throw new TypeError('a parse is read-only: its sets cannot be deleted from');
  }
  override clear(): void {
    throw new TypeError('a parse is read-only: its sets cannot be cleared');
  }
}

/** The parse with every node, array, token list and set frozen; its property lookup keeps its own cache. */
function frozen(parsed: ParsedInstance): ParsedInstance {
  const pending: object[] = parsed.root ? [parsed.root] : [];
  for (let node = pending.pop() as ValueNode | { type: 'property'; key: object; value?: object } | undefined; node; node = pending.pop() as typeof node) {
    Object.freeze(node);
    if (node.type === 'object' || node.type === 'array') pending.push(Object.freeze(node.children), ...node.children);
    else if (node.type === 'property') pending.push(node.key, ...(node.value ? [node.value] : []));
  }
  for (const list of [parsed.errors, parsed.duplicates, parsed.smartQuotes]) {
    for (const item of list) Object.freeze(item);
    Object.freeze(list);
  }
  return Object.freeze({
    ...parsed,
    tokens: Object.freeze(parsed.tokens),
    unterminated: new FrozenSet(parsed.unterminated),
    unclosed: new FrozenSet(parsed.unclosed),
  });
}

const LINT_FIXTURES = readdirSync(join(fixturesDir, 'lint'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => fixture(`lint/${name}`));

function lintsFrozen(text: string): void {
  assert.deepEqual(lintParsed(frozen(parseInstance(text)), {}), lintInstanceText(text));
}

describe('the parse is immutable: no rule stores a fact on a node', () => {
  it('the types refuse a write to a node, its children, or the parse', () => {
    const parsed = parseInstance('{"element": {"key": "xero"}, "configuration": {"a": "b"}}');
    const root = parsed.root!;
    assert.equal(root.type, 'object');
    if (root.type !== 'object') return;
    const property = root.children[0]!;
    const refused = [
      // @ts-expect-error -- a node's place is the parser's
      () => (root.offset = 1),
      // @ts-expect-error -- so is its length
      () => (property.length = 0),
      // @ts-expect-error -- and a string's value
      () => (property.key.value = 'other'),
      // @ts-expect-error -- a property's value
      () => (property.value = undefined),
      // @ts-expect-error -- no fact can be added to a node
      () => (property.fact = true),
      // @ts-expect-error -- an object's children are read-only
      () => root.children.push(property),
      // @ts-expect-error -- so are the parse's errors
      () => parsed.errors.push({ error: 4, offset: 0, length: 0 }),
      // @ts-expect-error -- and its sets
      () => parsed.unclosed.add(root),
      // @ts-expect-error -- and its tokens
      () => parsed.tokens.push(1, 0, 1),
    ];
    assert.equal(refused.length, 9);
  });

  it('a write to a frozen parse throws, so the property suites below would catch a rule that writes', () => {
    const parsed = frozen(parseInstance('{"element": {"key": "xero"}}'));
    assert.throws(() => Object.assign(parsed.root!, { fact: 1 }), TypeError);
    assert.throws(() => (parsed.unclosed as Set<ValueNode>).add(parsed.root!), TypeError);
  });

  it('every rule finds on a frozen parse what it finds on a fresh one: fixtures, examples, templates', () => {
    for (const text of [...LINT_FIXTURES, ...SEEDS, ...TEMPLATES]) lintsFrozen(text);
  });

  it('every rule finds on a frozen parse what it finds on a fresh one: noise and mutated files', () => {
    fc.assert(fc.property(fc.oneof(jsonishText, mutated([...SEEDS, ...LINT_FIXTURES])), lintsFrozen), { numRuns: 300 });
  });
});
