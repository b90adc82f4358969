/** Inputs for the instance-file property suites: JSON-like noise, and mutations of real instance files. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import { renderTemplate } from '../../../src/core/instanceFile/template';
import { fixture, fixturesDir } from '../helpers';

/** The documentation's examples (`test/fixtures/seeds/`), verbatim. */
export const SEEDS: readonly string[] = readdirSync(join(fixturesDir, 'seeds'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => fixture(`seeds/${name}`));

/** The template of every flow of every catalog element. */
export const TEMPLATES: readonly string[] = catalog.elements.flatMap((element) => element.flows.map((flow) => renderTemplate(element, flow)));

/** Pieces that make the parser and the rules take their less common paths. */
const PIECES = [
  '{', '}', '[', ']', ':', ',', '"', '"', '"', ' ', '\n', '\r\n', '\r', '\t',
  'true', 'True', 'null', 'false', '1', '-', '-1.5e+3', '0', '1.', '1e', '.', ';', "'",
  '/', '//', '/*', '*/', '\\', '\\"', '\\u12', '\\u00e9', '\\x', 'a', 'key', 'xero', 'element', 'name',
  'configuration', 'providerData', 'tags', 'externalAuthentication', 'initial', 'code', 'oauth.api.key',
  '“', '”', '‘', '’', '„', '«', '»', '＂', '\u0000', '\u0001', '\uFEFF', '\uD800', '\uDC00', '😀', 'é',
  '<INSERT_X>', '${keychain:a}', 'https;//x.example.com', 'your_mom', '__proto__', 'constructor',
];

/** Short texts made of JSON pieces: nearly every path through the parser. */
export const jsonishText: fc.Arbitrary<string> = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/** One character of interest: delimiters, quotes of every kind, control characters, surrogates. */
const interestingChar = fc.oneof(
  fc.constantFrom(...PIECES.filter((piece) => piece.length <= 2)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // delete a character or a short run
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + text.slice(start + length);
  }),
  // insert a character
  fc.tuple(fc.nat(), interestingChar).map(([at, char]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + char + text.slice(start);
  }),
  // duplicate a run
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start + length) + text.slice(start, start + length) + text.slice(start + length);
  }),
  // replace every straight quote of a line with curly ones (a paste from a word processor)
  fc.nat().map((at): Mutation => (text) => {
    const lines = text.split('\n');
    const index = at % lines.length;
    let count = 0;
    lines[index] = lines[index]!.replace(/"/g, () => (count++ % 2 === 0 ? '“' : '”'));
    return lines.join('\n');
  }),
);

/** A text of `texts` with one to six mutations. */
export function mutated(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([text, mutations]) => mutations.reduce((current, mutate) => mutate(current), text));
}
