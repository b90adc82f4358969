import assert from 'node:assert/strict';
import { parseCallbackUrl } from '../../../src/core/provisioning/callbackUrl';
import { FlowError } from '../../../src/core/provisioning/errors';

describe('parseCallbackUrl', () => {
  const cases: Array<[string, string, Record<string, string>]> = [
    [
      'an http(s) callback with the query',
      'http://demonstrab.ly/?state=quickbooks&oauth_token=qyprd&oauth_verifier=br6qctk&realmId=12345678910&dataSource=QBO',
      { state: 'quickbooks', oauth_token: 'qyprd', oauth_verifier: 'br6qctk', realmId: '12345678910', dataSource: 'QBO' },
    ],
    ['parameters in the fragment', 'https://www.mycoolapp.com/auth#code=abc&state=s1', { code: 'abc', state: 's1' }],
    ['query and fragment, the query winning (the fragment only adds)', 'https://a.example/cb?state=s1&x=1#code=c&x=2', { state: 's1', x: '1', code: 'c' }],
    [
      'a vscode:// custom scheme',
      'vscode://elements-dev.elements-toolkit/callback?code=a%2Fb%3D&state=s2',
      { code: 'a/b=', state: 's2' },
    ],
    ['a code-oss:// custom scheme', 'code-oss://elements-dev.elements-toolkit/callback?code=c&state=s', { code: 'c', state: 's' }],
    ['a bare ?query', '?code=c1&state=s1', { code: 'c1', state: 's1' }],
    ['a bare query without ?', 'code=c1&state=s1', { code: 'c1', state: 's1' }],
    ['a bare query whose values hold slashes', 'code=a/b&state=s', { code: 'a/b', state: 's' }],
    ['spaces and quotes around it', `  "https://a.example/cb?code=c&state=s"\n`, { code: 'c', state: 's' }],
    ['angle brackets and a line break inside', '<https://a.example/cb?code=c&\nstate=s>', { code: 'c', state: 's' }],
    ['&amp; copied from HTML', 'https://a.example/cb?code=c&amp;state=s', { code: 'c', state: 's' }],
    ['an error callback', 'https://a.example/cb?error=access_denied&state=s', { error: 'access_denied', state: 's' }],
  ];

  for (const [what, input, expected] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(parseCallbackUrl(input), expected);
    });
  }

  for (const garbage of ['', '   ', 'hello world', 'https://www.mycoolapp.com/auth', 'vscode://elements-dev.elements-toolkit/callback', '#', '?']) {
    it(`refuses ${JSON.stringify(garbage)} with a clear error`, () => {
      assert.throws(
        () => parseCallbackUrl(garbage),
        (error: unknown) =>
          error instanceof FlowError && error.code === 'missing-callback-params' && /No callback parameters found/.test(error.message),
      );
    });
  }
});
