import assert from 'node:assert/strict';
import { ApiError } from '../../../../src/core/api/errors';
import type { Instance } from '../../../../src/core/api/types';
import { instanceJsonPath, maskedInstanceJson, parseInstanceJsonPath } from '../../../../src/extension/views/instanceJson';
import {
  errorNodeFor,
  groupByElement,
  instanceArgument,
  instanceContextValue,
  instanceDescription,
  instanceIcon,
  instanceTooltip,
} from '../../../../src/extension/views/instanceNodes';
import { InstancePager } from '../../../../src/extension/views/instancePager';
import fc from 'fast-check';
import { isSecretJsonKey } from '../../../../src/core/redact';
import { instanceRecord } from '../../helpers';

function instance(id: number, elementKey: string, overrides: Partial<Instance> = {}): Instance {
  return instanceRecord(id, elementKey, {
    element: { id: 1, key: elementKey, name: elementKey.toUpperCase(), active: true, deleted: false, typeOauth: true, trialAccount: false },
    configuration: { 'oauth.api.key': 'api-key-value', 'oauth.api.secret': 'api-secret-value', 'oauth.user.token': 'user-token-value', 'base.url': 'https://x.example' },
    tags: ['demo'],
    createdDate: '2024-03-01T10:20:30.000Z',
    ...overrides,
  });
}

async function* pagesOf(pages: Instance[][], failAt?: number): AsyncGenerator<Instance[], void, undefined> {
  for (const [index, page] of pages.entries()) {
    if (index === failAt) throw new ApiError('Injected fault: 503 Service Unavailable.', { kind: 'http', method: 'GET', path: '/instances', status: 503 });
    yield page;
  }
}

