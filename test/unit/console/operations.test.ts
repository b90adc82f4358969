import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exampleFromSchema } from '../../../src/core/console/exampleBody';
import { allOperations, findOperation, readOperations, MAX_OPERATIONS } from '../../../src/core/console/operations';
import { financeDocs, swaggerish } from './fixtures';

describe('console: Swagger 2.0 → operation tree', () => {
  it('groups operations by tag, else by the first path segment, sorted; without the Authorization header parameter', () => {
    const tree = readOperations(financeDocs());
    assert.equal(tree.title, 'xero');
    assert.equal(tree.hub, 'finance');
    assert.equal(tree.operationCount, 6);
    assert.equal(tree.skipped, 0);
    assert.deepEqual(
      tree.resources.map((r) => [r.name, r.operations.map((o) => o.key)]),
      [
        ['customers', ['getCustomers', 'createCustomer', 'getCustomerById', 'deleteCustomerById']],
        ['ledger-accounts', ['GET /ledger-accounts/{accountId}/lines']],
        ['ping', ['getPing']],
      ],
    );
    const list = findOperation(tree, 'getCustomers')!;
    assert.equal(list.summary, 'Search for beta customers');
    assert.deepEqual(list.parameters.map((p) => `${p.in}:${p.name}`), ['query:where', 'query:pageSize', 'query:nextPage']);
    const byId = findOperation(tree, 'getCustomerById')!;
    assert.deepEqual(byId.parameters, [{ name: 'id', in: 'path', required: true, type: 'string' }], 'path-level parameters apply');
    const lines = findOperation(tree, 'GET /ledger-accounts/{accountId}/lines')!;
    assert.deepEqual(lines.parameters, [{ name: 'accountId', in: 'path', required: true, type: 'string' }], 'an undescribed {placeholder} still gets a parameter');
    assert.equal(findOperation(tree, 'createCustomer')!.body?.name, 'customer');
  });

  it('keeps keys unique when operationIds repeat or are missing', () => {
    const tree = readOperations({
      paths: {
        '/a': { get: { operationId: 'same' }, post: { operationId: 'same' } },
        '/b': { get: {}, put: { operationId: '  ' } },
      },
    });
    assert.deepEqual(allOperations(tree).map((o) => o.key).sort(), ['GET /b', 'POST /a', 'PUT /b', 'same']);
  });

  it('reads shared parameters by $ref and ignores inherited names such as constructor or __proto__', () => {
    const doc = JSON.parse(
      '{"parameters":{"ps":{"name":"pageSize","in":"query"}},"paths":{"/x":{"get":{"parameters":[{"$ref":"#/parameters/ps"},{"$ref":"#/parameters/constructor"},{"$ref":"#/parameters/__proto__"}]},"__proto__":{"operationId":"p"}}},"definitions":{"__proto__":{"type":"object"}}}',
    );
    const tree = readOperations(doc);
    assert.deepEqual(allOperations(tree)[0]!.parameters.map((p) => p.name), ['pageSize']);
    assert.equal(tree.operationCount, 1);
    assert.equal(({} as Record<string, unknown>).type, undefined, 'no prototype was touched');
  });

  it('counts what it cannot use and caps huge documents', () => {
    const tree = readOperations({ paths: { 'no-slash': { get: {} }, '/ok': { get: 'nope', post: {} }, '/list': [] } });
    assert.equal(tree.operationCount, 1);
    assert.equal(tree.skipped, 3);
    const paths = Object.fromEntries(Array.from({ length: MAX_OPERATIONS + 10 }, (_, i) => [`/r${i}`, { get: {} }]));
    const big = readOperations({ paths });
    assert.equal(big.operationCount, MAX_OPERATIONS);
    assert.equal(big.skipped, 10);
  });

  it('property: any JSON value reads without throwing, with unique keys and one line per name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), swaggerish()), (doc) => {
        const tree = readOperations(doc);
        const operations = allOperations(tree);
        assert.equal(operations.length, tree.operationCount);
        assert.equal(new Set(operations.map((o) => o.key)).size, operations.length);
        for (const operation of operations) {
          assert.doesNotMatch(operation.resource, /[\r\n\u2028\u2029]/);
          assert.doesNotMatch(operation.summary ?? '', /[\r\n\u2028\u2029]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('console: example bodies from definitions', () => {
  const tree = readOperations(financeDocs());

  it('follows references, uses examples, enums and formats, leaves out read-only fields and stops at cycles', () => {
    const body = exampleFromSchema({ $ref: '#/definitions/CustomerPOST' }, tree.definitions);
    assert.deepEqual(body, {
      name: 'Acme Ltd',
      email: 'name@example.com',
      active: false,
      balance: 0,
      address: { city: '', country: 'NZ' },
      contacts: [],
    });
  });

  it('fills required fields: no required string is sent empty (issue 20 item 8: "name": "" was a 400 on the first Send)', () => {
    const schema = {
      type: 'object',
      required: ['name', 'contactEmail', 'count', 'note', 'code'],
      properties: {
        name: { type: 'string' },
        contactEmail: { type: 'string' },
        count: { type: 'integer', minimum: 1 },
        note: { type: 'string', example: 'given' },
        code: { type: 'string', maxLength: 4 },
        optional: { type: 'string' },
      },
    };
    assert.deepEqual(exampleFromSchema(schema), { name: 'Example name', contactEmail: 'name@example.com', count: 1, note: 'given', code: 'Exam', optional: '' });
  });

  it('property: every required string or number of any generated object schema has a non-empty value', () => {
    const leaf = fc.oneof(
      fc.record({ type: fc.constant('string'), maxLength: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.option(fc.integer({ min: -5, max: 50 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
    );
    const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,14}$/);
    fc.assert(
      fc.property(fc.dictionary(name, leaf, { minKeys: 1, maxKeys: 8 }), fc.array(fc.nat(8)), (properties, picks) => {
        const names = Object.keys(properties);
        const required = [...new Set(picks.map((pick) => names[pick % names.length]!))];
        const body = exampleFromSchema({ type: 'object', required, properties }) as Record<string, unknown>;
        for (const field of required) {
          const schema = properties[field]! as { type: string; maxLength?: number; minimum?: number };
          const value = body[field];
          if (schema.type === 'string') {
            assert.ok(typeof value === 'string' && value.length > 0, `${field}: ${JSON.stringify(value)}`);
            if (schema.maxLength !== undefined) assert.ok(value.length <= schema.maxLength, `${field} within maxLength`);
          } else if (schema.minimum !== undefined && schema.minimum > 0) {
            assert.equal(value, schema.minimum);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is depth- and size-limited', () => {
    const deep = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' } } } } } } };
    assert.deepEqual(exampleFromSchema(deep, new Map(), { maxDepth: 2 }), { a: {} });
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'string' }])) };
    assert.equal(Object.keys(exampleFromSchema(wide, new Map(), { maxNodes: 50 }) as object).length, 49);
  });

  it('property: arbitrary schemas and definitions never throw and stay within the node budget', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.dictionary(fc.constantFrom('A', 'B', 'C', '__proto__'), fc.jsonValue({ maxDepth: 6 })), (schema, definitions) => {
        const map = new Map<string, unknown>(Object.entries(definitions));
        const withRefs = { type: 'object', properties: { x: schema, y: { $ref: '#/definitions/A' }, z: { items: { $ref: '#/definitions/B' } } } };
        const value = exampleFromSchema(withRefs, map, { maxNodes: 100 });
        assert.ok(JSON.stringify(value) !== undefined);
      }),
      { numRuns: 300 },
    );
  });
});
