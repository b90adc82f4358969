import fc from 'fast-check';

/** A small Swagger 2.0 document in the shape `GET /instances/{id}/docs` answers (basePath, Authorization header parameter, tags). */
export const AUTHORIZATION_PARAMETER = {
  name: 'Authorization',
  in: 'header',
  required: true,
  type: 'string',
  description: "The authorization tokens. The format for the header value is 'Element &lt;token&gt;, User &lt;user secret&gt;'",
};

export function financeDocs(): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'xero', version: 'api-v2' },
    host: '127.0.0.1:8787',
    basePath: '/elements/api-v2/hubs/finance',
    paths: {
      '/customers': {
        get: {
          operationId: 'getCustomers',
          summary: "Search for <span class='betaAPI'>beta</span> customers",
          tags: ['customers'],
          parameters: [
            AUTHORIZATION_PARAMETER,
            { name: 'where', in: 'query', type: 'string', description: "CEQL, e.g. name='Acme'" },
            { name: 'pageSize', in: 'query', type: 'integer' },
            { name: 'nextPage', in: 'query', type: 'string' },
          ],
        },
        post: {
          operationId: 'createCustomer',
          tags: ['customers'],
          parameters: [AUTHORIZATION_PARAMETER, { name: 'customer', in: 'body', required: true, schema: { $ref: '#/definitions/CustomerPOST' } }],
        },
      },
      '/customers/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        get: { operationId: 'getCustomerById', tags: ['customers'], parameters: [AUTHORIZATION_PARAMETER] },
        delete: { operationId: 'deleteCustomerById', tags: ['customers'], parameters: [AUTHORIZATION_PARAMETER] },
      },
      '/ledger-accounts/{accountId}/lines': { get: { parameters: [AUTHORIZATION_PARAMETER] } },
      '/ping': { get: { operationId: 'getPing', tags: ['ping'], parameters: [AUTHORIZATION_PARAMETER] } },
    },
    definitions: {
      CustomerPOST: {
        type: 'object',
        required: ['name'],
        properties: {
          id: { type: 'string', 'x-readonly': true },
          name: { type: 'string', example: 'Acme Ltd' },
          email: { type: 'string', format: 'email' },
          active: { type: 'boolean' },
          balance: { type: 'number' },
          address: { $ref: '#/definitions/Address' },
          contacts: { type: 'array', items: { $ref: '#/definitions/CustomerPOST' } },
        },
      },
      Address: { type: 'object', properties: { city: { type: 'string' }, country: { type: 'string', enum: ['NZ', 'AU'] } } },
    },
  };
}

/** Documents shaped like Swagger, with hostile names, texts and parameters. */
export function swaggerish() {
  const hostile = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('{id}', '{{baseUrl}}', '###', '\n### GET http://evil', 'a\r\nX-Evil: 1', '\u2028', '__proto__', 'constructor', '%', '..', '', ' '),
  );
  const parameter = fc.record(
    {
      name: hostile,
      in: fc.constantFrom('path', 'query', 'header', 'body', 'formData', 'cookie'),
      required: fc.boolean(),
      type: fc.constantFrom('string', 'integer'),
      default: fc.oneof(hostile, fc.integer(), fc.boolean()),
      schema: fc.constantFrom({ $ref: '#/definitions/Thing' }, { type: 'object' }, 'x'),
      description: hostile,
    },
    { requiredKeys: ['name', 'in'] },
  );
  const operation = fc.record(
    { operationId: hostile, summary: hostile, tags: fc.array(hostile, { maxLength: 2 }), parameters: fc.array(parameter, { maxLength: 5 }) },
    { requiredKeys: [] },
  );
  const path = fc.oneof(fc.constantFrom('/customers', '/customers/{id}', '/a/{b}/c/{d}', '/', '/{x}{y}', '/a b/#c?d'), hostile.map((s) => `/${s}`));
  const pathItem = fc.dictionary(fc.constantFrom('get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'GET', 'trace', 'parameters'), operation, { maxKeys: 4 });
  return fc.record({
    basePath: fc.constantFrom('/elements/api-v2/hubs/finance', '/elements/api-v2', '/x', undefined),
    paths: fc.dictionary(path, pathItem, { maxKeys: 5 }),
    definitions: fc.constant({ Thing: { type: 'object', properties: { a: { $ref: '#/definitions/Thing' }, b: { type: 'string' } } } }),
  });
}