describe('Instances view model', () => {
  it('context values, icons and descriptions follow valid/disabled', () => {
    assert.equal(instanceContextValue({ valid: true, disabled: false }), 'instance.enabled.valid');
    assert.equal(instanceContextValue({ valid: false, disabled: false }), 'instance.enabled.invalid');
    assert.equal(instanceContextValue({ valid: true, disabled: true }), 'instance.disabled.valid');
    assert.equal(instanceContextValue({ valid: false, disabled: true }), 'instance.disabled.invalid');
    assert.equal(instanceIcon({ valid: true, disabled: false }), 'plug');
    assert.equal(instanceIcon({ valid: true, disabled: true }), 'circle-slash');
    assert.equal(instanceIcon({ valid: false, disabled: true }), 'warning');
    assert.equal(instanceDescription({ id: 7, valid: true, disabled: false }), '#7');
    assert.equal(instanceDescription({ id: 7, valid: true, disabled: true }), '#7 (disabled)');
    assert.equal(instanceDescription({ id: 7, valid: false, disabled: false }), '#7 (authorization invalid)');
  });

  it('the tooltip names element, id, date, tags and state, never the token or configuration', () => {
    const tooltip = instanceTooltip(instance(3, 'xero', { name: 'My *bold* [x]', valid: false }));
    assert.match(tooltip, /My \\\*bold\\\* \\\[x\\\]/, 'API text is escaped');
    assert.match(tooltip, /Element: XERO \(`xero`\)/);
    assert.match(tooltip, /Instance id: 3/);
    assert.match(tooltip, /Created: 2024-03-01 10:20 UTC/);
    assert.match(tooltip, /Tags: `demo`/);
    assert.match(tooltip, /no longer valid.*Re-authorize/);
    for (const secret of ['instance-token-3', 'api-key-value', 'api-secret-value', 'user-token-value', 'x.example']) assert.ok(!tooltip.includes(secret));
  });

  it('the tooltip turns no name, key or tag from the API into a link', () => {
    const hostile = instanceTooltip(
      instance(3, 'xe`ro', { name: 'Click [here](command:workbench.action.reloadWindow) or https://evil.example or www.evil.example or me@evil.example', tags: ['a`](http://x)'] }),
    );
    assert.match(hostile, /\(`xe'ro`\)/, 'a backtick cannot end the code span early');
    assert.match(hostile, /Tags: `a'\]\(http:\/\/x\)`$/m, 'a tag stays inside its code span, where nothing is a link');
    const outsideCodeSpans = hostile.replace(/(?<!\\)`[^`]*`/g, ''); // an escaped \` opens no code span
    assert.doesNotMatch(outsideCodeSpans, /[^\\]\]\(/, 'no [label](target)');
    assert.doesNotMatch(outsideCodeSpans, /https?:\/\//, 'no bare URL to autolink');
    assert.doesNotMatch(outsideCodeSpans, /[^\\]www\./, 'no www. to autolink');
    assert.doesNotMatch(outsideCodeSpans, /[^\\]@evil/, 'no e-mail address to autolink');
  });

  it('groups by element name, instances by name then id', () => {
    const groups = groupByElement([instance(5, 'xero', { name: 'b' }), instance(2, 'freshbooks'), instance(4, 'xero', { name: 'a' }), instance(3, 'xero', { name: 'a' })]);
    assert.deepEqual(
      groups.map((group) => [group.elementKey, group.instances.map((node) => node.instance.id)]),
      [
        ['freshbooks', [2]],
        ['xero', [3, 4, 5]],
      ],
    );
    assert.ok(groups[1]!.instances.every((node) => node.elementKey === 'xero'));
  });

  it('error nodes carry the API message; 401 says to sign in again', () => {
    const redact = (text: string) => text.replace('s3cret', '***');
    const plain = errorNodeFor(new ApiError('GET /instances: boom s3cret.', { kind: 'http', method: 'GET', path: '/instances', status: 500 }), redact);
    assert.deepEqual(plain, { kind: 'error', message: 'GET /instances: boom ***.', signInAgain: false });
    const refused = errorNodeFor(new ApiError('Invalid secrets.', { kind: 'http', method: 'GET', path: '/instances', status: 401 }), redact);
    assert.equal(refused.signInAgain, true);
    assert.match(refused.message, /Sign in again/);
  });

  it('commands accept a node, an instance or an id', () => {
    const record = instance(9, 'xero');
    assert.equal(instanceArgument({ kind: 'instance', instance: record, elementKey: 'xero' }), record);
    assert.equal(instanceArgument(record), record);
    assert.equal(instanceArgument(9), 9);
    assert.equal(instanceArgument('9'), 9);
    assert.equal(instanceArgument({ kind: 'elementGroup' }), undefined);
    assert.equal(instanceArgument(undefined), undefined);
  });

  it('the JSON document masks the token and secret configuration, keeps the rest', () => {
    const text = maskedInstanceJson(instance(4, 'xero', { provisionInteractions: [{ echo: 'api-secret-value' }] }));
    const parsed = JSON.parse(text) as Instance;
    assert.equal(parsed.token, '***');
    assert.equal(parsed.configuration!['oauth.api.secret'], '***');
    assert.equal(parsed.configuration!['oauth.user.token'], '***');
    assert.equal(parsed.configuration!['oauth.api.key'], '***');
    assert.equal(parsed.configuration!['base.url'], 'https://x.example');
    for (const secret of ['instance-token-4', 'api-key-value', 'api-secret-value', 'user-token-value']) assert.ok(!text.includes(secret), secret);
    assert.equal(instanceJsonPath('custom', { id: 4, name: 'My / Xero: demo' }), '/custom/4/My-Xero-demo.json');
    assert.deepEqual(parseInstanceJsonPath('/custom/4/My-Xero-demo.json'), { environment: 'custom', id: 4 });
  });

  it('the JSON document masks only secrets and keeps every type: the element\'s boolean "private" stays a boolean (issue 20 item 10)', () => {
    const record = instance(5, 'xero', { element: { id: 1, key: 'xero', name: 'Xero', active: true, deleted: false, typeOauth: true, trialAccount: false, private: false } as Instance['element'] });
    const parsed = JSON.parse(maskedInstanceJson(record)) as Instance & { element: { private: unknown } };
    assert.equal(parsed.element.private, false);
    assert.equal(parsed.element.typeOauth, true);
    assert.equal(parsed.token, '***');
  });

  it('over generated instances: non-string values keep their type and value, every string under a secret key is masked and appears nowhere', () => {
    const secretKeys = ['token', 'private', 'oauth.api.secret', 'oauth.api.key', 'signature', 'code', 'tokenExpiresIn', 'password'];
    const innocentKeys = ['name', 'disabled', 'valid', 'id', 'base.url', 'tags', 'count', 'note'];
    const key = fc.constantFrom(...secretKeys, ...innocentKeys);
    const scalar = fc.oneof(fc.boolean(), fc.integer(), fc.constant(null), fc.string({ minLength: 4, maxLength: 12 }), fc.constantFrom('true', 'false', '42', 'null', '********'));
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 6 }), (body) => {
        const text = maskedInstanceJson(body as unknown as Instance);
        const masked = JSON.parse(text) as unknown;
        const secrets = new Set<string>();
        const walk = (original: unknown, shown: unknown, secret: boolean): void => {
          if (typeof original === 'string') {
            if (secret) {
              assert.equal(shown, '***');
              if (original.length >= 4) secrets.add(original);
            } else assert.equal(typeof shown, 'string');
          } else if (Array.isArray(original)) {
            assert.ok(Array.isArray(shown));
            original.forEach((item, index) => walk(item, (shown as unknown[])[index], secret));
          } else if (original !== null && typeof original === 'object') {
            assert.deepEqual(Object.keys(shown as object), Object.keys(original));
            for (const [name, item] of Object.entries(original)) walk(item, (shown as Record<string, unknown>)[name], secret || isSecretJsonKey(name));
          } else {
            assert.equal(shown, original, 'a boolean, number or null is kept as it is');
          }
        };
        walk(body, masked, false);
        const values: string[] = [];
        const strings = (value: unknown): void => {
          if (typeof value === 'string') values.push(value);
          else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) strings(item);
        };
        strings(masked);
        for (const secret of secrets) assert.ok(!values.some((value) => value.includes(secret)) || secret === '***', `a secret shows: ${secret}`);
      }),
      { numRuns: 300 },
    );
  });

  describe('pager', () => {
    it('reads one page ahead so "more" means there is more', async () => {
      const pager = new InstancePager(pagesOf([[instance(1, 'xero'), instance(2, 'xero')], [instance(3, 'xero')]]));
      await pager.loadFirst();
      assert.deepEqual(pager.instances.map((item) => item.id), [1, 2]);
      assert.equal(pager.hasMore, true);
      assert.equal(await pager.loadMore(), true);
      assert.deepEqual(pager.instances.map((item) => item.id), [1, 2, 3]);
      assert.equal(pager.hasMore, false);
      assert.equal(await pager.loadMore(), false);
    });

    it('a single page has no more; an empty account has no instances', async () => {
      const single = new InstancePager(pagesOf([[instance(1, 'xero')]]));
      await single.loadFirst();
      assert.equal(single.hasMore, false);
      const empty = new InstancePager(pagesOf([[]]));
      await empty.loadFirst();
      assert.equal(empty.instances.length, 0);
      assert.equal(empty.hasMore, false);
    });

    it('the first page\'s error is thrown; a later page\'s error is kept', async () => {
      await assert.rejects(new InstancePager(pagesOf([[instance(1, 'xero')]], 0)).loadFirst(), /Injected fault/);
      const pager = new InstancePager(pagesOf([[instance(1, 'xero')], [instance(2, 'xero')]], 1));
      await pager.loadFirst();
      assert.equal(pager.hasMore, false);
      assert.match(String(pager.moreError), /Injected fault/);
    });
  });
});
