/** Plain examples of what the property suites found: each was a crash, a wrong edit or a runaway. */
import assert from 'node:assert/strict';
import { fixInstanceText } from '../../../src/core/instanceFile/fix';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { applyEdits } from '../../../src/core/instanceFile/text';
import { fixture, timed } from '../helpers';

const messages = (text: string) => lintInstanceText(text).map((d) => `${d.rule}: ${d.message}`);

describe('instance-file linter on hostile input', () => {
  it('a vandalised element key with a flow that needs providerData: reported at the impostor (was: a crash)', () => {
    const text = '{"your_mom":{"key":"xero"},"name":"n","configuration":{}}';
    const found = lintInstanceText(text).filter((d) => d.rule === 'required-key');
    assert.deepEqual(found.map((d) => [d.offset, d.length]), [[1, 10], [1, 10], [38, 15]]);
    assert.match(found[1]!.message, /^Missing "providerData" for xero \(OAuth 2\)/);
    // …the same on the seed page with "element" mistyped (mutation fuzzing hit this class 462 times in 108k inputs)
    assert.ok(messages(fixture('seeds/xero-oauth2.instance.json').replace('"element"', '"eelement"').replace(/"providerData": \{[^}]*\},/, '')).length > 0);
  });

  it('adds name and configuration to an unterminated "{" inside the document (was: an edit of length -1)', () => {
    const text = '{';
    const adds = lintInstanceText(text).flatMap((d) => d.fixes).filter((fix) => fix.title.startsWith('Add'));
    // The element only the person knows: asked for in the editor, never a placeholder written.
    assert.deepEqual(adds.map((fix) => fix.title), ['Add "name": "New instance"', 'Add an empty "configuration"']);
    for (const fix of adds) {
      assert.deepEqual(fix.edits.map(({ offset, length }) => [offset, length]), [[1, 0]]);
      assert.match(applyEdits(text, fix.edits), /^\{\n {2}"(name|configuration)": /);
    }
    const withEntry = '{"element": {"key": "xero"} ';
    const addName = lintInstanceText(withEntry).flatMap((d) => d.fixes).find((fix) => fix.title.startsWith('Add "name"'))!;
    assert.deepEqual(addName.edits[0], { offset: 27, length: 0, newText: ',\n"name": "Xero (OAuth 2)"' });
  });

  it('an unterminated /* at the end of the file is reported inside the document, as unterminated', () => {
    const text = '{"name": "n"}\n/*';
    const comment = lintInstanceText(text).find((d) => d.rule === 'syntax')!;
    assert.deepEqual([comment.offset, comment.length, comment.message], [14, 2, 'Unterminated comment (and JSON does not allow comments)']);
  });

  it('valid JSON with curly quotes inside a string has no smart-quote findings and no fix (was: "--fix" broke it)', () => {
    const text = '{"element":{"key":"xero"},"name":"Called “Acme”, Inc.","configuration":{}}';
    assert.deepEqual(lintInstanceText(text).filter((d) => d.rule === 'smart-quotes' || d.rule === 'syntax'), []);
    assert.equal(fixInstanceText(text).text, text);
  });

  it('stays linear on a huge unknown element key and on a file of comments (were: edit distance and a walk back per error)', () => {
    for (const text of [`{"element": {"key": "quickbooks${'x'.repeat(200_000)}"}, "name": "n", "configuration": {}}`, '/**/'.repeat(100_000)]) {
      timed(2000, `linting ${text.slice(0, 30)}…`, () => lintInstanceText(text));
    }
  });
});
