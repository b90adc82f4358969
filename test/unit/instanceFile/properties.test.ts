/**
 * Property suites: the linter and `fix` against arbitrary text, mutated instance files and hostile
 * shapes (deep nesting, huge strings, lone surrogates, BOM, NUL, CR/CRLF). Bounded to a few seconds.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LintDiagnostic } from '../../../src/core/instanceFile/diagnostics';
import type { Fix } from '../../../src/core/instanceFile/findings';
import { fixInstanceText } from '../../../src/core/instanceFile/fix';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { applyEdits } from '../../../src/core/instanceFile/text';
import { fixture, timed } from '../helpers';
import { jsonishText, mutated, SEEDS, TEMPLATES } from './arbitraries';
import { dataOf, mixedQuotes, personReading } from './mixedQuotes';

/** Far above what a lint of a few kilobytes takes (well under a millisecond), to catch runaway time, not noise. */
const SMALL_INPUT_BOUND_MS = 250;

function assertInside(text: string, diagnostics: readonly LintDiagnostic[]): void {
  const inside = (offset: number, length: number) =>
    Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= text.length;
  const checked = new Set<Fix>();
  for (const d of diagnostics) {
    assert.ok(inside(d.offset, d.length), `${d.rule} "${d.message}" at ${d.offset}+${d.length} of ${text.length}`);
    for (const fix of d.fixes) {
      if (checked.has(fix)) continue;
      checked.add(fix);
      for (const edit of fix.edits) assert.ok(inside(edit.offset, edit.length), `fix "${fix.title}" edits ${edit.offset}+${edit.length} of ${text.length}`);
      if (fix.edits.length > 1) applyEdits(text, fix.edits); // its edits do not overlap each other
    }
  }
}

/** Lints and fixes without throwing, in bounded time, with every range inside the document. */
function lintsSafely(text: string, bound = SMALL_INPUT_BOUND_MS): void {
  assertInside(text, timed(bound, 'lint', () => lintInstanceText(text)));
  const fixed = timed(bound * 4, 'fix', () => fixInstanceText(text));
  assertInside(fixed.text, fixed.diagnostics);
}

const at = (text: string, position: number) => position % (text.length + 1);
const insertAt = (text: string, position: number, piece: string) => text.slice(0, at(text, position)) + piece + text.slice(at(text, position));

