/** Curated elements reviewed by hand against their documentation pages. */
import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition, FlowType } from '../../../src/core/catalog/types';
import { detectFlow } from '../../../src/core/instanceFile/requirements';
import { buildTemplate } from '../../../src/core/instanceFile/template';

function flowOf(key: string, type: FlowType): { element: ElementDefinition; flow: FlowDefinition } {
  const element = catalog.get(key);
  assert.ok(element, `${key} is in the catalog`);
  const flow = catalog.flow(element, type);
  assert.ok(flow, `${key} has a ${type} flow`);
  return { element, flow };
}

function paramSummary(flow: FlowDefinition, call: 'token' | 'url'): string[] {
  return (flow.oauth?.[call]?.params ?? []).map((param) => {
    const source = param.source.from === 'config' ? param.source.key : param.source.from;
    return `${param.name}=${source}${param.required ? '' : '?'}`;
  });
}

describe('curated elements (hand-reviewed)', () => {
  it('shopify: OAuth 2 with siteAddress and scope read from the configuration', () => {
    const { element, flow } = flowOf('shopify', 'oauth2');
    assert.equal(element.hub, 'ecommerce');
    assert.equal(element.id, 48);
    assert.deepEqual(paramSummary(flow, 'url'), [
      'apiKey=oauth.api.key',
      'apiSecret=oauth.api.secret',
      'callbackUrl=oauth.callback.url',
      'siteAddress=shopify.site.address',
      'scope=oauth.scope',
      'state=state?',
    ]);
    assert.deepEqual(buildTemplate(element, flow), {
      element: { key: 'shopify' },
      providerData: { code: '<AUTHORIZATION_GRANT_CODE>' },
      configuration: {
        'oauth.api.key': '<CLIENT_ID>', // the page's typo <LIENT_ID> corrected
        'oauth.api.secret': '<CLIENT_SECRET>',
        'oauth.callback.url': 'https://www.examplecallbackurl.com/',
        'shopify.site.address': '<SHOPIFY_USER_SHOP_NAME>',
        'oauth.scope': 'write_orders,write_products,write_customers',
      },
      tags: ['<Add_Your_Tag>'],
      name: '<Insert_Instance_Name>',
    });
    const apiKey = flow.configuration.find((field) => field.role === 'apiKey');
    assert.equal(apiKey?.label, 'Client ID');
    assert.equal(apiKey?.secret, true);
  });

  it('zendesk: the siteAddress parameter comes from zendesk.subdomain', () => {
    const { flow } = flowOf('zendesk', 'oauth2');
    assert.ok(paramSummary(flow, 'url').includes('siteAddress=zendesk.subdomain'));
    assert.equal(flow.configuration.find((field) => field.key === 'zendesk.subdomain')?.placeholder, '<ZENDESK_SUBDOMAIN>');
  });

  it('gmail: the boilerplate siteAddress of the page is not sent', () => {
    const { flow } = flowOf('gmail', 'oauth2');
    assert.deepEqual(paramSummary(flow, 'url'), [
      'apiKey=oauth.api.key',
      'apiSecret=oauth.api.secret',
      'callbackUrl=oauth.callback.url',
      'state=state?',
    ]);
  });

  it('desk: OAuth 1 with a site address in both calls and the request secret in providerData', () => {
    const { element, flow } = flowOf('desk', 'oauth1');
    assert.deepEqual(paramSummary(flow, 'token'), [
      'apiKey=oauth.api.key',
      'apiSecret=oauth.api.secret',
      'callbackUrl=oauth.callback.url',
      'siteAddress=site.address',
    ]);
    assert.deepEqual(paramSummary(flow, 'url'), [
      'apiKey=oauth.api.key',
      'apiSecret=oauth.api.secret',
      'callbackUrl=oauth.callback.url',
      'requestToken=requestToken',
      'siteAddress=site.address',
      'state=state?',
    ]);
    assert.deepEqual(
      flow.providerData.map((field) => [field.key, field.source.from]),
      [
        ['oauth_token', 'callback'],
        ['oauth_verifier', 'callback'],
        ['secret', 'requestSecret'],
      ],
    );
    assert.deepEqual(buildTemplate(element, flow).configuration, {
      'oauth.api.key': '<INSERT_DESK_API_KEY>',
      'oauth.api.secret': '<INSERT_DESK_API_SECRET>',
      'oauth.callback.url': '<INSERT_CALLBACK_URL>',
      'site.address': '<INSERT_DESK_SITE_ADDRESS>',
    });
  });

  it('twitter: OAuth 1 with the copy-pasted QuickBooks placeholders corrected', () => {
    const { element, flow } = flowOf('twitter', 'oauth1');
    assert.deepEqual(buildTemplate(element, flow).configuration, {
      'oauth.api.key': '<INSERT_TWITTER_API_KEY>',
      'oauth.api.secret': '<INSERT_TWITTER_API_SECRET>',
      'oauth.callback.url': '<SAME CALLBACK URL USED IN STEP 2>',
    });
  });

  it('autotaskcrm: basic, configuration only', () => {
    const { element, flow } = flowOf('autotaskcrm', 'basic');
    assert.equal(element.flows.length, 1);
    assert.equal(flow.oauth, undefined);
    assert.deepEqual(flow.providerData, []);
    assert.deepEqual(
      flow.configuration.map((field) => [field.key, field.label, field.required, field.secret, field.kind]),
      [
        ['crm.autotask.username', 'Username', true, false, 'string'],
        ['crm.autotask.password', 'Password', true, true, 'string'],
        ['crm.autotask.server.url', 'Server URL', true, false, 'url'],
      ],
    );
    assert.deepEqual(buildTemplate(element, flow), {
      element: { key: 'autotaskcrm' },
      configuration: {
        'crm.autotask.username': '<AUTOTASK_USERNAME>',
        'crm.autotask.password': '<AUTOTASK_PASSWORD>',
        'crm.autotask.server.url': '<AUTOTASK_LOGIN_URL>',
      },
      tags: ['<Add_Your_Tag>'],
      name: '<INSTANCE_NAME>',
    });
  });

  it('hubspot: OAuth 2 preferred, plus the custom API-key flow of the same page', () => {
    const element = catalog.get('hubspot');
    assert.ok(element);
    assert.deepEqual(
      element.flows.map((flow) => flow.type),
      ['oauth2', 'custom'],
    );
    const { flow } = flowOf('hubspot', 'custom');
    assert.equal(flow.label, 'API key');
    const template = buildTemplate(element, flow);
    assert.deepEqual(template.configuration, {
      'hubspot.authorization.apikey': '<HUBSPOT_API_KEY>',
      'authentication.type': 'apiKey',
      'create.bulk.properties': 'false',
      'filter.response.nulls': 'true',
    });
    assert.equal(detectFlow(element, template), flow, 'a body without providerData is the API-key flow');
    const oauth2 = catalog.flow(element, 'oauth2');
    assert.ok(oauth2);
    assert.equal(detectFlow(element, buildTemplate(element, oauth2)), oauth2);
    assert.ok(!oauth2.configuration.some((field) => field.key === 'hubspot.authorization.apikey'));
    assert.ok(paramSummary(oauth2, 'url').includes('scope=oauth.scope?'));
  });

  it('stripe: custom, a single secret API key', () => {
    const { flow } = flowOf('stripe', 'custom');
    assert.deepEqual(flow.configuration, [
      {
        key: 'api.key',
        label: 'API Key',
        required: true,
        secret: true,
        kind: 'string',
        placeholder: '<INSERT_STRIPE_API_KEY>',
      },
    ]);
  });

  it('marketo: client credentials, so a configuration-only flow without providerData', () => {
    const element = catalog.get('marketo');
    assert.ok(element);
    assert.deepEqual(
      element.flows.map((flow) => flow.type),
      ['custom'],
    );
    assert.deepEqual(buildTemplate(element, element.flows[0]!).providerData, undefined);
  });

  it('decides the hubs the documentation leaves null', () => {
    const hubs = Object.fromEntries(
      ['abbyy', 'campaignmonitor', 'concur', 'sendgrid', 'taxify', 'zohocrm'].map((key) => [key, catalog.get(key)?.hub]),
    );
    assert.deepEqual(hubs, {
      abbyy: 'documents',
      campaignmonitor: 'marketing',
      concur: 'finance',
      sendgrid: 'messaging',
      taxify: 'finance',
      zohocrm: 'crm',
    });
  });
});
