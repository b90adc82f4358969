import assert from 'node:assert/strict';
import type { Fix } from '../../../src/core/instanceFile/findings';
import { fixInstanceText } from '../../../src/core/instanceFile/fix';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { applyEdits } from '../../../src/core/instanceFile/text';
import { fixture } from '../helpers';

function quickFix(text: string, rule: string, title?: RegExp): Fix {
  const fixes = lintInstanceText(text)
    .filter((d) => d.rule === rule)
    .flatMap((d) => d.fixes);
  const fix = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(fix, `a ${rule} fix${title ? ` matching ${title}` : ''}`);
  return fix;
}

const apply = (text: string, fix: Fix) => applyEdits(text, fix.edits);
const errorsOf = (text: string) => lintInstanceText(text).filter((d) => d.severity === 'error');

describe('fixes', () => {
  describe('safe fixes (elements-lint --fix)', () => {
    it('straightens every delimiter quote in one fix and changes nothing else', () => {
      const result = fixInstanceText(fixture('lint/smart-quotes.instance.json'));
      assert.equal(result.text, fixture('lint/valid.instance.json'));
      assert.deepEqual(result.applied, ['Replace curly quotes with straight quotes (10 edits)']);
      assert.deepEqual(result.diagnostics, []);
    });

    it('inserts the seed page\'s missing comma and leaves "your_mom" for a person to decide', () => {
      const page = fixture('seeds/xero-oauth1.page.json');
      const result = fixInstanceText(page);
      assert.equal(result.text, page.replace('"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>"\n', '"<SECRET_RETURNED_IN_OAUTH_EXCHANGE>",\n'));
      assert.deepEqual(result.applied, ['Insert missing comma']);
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule), ['required-key']);
    });

    it('fixes curly quotes and the comma they hid in one run', () => {
      const text = '{\n  “element”: {“key”: “xero”}\n  “name”: “Acme”\n}\n';
      const result = fixInstanceText(text);
      assert.equal(result.text, '{\n  "element": {"key": "xero"},\n  "name": "Acme"\n}\n');
      assert.deepEqual(result.applied, ['Replace curly quotes with straight quotes (10 edits)', 'Insert missing comma']);
    });

    it('straightens curly quotes only when they can be read one way, and then never merges keys', () => {
      // Read as `a”:false,“{` the middle was one key; a reader sees three.
      assert.equal(fixInstanceText('{“”:"","a”:false,“{":""}').text, '{"":"","a":false,"{":""}');
      // Here `“’”` is the key ’, or `”:{},“’` is one key: not certain, so not fixed, not even the comma.
      for (const text of ['{“”:{},“’”:0}', '{“”:{},“’”:0\n"b": 1}']) {
        const result = fixInstanceText(text);
        assert.equal(result.text, text);
        assert.deepEqual(result.applied, []);
        const quotes = result.diagnostics.filter((d) => d.rule === 'smart-quotes');
        assert.ok(quotes.length > 0);
        for (const { fixes, message } of quotes) {
          assert.match(message, /not certain here, so they are not fixed automatically/);
          assert.deepEqual(fixes.map(({ title, safe, preferred }) => ({ title, safe, preferred })), [
            { title: 'Replace curly quotes with straight quotes (a guess: check every key and value)', safe: false, preferred: false },
          ]);
        }
        assert.ok(result.diagnostics.every((d) => d.fixes.every((fix) => !fix.safe)), 'no safe fix built on a guess');
      }
      const comma = lintInstanceText('{“”:{},“’”:0\n"b": 1}').flatMap((d) => d.fixes).find((fix) => fix.title === 'Insert missing comma');
      assert.equal(comma?.safe, false);
    });

    it('does not apply fixes that need a person: trailing commas, comments, renames, values', () => {
      for (const file of ['syntax-trailing-comma', 'syntax-comment', 'syntax-dot', 'syntax-unterminated', 'url', 'value-type', 'unknown-element']) {
        const text = fixture(`lint/${file}.instance.json`);
        assert.equal(fixInstanceText(text).text, text, file);
      }
    });

    it('preserves CRLF line endings and a byte-order mark', () => {
      const text = '\uFEFF{\r\n  "element": {"key": "xero"}\r\n  "name": "x"\r\n}\r\n';
      assert.equal(fixInstanceText(text).text, '\uFEFF{\r\n  "element": {"key": "xero"},\r\n  "name": "x"\r\n}\r\n');
    });
  });

  describe('quick fixes', () => {
    it('renames "your_mom" to "element"', () => {
      const fixed = apply(fixInstanceText(fixture('seeds/xero-oauth1.page.json')).text, quickFix(fixInstanceText(fixture('seeds/xero-oauth1.page.json')).text, 'required-key'));
      assert.equal(fixed, fixture('seeds/xero-oauth1.instance.json'));
    });

    it('missing required keys without a documented default: no fix writes a placeholder (the editor asks for them)', () => {
      const text = fixture('lint/required-key.instance.json');
      const finding = lintInstanceText(text).find((d) => d.rule === 'required-key' && /configuration/.test(d.message))!;
      assert.deepEqual(finding.fixes, []);
      assert.deepEqual(finding.data, { path: ['configuration'], missing: ['oauth.api.secret', 'oauth.callback.url'] });
    });

    it('missing required keys with a documented default (or fixed by the flow): added with that value, in the file\'s indentation, nothing flagged after', () => {
      const text = '{\n  "element": {"key": "quickbooks"},\n  "providerData": {"code": "${keychain:c}", "realmId": "1"},\n  "configuration": {\n    "oauth.api.key": "${keychain:k}",\n    "oauth.api.secret": "${keychain:s}",\n    "oauth.callback.url": "https://app.example.com/cb"\n  },\n  "name": "n"\n}\n';
      // (The scope has a documented default too, so it is not required: nothing to add for it.)
      const fixed = apply(text, quickFix(text, 'required-key', /^Add "authentication\.type" with its documented default$/));
      assert.ok(fixed.includes('"oauth.callback.url": "https://app.example.com/cb",\n    "authentication.type": "oauth2"\n  }'), fixed);
      assert.deepEqual(lintInstanceText(fixed).filter((d) => d.severity !== 'info'), []);
    });

    it('adds defaults to an empty object', () => {
      const text = '{"element": {"key": "quickbooks"}, "name": "n", "providerData": {"code": "${keychain:c}", "realmId": "1"}, "configuration": {}}';
      const fixed = apply(text, quickFix(text, 'required-key', /^Add "authentication\.type" with its documented default$/));
      assert.deepEqual(JSON.parse(fixed).configuration, { 'authentication.type': 'oauth2' });
    });

    const repairs: Array<[file: string, rule: string]> = [
      ['syntax-trailing-comma', 'syntax'],
      ['syntax-comment', 'syntax'],
      ['syntax-dot', 'syntax'],
      ['syntax-unterminated', 'syntax'],
      ['syntax-stray-brace', 'syntax'],
      ['url', 'url'],
    ];
    for (const [file, rule] of repairs) {
      it(`${file}: the offered fix leaves a file without errors`, () => {
        const text = fixture(`lint/${file}.instance.json`);
        const fixed = apply(text, quickFix(text, rule));
        assert.deepEqual(errorsOf(fixed), []);
        assert.deepEqual(lintInstanceText(fixed).filter((d) => d.rule === rule), []);
      });
    }

    it('quotes a boolean configuration value and wraps a tag string into an array', () => {
      let text = fixture('lint/value-type.instance.json');
      text = apply(text, quickFix(text, 'unquoted-value'));
      text = apply(text, quickFix(text, 'value-type'));
      assert.deepEqual(errorsOf(text), []);
      assert.deepEqual(lintInstanceText(text).filter((d) => d.rule === 'unquoted-value'), []);
      const body = JSON.parse(text);
      assert.equal(body.configuration['xero.partner'], 'true');
      assert.deepEqual(body.tags, ['accounting']);
    });

    it('replaces an unknown element with the suggestion', () => {
      const text = fixture('lint/unknown-element.instance.json');
      assert.equal(JSON.parse(apply(text, quickFix(text, 'unknown-element'))).element.key, 'quickbooks');
    });
  });
});
