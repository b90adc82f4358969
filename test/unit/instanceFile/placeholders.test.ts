import assert from 'node:assert/strict';
import { elementKeyOf, locateValue } from '../../../src/core/instanceFile/locate';
import { remainingPlaceholders } from '../../../src/core/instanceFile/placeholders';
import { fixture } from '../helpers';

describe('placeholders and values in instance files', () => {
  it('names every value that is still a placeholder', () => {
    assert.deepEqual(remainingPlaceholders(JSON.parse(fixture('seeds/xero-oauth1.instance.json'))), [
      'name',
      'configuration "oauth.api.key"',
      'configuration "oauth.api.secret"',
      'configuration "oauth.callback.url"',
      'providerData "oauth_token"',
      'providerData "oauth_verifier"',
      'providerData "secret"',
      'providerData "org"',
    ]);
    assert.deepEqual(remainingPlaceholders({ element: { key: '<INSERT_ELEMENT_KEY>' }, name: 'n', configuration: {}, tags: ['ok', '<INSERT_TAGS>'] }), ['element.key', 'tags[1]']);
    assert.deepEqual(remainingPlaceholders(JSON.parse(fixture('lint/valid.instance.json'))), []);
    assert.deepEqual(remainingPlaceholders('not an object'), []);
  });

  it('locates a configuration or providerData string and the element key, curly quotes or not', () => {
    const text = fixture('lint/plain-secret.instance.json');
    const located = locateValue(text, 'configuration', 'oauth.user.token')!;
    assert.equal(located.value, 'qyprdlGChtClXwBpAw1vm1fJSC3mQqS3dGX0PPphEzNEUI9s');
    assert.equal(text.slice(located.offset, located.offset + located.length), `"${located.value}"`);
    assert.equal(elementKeyOf(text), 'quickbooks');
    assert.equal(locateValue(text, 'providerData', 'oauth.user.token'), undefined);
    assert.equal(locateValue('{“configuration”: {“a”: “b”}}', 'configuration', 'a')?.value, 'b');
  });
});
