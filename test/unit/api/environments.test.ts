import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkBaseUrl,
  ENVIRONMENTS,
  InvalidBaseUrlError,
  isEnvironmentId,
  LOCAL_EMULATOR_DEFAULT_ADDRESS,
  localEmulatorBaseUrl,
  missingApiPath,
  normalizeBaseUrl,
  OPEN_CONNECTORS_URL_PATTERN,
  resolveBaseUrl,
} from '../../../src/core/api/environments';

describe('environments', () => {
  it('lists the hosts with ids and labels', () => {
    assert.deepEqual(
      ENVIRONMENTS.map((environment) => [environment.id, environment.baseUrl]),
      [
        ['production', 'https://api.cloud-elements.com/elements/api-v2'],
        ['eu', 'https://api.cloud-elements.co.uk/elements/api-v2'],
        ['staging', 'https://staging.cloud-elements.com/elements/api-v2'],
        ['openconnectors', 'https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2'],
        ['local', 'http://127.0.0.1:8787/elements/api-v2'],
        ['custom', undefined],
      ],
    );
    for (const environment of ENVIRONMENTS) assert.ok(environment.label.length > 0);
    assert.ok(isEnvironmentId('eu'));
    assert.ok(!isEnvironmentId('moon'));
  });

  it('SAP Open Connectors: US2 is named; any other region is a custom base URL of the documented pattern', () => {
    assert.equal(resolveBaseUrl('openconnectors'), 'https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2');
    const eu10 = OPEN_CONNECTORS_URL_PATTERN.replace('<region>', 'eu10');
    assert.equal(resolveBaseUrl('custom', eu10), 'https://api.openconnectors.eu10.ext.hana.ondemand.com/elements/api-v2');
    assert.match(ENVIRONMENTS.find((environment) => environment.id === 'custom')!.hint!, /openconnectors\.<region>\.ext\.hana\.ondemand\.com/);
  });

  it('resolves fixed environments and validates a custom one', () => {
    assert.equal(resolveBaseUrl('staging'), 'https://staging.cloud-elements.com/elements/api-v2');
    assert.equal(resolveBaseUrl('custom', '  https://ce.example.com/elements/api-v2//  '), 'https://ce.example.com/elements/api-v2');
    assert.throws(() => resolveBaseUrl('custom'), InvalidBaseUrlError);
  });

  it('accepts http(s) only, without query, fragment or credentials', () => {
    assert.deepEqual(checkBaseUrl('http://localhost:9000/elements/api-v2/'), { ok: true, url: 'http://localhost:9000/elements/api-v2' });
    const refusals: Array<[string, RegExp]> = [
      ['', /Enter a base URL/],
      ['not a url', /is not a URL/],
      ['ftp://example.com/api', /https:\/\/ or http:\/\//],
      ['https://example.com/api?x=1', /query string/],
      ['https://example.com/api?', /query string/],
      ['https://example.com/api#top', /fragment/],
      ['https://me:pw@example.com/api', /user name or password/],
    ];
    for (const [input, message] of refusals) {
      const check = checkBaseUrl(input);
      assert.equal(check.ok, false, input);
      if (!check.ok) assert.match(check.message, message, input);
      assert.throws(() => normalizeBaseUrl(input), InvalidBaseUrlError);
    }
  });

  it('the local emulator: 127.0.0.1:8787 unless its address setting says otherwise (npm start: 127.0.0.2)', () => {
    assert.equal(LOCAL_EMULATOR_DEFAULT_ADDRESS, '127.0.0.1:8787');
    assert.equal(resolveBaseUrl('local'), 'http://127.0.0.1:8787/elements/api-v2');
    assert.equal(resolveBaseUrl('local', { localEmulatorAddress: '' }), 'http://127.0.0.1:8787/elements/api-v2');
    assert.equal(resolveBaseUrl('local', { localEmulatorAddress: '127.0.0.2:41234', customBaseUrl: 'https://ignored.example.com' }), 'http://127.0.0.2:41234/elements/api-v2');
    const accepted: Array<[string, string]> = [
      ['127.0.0.2', 'http://127.0.0.2:8787/elements/api-v2'],
      [' localhost:9000 ', 'http://localhost:9000/elements/api-v2'],
      ['[::1]:8787', 'http://[::1]:8787/elements/api-v2'],
      ['http://127.0.0.2:8787/elements/api-v2/', 'http://127.0.0.2:8787/elements/api-v2'],
      ['http://emulator.test', 'http://emulator.test/elements/api-v2'],
      ['emulator.test:80', 'http://emulator.test/elements/api-v2'],
    ];
    for (const [address, url] of accepted) assert.equal(localEmulatorBaseUrl(address), url, address);
    for (const address of ['ftp://127.0.0.1', '127.0.0.1:8787/other', '127.0.0.1:8787?x=1', 'me:pw@127.0.0.1:8787', '127.0.0.1:99999', 'two words']) {
      assert.throws(() => localEmulatorBaseUrl(address), (error: Error) => error instanceof InvalidBaseUrlError && /give host:port, e\.g\. 127\.0\.0\.1:8787/.test(error.message), address);
    }
  });
});

describe('a base URL without /elements/api-v2 (issue 20 item 14)', () => {
  it('over generated URLs: flagged exactly when the path does not end with /elements/api-v2, and the offered URL does', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    const url = fc.record({
      scheme: fc.constantFrom('https', 'http'),
      host: fc.constantFrom('api.example.com', 'gw.example.co.uk', '127.0.0.1:8443', 'api.openconnectors.eu1.ext.hana.ondemand.com'),
      path: fc.array(segment, { maxLength: 3 }),
      api: fc.boolean(),
      slash: fc.boolean(),
    });
    fc.assert(
      fc.property(url, ({ scheme, host, path, api, slash }) => {
        const text = `${scheme}://${host}${path.map((part) => `/${part}`).join('')}${api ? '/elements/api-v2' : ''}${slash ? '/' : ''}`;
        const check = checkBaseUrl(text);
        assert.ok(check.ok, text);
        const missing = missingApiPath(check.url);
        assert.equal(missing === undefined, api, text);
        if (missing) {
          assert.ok(missing.withPath.endsWith('/elements/api-v2') && missing.withPath.startsWith(check.url), missing.withPath);
          assert.equal(missingApiPath(missing.withPath), undefined);
          assert.match(missing.message, /does not end with \/elements\/api-v2/);
        }
      }),
    );
  });
});