describe('instance-file linter properties', () => {
  describe('never throws, stays fast, and keeps every diagnostic and fix inside the document', () => {
    it('on arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => lintsSafely(text)), { numRuns: 300 });
    });

    it('on JSON-like noise', () => {
      fc.assert(fc.property(jsonishText, (text) => lintsSafely(text)), { numRuns: 1500 });
    });

    it('on mutations (delete, insert, duplicate, curly quotes) of the seed fixtures', () => {
      fc.assert(fc.property(mutated(SEEDS), (text) => lintsSafely(text)), { numRuns: 1500 });
    });

    it('on mutations of the catalog templates', () => {
      fc.assert(fc.property(mutated(TEMPLATES), (text) => lintsSafely(text)), { numRuns: 1500 });
    });

    it('with lone surrogates, a BOM, NUL, CR and CRLF anywhere in a seed', () => {
      const hostile = fc.constantFrom('\uD800', '\uDFFF', '\uFEFF', '\u0000', '\r', '\r\n', '\u2028', '\u00A0');
      fc.assert(
        fc.property(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 5 }), (seed, inserts) =>
          lintsSafely(inserts.reduce((text, [position, piece]) => insertAt(text, position, piece), seed)),
        ),
        { numRuns: 300 },
      );
      for (const seed of SEEDS) lintsSafely('\uFEFF' + seed.replace(/\n/g, '\r\n'));
    });

    it('at 10,000 levels of nesting, closed or not, anywhere in the file', () => {
      const depth = 10_000;
      const shapes = [
        '['.repeat(depth) + ']'.repeat(depth),
        '['.repeat(depth),
        '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        '{"a":'.repeat(depth),
        `{"element": {"key": "xero"}, "name": "n", "configuration": ${'{"k":['.repeat(depth / 2)}"v"${']}'.repeat(depth / 2)}}`,
        `{"element": {"key": "xero"}, "name": "n", "tags": ${'['.repeat(depth)}`,
        '[{'.repeat(depth / 2) + '}]'.repeat(depth / 2),
      ];
      for (const text of shapes) lintsSafely(text, 2000);
    });

    describe('with huge strings, keys and values', () => {
      const huge = 'x'.repeat(1_000_000);
      const shapes: Array<[string, string]> = [
        ['a huge element key', `{"element": {"key": "${huge}"}, "name": "n", "configuration": {}}`],
        ['huge values and a huge configuration key', `{"element": {"key": "xero"}, "name": "${huge}", "configuration": {"${huge}": "v", "oauth.callback.url": "${huge}"}}`],
        ['a huge top-level key', `{"${huge}": {"key": "xero"}, "name": "n", "configuration": {}}`],
        ['a huge unterminated string', `{"element": {"key": "xero"}, "name": "${huge}`],
        ['a huge string of curly quotes and delimiters', `{"element": {"key": "xero"}, "name": "“${'a“b”, '.repeat(100_000)}", "configuration": {}}`],
        ['200,000 curly quotes', '“'.repeat(200_000)],
        ['200,000 comment openers', '/*'.repeat(200_000)],
        ['100,000 open objects of keys', '{'.repeat(100_000) + '"a" '.repeat(100_000)],
      ];
      // One test per shape: the eight in one test took over mocha's 10 s beside other work on the machine.
      for (const [name, text] of shapes) it(name, () => lintsSafely(text, 4000));
    });
  });

  describe('fix', () => {
    const anyText = fc.oneof(jsonishText, mutated(SEEDS), mutated(TEMPLATES));

    it('is idempotent', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const once = fixInstanceText(text).text;
          assert.equal(fixInstanceText(once).text, once);
        }),
        { numRuns: 1000 },
      );
    });

    /** Instance bodies whose strings hold curly quotes followed by delimiters, the shape that fooled the old heuristics. */
    const tricky = fc.string({ unit: fc.constantFrom('“', '”', '‘', '’', '«', '»', '＂', ',', ':', '}', ']', ' ', 'a', '\\', '"', '\n'), maxLength: 12 });
    const parsingInstance = fc
      .record({
        name: tricky,
        configuration: fc.dictionary(tricky, tricky, { maxKeys: 4 }),
        tags: fc.array(tricky, { maxLength: 3 }),
        extra: fc.jsonValue({ maxDepth: 3 }),
      })
      .chain((body) => fc.constantFrom(0, 1, 2, '\t').map((indent) => JSON.stringify({ element: { key: 'xero' }, ...body }, null, indent)));

    it('never changes text that parses, so never its value', () => {
      fc.assert(
        fc.property(fc.oneof(parsingInstance, fc.jsonValue().map((value) => JSON.stringify(value))), (text) => {
          const fixed = fixInstanceText(text).text;
          assert.deepEqual(JSON.parse(fixed), JSON.parse(text));
          assert.equal(fixed, text);
        }),
        { numRuns: 1000 },
      );
      const issue = '{"element":{"key":"xero"},"name":"Called “Acme”, Inc.","configuration":{}}';
      assert.equal(fixInstanceText(issue).text, issue);
    });

    it('straightens only quote characters', () => {
      const quoteFixOnly = (text: string) => {
        const fix = lintInstanceText(text).find((d) => d.rule === 'smart-quotes')?.fixes[0];
        if (!fix) return;
        const fixed = applyEdits(text, fix.edits);
        assert.equal(fixed.length, text.length);
        for (let i = 0; i < text.length; i++) {
          if (fixed[i] !== text[i]) assert.ok(fixed[i] === '"' && /[“”„‟″‘’‚‛′«»＂]/.test(text[i]!), `offset ${i}: ${text[i]} → ${fixed[i]}`);
        }
      };
      fc.assert(fc.property(fc.oneof(mutated(SEEDS), mutated(TEMPLATES), parsingInstance.chain((text) => mutated([text]))), quoteFixOnly), { numRuns: 1000 });
    });

    /** The characters `fixed` changed from `text` are curly quotes made straight. */
    const changesOnlyQuotes = (text: string, fixed: string) => {
      assert.equal(fixed.length, text.length, `${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
      for (let i = 0; i < text.length; i++) {
        if (fixed[i] !== text[i]) assert.ok(fixed[i] === '"' && /[“”„‟″‘’‚‛′«»＂]/.test(text[i]!), `offset ${i}: ${text[i]} → ${fixed[i]}`);
      }
    };

    it('gives back every key and value when every curly quote stands for a straight one, changing only quotes', () => {
      // 1,089 of 101,000 such texts came out valid with keys merged or split (scripts/quote-fix-survey.ts).
      fc.assert(
        fc.property(mixedQuotes(), ({ original, text }) => {
          if (dataOf(text) !== undefined) return; // JSON as typed: curly quotes only inside strings, nothing to fix
          const fixed = fixInstanceText(text).text;
          changesOnlyQuotes(text, fixed);
          assert.deepEqual(dataOf(fixed), dataOf(original), `${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
        }),
        { numRuns: 2000 },
      );
      const issue = '{“”:"","a”:false,“{":""}';
      assert.equal(fixInstanceText(issue).text, '{"":"","a":false,"{":""}');
    });

    it('with curly quotes inside strings too, makes a text parse only with the data a reader sees, never a guess', () => {
      fc.assert(
        fc.property(mixedQuotes({ curlyContent: true }), ({ text }) => {
          if (dataOf(text) !== undefined) return;
          const fixed = fixInstanceText(text).text;
          const data = dataOf(fixed);
          if (data === undefined) return; // not fixed: it could not be sure, or the text has other errors
          const seen = personReading(text);
          if (seen === 'unjudged') return;
          assert.notEqual(seen, 'uncertain', `a guess: ${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
          assert.deepEqual(data, seen, `${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
        }),
        { numRuns: 300 },
      );
    });

    it('keeps a string opened by a straight quote whole when its curly quotes are content', () => {
      const text = '{"element":{"key":"xero"},"name":"Called “Acme”, Inc.", “configuration”: {}}';
      assert.equal(fixInstanceText(text).text, '{"element":{"key":"xero"},"name":"Called “Acme”, Inc.", "configuration": {}}');
    });

    it('takes linear time: 5,000 curly-quoted values in well under a second', () => {
      const file = (values: number) =>
        `{\n  “element”: {“key”: “xero”},\n  “name”: “Acme”,\n  “configuration”: {\n${Array.from({ length: values }, (_, i) => `    “setting.${i}”: “value ${i}”`).join(',\n')}\n  }\n}\n`;
      const text = file(5000);
      const result = timed(1000, 'fixing 5,000 curly-quoted values', () => fixInstanceText(text));
      assert.deepEqual(result.applied, ['Replace curly quotes with straight quotes (20012 edits)']);
      assert.deepEqual(JSON.parse(result.text).configuration['setting.4999'], 'value 4999');
    });
  });

  it('the fixtures still lint as before (a sanity check of the suite\'s helpers)', () => {
    for (const text of [...SEEDS, fixture('lint/smart-quotes.instance.json')]) lintsSafely(text);
  });
});
