import assert from 'node:assert/strict';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { isPlaceholder } from '../../../src/core/instanceFile/values';
import { fixture, lintAt, summary } from '../helpers';

const lint = (name: string) => lintAt(fixture(`lint/${name}`));
const ofRule = (name: string, rule: string) => lint(name).filter((d) => d.rule === rule);

describe('instance-file rules', () => {
  it('a complete file with keychain references and curly quotes inside strings is clean', () => {
    assert.deepEqual(summary(lint('valid.instance.json')), []);
  });

  describe('smart-quotes', () => {
    it('reports every curly quote used as a delimiter, and only those', () => {
      const found = ofRule('smart-quotes.instance.json', 'smart-quotes');
      assert.deepEqual(summary(found), [
        '2:3 smart-quotes', '2:11 smart-quotes', '3:5 smart-quotes', '3:9 smart-quotes', '3:12 smart-quotes',
        '3:17 smart-quotes', '15:3 smart-quotes', '15:8 smart-quotes', '15:11 smart-quotes', '15:31 smart-quotes',
      ]);
      assert.ok(found.every((d) => d.severity === 'error'));
      assert.match(found[0]!.message, /Curly quote “ where JSON needs a straight quote "/);
    });

    it('still checks the rest of the file as if the quotes were straight', () => {
      assert.deepEqual(lint('smart-quotes.instance.json').filter((d) => d.rule !== 'smart-quotes'), []);
    });

    it('leaves apostrophes and quotes inside a properly quoted string alone', () => {
      assert.deepEqual(lintAt('{"name": "Don’t “quote” me", "element": {"key": "x"}}').filter((d) => d.rule === 'smart-quotes'), []);
    });
  });

  describe('syntax', () => {
    it('syntax.instance.json: the missing comma a copied line leaves, at the end of the line that needs it', () => {
      const found = lint('syntax.instance.json');
      assert.deepEqual(summary(found), ['11:67 syntax']);
      assert.equal(found[0]!.message, 'Missing comma: add "," here, before the entry on line 12');
    });

    it('reports the seed page\'s missing comma at the end of the line that needs it', () => {
      const [missing] = lintAt(fixture('seeds/xero-oauth1.page.json')).filter((d) => d.rule === 'syntax');
      assert.equal(`${missing!.line}:${missing!.column}`, '8:52');
      assert.match(missing!.message, /Missing comma.*line 9/);
      assert.equal(missing!.length, 0);
    });

    const cases: Array<[file: string, at: string, message: RegExp]> = [
      ['syntax-comment.instance.json', '2:33', /does not allow comments/],
      ['syntax-trailing-comma.instance.json', '6:58', /Trailing comma before "}"/],
      ['syntax-dot.instance.json', '4:37', /Unexpected "\." where JSON separates entries with ","/],
      ['syntax-unterminated.instance.json', '4:22', /Unterminated string/],
      ['syntax-stray-brace.instance.json', '11:1', /stray brace/],
      ['syntax-duplicate.instance.json', '10:3', /Duplicate key "name": already defined on line 3/],
    ];
    for (const [file, at, message] of cases) {
      it(`${file}: one error at ${at}`, () => {
        const found = lint(file);
        assert.deepEqual(summary(found), [`${at} syntax`]);
        assert.match(found[0]!.message, message);
      });
    }

    it('reports a missing comma after nested objects and arrays too', () => {
      assert.deepEqual(summary(lintAt('{"element": {"key": "xero"}\n"name": "x", "tags": ["a" "b"]}').filter((d) => d.rule === 'syntax')), [
        '1:28 syntax',
        '2:26 syntax',
      ]);
    });

    it('never echoes a malformed value, which may be a secret', () => {
      const found = lintAt('{"configuration": {"oauth.api.secret": s3cr3tValue}}').filter((d) => d.rule === 'syntax');
      assert.ok(found.length > 0);
      assert.ok(found.every((d) => !d.message.includes('s3cr3tValue')));
    });

    it('reports an empty file and a non-object body', () => {
      assert.deepEqual(summary(lintAt('')), ['1:1 syntax']);
      assert.deepEqual(summary(lintAt('["xero"]')), ['1:1 required-key']);
    });
  });

  describe('required-key', () => {
    it('names the missing keys per element and flow', () => {
      const found = ofRule('required-key.instance.json', 'required-key');
      assert.deepEqual(summary(found), ['1:1 required-key', '5:3 required-key', '10:3 required-key']);
      assert.match(found[0]!.message, /Missing "name"/);
      assert.equal(found[1]!.message, 'Missing required providerData for quickbooks (OAuth 1a): "realmId", "dataSource"');
      assert.equal(found[2]!.message, 'Missing required configuration for quickbooks (OAuth 1a): "oauth.api.secret", "oauth.callback.url"');
    });

    it('reads the flow from the body: the token flow needs the tokens in configuration', () => {
      const found = lintAt('{"element": {"key": "quickbooks"}, "externalAuthentication": "initial", "name": "n", "configuration": {"oauth.api.key": "${keychain:a}"}}')
        .filter((d) => d.rule === 'required-key');
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /quickbooks \(Token based \(quick provision\)\): "oauth.callback.url", "quickbooks.datasource", "quickbooks.realm.id", "oauth.user.token", "oauth.user.token.secret", "oauth.api.secret"/);
    });

    it('asks for providerData when an OAuth-only element has none', () => {
      const found = lintAt('{"element": {"key": "sageoneus"}, "name": "n", "configuration": {"oauth.api.key": "${keychain:a}", "oauth.api.secret": "${keychain:b}", "signature": "${keychain:c}", "oauth.callback.url": "https://a.example.com/cb"}}')
        .filter((d) => d.rule === 'required-key');
      assert.deepEqual(found.map((d) => d.message), ['Missing "providerData" for sageoneus (OAuth 2): the OAuth 2 flow returns "code" after the user authorizes']);
    });

    it('catches the vandalised "your_mom" key of the seed page and names the real one', () => {
      const found = lintAt(fixture('seeds/xero-oauth1.page.json')).filter((d) => d.rule === 'required-key');
      assert.deepEqual(summary(found), ['2:3 required-key']);
      assert.equal(found[0]!.message, 'Missing "element": "your_mom" holds the element key; the API only reads "element"');
    });

    it('is satisfied by every seed template', () => {
      for (const file of ['xero-oauth2', 'xero-oauth1', 'freshbooks-oauth1', 'sageoneus-oauth2', 'quickbooks-oauth1', 'quickbooks-token']) {
        assert.deepEqual(lintAt(fixture(`seeds/${file}.instance.json`)).filter((d) => d.severity === 'error'), [], file);
      }
    });
  });

  describe('unknown-element', () => {
    it('suggests the near miss', () => {
      const [found] = lint('unknown-element.instance.json');
      assert.equal(found!.rule, 'unknown-element');
      assert.equal(found!.message, 'Unknown element "quickbook": did you mean "quickbooks"?');
      assert.equal(found!.fixes[0]!.title, 'Change to "quickbooks"');
    });

    it('maps the documentation\'s mangled key to the real one', () => {
      const [found] = lint('unknown-element-alias.instance.json');
      assert.equal(found!.message, 'Unknown element "FreshBooks Classic": did you mean "freshbooks"?');
    });

    it('accepts every catalog key', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'unknown-element'), []);
    });
  });

  describe('placeholder', () => {
    it('placeholder.instance.json: the documentation\'s placeholder left in one value, named with its field\'s label', () => {
      const found = lint('placeholder.instance.json');
      assert.deepEqual(summary(found), ['9:22 placeholder']);
      assert.equal(found[0]!.message, '"oauth.api.key" is still the placeholder "<INSERT_XERO_CONSUMER_KEY>": replace it with your Client ID');
    });

    it('warns about every placeholder left in a documentation template, with the field\'s label', () => {
      const found = lintAt(fixture('seeds/xero-oauth2.instance.json')).filter((d) => d.rule === 'placeholder');
      assert.deepEqual(summary(found), ['6:13 placeholder', '9:22 placeholder', '10:25 placeholder', '11:27 placeholder', '14:11 placeholder']);
      assert.ok(found.every((d) => d.severity === 'warning'));
      assert.equal(found[1]!.message, '"oauth.api.key" is still the placeholder "<INSERT_XERO_CONSUMER_KEY>": replace it with your Client ID');
      assert.match(found[0]!.message, /"Code on Return the URL"/);
      assert.match(found[3]!.message, /mycoolapp\.com/);
    });

    it('does not treat keychain references or real values as placeholders', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'placeholder'), []);
    });
  });

  describe('value-type', () => {
    it('wants an array of tags, with a fix; a boolean flag written as true is no error', () => {
      const found = ofRule('value-type.instance.json', 'value-type');
      assert.deepEqual(summary(found), ['10:11 value-type']);
      assert.deepEqual(found[0]!.fixes[0]!.edits[0]!.newText, '["accounting"]');
    });

    it('wants a value that fits its field, whether written as a string or not', () => {
      const base = fixture('lint/valid.instance.json');
      const messages = (text: string): string[] => lintAt(text).filter((d) => d.rule === 'value-type').map((d) => d.message);
      assert.deepEqual(messages(base.replace('"xero.partner": "true"', '"xero.partner": 1')), ['"xero.partner" must be "true" or "false"']);
      assert.deepEqual(messages(base.replace('"xero.partner": "true"', '"xero.partner": null')), ['Configuration values are strings: "xero.partner" must be a string']);
      assert.deepEqual(messages(base.replace('"xero.partner": "true"', '"xero.partner": {"a": "b"}')), ['Configuration values are strings: "xero.partner" must be a string']);
      assert.deepEqual(messages(base.replace(/"oauth\.callback\.url": "[^"]*"/, '"oauth.callback.url": 8080')), ['"oauth.callback.url" must be a URL string']);
    });

    it('checks flag values against the catalog', () => {
      const found = lintAt(fixture('lint/valid.instance.json').replace('"xero.partner": "true"', '"xero.partner": "yes"')).filter((d) => d.rule === 'value-type');
      assert.deepEqual(found.map((d) => d.message), ['"xero.partner" must be "true" or "false"']);
    });

    it('accepts well-typed files', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'value-type'), []);
    });
  });

  describe('unquoted-value', () => {
    it('unquoted-value.instance.json: a boolean flag written unquoted, and nothing else', () => {
      const found = lint('unquoted-value.instance.json');
      assert.deepEqual(summary(found), ['12:21 unquoted-value']);
      assert.equal(found[0]!.severity, 'info');
    });

    it('says what the API stores for a number or boolean, as information, with the quoting fix', () => {
      const found = ofRule('value-type.instance.json', 'unquoted-value');
      assert.deepEqual(summary(found), ['8:21 unquoted-value']);
      assert.equal(found[0]!.severity, 'info');
      assert.equal(found[0]!.message, '"xero.partner": true is accepted and stored as the string "true"; quote it to write what the API returns');
      assert.deepEqual(found[0]!.fixes[0]!.edits, [{ offset: found[0]!.offset, length: 4, newText: '"true"' }]);
    });

    it('leaves strings, and values outside configuration, to the other rules', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'unquoted-value'), []);
      const text = fixture('lint/valid.instance.json').replace('"name": ', '"name": 12, "n": ');
      assert.deepEqual(lintAt(text).filter((d) => d.rule === 'unquoted-value'), []);
    });
  });

  describe('url', () => {
    it('catches the documentation\'s https;// typo and offers the repair', () => {
      const [found] = ofRule('url.instance.json', 'url');
      assert.equal(found!.message, '"oauth.callback.url" is not a valid URL: did you mean "https://www.acme.example.com/auth"?');
      assert.equal(found!.severity, 'warning');
      assert.equal(found!.fixes[0]!.edits[0]!.newText, '"https://www.acme.example.com/auth"');
    });

    it('accepts valid http(s) URLs', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'url'), []);
    });
  });

  describe('plain-secret', () => {
    it('warns about a real secret but not about placeholders or keychain references', () => {
      const found = ofRule('plain-secret.instance.json', 'plain-secret');
      assert.deepEqual(summary(found), ['7:25 plain-secret']);
      assert.deepEqual(found[0]!.data, { path: ['configuration', 'oauth.user.token'] });
      assert.ok(!found[0]!.message.includes('qyprd'), 'the message does not repeat the secret');
    });

    it('stays quiet on a file that keeps its secrets in the keychain', () => {
      assert.deepEqual(ofRule('valid.instance.json', 'plain-secret'), []);
    });

    it('warns about the event signature key written in plain text, the docs\' sample key included', () => {
      const text = fixture('lint/event-callback.instance.json').replace('"${keychain:sageoneus.event.notification.signature.key}"', '"MySecretEventSignatureKey"');
      const found = lintAt(text).filter((d) => d.rule === 'plain-secret');
      assert.deepEqual(summary(found), ['16:41 plain-secret']);
      assert.deepEqual(found[0]!.data, { path: ['configuration', 'event.notification.signature.key'] });
      assert.ok(!found[0]!.message.includes('MySecret'), 'the message does not repeat the key');
    });
  });

  describe('unknown-key', () => {
    it('unknown-key.instance.json: a misspelt optional configuration key and a misspelt property, each with the likely intent', () => {
      assert.deepEqual(lint('unknown-key.instance.json').map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`), [
        '12:5 unknown-key Unknown configuration key "xero.partnr": did you mean "xero.partner"?',
        '14:3 unknown-key Unknown property "tag": did you mean "tags"?',
      ]);
    });

    it('flags a misspelt configuration key and top-level property with the likely intent', () => {
      const text = fixture('lint/valid.instance.json').replace('"oauth.api.secret"', '"oauth.api.secrte"').replace('"tags"', '"tag"');
      const found = lintAt(text).filter((d) => d.rule === 'unknown-key');
      assert.deepEqual(found.map((d) => d.message), [
        'Unknown configuration key "oauth.api.secrte": did you mean "oauth.api.secret"?',
        'Unknown property "tag": did you mean "tags"?',
      ]);
    });

    it('does not flag extra settings the catalog does not list', () => {
      const text = fixture('lint/valid.instance.json').replace('"xero.partner": "true"', '"xero.partner": "true", "event.notification.enabled": "false"');
      assert.deepEqual(lintAt(text).filter((d) => d.rule === 'unknown-key'), []);
    });
  });

  describe('event-callback', () => {
    it('catches the element pages\' mix-up: the platform\'s own inbound /events URL as the callback', () => {
      const found = ofRule('event-callback.instance.json', 'event-callback');
      assert.deepEqual(summary(found), ['15:40 event-callback']);
      assert.equal(found[0]!.severity, 'warning');
      assert.match(found[0]!.message, /is the platform's own inbound URL for provider webhooks \(…\/elements\/api-v2\/events\/\{elementKey\}\)/);
      assert.deepEqual(lint('event-callback.instance.json').filter((d) => d.rule !== 'event-callback'), [], 'the rest of the file is clean');
    });

    it('wants a callback URL where events are enabled, in configuration or at the top level, with a fix adding one', () => {
      const base = fixture('lint/event-callback.instance.json');
      const without = base.replace(/\n {4}"event\.notification\.callback\.url": "[^"]*",/, '');
      const [missing] = lintAt(without).filter((d) => d.rule === 'event-callback');
      assert.equal(missing!.message, 'Events are enabled, and there is no "event.notification.callback.url": the platform has no URL to deliver them to. Add your app\'s https URL');
      assert.equal(without.slice(missing!.offset, missing!.offset + missing!.length), '"true"');
      assert.match(missing!.fixes[0]!.edits[0]!.newText, /"event\.notification\.callback\.url": "<INSERT_EVENT_NOTIFICATION_CALLBACK_URL>"/);
      assert.equal(missing!.fixes[0]!.safe, false);
      const empty = base.replace(/("event\.notification\.callback\.url": )"[^"]*"/, '$1""');
      assert.equal(lintAt(empty).filter((d) => d.rule === 'event-callback').length, 1);
      const top = lintAt('{"element": {"key": "xero"}, "name": "n", "eventsEnabled": true, "configuration": {}}').filter((d) => d.rule === 'event-callback');
      assert.deepEqual(summary(top), ['1:60 event-callback']);
      const off = without.replace('"event.notification.enabled": "true"', '"event.notification.enabled": "false"');
      assert.deepEqual(lintAt(off).filter((d) => d.rule === 'event-callback'), []);
    });

    it('wants https, except to this machine, and offers the https URL', () => {
      const withUrl = (url: string) => lintAt(fixture('lint/event-callback.instance.json').replace(/("event\.notification\.callback\.url": )"[^"]*"/, `$1${JSON.stringify(url)}`)).filter((d) => d.rule === 'event-callback');
      const [insecure] = withUrl('http://hooks.acme.example.com/events');
      assert.match(insecure!.message, /is http: the platform would post each event, and its signature, unencrypted/);
      assert.equal(insecure!.fixes[0]!.edits[0]!.newText, '"https://hooks.acme.example.com/events"');
      for (const url of ['https://hooks.acme.example.com/events', 'http://localhost:3000/events', 'http://127.0.0.1:8787/cb', 'http://[::1]:9/x', 'http://receiver.localhost/x']) {
        assert.deepEqual(withUrl(url), [], url);
      }
      assert.equal(withUrl('http://127.0.0.1:8787/elements/api-v2/events/sageoneus').length, 1, 'the emulator\'s inbound URL is still the platform\'s');
      assert.deepEqual(withUrl('${keychain:cb}'), []);
      assert.deepEqual(withUrl('http://mycoolapp.com'), [], 'the docs\' example host is the placeholder rule\'s');
    });
  });

  describe('event-poller-configuration', () => {
    it('places the syntax error inside the JSON string, and names the resource without a url', () => {
      const text = fixture('lint/event-poller-configuration.instance.json');
      const found = ofRule('event-poller-configuration.instance.json', 'event-poller-configuration');
      assert.deepEqual(summary(found), ['15:187 event-poller-configuration', '15:222 event-poller-configuration']);
      assert.ok(found.every((d) => d.severity === 'error'));
      assert.equal(found[0]!.message, 'Resource "products" has no "url": the poller needs the find URL of the records to poll (a required field)');
      assert.equal(text.slice(found[0]!.offset, found[0]!.offset + found[0]!.length), '\\"products\\"');
      assert.equal(found[1]!.message, 'event.poller.configuration (JSON in a string): Missing comma: add "," here, before the entry on line 15');
      assert.equal(text.slice(found[1]!.offset - 1, found[1]!.offset + 3), '} \\"', 'after the products object, before the next key');
      assert.deepEqual(found[1]!.fixes.map((fix) => [fix.edits, fix.safe]), [[[{ offset: found[1]!.offset, length: 0, newText: ',' }], false]]);
    });

    it('accepts the object the docs\' requests send, and says where a legacy line goes', () => {
      const base = fixture('lint/event-poller-dates.instance.json');
      assert.deepEqual(lintAt(base).filter((d) => d.rule === 'value-type' || d.rule === 'event-poller-configuration'), []);
      const legacy = fixture('lint/event-poller-configuration.instance.json').replace(/("event\.poller\.configuration": )"[^\n]*"/, '$1"contacts|/hubs/crm/contacts?where=x>=${date}"');
      const [found] = lintAt(legacy).filter((d) => d.rule === 'event-poller-configuration');
      assert.match(found!.message, /holds a legacy "\|"-separated line: it takes JSON/);
      assert.equal(found!.fixes[0]!.edits[0]!.newText, '"event.poller.urls"');
      const twice = lintAt(JSON.stringify({ element: { key: 'sageoneus' }, name: 'n', configuration: { 'event.poller.configuration': JSON.stringify(JSON.stringify({ c: { url: '/hubs/a', idField: 'id' } })) } })).filter((d) => d.rule === 'event-poller-configuration');
      assert.deepEqual(twice.map((d) => d.message), ['event.poller.configuration is JSON encoded twice: a string of JSON whose value is itself a string of JSON. Encode the object once']);
    });
  });

  describe('event-poller-field', () => {
    it('catches the archived page\'s filterByUpdateDate and stray fields, decided for filterByUpdatedDate', () => {
      const text = fixture('lint/event-poller-field.instance.json');
      const found = ofRule('event-poller-field.instance.json', 'event-poller-field');
      assert.deepEqual(summary(found), ['15:154 event-poller-field', '15:453 event-poller-field', '15:521 event-poller-field']);
      assert.deepEqual(found.map((d) => text.slice(d.offset, d.offset + d.length)), ['\\"filterByUpdateDate\\"', '\\"createdCheckTolerance\\"', '\\"updatedDateTimezone\\"']);
      assert.match(found[0]!.message, /^Unknown field "filterByUpdateDate" in resource "contacts": did you mean "filterByUpdatedDate"\?/);
      assert.deepEqual(found[0]!.fixes[0]!.edits, [{ offset: found[0]!.offset, length: found[0]!.length, newText: '\\"filterByUpdatedDate\\"' }]);
      assert.deepEqual(lint('event-poller-field.instance.json').filter((d) => d.rule !== 'event-poller-field'), [], 'the rest of the file is clean');
    });
  });

  describe('event-poller-dates', () => {
    it('catches the docs\' placeholders and formats the platform would not read as meant', () => {
      const text = fixture('lint/event-poller-dates.instance.json');
      const found = ofRule('event-poller-dates.instance.json', 'event-poller-dates');
      assert.deepEqual(found.map((d) => `${d.line}:${d.column} ${text.slice(d.offset, d.offset + d.length)}`), [
        "17:72 ${DateTimeZone:PST:yyyy-MM-dd'T'HH:mm:ss.SSS}",
        "21:57 '",
        '22:34 "{TimeZone}"',
        '28:64 ${milliseconds}',
      ]);
      assert.deepEqual(found.map((d) => d.fixes[0]?.edits[0]?.newText), ['dateTimeZone', "yyyy-MM-dd'T'HH:mm:ssXXX", undefined, '${epoch}']);
    });
  });

  describe('event-poller-urls', () => {
    it('flags the line with a URL and 3 fields, not the docs\' 8-field lines or a list of names', () => {
      const text = fixture('lint/event-poller-urls.instance.json');
      const found = ofRule('event-poller-urls.instance.json', 'event-poller-urls');
      assert.deepEqual(summary(found), ['15:165 event-poller-urls']);
      assert.equal(text.slice(found[0]!.offset, found[0]!.offset + found[0]!.length), 'contacts|/hubs/crm/contacts?where=LastModifiedDate>=${date}|LastModifiedDate');
      assert.deepEqual(lint('event-poller-urls.instance.json').filter((d) => d.rule !== 'event-poller-urls'), []);
    });
  });

  it('lets severities be overridden or switched off', () => {
    const text = fixture('seeds/xero-oauth2.instance.json');
    assert.equal(lintInstanceText(text, { severities: { placeholder: 'off' } }).length, 0);
    assert.ok(lintInstanceText(text, { severities: { placeholder: 'error' } }).every((d) => d.severity === 'error'));
  });

  it('ignores a severity for an id that names no rule (the settings pass them through unchecked)', () => {
    for (const text of [fixture('seeds/xero-oauth2.instance.json'), fixture('lint/smart-quotes.instance.json')]) {
      assert.deepEqual(lintInstanceText(text, { severities: { bogus: 'error', 'smart-quote': 'off' } }), lintInstanceText(text));
    }
  });
});

describe('placeholder detection', () => {
  it('knows the documentation\'s placeholder shapes and example hosts, and leaves real values alone', () => {
    for (const value of ['<INSERT_API_KEY>', '<SAME CALLBACK URL USED IN STEP 2>', '<YOUR_COMPANY_NAME>.crm.dynamics.com', 'https://www.examplecallbackurl.com/', 'https://www.my_cool_app.com/auth', 'insert_fake_api_key', 'Code on Return the URL']) {
      assert.equal(isPlaceholder(value), true, value);
    }
    for (const value of ['https://acme.example.com/auth', 'QBO', 'true', '12345678910', 'a<b', 'write_orders,write_products']) {
      assert.equal(isPlaceholder(value), false, value);
    }
  });
});

describe('sections of the wrong type', () => {
  it('reports a non-object configuration or providerData once, as value-type', () => {
    const found = lintAt('{"element": {"key": "xero"}, "name": "n", "configuration": "x", "providerData": []}');
    assert.deepEqual(found.map((d) => `${d.rule}: ${d.message}`), [
      'value-type: "configuration" must be an object of string values',
      'value-type: "providerData" must be an object of string values',
    ]);
  });
});
