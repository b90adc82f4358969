/** A malformed JSON body is described in fixed words and numbers: nothing of it comes back. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/emulator/base/http';
import { JSON_SYNTAX_REASONS, parseJsonBody } from '../../../src/emulator/base/jsonBody';

const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const REPLY = new RegExp(
  `^The request body is not valid JSON: (?:${JSON_SYNTAX_REASONS.map(escape).join('|')})` +
    '(?: at position \\d+ \\(line \\d+, column \\d+\\))?\\.' +
    '(?: It contains curly quotes \\(“ ”\\); JSON needs straight quotes \\("\\)\\.)?$',
);

function rejectionOf(text: string): string | undefined {
  try {
    parseJsonBody(text);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    return error.message;
  }
}

/** Bodies that are almost JSON: a valid document with a secret spliced in somewhere. */
const almostJson = fc
  .tuple(fc.json({ maxDepth: 3 }), fc.string({ minLength: 1, maxLength: 40 }), fc.nat())
  .map(([json, secret, at]) => {
    const cut = at % (json.length + 1);
    return json.slice(0, cut) + secret + json.slice(cut);
  });

describe('emulator: malformed JSON bodies are never quoted back', () => {
  it('the engine quotes the input; the emulator does not (the reported defect)', () => {
    const body = '{"configuration": {"oauth.api.secret": s3cr3tv4lue}}';
    const message = rejectionOf(body)!;
    assert.equal(message, 'The request body is not valid JSON: unexpected character at position 39 (line 1, column 40).');
    assert.equal(rejectionOf('s3cr3tv4lue-with-more'), 'The request body is not valid JSON: unexpected character at position 0 (line 1, column 1).');
    assert.equal(rejectionOf('"unterminated s3cr3t'), 'The request body is not valid JSON: unterminated string at position 20 (line 1, column 21).');
  });

  it('property: every rejection is fixed words and numbers only (arbitrary text, unicode, almost-JSON)', () => {
    const bodies = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), almostJson);
    fc.assert(
      fc.property(bodies, (text) => {
        const message = rejectionOf(text);
        if (message === undefined || text.trim() === '') return;
        assert.match(message, REPLY);
      }),
      { numRuns: 600 },
    );
  });
});
