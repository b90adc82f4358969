/**
 * Issue 19 item 5: an instance's API documents are outside text. Whatever tags, operationIds,
 * header names and examples they hold, the Instances view's ids are unique (VS Code rejects a
 * tree with two equal ids), and every request document the console writes reads back through
 * its parser as exactly the request it was written from.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Instance } from '../../../src/core/api/types';
import { wellFormed } from '../../../src/core/console/encoding';
import { parseHttpDocument } from '../../../src/core/console/httpDocument';
import { formatRequest, type RequestDraft } from '../../../src/core/console/formatRequest';
import type { ConsoleRequest } from '../../../src/core/console/request';
import { allOperations, readOperations } from '../../../src/core/console/operations';
import { requestDraft } from '../../../src/core/console/requestDocument';
import { apiItem } from '../../../src/extension/console/apiItems';
import type { ApiNode, ApiResourceNode, InstanceNode } from '../../../src/extension/views/instanceNodes';

const BASE = 'https://api.cloud-elements.com/elements/api-v2';

/** Names and texts an API document may hold: separators, comment starts, query starts, colons. */
const odd = fc.oneof(
  fc.constantFrom('a', 'b', 'a:b', ':', '::', 'a:', ':b', 'error', 'resource', 'operation', '%3A', 'a%3Ab', '', ' ', '###', '###x', '#x', '&x', '//x', '?x', 'x y', 'é', '{id}', '{{baseUrl}}'),
  fc.string({ maxLength: 6, unit: fc.constantFrom('a', ':', '#', '&', '%', '3', 'A', ' ', '/', '{', '}', '?', '=') }),
);
/** A header name: any token character, often one that starts a separator (`###`), a comment (`#`) or a query line (`&`). */
const headerName = fc.oneof(
  fc.constantFrom('###x', '###', '#x', '#', '##a', '&x', '&', 'X-Ok', 'Accept', 'Content-Type', 'x-tenant', '!x', "x'y", '~', '|', 'Host', 'x:y', 'x y', '//x'),
  fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'#&!$%*+-.^_`|~azAZ09') }),
);
const headerValue = fc.oneof(
  fc.constantFrom('v', ' padded ', 'é', '€', '😀', '{{instance:1:token}}', '{{env:HOME}}', '{{baseUrl}}', 'a\tb', 'a\u0085b', 'a\u2028b', '{x}', '', '###', '# not a comment', '&a=b', 'line\nbreak'),
  fc.string({ maxLength: 10, unit: fc.constantFrom('a', ' ', '#', '&', '{', '}', ':', '\t', 'é') }),
);
const paramValue = fc.oneof(
  fc.constantFrom('v', '', '.', '..', '%zz', '###', '\n### GET https://evil.example', '{id}', '{{instance:1:token}}', 'a&b=c', '#', ' x '),
  fc.string({ maxLength: 8, unit: fc.constantFrom('a', '/', '%', '&', '#', '{', '}', ' ', '\n', '?', '=') }),
);

