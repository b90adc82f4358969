/**
 * The indexed instance store (issue 18 item 9) against a plain model, and the markup stripping of
 * names and tags (item 5), over generated operations and texts.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InstanceStore, type NewInstance, type StoredInstance } from '../../../src/emulator/stores/instances';
import { pageOfSorted } from '../../../src/emulator/base/paging';
import { stripMarkup } from '../../../src/emulator/base/sanitize';

const instance = (name: string, token: string, tags: string[]): NewInstance =>
  ({ name, token, tags, element: { key: 'xero' }, configuration: {}, flow: 'oauth2' }) as unknown as NewInstance;

type Operation =
  | { kind: 'add'; token: string; tags: string[] }
  | { kind: 'tag'; pick: number; tags: string[] }
  | { kind: 'remove'; pick: number }
  | { kind: 'reset'; count: number };

const tag = fc.constantFrom('a', 'b', 'c', 'd');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), token: fc.string({ minLength: 1, maxLength: 6 }), tags: fc.uniqueArray(tag, { maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tag' as const), pick: fc.nat(), tags: fc.uniqueArray(tag, { maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), count: fc.nat(3) }) },
);

describe('emulator: the indexed instance store', () => {
  it('property: list, ids, tags, tokens and pages agree with a plain model after any operations', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (operations, pageSize) => {
        const store = new InstanceStore();
        let model: StoredInstance[] = [];
        let nextId = 1;
        for (const op of operations) {
          if (op.kind === 'add') {
            const record = store.add(instance(`n${nextId}`, `${op.token}#${nextId}`, op.tags));
            assert.equal(record.id, nextId);
            model.push(record);
            nextId += 1;
          } else if (op.kind === 'tag' && model.length > 0) {
            const target = model[op.pick % model.length]!;
            const changed = store.update(target.id, (record) => (record.tags = op.tags));
            model = model.map((record) => (record.id === target.id ? changed : record));
          } else if (op.kind === 'remove' && model.length > 0) {
            const target = model[op.pick % model.length]!;
            store.remove(target.id);
            model = model.filter((record) => record.id !== target.id);
          } else if (op.kind === 'reset') {
            store.replaceAll(Array.from({ length: op.count }, (_, i) => instance(`r${i}`, `reset-${i}-${nextId}`, ['a'])));
            model = store.list();
            nextId = op.count + 1;
          }
        }
        assert.deepEqual(store.list(), model);
        assert.deepEqual([...store.ids()], model.map((record) => record.id));
        for (const name of ['a', 'b', 'c', 'd']) {
          assert.deepEqual([...store.idsTagged(name)], model.filter((record) => record.tags?.includes(name)).map((record) => record.id), `tag ${name}`);
        }
        for (const record of model) assert.equal(store.byToken(record.token)?.id, record.id);
        assert.equal(store.byToken('never issued'), undefined);
        // Paging a tag through pageOfSorted gives every tagged record once, in order.
        const seen: number[] = [];
        let nextPage: string | undefined;
        do {
          const query = new URLSearchParams({ pageSize: String(pageSize), ...(nextPage && { nextPage }) });
          const page = pageOfSorted(store.idsTagged('a'), (id) => store.get(id), () => true, query, 'instances');
          seen.push(...page.items.map((record) => record.id));
          nextPage = page.nextPageToken;
        } while (nextPage);
        assert.deepEqual(seen, model.filter((record) => record.tags?.includes('a')).map((record) => record.id));
      }),
      { numRuns: 200 },
    );
  });

  it('a failed save changes no index', () => {
    let failing = false;
    const store = new InstanceStore(() => {
      if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    });
    const first = store.add(instance('a', 'token-a', ['x']));
    failing = true;
    assert.throws(() => store.update(first.id, (record) => (record.tags = ['y'])));
    assert.throws(() => store.remove(first.id));
    assert.deepEqual([...store.idsTagged('x')], [first.id]);
    assert.deepEqual([...store.idsTagged('y')], []);
    assert.equal(store.byToken('token-a')?.id, first.id);
  });
});

describe('emulator: markup stripped from names and tags', () => {
  /** Markup a browser acts on: a tag with attributes, a closing tag, an HTML element, a comment or declaration. */
  const ACTIVE = /<\/|<!|<\?|<[A-Za-z][^\s/>]*\s+[^\s/>]|<(a|b|i|img|script|svg|iframe|style|div|span|body)[\s/>]/i;
  const text = fc.stringMatching(/^[^<>]{0,12}$/);
  const tagName = fc.constantFrom('a', 'b', 'script', 'img', 'svg', 'x-custom', 'INSERT_NAME', 'iframe');
  const attribute = fc.constantFrom('', ' href="#"', " onClick=\"alert('x');\"", ' title=\'a>b\'', ' onerror=alert(1)');
  const piece = fc.oneof(
    text,
    fc.tuple(tagName, attribute).map(([name, attrs]) => `<${name}${attrs}>`),
    tagName.map((name) => `</${name}>`),
    fc.constantFrom('<!-- c -->', '<!DOCTYPE html>', '<?xml?>', '<', '>', '<<', 'a < b', '<img src=x onerror=alert(1)//'),
  );
  const markup = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

  it('property: nothing a browser would act on is left; stripping again changes nothing; plain text is kept as it is', () => {
    fc.assert(
      fc.property(markup, (input) => {
        const output = stripMarkup(input);
        assert.doesNotMatch(output, ACTIVE, `${JSON.stringify(input)} → ${JSON.stringify(output)}`);
        assert.equal(stripMarkup(output), output);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.string().filter((value) => !value.includes('<')), (plain) => assert.equal(stripMarkup(plain), plain)));
  });

  it("Cloud Elements' own cases, and the documentation's placeholders kept as text", () => {
    assert.equal(stripMarkup('<a href="#" onClick="javascript:alert(\'xss\');return false;">churros-xss</a>'), 'churros-xss');
    assert.equal(stripMarkup('<a href="#" onClick="javascript:alert(\'xss\');return false;">@churros-xss</a>'), '@churros-xss');
    assert.equal(stripMarkup('<INSERT_INSTANCE_NAME>'), '<INSERT_INSTANCE_NAME>');
    assert.equal(stripMarkup('Tom <b>&</b> Jerry'), 'Tom & Jerry');
    assert.equal(stripMarkup('<<b>script>alert(1)<</b>/script>'), 'alert(1)');
  });
});
