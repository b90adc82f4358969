// `npx tsx scripts/quote-fix-survey.ts [count] [seed]`: what `elements-lint --fix` does to JSON
// whose quotes were partly made curly (a survey that prints figures, not a test; the bounded
// property is in test/unit/instanceFile/properties.test.ts). Each input is a valid JSON object
// (`original`) with some of its `"` replaced by typographic quotes. What a person reading it sees
// is defined in test/unit/instanceFile/mixedQuotes.ts (`personReading`, brute force over the
// readings of its curly quotes, with jsonc-parser): when every curly quote stood for a `"`, it is
// `original`. Counted per input that is not JSON as typed: the fix gave back the data the person
// sees (every key and value, repeated keys kept), left the text not parsing, made it parse with
// other data (keys merged or split, values changed: must be 0), or made it parse where the person
// could not be sure either (a guess: must be 0).
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { fixInstanceText } from '../src/core/instanceFile/fix';
import { dataOf, MAX_CURLY_QUOTES_READ, mixedQuotes, personReading } from '../test/unit/instanceFile/mixedQuotes';
import type { MixedQuotes } from '../test/unit/instanceFile/mixedQuotes';

const count = Number(process.argv[2] ?? 101_000);
const seed = Number(process.argv[3] ?? 20261201);

function survey(name: string, inputs: readonly MixedQuotes[]): number {
  const tally = { validAsTyped: 0, unjudged: 0, restored: 0, notParsing: 0, otherData: 0, guessed: 0, otherThanOriginal: 0, notOnlyQuotes: 0 };
  const examples: string[] = [];
  for (const { original, text } of inputs) {
    if (dataOf(text) !== undefined) {
      tally.validAsTyped++;
      continue;
    }
    const seen = personReading(text);
    if (seen === 'unjudged') {
      tally.unjudged++;
      continue;
    }
    const fixed = fixInstanceText(text).text;
    const data = dataOf(fixed);
    if (fixed.length !== text.length || [...fixed].some((c, i) => c !== text[i] && !(c === '"' && /[“”„‟″‘’‚‛′«»＂]/.test(text[i]!)))) tally.notOnlyQuotes++;
    if (data === undefined) {
      tally.notParsing++;
      continue;
    }
    if (!isDeepStrictEqual(data, dataOf(original))) tally.otherThanOriginal++;
    if (seen !== 'uncertain' && isDeepStrictEqual(data, seen)) {
      tally.restored++;
      continue;
    }
    if (seen === 'uncertain') tally.guessed++;
    else tally.otherData++;
    if (examples.length < 3) examples.push(`${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
  }
  const judged = inputs.length - tally.validAsTyped - tally.unjudged;
  console.log(`${name}: ${inputs.length} inputs; ${tally.validAsTyped} are JSON as typed (nothing to fix)${tally.unjudged ? `, ${tally.unjudged} have over ${MAX_CURLY_QUOTES_READ} curly quotes (not judged)` : ''}; of the other ${judged}:`);
  console.log(`  ${tally.restored} fixed to the data a reader sees`);
  console.log(`  ${tally.notParsing} left not parsing (the fix was not sure, or not applied)`);
  console.log(`  ${tally.otherData} made valid with other data than a reader sees`);
  console.log(`  ${tally.guessed} made valid where a reader could not be sure either`);
  console.log(`  (${tally.otherThanOriginal} made valid with other data than the original; ${tally.notOnlyQuotes} changed more than quote characters)`);
  for (const example of examples) console.log(`  e.g. ${example}`);
  return tally.otherData + tally.guessed;
}

console.log(`seed ${seed}, ${count} inputs per kind`);
const started = Date.now();
// Curly quotes only where a `"` was: a reader sees `original`.
const delimitersOnly = survey('curly quotes for straight ones', fc.sample(mixedQuotes(), { seed, numRuns: count }));
// Curly quotes inside strings too (`"Called “Acme”, Inc."`): a reader may not be sure either.
const withContent = survey('and curly quotes inside strings', fc.sample(mixedQuotes({ curlyContent: true }), { seed: seed + 1, numRuns: count }));
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = delimitersOnly + withContent > 0 ? 1 : 0;