const parameter = fc.oneof(
  fc.record({ name: headerName, in: fc.constant('header'), required: fc.boolean(), 'x-example': headerValue }, { requiredKeys: ['name', 'in', 'required'] }),
  fc.record({ name: odd, in: fc.constantFrom('query', 'path'), required: fc.boolean(), 'x-example': paramValue }, { requiredKeys: ['name', 'in', 'required'] }),
);
const operation = fc.record(
  {
    operationId: odd,
    summary: odd,
    tags: fc.array(odd, { maxLength: 2 }),
    parameters: fc.tuple(fc.array(parameter, { maxLength: 5 }), fc.boolean()).map(([list, body]) => (body ? [...list, { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Thing' } }] : list)),
  },
  { requiredKeys: ['parameters'] },
);
const path = fc.oneof(fc.constantFrom('/customers', '/customers/{id}', '/a/{b}/c', '/', '/a:b', '/#x/{y}'), odd.map((text) => `/${text}`));
const swagger = fc.record({
  basePath: fc.constantFrom('/elements/api-v2/hubs/finance', '/elements/api-v2', '/elements/api-v2/hubs/a:b'),
  paths: fc.dictionary(path, fc.dictionary(fc.constantFrom('get', 'post', 'put', 'patch', 'delete'), operation, { maxKeys: 3 }), { maxKeys: 4 }),
  definitions: fc
    .record({ key: odd, example: fc.constantFrom('x', '\n### GET https://evil', '###', ' ###', 'a\r\nb') })
    .map(({ key, example }) => ({ Thing: { type: 'object', properties: { [key]: { type: 'string', example }, ['###y']: { type: 'string', example: '\n###' } } } })),
});

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SET_BY_THE_CONSOLE = /^(?:host|content-length|transfer-encoding|connection|expect|upgrade|keep-alive|te|trailer)$/i;
const SECRET_REFERENCE = /^\s*(?:instance:[A-Za-z0-9_-]+:token|account:user|account:organization)\s*$/;

/**
 * Whether a request document can hold this header as a line that reads back as it: a token name
 * that does not start a separator or comment (`#`) or a query line (`&`) and that the console does
 * not set itself; a value of Latin-1 text without line breaks or control characters (a tab is
 * fine), whose `{{…}}` are secret references.
 */
function writable(name: string, value: string): boolean {
  const references = [...value.matchAll(/\{\{([^{}]*)\}\}/g)].map((match) => match[1]!);
  return (
    TOKEN.test(name) &&
    !/^[#&]/.test(name) &&
    !SET_BY_THE_CONSOLE.test(name) &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(value) &&
    [...value].every((char) => char.charCodeAt(0) <= 0xff) &&
    references.every((reference) => SECRET_REFERENCE.test(reference))
  );
}

/** The request a draft describes, as the parser must read it back (values decoded, header values trimmed as HTTP does). */
function requestOf(draft: RequestDraft): ConsoleRequest {
  const segments = [''];
  for (const part of draft.path) {
    if ('literal' in part) {
      const [first, ...rest] = wellFormed(part.literal).split('/');
      segments[segments.length - 1] += first;
      segments.push(...rest);
    } else {
      assert.equal(typeof part.value, 'string', 'filled');
      segments[segments.length - 1] += wellFormed(part.value as string);
    }
  }
  const body = draft.body === undefined || draft.body.trim() === '' ? undefined : bodyAsWritten(draft.body);
  return {
    method: draft.method,
    path: segments.slice(1),
    query: (draft.query ?? []).filter((p) => p.active !== false).map((p) => [wellFormed(p.name), wellFormed(p.value as string)]),
    headers: (draft.headers ?? []).filter(([name, value]) => writable(name, value)).map(([name, value]) => [name, value.trim()]),
    ...(body !== undefined && { body }),
  };
}

/** A body line that starts with ### would end the block: the writer indents it (insignificant in JSON); the rest is kept. */
function bodyAsWritten(body: string): string {
  const lines = body.split(/\r\n|\r|\n/).map((line) => (line.startsWith('###') ? ` ${line}` : line));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.join('\n');
}

/** The draft with every `{placeholder}` filled in, as a user would before sending. */
function filled(draft: RequestDraft): RequestDraft {
  const fill = (value: string | { placeholder: string }) => (typeof value === 'string' ? value : `filled-${value.placeholder}`);
  return {
    ...draft,
    path: draft.path.map((part) => ('literal' in part ? part : { value: fill(part.value) })),
    query: (draft.query ?? []).map((p) => ({ ...p, value: fill(p.value) })),
  };
}

function onlyRequest(text: string): ConsoleRequest {
  const blocks = parseHttpDocument(text, { baseUrl: BASE });
  assert.equal(blocks.length, 1, `one request block in:\n${text}`);
  const result = blocks[0]!.result;
  assert.ok(result.ok, `${result.ok ? '' : result.error.message}\n${text}`);
  return result.request;
}

const instance = { id: 7, name: 'Books', element: { key: 'xero' } } as unknown as Instance;

describe('hostile API documents (issue 19 item 5)', () => {
  it('tree ids are unique: resources, operations and the error row, whatever the tags and operationIds (property)', () => {
    fc.assert(
      fc.property(swagger, (doc) => {
        const tree = readOperations(doc);
        const api: ApiNode = { kind: 'api', instance, parent: { kind: 'instance', instance } as unknown as InstanceNode };
        const ids: string[] = [apiItem({ kind: 'apiError', message: 'x', parent: api }, 'production').id!];
        for (const resource of tree.resources) {
          const node: ApiResourceNode = { kind: 'apiResource', name: resource.name, operations: resource.operations, parent: api };
          ids.push(apiItem(node, 'production').id!);
          for (const operation of resource.operations) ids.push(apiItem({ kind: 'apiOperation', operation, parent: node }, 'production').id!);
        }
        assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
      }),
      { numRuns: 300 },
    );
    const clash = readOperations({ paths: { '/x': { get: { tags: ['a'], operationId: 'b' } }, '/y': { get: { tags: ['a:b'], operationId: 'c' } } } });
    assert.equal(clash.resources.length, 2, 'the reported case: tag "a" + operationId "b" beside tag "a:b"');
  });

  it('every generated request document reads back as the very request it was written from (property)', () => {
    fc.assert(
      fc.property(swagger, (doc) => {
        const tree = readOperations(doc);
        for (const operation of allOperations(tree)) {
          const draft = requestDraft(operation, tree, { instanceId: 7, instanceName: 'a\n### GET https://evil' });
          const complete = filled(draft);
          assert.deepEqual(onlyRequest(formatRequest(complete)), requestOf(complete));
          // Unfilled, the only thing that stops it is a placeholder to fill in.
          const blocks = parseHttpDocument(formatRequest(draft), { baseUrl: BASE });
          assert.equal(blocks.length, 1);
          if (!blocks[0]!.result.ok) assert.match(blocks[0]!.result.error.message, /^Line \d+: fill in \{/);
          // A required header parameter is written, or named as one the document cannot hold; never silently dropped.
          const text = formatRequest(draft);
          const read = onlyRequest(formatRequest(complete));
          for (const p of operation.parameters.filter((p) => p.in === 'header' && p.required && TOKEN.test(p.name) && !SET_BY_THE_CONSOLE.test(p.name))) {
            const sent = read.headers.some(([name]) => name.toLowerCase() === p.name.toLowerCase());
            assert.ok(sent || text.includes(JSON.stringify(p.name)), `${p.name} is sent, or named in:\n${text}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any draft — odd header names, bodies with ### lines and indented ### — reads back as its request; what cannot be written is named (property)', () => {
    const bodyLine = fc.oneof(fc.constantFrom('###', '### GET https://evil.example', ' ###', '\t###x', '  ### indented', '{"a": 1}', '', '#', '// c', 'X-Evil: 1'), fc.string({ maxLength: 8 }));
    const draft = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      segments: fc.array(paramValue, { maxLength: 3 }),
      query: fc.array(fc.tuple(paramValue.filter((n) => n !== ''), paramValue, fc.boolean()), { maxLength: 3 }),
      headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
      body: fc.option(fc.array(bodyLine, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')), { nil: undefined }),
    });
    fc.assert(
      fc.property(draft, ({ method, segments, query, headers, body }) => {
        const given: RequestDraft = {
          method,
          path: segments.flatMap((value) => [{ literal: '/' }, { value }]),
          query: query.map(([name, value, active]) => ({ name, value, active })),
          headers,
          ...(body !== undefined && { body }),
        };
        const text = formatRequest(given);
        assert.deepEqual(onlyRequest(text), requestOf(given));
        // Headers the syntax cannot hold as they are: left out, each named in a comment.
        for (const [name, value] of headers.filter(([n, v]) => !writable(n, v))) assert.ok(text.includes(JSON.stringify(name)), `${JSON.stringify([name, value])} is named in:\n${text}`);
      }),
      { numRuns: 500 },
    );
  });
});
