import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import { buildInstanceSchema } from '../../../src/core/instanceFile/schema';

interface Suggestion {
  label: string;
  description?: string;
  body: string;
}

interface ElementBranch {
  if: { properties: { element: { properties: { key: { const: string } } } } };
  then: { properties: { configuration: { properties: Record<string, { defaultSnippets?: Suggestion[]; default?: string; description: string }>; required?: string[] }; providerData?: { properties: Record<string, unknown> } } };
}

/** Every `required` and `enum` in the schema, by path: what would make VS Code's JSON support validate. */
function validatingKeywords(value: unknown, path = '#'): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key === 'required' || key === 'enum' ? [`${path}/${key}`] : []),
    ...validatingKeywords(child, `${path}/${key}`),
  ]);
}

describe('instance-file JSON schema', () => {
  const schema = buildInstanceSchema(catalog) as {
    required?: string[];
    allowComments: boolean;
    allowTrailingCommas: boolean;
    properties: { element: { properties: { key: { defaultSnippets: Suggestion[] } } }; configuration: { properties: Record<string, { type: string[]; description: string; defaultSnippets?: Suggestion[] }> } };
    allOf: ElementBranch[];
  };
  const branch = (key: string) => schema.allOf.find((b) => b.if.properties.element.properties.key.const === key)!;

  it('offers every catalog element key, with a description each', () => {
    const suggested = schema.properties.element.properties.key.defaultSnippets;
    assert.deepEqual(suggested.map((s) => s.body).sort(), catalog.elements.map((e) => e.key).sort());
    assert.ok(suggested.every((s) => s.label === s.body && s.description));
    assert.equal(suggested.find((s) => s.body === 'xero')?.description, 'Xero (finance)');
  });

  it('validates nothing the linter reports (each problem shows once): required only in the branch conditions, no enum, comments and trailing commas allowed', () => {
    assert.equal(schema.required, undefined);
    assert.equal(schema.allowComments, true);
    assert.equal(schema.allowTrailingCommas, true);
    const keywords = validatingKeywords(schema);
    assert.ok(keywords.length > 0);
    assert.deepEqual(
      keywords.filter((path) => !/^#\/allOf\/\d+\/if(\/properties\/element)?\/required$/.test(path)),
      [],
    );
  });

  it('describes each element\'s configuration fields from the catalog', () => {
    const xero = branch('xero').then.properties;
    assert.deepEqual(Object.keys(xero.configuration.properties), ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'xero.partner']);
    assert.deepEqual(xero.configuration.properties['xero.partner']!.defaultSnippets?.map((s) => s.body), ['true', 'false']);
    assert.equal(xero.configuration.required, undefined, 'the linter reports missing configuration, per flow');
    assert.deepEqual(Object.keys(xero.providerData!.properties), ['code', 'oauth_token', 'oauth_verifier', 'secret', 'org']);
  });

  it('applies an element\'s rules only to files naming that element', () => {
    const condition = branch('xero').if as unknown as { required: string[]; properties: { element: { required: string[] } } };
    assert.deepEqual(condition.required, ['element']);
    assert.deepEqual(condition.properties.element.required, ['key']);
  });

  it('describes the event keys of every instance, and takes the poller configuration as the object the docs send too', () => {
    const events = schema.properties.configuration.properties;
    assert.deepEqual(Object.keys(events), [
      'event.notification.enabled',
      'event.vendor.type',
      'event.notification.callback.url',
      'event.notification.signature.key',
      'event.poller.refresh_interval',
      'event.poller.configuration',
      'event.poller.urls',
    ]);
    assert.ok(Object.values(events).every((key) => key.description.length > 20));
    assert.deepEqual(events['event.poller.configuration']!.type, ['string', 'number', 'boolean', 'object']);
    assert.deepEqual(events['event.poller.urls']!.type, ['string', 'number', 'boolean']);
    assert.deepEqual(events['event.notification.enabled']!.defaultSnippets?.map((s) => s.body), ['true', 'false']);
    assert.match(events['event.notification.signature.key']!.description, /keychain/);
  });

  it('carries the catalog\'s defaults', () => {
    assert.equal(branch('quickbooks').then.properties.configuration.properties['oauth.user.refresh_interval']!.default, '13046400');
  });
});
