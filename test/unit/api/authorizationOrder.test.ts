/**
 * Issue 18 item 8: everything in the toolkit that writes the Authorization header writes it in
 * the documentation's order, `User u, Organization o[, Element e]` (devportal
 * `_includes/ceql-ref.md`, the platform pages' cURL; churros `src/core/defaults.js`): the API
 * client's transport, the console's request documents, its Send, its Copy as cURL, and the
 * instance file's Copy as cURL.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { authorizationHeader } from '../../../src/core/api/authorization';
import { CloudElementsClient } from '../../../src/core/api/client';
import { consoleCurl } from '../../../src/core/console/curl';
import { parseHttpDocument } from '../../../src/core/console/httpDocument';
import { readOperations, findOperation } from '../../../src/core/console/operations';
import { accountAuthorization, elementAuthorization } from '../../../src/core/console/references';
import { buildRequestDocument } from '../../../src/core/console/requestDocument';
import { sendRequest } from '../../../src/core/console/send';
import { createInstanceCurl } from '../../../src/core/curl';
import { financeDocs } from '../console/fixtures';
import { sendJson, startStub, type StubServer } from './stubServer';

/** The documented forms: the account's parts first, then the instance's token. */
const DOCUMENTED = /^User (?<user>[^\s,]+), Organization (?<organization>[^\s,]+)(?:, Element (?<element>[^\s,]+))?$/;

function parts(header: string | undefined): Record<string, string | undefined> {
  const match = DOCUMENTED.exec(header ?? '');
  assert.ok(match, `not in the documented order: ${String(header)}`);
  return { ...match.groups };
}

/** Secrets as the service issues them: base64-ish, no spaces or commas. */
const secret = fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/);

describe('the Authorization header, in the documented order everywhere the toolkit builds it', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('authorizationHeader: User, Organization, then Element (generated secrets)', () => {
    fc.assert(
      fc.property(secret, secret, fc.option(secret, { nil: undefined }), (user, organization, element) => {
        const header = authorizationHeader({ user, organization, ...(element !== undefined && { element }) });
        assert.deepEqual(parts(header), { user, organization, element });
      }),
    );
  });

  it('the API client sends it so on account calls and on hub calls', async () => {
    stub = await startStub((_request, response) => sendJson(response, 200, { id: 1, endpoint: 'xero' }));
    const client = new CloudElementsClient({ baseUrl: stub.baseUrl, credentials: { userSecret: 'u+1', orgSecret: 'o=2' } });
    await client.getInstance(1);
    await client.ping('finance', 'tok/3');
    assert.deepEqual(parts(stub.requests[0]!.headers.authorization), { user: 'u+1', organization: 'o=2', element: undefined });
    assert.deepEqual(parts(stub.requests[1]!.headers.authorization), { user: 'u+1', organization: 'o=2', element: 'tok/3' });
  });

  it("the console's request documents, Send and Copy as cURL", async () => {
    assert.deepEqual(parts(accountAuthorization()), { user: '{{account:user}}', organization: '{{account:organization}}', element: undefined });
    assert.deepEqual(parts(elementAuthorization(12)), { user: '{{account:user}}', organization: '{{account:organization}}', element: '{{instance:12:token}}' });

    stub = await startStub((_request, response) => sendJson(response, 200, []));
    const tree = readOperations(financeDocs());
    const text = buildRequestDocument(findOperation(tree, 'getCustomers')!, tree, { instanceId: 12, instanceName: 'Demo' });
    const [block] = parseHttpDocument(text, { baseUrl: stub.baseUrl });
    assert.ok(block?.result.ok);
    const request = block.result.request;
    const values: Record<string, string> = { 'account-user': 'U', 'account-organization': 'O', 'instance-token': 'T' };
    const sent = await sendRequest(request, { baseUrl: stub.baseUrl, secrets: async (reference) => values[reference.kind] });
    assert.ok(sent.ok);
    assert.deepEqual(parts(stub.requests[0]!.headers.authorization), { user: 'U', organization: 'O', element: 'T' });

    const curl = consoleCurl(request, { baseUrl: stub.baseUrl, secrets: 'variables' });
    assert.match(curl, /-H 'Authorization: User '"\$ELEMENTS_USER_SECRET"', Organization '"\$ELEMENTS_ORG_SECRET"', Element '"\$ELEMENTS_TOKEN"/);
  });

  it("the instance file's Copy as cURL", () => {
    const curl = createInstanceCurl({ baseUrl: 'https://api.cloud-elements.com/elements/api-v2', credentials: { userSecret: 'U', orgSecret: 'O' }, body: '{}' });
    assert.match(curl, /-H 'Authorization: User U, Organization O'/);
  });
});
