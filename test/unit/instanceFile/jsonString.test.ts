/**
 * From a character of a JSON string's value back to where the document writes it: a range of the
 * value always maps to whole escapes, so it lands on the characters it names.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJsonString, escapeForJsonString } from '../../../src/core/instanceFile/jsonString';

const SHORT: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One UTF-16 unit written any way JSON allows: itself (where allowed), its short escape, \uXXXX in either case. */
const written = (unit: string): fc.Arbitrary<string> => {
  const code = unit.charCodeAt(0);
  const hex = code.toString(16).padStart(4, '0');
  const ways: fc.Arbitrary<string>[] = [fc.constant(`\\u${hex}`), fc.constant(`\\u${hex.toUpperCase()}`)];
  if (SHORT[unit]) ways.push(fc.constant(SHORT[unit]));
  if (unit !== '"' && unit !== '\\' && code >= 0x20) ways.push(fc.constant(unit), fc.constant(unit), fc.constant(unit));
  return fc.oneof(...ways);
};

/** A value, and a JSON string literal that writes it with every kind of escape. */
const literal = fc
  .string({ unit: fc.oneof(fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u2028', 'é', '😀', '{', '}', '$', "'"), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 })
  .chain((value) => {
    const units = [...Array(value.length).keys()].map((i) => value[i]!);
    return fc.tuple(fc.constant(value), fc.tuple(...units.map(written)).map((parts) => `"${parts.join('')}"`));
  });

describe('JSON string offsets', () => {
  it('decodes any literal as JSON.parse does', () => {
    fc.assert(
      fc.property(literal, ([value, source]) => {
        const map = decodeJsonString(source, { offset: 0, length: source.length });
        assert.ok(map);
        assert.equal(map.value, value);
        assert.equal(JSON.parse(source), value);
      }),
      { numRuns: 1000 },
    );
  });

  it('maps any range of the value to the source that writes exactly those characters', () => {
    fc.assert(
      fc.property(literal, fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), ([value, source], a, b, before) => {
        // Inside a document: the literal after some text, as a value sits after its key.
        const document = `${JSON.stringify(before)}: ${source}`;
        const start = document.length - source.length;
        const map = decodeJsonString(document, { offset: start, length: source.length })!;
        const from = a % (value.length + 1);
        const to = from + (b % (value.length - from + 1));
        const range = map.source({ offset: from, length: to - from });
        const slice = document.slice(range.offset, range.offset + range.length);
        assert.equal(JSON.parse(`"${slice}"`), value.slice(from, to), `${JSON.stringify(slice)} for [${from}, ${to})`);
        assert.ok(range.offset >= start + 1 && range.offset + range.length <= start + source.length - 1, 'inside the quotes');
      }),
      { numRuns: 1000 },
    );
  });

  it('writes a replacement back so the value changes by exactly that replacement', () => {
    fc.assert(
      fc.property(literal, fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }), ([value, source], a, b, replacement) => {
        const map = decodeJsonString(source, { offset: 0, length: source.length })!;
        const from = a % (value.length + 1);
        const to = from + (b % (value.length - from + 1));
        const range = map.source({ offset: from, length: to - from });
        const edited = source.slice(0, range.offset) + escapeForJsonString(replacement) + source.slice(range.offset + range.length);
        assert.equal(JSON.parse(edited), value.slice(0, from) + replacement + value.slice(to));
      }),
      { numRuns: 1000 },
    );
  });

  it('maps offsets past the value to its end, and a string without escapes one for one', () => {
    const map = decodeJsonString('x "abc"', { offset: 2, length: 5 })!;
    assert.deepEqual(map.source({ offset: 1, length: 1 }), { offset: 4, length: 1 });
    assert.deepEqual(map.source({ offset: 2, length: 99 }), { offset: 5, length: 1 });
    assert.deepEqual(map.source({ offset: -3, length: 4 }), { offset: 3, length: 1 });
    const escaped = decodeJsonString('"a\\u00e9\\n"', { offset: 0, length: 11 })!;
    assert.equal(escaped.value, 'aé\n');
    assert.deepEqual(escaped.source({ offset: 1, length: 1 }), { offset: 2, length: 6 });
    assert.deepEqual(escaped.source({ offset: 2, length: 1 }), { offset: 8, length: 2 });
  });

  it('refuses what is not one well-formed literal', () => {
    for (const source of ['"abc', 'abc"', '"a\\x"', '"a\\u12"', '"a\\u12g4"', '"a"b"', '"\\"', '"']) {
      assert.equal(decodeJsonString(source, { offset: 0, length: source.length }), undefined, source);
    }
  });
});
