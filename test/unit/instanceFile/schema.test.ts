import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { buildInstanceSchema } from '../../../src/core/instanceFile/schema';

interface ElementBranch {
  if: { properties: { element: { properties: { key: { const: string } } } } };
  then: { properties: { configuration: { properties: Record<string, { enum?: string[]; default?: string; description: string }>; required?: string[] }; providerData?: { properties: Record<string, unknown> } } };
}

describe('instance-file JSON schema', () => {
  const schema = buildInstanceSchema(catalog) as {
    required: string[];
    properties: { element: { properties: { key: { enum: string[]; enumDescriptions: string[] } } } };
    allOf: ElementBranch[];
  };
  const branch = (key: string) => schema.allOf.find((b) => b.if.properties.element.properties.key.const === key)!;

  it('offers every catalog element key, with a description each', () => {
    const keys = schema.properties.element.properties.key.enum;
    assert.deepEqual([...keys].sort(), catalog.elements.map((e) => e.key).sort());
    assert.equal(schema.properties.element.properties.key.enumDescriptions.length, keys.length);
    assert.deepEqual(schema.required, ['element', 'name', 'configuration']);
  });

  it('describes each element\'s configuration fields from the catalog', () => {
    const xero = branch('xero').then.properties;
    assert.deepEqual(Object.keys(xero.configuration.properties), ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'xero.partner']);
    assert.deepEqual(xero.configuration.properties['xero.partner']!.enum, ['true', 'false']);
    assert.deepEqual(xero.configuration.required, ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url']);
    assert.deepEqual(Object.keys(xero.providerData!.properties), ['code', 'oauth_token', 'oauth_verifier', 'secret', 'org']);
  });

  it('applies an element\'s rules only to files naming that element', () => {
    const condition = branch('xero').if as unknown as { required: string[]; properties: { element: { required: string[] } } };
    assert.deepEqual(condition.required, ['element']);
    assert.deepEqual(condition.properties.element.required, ['key']);
  });

  it('requires only what every flow of an element requires', () => {
    // QuickBooks' token flow needs the user tokens, its OAuth 1a flow does not; OAuth 2 (first) sets the order.
    assert.deepEqual(branch('quickbooks').then.properties.configuration.required, ['oauth.callback.url', 'oauth.api.key', 'oauth.api.secret']);
    assert.equal(branch('quickbooks').then.properties.configuration.properties['oauth.user.refresh_interval']!.default, '13046400');
  });
});
