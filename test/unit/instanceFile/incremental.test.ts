/**
 * Differential suites for linting as a document is edited: the patched parse equals a fresh parse
 * of the edited text, and DocumentLinter's findings equal lintInstanceText's, over random edits
 * (most of them inside strings, where the parse is patched) of real and broken instance files.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from '../../../src/core/instanceFile/jsonTree';
import { DocumentLinter, lintInstanceText } from '../../../src/core/instanceFile/lint';
import { parseInstance } from '../../../src/core/instanceFile/parse';
import type { ParsedInstance } from '../../../src/core/instanceFile/parse';
import { changedRange, patchParse } from '../../../src/core/instanceFile/patch';
import { jsonishText, mutated, SEEDS, TEMPLATES } from './arbitraries';

interface Edit {
  at: number;
  /** Put the edit just inside a string (after one of the text's quotes). */
  inString: boolean;
  remove: number;
  insert: string;
}

const PIECES = ['a', 'Z', '0', ' ', '-', '.', ':', ',', '<', '>', '_', '$', '{', '}', '[', ']', '"', '\\', '\\n', '\\"', '“', '”', '\n', '\t', '/', 'é', '😀', '\u0000', '\uD800', 'secret', 'https://', '${keychain:'];

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  inString: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  insert: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: fc.constantFrom(...PIECES) }),
});

function apply(text: string, { at, inString, remove, insert }: Edit): string {
  const quotes: number[] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes.push(i);
  const position = inString && quotes.length > 0 ? Math.min(text.length, quotes[at % quotes.length]! + 1 + ((at >> 8) % 4)) : at % (text.length + 1);
  return text.slice(0, position) + insert + text.slice(Math.min(text.length, position + remove));
}

/** Objects of up to 30 properties with few names: renaming a key of a large object changes its table and repeats. */
const repeatingKeys = fc
  .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'ab', 'ba', 'oauth.api.key'), fc.constantFrom('"v"', '1', '{"k": "x"}')), { maxLength: 30 })
  .map((entries) => `{"element": {"key": "xero"}, "name": "n", "configuration": {${entries.map(([key, value]) => `"${key}": ${value}`).join(',\n')}}}`);

const withBom = fc.constantFrom(...SEEDS).map((text) => '\uFEFF' + text);
const base = fc.oneof(fc.constantFrom(...SEEDS), fc.constantFrom(...TEMPLATES), mutated(SEEDS), jsonishText, repeatingKeys, withBom);

/** Everything a parse is, comparable with deepEqual (each object's lookups listed). */
function comparable(parsed: ParsedInstance) {
  const lookups: unknown[] = [];
  const pending: Node[] = parsed.root ? [parsed.root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'object') {
      const byName = parsed.objectProperties.of(node);
      lookups.push([...byName].map(([name, property]) => [name, property.key.offset, byName.get(name) === property]));
      pending.push(...node.children);
    } else if (node.type === 'array') pending.push(...node.children);
    else if (node.type === 'property') pending.push(node.key, ...(node.value ? [node.value] : []));
  }
  const { objectProperties: _index, tokens, ...rest } = parsed;
  return { ...rest, tokens: tokens.toArray(), lookups };
}

describe('linting as a document is edited', () => {
  it('changedRange finds the one range that differs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.string({ maxLength: 600 }), (a, b) => {
        const range = changedRange(a, b);
        if (a === b) return assert.equal(range, undefined);
        const { start, oldEnd, newEnd } = range!;
        assert.equal(a.slice(0, start) + b.slice(start, newEnd) + a.slice(oldEnd), b);
        assert.equal(a.length - oldEnd, b.length - newEnd);
      }),
      { numRuns: 300 },
    );
    const long = 'x'.repeat(5000);
    assert.deepEqual(changedRange(long + 'a' + long, long + 'bc' + long), { start: 5000, oldEnd: 5001, newEnd: 5002 });
  });

  it('a patched parse is the parse of the edited text', () => {
    let patched = 0;
    let edits = 0;
    fc.assert(
      fc.property(base, fc.array(edit, { minLength: 1, maxLength: 12 }), (text, steps) => {
        let parsed = parseInstance(text);
        let current = text;
        for (const step of steps) {
          current = apply(current, step);
          edits++;
          const patch = patchParse(parsed, current);
          const fresh = parseInstance(current);
          if (patch) {
            patched++;
            assert.deepEqual(comparable(patch), comparable(fresh));
          }
          parsed = patch ?? fresh;
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(patched > edits / 6, `only ${patched} of ${edits} edits were patched: the suite no longer tests patching`);
  });

  it('DocumentLinter finds what lintInstanceText finds, edit after edit', () => {
    let patched = 0;
    let edits = 0;
    fc.assert(
      fc.property(base, fc.array(edit, { minLength: 1, maxLength: 12 }), (text, steps) => {
        const linter = new DocumentLinter();
        let current = text;
        assert.deepEqual(linter.lint(current), lintInstanceText(current));
        for (const step of steps) {
          current = apply(current, step);
          edits++;
          assert.deepEqual(linter.lint(current), lintInstanceText(current));
          if (linter.patched) patched++;
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(patched > edits / 6, `only ${patched} of ${edits} edits were patched`);
  });

  it('parses again when a curly quote typed into a string of a broken file may be a delimiter', () => {
    const text = '{"a": "b ,c", "d": "e';
    const typed = text.replace('b ,', 'b ”,');
    const linter = new DocumentLinter();
    linter.lint(text);
    const found = linter.lint(typed);
    assert.equal(linter.patched, false);
    assert.deepEqual(found, lintInstanceText(typed));
    assert.ok(found.some((d) => d.rule === 'smart-quotes'));
  });

  it('patches keystrokes in a large file, and parses again on any other edit', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => `    "setting.${i}": "value ${i}"`).join(',\n');
    const text = `{\n  "element": {"key": "xero"},\n  "name": "Big",\n  "configuration": {\n${entries}\n  }\n}\n`;
    const linter = new DocumentLinter();
    linter.lint(text);
    const typed = text.replace('"value 1000"', '"value 1000x"');
    assert.deepEqual(linter.lint(typed), lintInstanceText(typed));
    assert.equal(linter.patched, true);
    const renamed = typed.replace('"setting.5"', '"setting.4"');
    assert.deepEqual(linter.lint(renamed), lintInstanceText(renamed));
    assert.equal(linter.patched, true);
    assert.match(linter.lint(renamed).find((d) => d.rule === 'syntax')?.message ?? '', /Duplicate key "setting.4"/);
    const quoted = renamed.replace('"value 7"', '"value" 7"');
    assert.deepEqual(linter.lint(quoted), lintInstanceText(quoted));
    assert.equal(linter.patched, false);
  });
});
