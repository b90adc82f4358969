/** The emulator's small pure parts: callback URLs, the Authorization header, JSON errors, paging, redaction. */
import assert from 'node:assert/strict';
import { parseAuthorization } from '../../../src/emulator/base/auth';
import { appendQuery } from '../../../src/emulator/base/callbackUrl';
import { ApiError } from '../../../src/emulator/base/http';
import { parseJsonBody } from '../../../src/emulator/base/jsonBody';
import { paginate } from '../../../src/emulator/base/paging';
import { Router } from '../../../src/emulator/base/router';
import { formatLogLine } from '../../../src/emulator/stores/requestLog';

describe('emulator units', () => {
  describe('appendQuery', () => {
    const params: Array<[string, string]> = [['code', 'a b'], ['state', 's&t']];
    for (const [url, expected] of [
      ['https://www.mycoolapp.com/auth', 'https://www.mycoolapp.com/auth?code=a%20b&state=s%26t'],
      ['http://127.0.0.1:9000/callback?vscode-reqid=1&vscode-scheme=code-oss', 'http://127.0.0.1:9000/callback?vscode-reqid=1&vscode-scheme=code-oss&code=a%20b&state=s%26t'],
      ['vscode://elements-dev.elements-toolkit/callback', 'vscode://elements-dev.elements-toolkit/callback?code=a%20b&state=s%26t'],
      ['https://x.example/cb?', 'https://x.example/cb?code=a%20b&state=s%26t'],
      ['https://x.example/cb?a=%20+b#frag', 'https://x.example/cb?a=%20+b&code=a%20b&state=s%26t#frag'],
    ]) {
      it(url, () => assert.equal(appendQuery(url, params), expected));
    }
  });

  it('parseAuthorization: the documented parts in any order, loose spacing; anything else is refused without repeating it', () => {
    assert.deepEqual(parseAuthorization('Element tok=, User  u+/= ,Organization o'), { ok: true, credentials: { element: 'tok=', user: 'u+/=', organization: 'o' } });
    assert.deepEqual(parseAuthorization('user u, organization o'), { ok: true, credentials: { user: 'u', organization: 'o' } });
    assert.deepEqual(parseAuthorization(undefined), { ok: true, credentials: {} });
    for (const [header, problem] of [
      ['Bearer x', /part 1 of 1 is not User, Organization or Element/],
      ['User u, Organization o, Element: tok', /part 3 of 3 writes "Element:" with a colon; the documented form has none: Element <value>/],
      ['User u, User v', /User is given twice/],
      ['User u, Organization o two', /part 2 of 2 is not "Organization <value>"/],
    ] as const) {
      const parsed = parseAuthorization(header);
      assert.ok(!parsed.ok, header);
      assert.match(parsed.problem, problem);
      assert.doesNotMatch(parsed.problem, /tok|\bu\b|\bo\b|two|\bx\b/, 'no value repeated');
    }
  });

  it('parseJsonBody: position with line and column; the input is never quoted', () => {
    assert.throws(() => parseJsonBody('{\n  "a": 1\n  "b": 2\n}'), /position 13 \(line 3, column 3\)/);
    assert.throws(
      () => parseJsonBody('topsecret'),
      (error: unknown) => error instanceof ApiError && error.status === 400 && !error.message.includes('topsecret'),
    );
    assert.throws(() => parseJsonBody('  '), /empty/);
  });

  it('paginate: positions, tokens bound to their listing', () => {
    const items = [1, 2, 3, 4, 5];
    const first = paginate(items, (n) => n, new URLSearchParams('pageSize=2'), 'numbers');
    assert.deepEqual(first.items, [1, 2]);
    const second = paginate(items, (n) => n, new URLSearchParams({ pageSize: '2', nextPage: first.nextPageToken! }), 'numbers');
    assert.deepEqual(second.items, [3, 4]);
    assert.throws(() => paginate(items, (n) => n, new URLSearchParams({ nextPage: first.nextPageToken! }), 'other'), ApiError);
  });

  it('formatLogLine redacts secret query values', () => {
    const query = new URLSearchParams('apiKey=k&apiSecret=s&requestToken=r&oauth_verifier=v&oauth_token=t&secret=x&signature=g&state=st');
    assert.equal(
      formatLogLine('GET', '/p', query, 200, 3),
      'GET /p?apiKey=***&apiSecret=***&requestToken=***&oauth_verifier=***&oauth_token=***&secret=***&signature=***&state=st 200 3ms',
    );
  });

  it('formatLogLine knows the usual secret names and `;`-separated pairs inside a value', () => {
    const query = new URLSearchParams('client_id=c&code_verifier=v&assertion=a&jwt=j&session=s&a=1;code=SECRET1&b=x');
    const line = formatLogLine('GET', '/p', query, 200, 3);
    assert.equal(line, 'GET /p?client_id=***&code_verifier=***&assertion=***&jwt=***&session=***&a=1%3Bcode%3D***&b=x 200 3ms');
  });

  it('Router: params, 405 with the allowed methods, 404', () => {
    const router = new Router<string>().add('GET', '/instances/:id', 'get').add('DELETE', '/instances/:id', 'delete');
    assert.deepEqual(router.match('GET', '/instances/7'), { kind: 'found', handler: 'get', params: { id: '7' } });
    assert.deepEqual(router.match('PUT', '/instances/7'), { kind: 'method-not-allowed', allowed: ['GET', 'DELETE'] });
    assert.deepEqual(router.match('GET', '/instances/7/x'), { kind: 'not-found' });
  });
});
