/**
 * The four elements transcribed by hand from the Cloud Elements "Create Instance" and
 * "Authenticate" pages: Xero (OAuth 2 and OAuth 1), FreshBooks (OAuth 1), Sage One US (OAuth 2)
 * and QuickBooks Online (OAuth 2, OAuth 1a and token-based quick provision). Parameters,
 * callback fields, template keys, placeholders and key order follow the pages exactly, with
 * their defects corrected (the vandalised `your_mom` keys and the missing comma in the Xero
 * OAuth 1 page). Flows the provider has retired are kept, marked `legacy`.
 */
import {
  apiKeyField,
  apiSecretField,
  callbackData,
  callbackUrlField,
  configParam,
  requestSecretData,
  requestTokenParam,
  standardParams,
  stateParam,
} from './fields';
import type { ConfigField, ElementDefinition } from './types';

const xeroPartner: ConfigField = {
  key: 'xero.partner',
  label: 'Partner application',
  required: false,
  secret: false,
  kind: 'boolean',
  placeholder: 'true',
  default: 'false',
  description:
    '"true" for a Xero Partner application. Public applications must renew their OAuth refresh token every 30 minutes.',
};

const xero: ElementDefinition = {
  key: 'xero',
  name: 'Xero',
  hub: 'finance',
  id: 40,
  origin: 'seed',
  signupUrl: 'https://xero.com',
  // The page's example response: its base.url is FreshBooks' (copy-paste), so Xero's API is used.
  instanceDefaults: {
    'base.url': 'https://api.xero.com/api.xro/2.0',
    'pagination.max': '100',
    'pagination.type': 'page',
  },
  notes: [
    'With OAuth 1.0a (legacy), a public Xero application must renew its token every 30 minutes; a Partner application (xero.partner "true") avoids it.',
  ],
  flows: [
    {
      type: 'oauth2',
      label: 'OAuth 2',
      // A Xero OAuth 2 app has a Client ID and Client Secret (the page's placeholders say consumer key/secret, OAuth 1.0a words).
      configuration: [
        apiKeyField('<INSERT_XERO_CONSUMER_KEY>', 'Client ID'),
        apiSecretField('<INSERT_XERO_CONSUMER_SECRET>', 'Client Secret'),
        callbackUrlField(),
        // The page's OAuth 2 example carries it, but partner applications are an OAuth 1.0a notion: not asked.
        { ...xeroPartner, asked: false, description: 'Xero OAuth 1.0a only: "true" for a Partner application. OAuth 2 apps have no such type.' },
      ],
      providerData: [callbackData('code', 'Code on Return the URL', { secret: true })],
      oauth: { url: { params: [...standardParams(), stateParam] } },
      template: { name: '<INSERT_NAME>' },
    },
    {
      type: 'oauth1',
      label: 'OAuth 1',
      legacy: 'Xero retired OAuth 1.0a apps in favour of OAuth 2; only accounts that still have an OAuth 1.0a app can use it.',
      configuration: [
        apiKeyField('<INSERT_XERO_CONSUMER_KEY>', 'Consumer Key'),
        apiSecretField('<INSERT_XERO_CONSUMER_SECRET>', 'Consumer Secret'),
        callbackUrlField('https://www.yourcallbackurl.com/oauth2callback'),
        xeroPartner,
      ],
      providerData: [
        callbackData('oauth_token', '<OAUTH_TOKEN_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        callbackData('oauth_verifier', '<OAUTH_VERIFIER_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        requestSecretData(),
        callbackData('org', '<ORG_RETURNED_IN_OAUTH_EXCHANGE>', { example: 'kfN8Ch1HUqBPwVA6sKaSLw' }),
      ],
      oauth: {
        token: { params: standardParams() },
        url: { params: [...standardParams(), requestTokenParam, stateParam] },
      },
      template: { name: '<INSERT_NAME>' },
    },
  ],
};

const freshbooksSiteAddress: ConfigField = {
  key: 'freshbooks.site.address',
  label: 'Site Address',
  required: true,
  secret: false,
  kind: 'string',
  placeholder: '<INSERT_FRESHBOOKS_SITE_ADDRESS>',
  description: 'The FreshBooks site to authorize: targetcompany for targetcompany.freshbooks.com.',
};

const freshbooks: ElementDefinition = {
  key: 'freshbooks',
  name: 'FreshBooks',
  hub: 'finance',
  id: 172,
  origin: 'seed',
  // The page's example response ({site.address} and siteaddress are Cloud Elements' own templates).
  instanceDefaults: {
    'base.url': 'https://{site.address}/api/2.1',
    'oauth.token.url': 'https://siteaddress.freshbooks.com/oauth/oauth_access.php',
    'oauth.request.url': 'https://siteaddress.freshbooks.com/oauth/oauth_request.php',
    'oauth.authorization.url': 'https://siteaddress.freshbooks.com/oauth/oauth_authorize.php',
    'pagination.max': '100',
    'pagination.type': 'page',
    'event.vendor.type': 'webhook',
  },
  aliases: ['FreshBooks Classic'],
  flows: [
    {
      type: 'oauth1',
      label: 'OAuth 1',
      configuration: [
        {
          ...apiKeyField('<INSERT_FRESHBOOKS_API_KEY>'),
          // The page's "Your Personal Subsite" is the consumer key of FreshBooks Classic: the registering account's system name.
          description:
            'The API key (OAuth consumer key) of your FreshBooks app: with FreshBooks Classic, the system name of the account that registered the app. The site to authorize is asked separately, as Site Address.',
        },
        {
          ...apiSecretField('<INSERT_FRESHBOOKS_API_SECRET>'),
          description: 'The API secret (OAuth consumer secret) of your FreshBooks app.',
        },
        freshbooksSiteAddress,
        // The OAuth calls take callbackUrl, but the page's instance.json has no callback entry.
        { ...callbackUrlField(), required: false, inTemplate: false },
      ],
      providerData: [
        callbackData('oauth_token', '<OAUTH_TOKEN_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        callbackData('oauth_verifier', '<OAUTH_VERIFIER_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        requestSecretData(),
        callbackData('refresh_token', '<REFRESH_TOKEN_RETURNED_IN_OAUTH_EXCHANGE>', {
          required: false,
          secret: true,
          inTemplate: false,
        }),
      ],
      oauth: {
        token: { params: [...standardParams(), configParam('siteAddress', 'freshbooks.site.address')] },
        url: {
          params: [
            ...standardParams(),
            requestTokenParam,
            configParam('siteAddress', 'freshbooks.site.address'),
            stateParam,
          ],
        },
      },
      template: { tags: ['<INSERT_TAGS>'], name: '<INSERT_INSTANCE_NAME>' },
    },
  ],
};

const sageoneus: ElementDefinition = {
  key: 'sageoneus',
  name: 'Sage One US',
  hub: 'sage',
  id: 653,
  origin: 'seed',
  flows: [
    {
      type: 'oauth2',
      label: 'OAuth 2',
      configuration: [
        apiKeyField('<INSERT_SAGEONE_US_CLIENT_ID>', 'Client ID'),
        apiSecretField('<INSERT_SAGEONE_US_CLIENT_SECRET>', 'Client Secret'),
        {
          key: 'signature',
          label: 'Signature',
          // The page lists it, but its own oauth/url example works without it.
          required: false,
          recommended: true,
          secret: true,
          kind: 'string',
          placeholder: '<INSERT_SAGEONE_US_SIGNATURE>',
          description: 'The signature obtained when registering the app with Sage One.',
        },
        callbackUrlField(),
      ],
      providerData: [callbackData('code', 'Code on Return the URL', { secret: true })],
      oauth: {
        url: {
          params: [
            configParam('apiKey', 'oauth.api.key'),
            configParam('apiSecret', 'oauth.api.secret'),
            configParam('Signature', 'signature', false),
            configParam('callbackUrl', 'oauth.callback.url'),
            stateParam,
          ],
        },
      },
      template: { tags: ['<INSERT_TAGS>'], name: '<INSERT_INSTANCE_NAME>' },
    },
  ],
};

/** Where QuickBooks Online's documented defaults are written. */
const QBO_AUTHENTICATE = 'cloud-elements/devportal docs/elements/quickbooksonline/authenticate.md@8428ebd8';

const quickbooks: ElementDefinition = {
  key: 'quickbooks',
  name: 'QuickBooks Online',
  hub: 'finance',
  id: 39,
  origin: 'seed',
  signupUrl: 'http://quickbooks.intuit.com/signup/',
  notes: [
    'Development app tokens connect only to your QuickBooks sandbox company; use production app tokens for any other company (otherwise: invalid_database).',
  ],
  flows: [
    {
      // docs/elements/quickbooksonline/authenticate.md, "Authenticate with OAuth 2.0".
      type: 'oauth2',
      label: 'OAuth 2',
      description: 'Authorize in the browser with an Intuit OAuth 2 app (every app created since July 2017); the callback brings the code and the company\'s realmId.',
      configuration: [
        callbackUrlField('<CALLBACK_URL>', 'Redirect URI'),
        apiKeyField('<CONSUMER_KEY>', 'Client ID'),
        apiSecretField('<CONSUMER_SECRET>', 'Client Secret'),
        {
          key: 'quickbooks.minorversion',
          label: 'Minor version',
          required: false,
          secret: false,
          kind: 'number',
          placeholder: '<VERSION_NUMBER>',
          description: 'A QuickBooks API minor version other than the generally available one, e.g. 23; leave empty for the default.',
        },
        {
          key: 'authentication.type',
          label: 'Authentication type',
          required: true,
          secret: false,
          kind: 'string',
          placeholder: 'oauth2',
          default: 'oauth2',
          description: 'oauth2: tells Cloud Elements this QuickBooks instance uses OAuth 2.',
        },
        {
          key: 'use_sandbox',
          label: 'Sandbox company',
          required: false,
          secret: false,
          kind: 'boolean',
          placeholder: '<true_or_false>',
          default: 'false',
          defaultSource: `${QBO_AUTHENTICATE}, "Authenticate with OAuth 2.0": sandbox companies only when use_sandbox is true`,
          description: '"true" to connect to a QuickBooks sandbox company (development keys).',
        },
        {
          key: 'scope',
          label: 'Scope',
          // Not required: a provisioning app that sends no scope gets the accounting scope (issue 18).
          required: false,
          secret: false,
          kind: 'string',
          placeholder: 'com.intuit.quickbooks.accounting openid profile email phone address',
          default: 'com.intuit.quickbooks.accounting',
          defaultSource: `${QBO_AUTHENTICATE}, "Getting a Redirect URL": the accounting scope its oauth/url example requests`,
          description: 'The QuickBooks API access the app requests (space separated); without it, com.intuit.quickbooks.accounting.',
        },
      ],
      providerData: [
        callbackData('code', '<AUTHORIZATION_GRANT_CODE>', { secret: true }),
        callbackData('realmId', '<REALMID_FROM_PREVIOUS_STEP>', { example: '12345678910' }),
      ],
      oauth: {
        url: {
          params: [
            ...standardParams(),
            configParam('scope', 'scope', false),
            configParam('authentication.type', 'authentication.type'),
            stateParam,
          ],
        },
      },
      template: { tags: ['<Add_Your_Tag>'], name: '<INSTANCE_NAME>' },
    },
    {
      type: 'oauth1',
      label: 'OAuth 1a',
      legacy: 'Intuit retired OAuth 1.0a (apps created before July 2017); new apps use OAuth 2.',
      configuration: [
        apiKeyField('<INSERT_QUICKBOOKS_API_KEY>'),
        apiSecretField('<INSERT_QUICKBOOKS_API_SECRET>'),
        callbackUrlField('<SAME CALLBACK URL USED IN STEP 2>'),
      ],
      providerData: [
        callbackData('oauth_token', '<OAUTH_TOKEN_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        callbackData('realmId', '<REALMID_RETURNED_IN_OAUTH_EXCHANGE>', { example: '12345678910' }),
        callbackData('oauth_verifier', '<OAUTH_VERIFIER_RETURNED_IN_OAUTH_EXCHANGE>', { secret: true }),
        requestSecretData(),
        callbackData('state', 'quickbooks', { required: false }),
        callbackData('dataSource', '<RETURNED_IN_OAUTH_EXCHANGE>', { example: 'QBO' }),
      ],
      oauth: {
        token: { params: standardParams() },
        url: { params: [...standardParams(), requestTokenParam, stateParam] },
      },
      template: { tags: ['<INSERT_TAGS>'], name: '<INSERT_INSTANCE_NAME>' },
    },
    {
      type: 'token',
      label: 'Token based (quick provision)',
      description: 'Provision directly with OAuth tokens you already hold; no browser step.',
      legacy: 'Takes OAuth 1.0a tokens, which Intuit retired; only apps created before July 2017 have them.',
      externalAuthentication: 'initial',
      configuration: [
        { ...callbackUrlField('<INSERT_CALLBACK_URL>') },
        {
          key: 'quickbooks.datasource',
          label: 'Data source',
          required: true,
          secret: false,
          kind: 'string',
          placeholder: '<INSERT_DATASOURCE>',
          default: 'QBO',
        },
        {
          key: 'oauth.user.refresh_interval',
          label: 'Refresh interval (seconds)',
          required: false,
          secret: false,
          kind: 'number',
          placeholder: '<INSERT_REFRESH_INTERVAL>',
          default: '13046400',
          defaultSource: `${QBO_AUTHENTICATE}, "Parameters" (token based): "The default for QuickBooks Online is 151 days or 13046400"`,
          description: 'Seconds before the tokens need a refresh; QuickBooks Online defaults to 151 days (13046400).',
        },
        {
          key: 'quickbooks.realm.id',
          label: 'Realm ID',
          required: true,
          secret: false,
          kind: 'string',
          placeholder: '<INSERT_REALM_ID>',
          description: 'The identifier of the authorized QuickBooks company.',
        },
        {
          key: 'oauth.user.token',
          label: 'User token',
          required: true,
          secret: true,
          kind: 'string',
          placeholder: '<INSERT_USER_TOKEN>',
        },
        {
          key: 'oauth.user.token.secret',
          label: 'User token secret',
          required: true,
          secret: true,
          kind: 'string',
          placeholder: '<INSERT_USER_TOKEN_SECRET>',
        },
        apiKeyField('<INSERT_API_KEY>'),
        apiSecretField('<INSERT_API_SECRET>'),
        {
          key: 'oauth.user.refresh_time',
          label: 'Last refresh time (epoch ms)',
          required: false,
          secret: false,
          kind: 'number',
          placeholder: '<INSERT_REFRESH_TIME>',
        },
      ],
      providerData: [],
      template: { tags: ['QBO Token'], name: 'QBO Token' },
    },
  ],
};

export const seedElements: readonly ElementDefinition[] = [xero, freshbooks, sageoneus, quickbooks];
