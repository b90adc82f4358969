/**
 * Issue 20 item 9: a doubled closing quote (`"s3cr3t""`) got "Insert the closing quote", which
 * made it worse. The class: a string — key or value, in an object or an array — followed by a
 * second quote. Generated from every catalog template and the seed examples: the finding is the
 * stray quote, its fix gives back the file as it was, and nothing on that line offers to insert a
 * quote.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SyntaxKind } from '../../../src/core/instanceFile/syntaxKind';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { parseInstance } from '../../../src/core/instanceFile/parse';
import { applyEdits } from '../../../src/core/instanceFile/text';
import { SEEDS, TEMPLATES } from './arbitraries';

const VALID = [...TEMPLATES, ...SEEDS.filter((text) => lintInstanceText(text).every((finding) => finding.rule !== 'syntax'))];

/** The end offsets of every string token (keys and values) of a valid text. */
function stringEnds(text: string): number[] {
  const { tokens } = parseInstance(text);
  const ends: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens.at(index)!;
    if (token.kind === SyntaxKind.StringLiteral) ends.push(token.offset + token.length);
  }
  return ends;
}

describe('a doubled closing quote (issue 20 item 9)', () => {
  it('the issue\'s example: "Remove the stray quote", never "Insert the closing quote"', () => {
    const text = '{\n  "element": {"key": "xero"},\n  "configuration": {\n    "oauth.api.secret": "s3cr3t"",\n    "oauth.api.key": "k"\n  },\n  "name": "n"\n}\n';
    const syntax = lintInstanceText(text).filter((finding) => finding.rule === 'syntax');
    assert.deepEqual(
      syntax.map((finding) => [finding.message, finding.fixes.map((fix) => fix.title)]),
      [['A doubled quote: the string already ended, remove the stray quote (")', ['Remove the stray quote']]],
    );
    assert.equal(applyEdits(text, syntax[0]!.fixes[0]!.edits), text.replace('"s3cr3t""', '"s3cr3t"'));
  });

  it('after any key or value of any valid file: the fix restores the file, and no quote is offered to be inserted on that line', () => {
    const cases = fc.nat(VALID.length - 1).chain((which) => {
      const text = VALID[which]!;
      const ends = stringEnds(text);
      return fc.record({ text: fc.constant(text), end: fc.constantFrom(...ends) });
    });
    let checked = 0;
    fc.assert(
      fc.property(cases, ({ text, end }) => {
        const broken = text.slice(0, end) + '"' + text.slice(end);
        const findings = lintInstanceText(broken);
        const stray = findings.find((finding) => finding.rule === 'syntax' && finding.offset === end);
        assert.ok(stray, `no finding at the stray quote (${end}) of:\n${broken}`);
        assert.deepEqual(stray.fixes.map((fix) => [fix.title, fix.preferred]), [['Remove the stray quote', true]]);
        assert.equal(applyEdits(broken, stray.fixes[0]!.edits), text);
        const lineEnd = broken.indexOf('\n', end) < 0 ? broken.length : broken.indexOf('\n', end);
        const inserting = findings.filter((finding) => finding.offset >= end && finding.offset <= lineEnd && finding.fixes.some((fix) => /Insert the closing quote/.test(fix.title)));
        assert.deepEqual(inserting, []);
        checked++;
      }),
      { numRuns: 300 },
    );
    assert.ok(checked >= 300);
  });

  it('valid files never get it; two strings side by side in an array are a missing comma, not a stray quote', () => {
    for (const text of VALID) assert.ok(!lintInstanceText(text).some((finding) => /stray quote/.test(finding.message)));
    const side = lintInstanceText('{"tags": ["a""b"]}').filter((finding) => finding.rule === 'syntax');
    assert.deepEqual(side.map((finding) => finding.fixes.map((fix) => fix.title)), [['Insert missing comma']]);
  });
});
