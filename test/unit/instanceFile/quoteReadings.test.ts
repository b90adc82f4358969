import assert from 'node:assert/strict';
import { readQuotes } from '../../../src/core/instanceFile/quoteReadings';
import { isSmartQuoteCode } from '../../../src/core/instanceFile/smartQuotes';
import { timed } from '../helpers';

/** The reading's kind, and the text with the quotes it takes made straight. */
function read(text: string): string {
  const reading = readQuotes(text);
  if (reading.kind !== 'one') return reading.kind;
  const chars = [...text];
  for (const { offset } of reading.quotes) chars[offset] = '"';
  return chars.join('');
}

describe('reading curly quotes as a person would (quoteReadings)', () => {
  it('takes every curly quote as a quote when that reading is JSON', () => {
    assert.equal(read('{“”:"","a”:false,“{":""}'), '{"":"","a":false,"{":""}');
    assert.equal(read('{“a”: “x”, “b”: [“c”, “d”]}'), '{"a": "x", "b": ["c", "d"]}');
    assert.equal(read('[“\\”x”]'), '["\\"x"]'); // an escaped curly quote can only be an escaped quote
  });

  it('allows the mistakes that lose no data: a missing comma, a trailing comma, a comment', () => {
    assert.equal(read('{\n  “a”: 1\n  “b”: [“x”,]\n}'), '{\n  "a": 1\n  "b": ["x",]\n}');
    assert.equal(read('{“a”: 1 /* “note” */, “b”: 2} // “end”'), '{"a": 1 /* “note” */, "b": 2} // “end”');
  });

  it('otherwise takes the only reading that is JSON: curly quotes inside a string stay content', () => {
    assert.equal(read('{"name": "Called “Acme”, Inc.", “tags”: []}'), '{"name": "Called “Acme”, Inc.", "tags": []}');
    assert.equal(read('{"size": "12″ pipe", “a”: 1}'), '{"size": "12″ pipe", "a": 1}');
  });

  it('has no answer when two readings are JSON, or none is', () => {
    assert.equal(read('{“”:{},“’”:0}'), 'several'); // the key ’, or the key ”:{},“’
    assert.equal(read('{“a”: True}'), 'none');
    assert.equal(read('{“a”: “x'), 'none');
    assert.equal(read('{“a”: 1 /* x}'), 'none');
    // With the missing comma allowed, `"12″"` is a value, or `"12"` and the key `, “a`.
    assert.equal(read('{"size": "12″", “a”: 1}'), 'several');
  });

  it('gives up in linear time on a line that can be read a million ways', () => {
    // Each curly quote of [“““… may end a string and open the next (missing commas are allowed).
    const tangled = `[${'“'.repeat(100_000)}`;
    assert.equal(timed(1000, 'reading 100,000 curly quotes', () => read(tangled)), 'none');
    assert.notEqual(timed(1000, 'reading 100,000 curly quotes', () => readQuotes(`${tangled}"]`)).kind, 'one');
    const pasted = `{${Array.from({ length: 20_000 }, (_, i) => `“k${i}”: [“a”, “b”]`).join(', ')}}`;
    assert.equal(timed(1000, 'reading a one-line file of 100,000 curly quotes', () => readQuotes(pasted)).kind, 'one');
  });

  it('knows the same curly quotes as the rest of the linter', () => {
    const pattern = /[“”„‟″‘’‚‛′«»＂]/;
    for (let code = 0; code <= 0xffff; code++) assert.equal(isSmartQuoteCode(code), pattern.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
  });
});
