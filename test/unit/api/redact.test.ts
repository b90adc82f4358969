import assert from 'node:assert/strict';
import { collectSecrets, redactAuthorization, redactJson, redactText, redactUrl } from '../../../src/core/redact';

describe('redact', () => {
  describe('redactUrl', () => {
    it('hides secret query values, case-insensitively, and keeps the rest', () => {
      const url =
        'https://api.cloud-elements.com/elements/api-v2/elements/sageoneus/oauth/url?apiKey=k1&APISECRET=s1&callbackUrl=https%3A%2F%2Fa.example%2Fcb&state=st&Signature=sig&pageSize=5';
      assert.equal(
        redactUrl(url),
        'https://api.cloud-elements.com/elements/api-v2/elements/sageoneus/oauth/url?apiKey=***&APISECRET=***&callbackUrl=https%3A%2F%2Fa.example%2Fcb&state=st&Signature=***&pageSize=5',
      );
    });

    it('covers OAuth callback parameters, tokens and passwords, in the query and the fragment', () => {
      assert.equal(
        redactUrl('vscode://elements-dev.elements-toolkit/callback?code=c&state=s&oauth_token=t&oauth_verifier=v&realmId=1#access_token=a&token_type=bearer'),
        'vscode://elements-dev.elements-toolkit/callback?code=***&state=s&oauth_token=***&oauth_verifier=***&realmId=1#access_token=***&token_type=bearer',
      );
      assert.equal(
        redactUrl('/x?requestToken=r&secret=s&token=t&refresh_token=f&password=p&client_secret=c&nextPage=n'),
        '/x?requestToken=***&secret=***&token=***&refresh_token=***&password=***&client_secret=***&nextPage=n',
      );
    });

    it('hides credentials in the authority and leaves URLs without a query alone', () => {
      assert.equal(redactUrl('https://user:pw@example.com/a?b=1'), 'https://***@example.com/a?b=1');
      assert.equal(redactUrl('https://example.com/elements/api-v2/instances'), 'https://example.com/elements/api-v2/instances');
      assert.equal(redactUrl('https://example.com/#section'), 'https://example.com/#section');
    });
  });

  describe('redactAuthorization', () => {
    it('keeps the schemes and hides every credential', () => {
      assert.equal(redactAuthorization('User abc=, Organization def/+'), 'User ***, Organization ***');
      assert.equal(redactAuthorization('Element tok, User u, Organization o'), 'Element ***, User ***, Organization ***');
      assert.equal(redactAuthorization('Bearer xyz'), 'Bearer ***');
      assert.equal(redactAuthorization('bare-secret'), '***');
    });
  });

  describe('redactText', () => {
    it('replaces every known secret, its URL-encoded form, longest first', () => {
      const text = 'key abcd1234 and abcd1234xyz, encoded a%2Fb%2Bc%3D, again abcd1234';
      assert.equal(
        redactText(text, ['abcd1234', 'abcd1234xyz', 'a/b+c=']),
        'key *** and ***, encoded ***, again ***',
      );
    });

    it('ignores very short and missing secrets', () => {
      assert.equal(redactText('a true value of 1', ['a', 'tru', '', undefined]), 'a true value of 1');
    });
  });

  describe('redactJson', () => {
    it('hides secret-looking keys recursively and leaves the rest', () => {
      const body = {
        element: { key: 'xero' },
        providerData: { code: 'c', oauth_token: 't', oauth_verifier: 'v', secret: 's', realmId: '1', state: 'st' },
        configuration: {
          'oauth.api.key': 'k',
          'oauth.api.secret': 's2',
          'oauth.callback.url': 'https://a.example',
          'oauth.user.token': 'ut',
          'oauth.user.refresh_time': '123',
          signature: 'sig',
          'event.notification.callback.url': null,
        },
        tags: ['a'],
        name: 'n',
        token: 'instance-token',
        users: [{ password: 'p', name: 'x' }],
      };
      assert.deepEqual(redactJson(body), {
        element: { key: 'xero' },
        providerData: { code: '***', oauth_token: '***', oauth_verifier: '***', secret: '***', realmId: '1', state: 'st' },
        configuration: {
          'oauth.api.key': '***',
          'oauth.api.secret': '***',
          'oauth.callback.url': 'https://a.example',
          'oauth.user.token': '***',
          'oauth.user.refresh_time': '123',
          signature: '***',
          'event.notification.callback.url': null,
        },
        tags: ['a'],
        name: 'n',
        token: '***',
        users: [{ password: '***', name: 'x' }],
      });
      assert.equal(body.configuration['oauth.api.key'], 'k', 'the input is not modified');
    });

    it('hides whole values under a secret key, and collects what it hides', () => {
      assert.deepEqual(redactJson({ credentials: { user: 'u', list: ['a', 1] } }), { credentials: { user: '***', list: ['***', '***'] } });
      assert.deepEqual([...collectSecrets({ a: { secret: 'x1', plain: 'y' }, code: 'c1', n: null })].sort(), ['c1', 'x1']);
    });
  });
});
