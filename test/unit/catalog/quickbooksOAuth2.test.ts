/** QuickBooks Online OAuth 2 as a first-class flow: catalog, template, linter requirements. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../../src/core/catalog';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { detectFlow, missingRequired } from '../../../src/core/instanceFile/requirements';

const page = readFileSync(join(__dirname, '../../fixtures/seeds/quickbooks-oauth2.instance.json'), 'utf8');
const quickbooks = catalog.get('quickbooks')!;

describe('QuickBooks Online OAuth 2', () => {
  it('is the preferred flow: Client ID/Secret, sandbox, scope with the documented default, minor version optional', () => {
    const flow = quickbooks.flows[0]!;
    assert.equal(flow.type, 'oauth2');
    assert.equal(flow.legacy, undefined);
    const field = (key: string) => flow.configuration.find((candidate) => candidate.key === key)!;
    assert.equal(field('oauth.api.key').label, 'Client ID');
    assert.equal(field('oauth.api.secret').label, 'Client Secret');
    assert.deepEqual([field('use_sandbox').kind, field('use_sandbox').required, field('use_sandbox').default], ['boolean', false, 'false']);
    assert.deepEqual([field('scope').required, field('scope').default], [false, 'com.intuit.quickbooks.accounting'], 'a documented default, never demanded');
    assert.match(field('scope').defaultSource ?? '', /quickbooksonline\/authenticate\.md/);
    assert.equal(field('quickbooks.minorversion').required, false);
    assert.equal(field('authentication.type').default, 'oauth2');
    assert.deepEqual(flow.oauth?.url.params.map((param) => `${param.name}${param.required ? '' : '?'}`), [
      'apiKey', 'apiSecret', 'callbackUrl', 'scope?', 'authentication.type', 'state?',
    ]);
    assert.deepEqual(flow.providerData.map((data) => data.key), ['code', 'realmId']);
  });

  it('the linter reads the page’s example as OAuth 2: placeholders to fill, nothing missing', () => {
    const body = JSON.parse(page) as Record<string, unknown>;
    assert.equal(detectFlow(quickbooks, body).type, 'oauth2');
    assert.deepEqual(missingRequired(detectFlow(quickbooks, body), body), { configuration: [], providerData: [] });
    const rules = new Set(lintInstanceText(page).map((diagnostic) => diagnostic.rule));
    assert.ok(!rules.has('required-key') && !rules.has('syntax'), [...rules].join(', '));
    assert.ok(rules.has('placeholder'));
  });

  it('the linter names what an OAuth 2 body lacks: realmId, authentication.type (not scope, which has a documented default)', () => {
    const text = JSON.stringify({
      element: { key: 'quickbooks' },
      providerData: { code: '${keychain:qb.code}' },
      configuration: { 'oauth.callback.url': 'https://www.mycoolapp.com/auth', 'oauth.api.key': '${keychain:k}', 'oauth.api.secret': '${keychain:s}' },
      name: 'n',
    });
    const messages = lintInstanceText(text).filter((diagnostic) => diagnostic.rule === 'required-key').map((diagnostic) => diagnostic.message);
    assert.deepEqual(messages, [
      'Missing required providerData for quickbooks (OAuth 2): "realmId"',
      'Missing required configuration for quickbooks (OAuth 2): "authentication.type"',
    ]);
  });
});
