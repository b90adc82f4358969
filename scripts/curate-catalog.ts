/**
 * Curates the raw documentation extract (scripts/catalog-source/elements.json) into the catalog's
 * ElementDefinition format and writes src/core/catalog/curatedElements.json:
 *
 *     npx tsx scripts/curate-catalog.ts
 *
 * The raw data is parser output over pages that have their own mistakes. Generic rules turn it
 * into flows; the `corrections` table below fixes what the rules cannot know, one reason each.
 * Anything the rules cannot decide (a null hub, an unknown OAuth query parameter) makes curate()
 * throw, so every such case is decided in the table rather than guessed. Corrections that no
 * longer match the data also throw, so the table cannot silently rot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  callbackData,
  configParam,
  requestSecretData,
  requestTokenParam,
  standardParams,
  stateParam,
} from '../src/core/catalog/fields';
import { FLOW_TYPES, hasBrowserStep } from '../src/core/catalog/flowTypes';
import type {
  ConfigField,
  ConfigRole,
  ElementDefinition,
  FlowDefinition,
  FlowType,
  ProviderDataField,
  QueryParam,
  ValueKind,
} from '../src/core/catalog/types';
import { validateElement } from '../src/core/catalog/validate';

// ---------------------------------------------------------------------------------------------
// Raw shape (scripts/catalog-source/README.md)

export interface RawParameter {
  label: string | null;
  key: string;
  description: string | null;
  type: string | null;
}

export interface RawInstanceBody {
  element: { key: string };
  providerData?: Record<string, unknown>;
  configuration: Record<string, unknown>;
  tags?: string[];
  name: string;
}

export interface RawElement {
  key: string;
  display_names: string[];
  element_ids: string[];
  hub: string | null;
  primary_auth: string;
  auth_types: string[];
  oauth_flow_calls: string[];
  oauth_extra_params: string[];
  provider_labels: Record<string, string>;
  callback_params: string[];
  callback_example: string | null;
  configuration_keys: string[];
  providerData_keys: string[];
  parameters_table: RawParameter[];
  example_instance_json: { page: string; section: string; template: RawInstanceBody } | null;
  sources: Array<{ page: string; path: string; commit: string; date: string }>;
}

/** Hand-written in src/core/catalog/seedElements.ts from the Create Instance pages. */
export const SEED_KEYS: readonly string[] = ['xero', 'freshbooks', 'sageoneus', 'quickbooks'];

/** Raw keys deliberately left out of the curated catalog (with the reason). None so far. */
export const EXCLUDED_KEYS: Readonly<Record<string, string>> = {};

/** Where the entries common to all elements are documented, with their defaults. */
const COMMON_INSTANCE_CONFIG = 'cloud-elements/devportal _includes/common-instance-config.md@8f9db5a0, "Instance Configuration"';

/**
 * A correction's `defaultSource` that stands for the element's own page (its first source):
 * the correction's reason says what the page says.
 */
export const ON_THE_PAGE = '<the element page>';

/** `cloud-elements/devportal docs/elements/clover/authenticate.md@e86d95b4`: where the raw element was read. */
function pageCitation(raw: RawElement): string {
  const source = raw.sources[0];
  return source ? `cloud-elements/devportal ${source.path}@${source.commit.slice(0, 8)}` : `cloud-elements/devportal (the ${raw.key} pages)`;
}

// ---------------------------------------------------------------------------------------------
// Corrections

type OAuthCall = 'token' | 'url';
type FieldPatch = Partial<Omit<ConfigField, 'key'>>;

/** An instance.json body as a page shows it (the element key is implied). */
interface ExampleBody {
  providerData?: Record<string, string>;
  configuration: Record<string, string | boolean>;
  tags?: string[];
  name: string;
}

type Fix =
  /** The element's hub (raw null or clearly copy-pasted). */
  | { kind: 'hub'; hub: string }
  | { kind: 'name'; name: string }
  /** Replaces the raw auth types; preferred first. */
  | { kind: 'authTypes'; types: FlowType[] }
  /** A wrong key the documentation uses for this element. */
  | { kind: 'alias'; alias: string }
  /** The `signupURL` of the element's documented responses (not in the raw extract). */
  | { kind: 'signupUrl'; url: string }
  | { kind: 'note'; note: string }
  /** The instance.json of another section of the page (the parser kept only the first one). */
  | { kind: 'example'; flow: FlowType; label?: string; body: ExampleBody }
  /** Renames a configuration key in the examples, configuration_keys and parameters table (or the table only). */
  | { kind: 'renameKey'; from: string; to: string; tableOnly?: boolean }
  /** Configuration keys that belong to another element. */
  | { kind: 'dropKeys'; keys: string[] }
  /** Replaces the example's value for a configuration key (in every flow's example that has it). */
  | { kind: 'placeholder'; key: string; value: string }
  | { kind: 'providerData'; key: string; value: string }
  /** Overrides attributes of the configuration field `key` in every flow that has it. */
  | { kind: 'field'; key: string; set: FieldPatch }
  /**
   * Decides an OAuth query parameter: the configuration key it is read from (`add` creates the
   * field when the element has none), or null when the raw parameter is not a real one.
   */
  | { kind: 'param'; name: string; key: string | null; calls?: OAuthCall[]; add?: FieldPatch };

export interface Correction {
  element: string;
  fix: Fix;
  reason: string;
}

/** Raw parameters-table keys that are parser or page artifacts, whatever the element. */
const TABLE_KEY_FIXES: Readonly<Record<string, { key: string; reason: string }>> = {
  "'key'": { key: 'key', reason: 'the element-key row is quoted in many tables' },
  '"oauth.user.refresh_interval"': { key: 'oauth.user.refresh_interval', reason: 'quoted key in a table' },
  Tags: { key: 'tags', reason: 'capitalised tags row' },
};

const boilerplateSiteAddress =
  "boilerplate `siteAddress=<url>` in the page's request template; its query-parameter table and example cURL have none";

/** Helper rows for corrections shared by several elements. */
function forElements(elements: readonly string[], fix: Fix, reason: string): Correction[] {
  return elements.map((element) => ({ element, fix, reason }));
}

const NETSUITE_V2 = ['netsuitecrmv2', 'netsuiteerpv2', 'netsuitefinancev2', 'netsuitehcv2'];

const netsuiteSamples = (key: string): Correction[] =>
  [
    ['netsuite.accountId', '<INSERT_NETSUITE_ACCOUNT_ID>'],
    ['netsuite.single.session.key', '<INSERT_SINGLE_SESSION_KEY>'],
    ['user.username', '<INSERT_NETSUITE_EMAIL>'],
    ['user.password', '<INSERT_NETSUITE_PASSWORD>'],
    ['netsuite.appId', '<INSERT_NETSUITE_APP_ID>'],
  ].map(([configKey, value]) => ({
    element: key,
    fix: { kind: 'placeholder', key: configKey!, value: value! },
    reason: 'sample value (my_account_id, my@somewhere.com, …) that is really a placeholder',
  }));

const netsuiteTokenExample: ExampleBody = {
  configuration: {
    'netsuite.sandbox': false,
    'netsuite.accountId': '<INSERT_NETSUITE_ACCOUNT_ID>',
    'netsuite.single.session': true,
    'netsuite.single.session.key': '<INSERT_SINGLE_SESSION_KEY>',
    'authentication.type': 'custom',
    consumer_key: '<INSERT_NETSUITE_CONSUMER_KEY>',
    consumer_secret: '<INSERT_NETSUITE_CONSUMER_SECRET>',
    token_id: '<INSERT_NETSUITE_ACCESS_TOKEN_ID>',
    token_secret: '<INSERT_NETSUITE_ACCESS_TOKEN_SECRET>',
    'filter.response.nulls': true,
    'event.notification.enabled': false,
  },
  tags: ['<Add_Your_Tag>'],
  name: '<INSTANCE_NAME>',
};

const hubspotApiKeyExample: ExampleBody = {
  configuration: {
    'hubspot.authorization.apikey': '<HUBSPOT_API_KEY>',
    'authentication.type': 'apiKey',
    'create.bulk.properties': 'false',
    'filter.response.nulls': true,
  },
  tags: ['<Add_Your_Tag>'],
  name: '<INSTANCE_NAME>',
};

export const corrections: readonly Correction[] = [
  // --- hubs the pages do not state (raw null), decided from what the element is
  { element: 'abbyy', fix: { kind: 'hub', hub: 'documents' }, reason: 'hub null; ABBYY is OCR/document capture' },
  { element: 'actpremium', fix: { kind: 'hub', hub: 'crm' }, reason: 'hub null; Act! Premium is a CRM' },
  { element: 'actpremiumcrm', fix: { kind: 'hub', hub: 'crm' }, reason: 'hub null; Act! Premium CRM is a CRM' },
  { element: 'campaignmonitor', fix: { kind: 'hub', hub: 'marketing' }, reason: 'hub null; email marketing' },
  { element: 'concur', fix: { kind: 'hub', hub: 'finance' }, reason: 'hub null; travel and expense management' },
  { element: 'epages', fix: { kind: 'hub', hub: 'ecommerce' }, reason: 'hub null; online shop software' },
  { element: 'infobip', fix: { kind: 'hub', hub: 'messaging' }, reason: 'hub null; SMS, like twiliov2' },
  { element: 'netsuiteerpv2', fix: { kind: 'hub', hub: 'erp' }, reason: 'hub null; NetSuite ERP' },
  { element: 'quickbase', fix: { kind: 'hub', hub: 'db' }, reason: 'hub null; hosted database / app builder' },
  { element: 'sapanywhere', fix: { kind: 'hub', hub: 'ecommerce' }, reason: "hub null; the page's response says eCommerce Hub" },
  { element: 'sendgrid', fix: { kind: 'hub', hub: 'messaging' }, reason: 'hub null; email delivery' },
  { element: 'taxify', fix: { kind: 'hub', hub: 'finance' }, reason: 'hub null; sales tax (the page\'s "CRM system" is copy-paste)' },
  { element: 'twilio', fix: { kind: 'hub', hub: 'messaging' }, reason: 'hub null; SMS' },
  { element: 'volusion', fix: { kind: 'hub', hub: 'ecommerce' }, reason: 'hub null; online store' },
  { element: 'woocommerce', fix: { kind: 'hub', hub: 'ecommerce' }, reason: "hub null; the page's response says eCommerce Hub" },
  { element: 'zohocrm', fix: { kind: 'hub', hub: 'crm' }, reason: 'hub null; Zoho CRM is a CRM' },
  // --- hubs copied from another element's page
  { element: 'base', fix: { kind: 'hub', hub: 'crm' }, reason: "Base CRM; the page's response was copied from an eCommerce element" },
  { element: 'netsuiteerp', fix: { kind: 'hub', hub: 'erp' }, reason: "NetSuite ERP; the page's response was copied from NetSuite CRM" },
  { element: 'netsuitefinance', fix: { kind: 'hub', hub: 'finance' }, reason: "NetSuite Finance; the page's response was copied from NetSuite CRM" },
  { element: 'netsuitehc', fix: { kind: 'hub', hub: 'humancapital' }, reason: "NetSuite Human Capital; the page's response was copied from NetSuite CRM" },
  { element: 'magentosoapv19', fix: { kind: 'hub', hub: 'ecommerce' }, reason: 'Magento is e-commerce (as magento); "a Finance Platform" is copy-paste' },
  { element: 'magentov20', fix: { kind: 'hub', hub: 'ecommerce' }, reason: 'Magento is e-commerce (as magento); "a Finance Platform" is copy-paste' },
  { element: 'connectwisecrm', fix: { kind: 'hub', hub: 'crm' }, reason: "the CRM element; its page's response says crm (helpdesk came from the shared include)" },
  { element: 'sapc4ccrm', fix: { kind: 'hub', hub: 'crm' }, reason: "the CRM variant; its page's response was copied from the Help Desk variant" },

  // --- names
  { element: 'hubspot', fix: { kind: 'name', name: 'HubSpot Marketing' }, reason: "vendor spelling (the page's second display name)" },
  { element: 'netsuitefinancev2', fix: { kind: 'name', name: 'NetSuite 2016 Finance' }, reason: "vendor spelling (the page's second display name)" },

  // --- wrong keys the documentation uses for an element ("did you mean")
  { element: 'base', fix: { kind: 'alias', alias: 'basecrm' }, reason: "the page's folder and response use basecrm" },
  { element: 'dynamicscrmadfs', fix: { kind: 'alias', alias: 'dynamicscrm' }, reason: "the page's folder and response use dynamicscrm" },
  { element: 'actessentialsoauth', fix: { kind: 'alias', alias: 'actessentials' }, reason: "the page's response uses actessentials" },
  { element: 'adobe-esign', fix: { kind: 'alias', alias: 'adobe-esignsocial' }, reason: "the page's OAuth URL example uses adobe-esignsocial" },
  { element: 'instagram', fix: { kind: 'alias', alias: 'dropinstagram' }, reason: "the page's OAuth URL example uses dropinstagram" },

  // --- documented response fields the raw extract lacks
  {
    element: 'dropbox',
    fix: { kind: 'signupUrl', url: 'http://www.dropbox.com' },
    reason: "the signupURL of the Authenticate page's example response (docs/elements/dropbox/authenticate.md)",
  },

  // --- auth types
  {
    element: 'marketo',
    fix: { kind: 'authTypes', types: ['custom'] },
    reason: 'client credentials: no oauth/url step, the page sends an empty providerData.code',
  },
  {
    element: 'marketo',
    fix: { kind: 'note', note: 'Marketo authenticates with client credentials: no browser step, and no providerData is needed.' },
    reason: 'explains the custom flow',
  },
  {
    element: 'dynamicscrmadfs',
    fix: { kind: 'authTypes', types: ['oauth2', 'custom'] },
    reason: 'the page calls the username/password variant "Custom Authentication" (authentication.type custom)',
  },

  // --- flows the parser missed (other sections of the same page)
  {
    element: 'campaignmonitor',
    fix: {
      kind: 'example',
      flow: 'oauth2',
      body: {
        providerData: { code: '<AUTHORIZATION_GRANT_CODE>' },
        configuration: {
          'authentication.type': 'oauth2',
          'oauth.callback.url': '<CALLBACK_URL>',
          'oauth.api.key': '<CONSUMER_KEY>',
          'oauth.api.secret': '<CONSUMER_SECRET>',
          'filter.response.nulls': true,
        },
        tags: ['<Add_Your_Tag>'],
        name: '<INSTANCE_NAME>',
      },
    },
    reason: 'the OAuth section of the page (the parser kept only the basic one)',
  },
  {
    element: 'dynamicscrmadfs',
    fix: {
      kind: 'example',
      flow: 'oauth2',
      body: {
        providerData: { code: '<AUTHORIZATION_GRANT_CODE>' },
        configuration: {
          'authentication.type': 'oauth2',
          'oauth.api.key': '<CLIENT_ID>',
          'oauth.api.secret': '<CLIENT_SECRET>',
          'oauth.callback.url': '<CALLBACK_URL>',
          'oauth.resource.url': 'yourcompanyname.crm.dynamics.com',
        },
        tags: ['<Add_Your_Tag>'],
        name: '<INSTANCE_NAME>',
      },
    },
    reason: 'the OAuth 2.0 section of the page (the parser kept only the custom one)',
  },
  {
    element: 'dynamicscrmadfs',
    fix: {
      kind: 'example',
      flow: 'custom',
      label: 'Custom (username and password)',
      body: {
        configuration: {
          'authentication.type': 'custom',
          'user.username': '<USERNAME>',
          'user.password': '<PASSWORD>',
          'dynamics.tenant': 'yourcompanyname.crm.dynamics.com',
        },
        tags: ['<Add_Your_Tag>'],
        name: '<INSTANCE_NAME>',
      },
    },
    reason: 'same body as the raw example, with a label telling the two flows apart',
  },
  {
    element: 'hubspot',
    fix: { kind: 'example', flow: 'custom', label: 'API key', body: hubspotApiKeyExample },
    reason: "the API Key section of the page (its real-looking sample key replaced by a placeholder)",
  },
  {
    element: 'hubspotcrm',
    fix: { kind: 'example', flow: 'custom', label: 'API key', body: hubspotApiKeyExample },
    reason: "the API Key section of the page (its real-looking sample key replaced by a placeholder)",
  },
  ...forElements(
    NETSUITE_V2,
    { kind: 'example', flow: 'custom', label: 'Token based (TBA)', body: netsuiteTokenExample },
    'the token-based (custom) section of the page, sample values replaced by placeholders',
  ),
  ...NETSUITE_V2.flatMap(netsuiteSamples),
  {
    element: 'zuorav2',
    fix: {
      kind: 'example',
      flow: 'basic',
      body: {
        configuration: {
          'zuorav2.sandbox': '<true or false>',
          'authentication.type': 'basic',
          username: '<Zuora Username>',
          password: '<Zuora Password>',
        },
        tags: ['<Add_Your_Tag>'],
        name: '<INSTANCE_NAME>',
      },
    },
    reason: 'the basic section of the page (its {{page.username}} placeholders resolved)',
  },
  {
    element: 'freshdesk',
    fix: {
      kind: 'example',
      flow: 'custom',
      label: 'API key',
      body: {
        configuration: { 'api.key': '<INSERT_FRESHDESK_API_KEY>', subdomain: '<INSERT_FRESHDESK_SUBDOMAIN_URL>' },
        tags: ['<INSERT_TAGS>'],
        name: '<INSERT_INSTANCE_NAME>',
      },
    },
    reason: "the API key example of the page (its placeholder's missing `>` restored)",
  },

  // --- configuration keys
  {
    element: 'connectwisecrm',
    fix: { kind: 'renameKey', from: 'helpdesk.connectwise.username', to: 'crm.connectwise.username' },
    reason: 'the shared include shows the Help Desk keys; the CRM create-instance page uses crm.connectwise.*',
  },
  {
    element: 'connectwisecrm',
    fix: { kind: 'renameKey', from: 'helpdesk.connectwise.password', to: 'crm.connectwise.password' },
    reason: 'as above',
  },
  {
    element: 'connectwisecrm',
    fix: { kind: 'renameKey', from: 'helpdesk.connectwise.server.url', to: 'crm.connectwise.server.url' },
    reason: 'as above',
  },
  {
    element: 'connectwisecrm',
    fix: { kind: 'renameKey', from: 'helpdesk.connectwise.company', to: 'crm.connectwise.company' },
    reason: 'as above',
  },
  {
    element: 'connectwisehd',
    fix: { kind: 'dropKeys', keys: ['crm.connectwise.username', 'crm.connectwise.password', 'crm.connectwise.server.url', 'crm.connectwise.company'] },
    reason: 'keys of connectwisecrm, from a page covering both elements',
  },
  {
    element: 'autotaskhelpdesk',
    fix: { kind: 'dropKeys', keys: ['crm.autotask.username', 'crm.autotask.password', 'crm.autotask.server.url'] },
    reason: 'keys of autotaskcrm, from a page covering both elements',
  },
  ...['sapc4ccrm', 'sapc4chd'].flatMap((element): Correction[] => [
    { element, fix: { kind: 'renameKey', from: 'Username', to: 'username', tableOnly: true }, reason: 'capitalised key in the parameters table (the example uses username)' },
    { element, fix: { kind: 'renameKey', from: 'Password', to: 'password', tableOnly: true }, reason: 'capitalised key in the parameters table (the example uses password)' },
    { element, fix: { kind: 'placeholder', key: 'username', value: '<YOUR_SAP_C4C_USERNAME>' }, reason: 'display name mangled into the placeholder' },
    { element, fix: { kind: 'placeholder', key: 'password', value: '<YOUR_SAP_C4C_PASSWORD>' }, reason: 'display name mangled into the placeholder' },
  ]),
  {
    element: 'plaid',
    fix: { kind: 'renameKey', from: "User's Bank Name", to: 'bank_name', tableOnly: true },
    reason: 'the table row lost its key; its label became the key (the example uses bank_name)',
  },
  {
    element: 'woocommercerest',
    fix: { kind: 'renameKey', from: 'oauth.callback.url', to: 'store.url', tableOnly: true },
    reason: 'the "The Store URL" row is store.url; the element has no callback',
  },

  // --- placeholders
  { element: 'googlecalendar', fix: { kind: 'placeholder', key: 'oauth.callback.url', value: 'https://mycoolapp.com' }, reason: 'typo https;//' },
  { element: 'googlecalendar', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<Google app Client ID>' }, reason: 'fake sample key used as placeholder' },
  { element: 'googlecalendar', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<Google app Client secret>' }, reason: 'fake sample secret used as placeholder' },
  { element: 'revel', fix: { kind: 'placeholder', key: 'oauth.callback.url', value: '<Revel Callback URL Name>' }, reason: 'the three OAuth placeholders are rotated on the page' },
  { element: 'revel', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<Revel API Key>' }, reason: 'the three OAuth placeholders are rotated on the page' },
  { element: 'revel', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<Revel API Secret>' }, reason: 'the three OAuth placeholders are rotated on the page' },
  { element: 'revel', fix: { kind: 'placeholder', key: 'subdomain', value: '<REVEL_SUBDOMAIN>' }, reason: 'sample value (testhumanity, copied from Humanity) that is really a placeholder' },
  { element: 'revel', fix: { kind: 'providerData', key: 'token', value: '<TEMPORARY_TOKEN_FROM_PREVIOUS_STEP>' }, reason: 'missing closing >' },
  { element: 'shopify', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<CLIENT_ID>' }, reason: 'typo <LIENT_ID>' },
  { element: 'twitter', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<INSERT_TWITTER_API_KEY>' }, reason: 'QuickBooks placeholder copy-pasted into the Twitter page' },
  { element: 'twitter', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<INSERT_TWITTER_API_SECRET>' }, reason: 'QuickBooks placeholder copy-pasted into the Twitter page' },
  { element: 'campaignmonitor', fix: { kind: 'placeholder', key: 'username', value: '<Campaign Monitor API Key>' }, reason: 'unresolved {{page.username}}' },
  { element: 'marketo', fix: { kind: 'placeholder', key: 'marketo.identity.url', value: '<marketo_identity_url>' }, reason: 'missing closing >' },
  { element: 'evernote', fix: { kind: 'placeholder', key: 'evernote.sandbox', value: 'false' }, reason: 'a URL where the table asks for true/false' },
  {
    element: 'greatplains',
    fix: { kind: 'placeholder', key: 'greatplains.service.url', value: 'https://<INSERT_GREAT_PLAINS_HOST>/DynamicsGPWebServices/DynamicsGPService.asmx' },
    reason: 'stray ":" without a port and trailing ";"',
  },
  { element: 'infobip', fix: { kind: 'placeholder', key: 'messaging.sms.infobip.sender', value: '<INSERT_INFOBIP_SENDER_NUMBER>' }, reason: 'fake phone number that is really a placeholder' },
  { element: 'infobip', fix: { kind: 'placeholder', key: 'messaging.sms.infobip.callback.url', value: 'https://www.mycoolapp.com/auth' }, reason: 'typo maycoolapp' },
  { element: 'dynamicscrmadfs', fix: { kind: 'placeholder', key: 'dynamics.tenant', value: '<YOUR_COMPANY_NAME>.crm.dynamics.com' }, reason: 'sample host whose company part is a placeholder' },
  { element: 'dynamicscrmadfs', fix: { kind: 'placeholder', key: 'oauth.resource.url', value: '<YOUR_COMPANY_NAME>.crm.dynamics.com' }, reason: 'sample host whose company part is a placeholder' },
  { element: 'zendesk', fix: { kind: 'placeholder', key: 'zendesk.subdomain', value: '<ZENDESK_SUBDOMAIN>' }, reason: 'placeholder without <>' },
  { element: 'zuorav2', fix: { kind: 'placeholder', key: 'clientId', value: '<Zuora Client ID>' }, reason: 'placeholder without <>' },
  { element: 'zuorav2', fix: { kind: 'placeholder', key: 'clientSecret', value: '<Zuora Client Secret>' }, reason: 'placeholder without <>' },
  { element: 'plaid', fix: { kind: 'placeholder', key: 'username', value: "<User's bank user name>" }, reason: 'placeholder without <>' },
  { element: 'plaid', fix: { kind: 'placeholder', key: 'password', value: "<User's bank password>" }, reason: 'placeholder without <>' },
  { element: 'plaid', fix: { kind: 'placeholder', key: 'bank_name', value: '<Supported Plaid Institution Name>' }, reason: 'placeholder without <>' },
  { element: 'maximizer', fix: { kind: 'placeholder', key: 'maximizer.alias', value: '<MAXIMIZER_ALIAS>' }, reason: "Cloud Elements' own alias (CloudElements) as sample value" },
  { element: 'maximizer', fix: { kind: 'placeholder', key: 'maximizer.url', value: '<MAXIMIZER_API_URL>' }, reason: "Cloud Elements' own account URL as sample value" },
  { element: 'pardot', fix: { kind: 'placeholder', key: 'provider.version', value: '<INSERT_PARDOT_VERSION_3_OR_4>' }, reason: 'text after the placeholder ("(default is 3)")' },
  { element: 'volusion', fix: { kind: 'placeholder', key: 'volusion.encrypted.password', value: '<INSERT_ENCRYPTED_PASSWORD>' }, reason: 'typo ECRYPTED' },
  ...['infusionsoftcrm', 'infusionsoftmarketing'].map(
    (element): Correction => ({ element, fix: { kind: 'placeholder', key: 'infusionsoft.server', value: '<ACCOUNT_URL>' }, reason: 'typo ACOUNT' }),
  ),
  ...[
    ['mailjet', 'mailjet.api.key', '<INSERT_MAILJET_API_KEY>'],
    ['mailjet', 'mailjet.api.secret', '<INSERT_MAILJET_API_SECRET>'],
    ['mailjetmarketing', 'mailjetmarketing.api.key', '<INSERT_MAILJET_API_KEY>'],
    ['mailjetmarketing', 'mailjetmarketing.api.secret', '<INSERT_MAILJET_API_SECRET>'],
  ].map(([element, key, value]): Correction => ({ element: element!, fix: { kind: 'placeholder', key: key!, value: value! }, reason: 'typo MAILJECT' })),
  { element: 'sftp', fix: { kind: 'placeholder', key: 'username', value: '<INSERT_SFTP_USERNAME>' }, reason: 'database placeholder copy-pasted into the SFTP page' },
  { element: 'sftp', fix: { kind: 'placeholder', key: 'password', value: '<INSERT_SFTP_PASSWORD>' }, reason: 'database placeholder copy-pasted into the SFTP page' },
  { element: 'postgresql', fix: { kind: 'placeholder', key: 'db.host', value: '<INSERT_DATABASE_HOST_EG_123.123.1.123:5432>' }, reason: "MySQL's port 3306 copy-pasted; PostgreSQL listens on 5432" },
  { element: 'sqlserver', fix: { kind: 'placeholder', key: 'db.host', value: '<INSERT_DATABASE_HOST_EG_123.123.1.123:1433>' }, reason: "MySQL's port 3306 copy-pasted; SQL Server listens on 1433" },
  { element: 'economic', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<E-conomic app App Public Token>' }, reason: 'key and secret swapped on the page: the setup page and the oauthUrl (appPublicToken=apiKey) put the public token in oauth.api.key' },
  { element: 'economic', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<E-conomic app App Secret Token>' }, reason: 'as above' },

  // --- field attributes the rules cannot infer
  { element: 'economic', fix: { kind: 'field', key: 'oauth.api.key', set: { label: 'App Public Token', description: 'The App Public Token of your E-conomic app.' } }, reason: 'key and secret swapped on the page (see the placeholders)' },
  { element: 'economic', fix: { kind: 'field', key: 'oauth.api.secret', set: { label: 'App Secret Token', description: 'The App Secret Token of your E-conomic app.' } }, reason: 'key and secret swapped on the page (see the placeholders)' },
  { element: 'docusign', fix: { kind: 'field', key: 'oauth.api.key', set: { label: 'Integrator Key' } }, reason: 'DocuSign calls its API key the integrator key' },
  { element: 'pardot', fix: { kind: 'field', key: 'provider.version', set: { required: false, default: '3', defaultSource: ON_THE_PAGE } }, reason: 'the page says "default is 3"' },
  { element: 'sqlserver', fix: { kind: 'field', key: 'db.schema', set: { required: false, default: 'dbo', defaultSource: ON_THE_PAGE } }, reason: 'the page says "default is dbo"' },
  { element: 'maximizer', fix: { kind: 'field', key: 'maximizer.datacenter', set: { required: false, default: 'caw', defaultSource: ON_THE_PAGE } }, reason: 'the page: "if different than the default caw"' },
  {
    element: 'dynamicscrmadfs',
    fix: { kind: 'field', key: 'authentication.type', set: { description: 'Identifies the type of authentication: oauth2, or custom for username and password.' } },
    reason: 'the merged table rows of both sections say "Use custom." for the OAuth flow too',
  },
  ...['dynamics.tenant', 'oauth.resource.url'].map(
    (key): Correction => ({ element: 'dynamicscrmadfs', fix: { kind: 'field', key, set: { kind: 'string' } }, reason: 'a host name without scheme, not a URL' }),
  ),
  { element: 'plaid', fix: { kind: 'field', key: 'username', set: { label: "User's bank username" } }, reason: "typo User' in the table label" },
  { element: 'plaid', fix: { kind: 'field', key: 'password', set: { label: "User's bank password" } }, reason: "typo User' in the table label" },
  ...NETSUITE_V2.map(
    (element): Correction => ({
      element,
      fix: { kind: 'field', key: 'authentication.type', set: { description: 'The authentication type: Basic, or custom for token-based authentication.' } },
      reason: 'the table says "either `casic` or `custom`" (typo)',
    }),
  ),

  ...['hubspot', 'hubspotcrm'].map(
    (element): Correction => ({
      element,
      fix: { kind: 'field', key: 'create.bulk.properties', set: { required: false, default: 'false' } },
      reason: 'an option ("Show Optional Fields" in the UI), false unless bulk uploads need custom properties',
    }),
  ),
  { element: 'intacct', fix: { kind: 'placeholder', key: 'intacct.user.company.id', value: '<INSERT_INTACCT_COMPANY_ID>' }, reason: "the page's instance.json (it has // comments, so the parser dropped it)" },
  { element: 'intacct', fix: { kind: 'placeholder', key: 'intacct.location.id', value: '<The Location/Entity ID of the company>' }, reason: "the page's instance.json (it has // comments, so the parser dropped it)" },
  { element: 'intacct', fix: { kind: 'field', key: 'intacct.location.id', set: { required: false, description: 'Only for multi-entity companies: the location/entity ID.' } }, reason: 'the page comments it "optional for multi entity companies"' },
  { element: 'intacct', fix: { kind: 'field', key: 'intacct.control.id', set: { description: 'A unique value of your choice, such as myTestId.' } }, reason: 'the page comments it "unique value like myTestId"' },
  { element: 'flickr', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<INSERT_FLICKR_API_KEY>' }, reason: "the page's instance.json (a stray brace, so the parser dropped it)" },
  { element: 'flickr', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<INSERT_FLICKR_API_SECRET>' }, reason: "the page's instance.json (a stray brace, so the parser dropped it)" },
  { element: 'flickr', fix: { kind: 'placeholder', key: 'oauth.callback.url', value: '<SAME_CALLBACK_URL_USED_IN_STEP_2>' }, reason: "the page's instance.json (a stray brace, so the parser dropped it)" },
  { element: 'flickr', fix: { kind: 'placeholder', key: 'oauth.request.url', value: 'https://www.flickr.com/services/oauth/request_token' }, reason: "the page's instance.json (a stray brace, so the parser dropped it)" },
  { element: 'paypalv2', fix: { kind: 'placeholder', key: 'oauth.api.key', value: '<INSERT_PAYPAL_CLIENT_ID>' }, reason: "the page's instance.json (a // comment, so the parser dropped it)" },
  { element: 'paypalv2', fix: { kind: 'placeholder', key: 'oauth.api.secret', value: '<INSERT_PAYPAL_CLIENT_SECRET>' }, reason: "the page's instance.json (a // comment, so the parser dropped it)" },
  { element: 'paypalv2', fix: { kind: 'placeholder', key: 'oauth.callback.url', value: 'https://www.mycoolapp.com/auth' }, reason: "the page's instance.json (a // comment, so the parser dropped it)" },
  { element: 'paypalv2', fix: { kind: 'placeholder', key: 'paypalv2.sandbox', value: 'false' }, reason: "the page's instance.json (a // comment, so the parser dropped it)" },
  { element: 'paypalv2', fix: { kind: 'field', key: 'paypalv2.sandbox', set: { kind: 'boolean', required: false, default: 'false', defaultSource: ON_THE_PAGE, label: 'Sandbox', description: '"true" to connect to a PayPal sandbox account.' } }, reason: 'the page comments it "default - if you wish to instantiate a sandbox account - then change to true"' },

  ...[
    ['apikey.user.name', 'Username'],
    ['apikey.user.password', 'Password'],
    ['apikey.user.key', 'API User Key'],
  ].map(([key, label]): Correction => ({
    element: 'pardot',
    fix: { kind: 'field', key: key!, set: { label: label!, secret: key !== 'apikey.user.name' } },
    reason: 'the apikey. prefix names the Pardot API user, not a key: the user name is not a secret',
  })),
  ...NETSUITE_V2.flatMap((element): Correction[] => [
    { element, fix: { kind: 'field', key: 'netsuite.single.session', set: { required: false } }, reason: "the page's table marks it not required" },
    { element, fix: { kind: 'field', key: 'netsuite.single.session.key', set: { required: false } }, reason: 'the page\'s table: required only when enforcing a single session' },
  ]),
  { element: 'servicenowoauth', fix: { kind: 'dropKeys', keys: ['username', 'password'] }, reason: "the older page's password-grant variant (code 1000); the OAuth 2 flow does not use them" },
  { element: 'sharefile', fix: { kind: 'dropKeys', keys: ['sharefile.callback.url'] }, reason: "the older page's name for the callback; the current page uses oauth.callback.url" },
  { element: 'servicecloud', fix: { kind: 'field', key: 'helpdesk.servicecloud.endpointurl', set: { label: 'Endpoint URL' } }, reason: 'readable label for a run-together key' },
  { element: 'quickbase', fix: { kind: 'field', key: 'quickbase.appname', set: { label: 'App Name' } }, reason: 'readable label for a run-together key' },
  { element: 'quickbase', fix: { kind: 'field', key: 'quickbase.apptoken', set: { label: 'App Token' } }, reason: 'readable label for a run-together key' },

  // --- OAuth query parameters
  ...forElements(
    ['box', 'concur', 'constantcontact', 'dropbox', 'dropboxbusiness', 'eloqua', 'evernote', 'gmail', 'googlecalendar', 'googlesuite', 'hootsuite', 'infusionsoftcrm', 'infusionsoftmarketing', 'linkedin', 'revel', 'sageone', 'square'],
    { kind: 'param', name: 'siteAddress', key: null },
    boilerplateSiteAddress,
  ),
  { element: 'instagram', fix: { kind: 'param', name: 'siteAddress', key: null }, reason: 'Instagram has no site address; the example URL was copied from another element (dropinstagram)' },
  { element: 'infusionsoftcrm', fix: { kind: 'param', name: 'scope', key: null }, reason: 'scope=full only appears in the oauthUrl Cloud Elements returns, not in the request' },
  { element: 'sfdc', fix: { kind: 'param', name: 'code', key: null }, reason: 'code is a callback parameter, not an oauth/url one' },
  {
    element: 'sfdc',
    fix: {
      kind: 'param',
      name: 'siteAddress',
      key: 'siteAddress',
      add: {
        label: 'Site address',
        kind: 'url',
        default: 'https://login.salesforce.com',
        defaultSource: ON_THE_PAGE,
        description: 'Optional. https://test.salesforce.com for a sandbox account; otherwise https://login.salesforce.com is used.',
      },
    },
    reason: 'documented optional parameter without a configuration counterpart',
  },
  {
    element: 'desk',
    fix: {
      kind: 'param',
      name: 'siteAddress',
      key: 'site.address',
      add: {
        label: 'Site address',
        inTemplate: true,
        placeholder: '<INSERT_DESK_SITE_ADDRESS>',
        description: 'Your Desk.com subdomain: targetcompany for targetcompany.desk.com.',
      },
    },
    reason: "needed by both OAuth calls; the page's response shows it stored as site.address",
  },
  { element: 'dynamicscrmadfs', fix: { kind: 'param', name: 'siteAddress', key: 'oauth.resource.url' }, reason: 'the example passes the tenant host that oauth.resource.url holds' },
  { element: 'sharepoint', fix: { kind: 'param', name: 'documentLibrary', key: 'sharepoint.document.library' }, reason: 'the page lists documentLibrary among the oauth/url parameters' },
  {
    element: 'constantcontact',
    fix: {
      kind: 'param',
      name: 'newUser',
      key: 'newUser',
      add: { label: 'Sign up a new user', kind: 'boolean', default: 'false', description: 'Optional. "true" sends the user to the Constant Contact sign-up page instead of the login page.' },
    },
    reason: 'documented optional parameter without a configuration counterpart',
  },
  { element: 'evernote', fix: { kind: 'param', name: 'sandbox', key: 'evernote.sandbox', calls: ['token'] }, reason: 'the page passes sandbox to the token call' },
  {
    element: 'evernote',
    fix: {
      kind: 'param',
      name: 'scope',
      key: 'oauth.scope',
      calls: ['url'],
      add: { label: 'Scope', kind: 'string', default: 'false', description: 'Passed as scope to the authorization URL call; the page says to set it to false.' },
    },
    reason: 'the page sets scope=false in the oauth/url call',
  },
  ...['hubspot', 'hubspotcrm'].map(
    (element): Correction => ({ element, fix: { kind: 'param', name: 'scopes', key: null }, reason: 'the page variable holding the default scopes, not a second parameter' }),
  ),
  {
    element: 'hubspot',
    fix: { kind: 'field', key: 'oauth.scope', set: { label: 'Scope', default: 'contacts timeline files content reports social automation forms', defaultSource: ON_THE_PAGE, description: 'Space-separated HubSpot scopes; they must match the app. Without it Cloud Elements asks for its default scopes.' } },
    reason: "the page's default scopes for HubSpot Marketing",
  },
  {
    element: 'hubspotcrm',
    fix: { kind: 'field', key: 'oauth.scope', set: { label: 'Scope', default: 'contacts timeline files', defaultSource: ON_THE_PAGE, description: 'Space-separated HubSpot scopes; they must match the app. Without it Cloud Elements asks for its default scopes.' } },
    reason: "the page's default scopes for HubSpot CRM",
  },
  { element: 'onedrivev2', fix: { kind: 'param', name: 'Scope', key: null }, reason: 'duplicate of scope (capitalised in the query-parameter table)' },
  {
    element: 'onedrivev2',
    fix: { kind: 'field', key: 'oauth.scope', set: { label: 'Scope', default: 'files.readwrite offline_access', description: 'The scopes set for your app (see Permissions in API Provider Setup).' } },
    reason: "the page's example scope",
  },
  {
    element: 'outlookemail',
    fix: {
      kind: 'param',
      name: 'scope',
      key: 'oauth.scope',
      add: {
        label: 'Scope',
        default: 'offline_access https://outlook.office.com/mail.send https://outlook.office.com/mail.read https://outlook.office.com/mail.readwrite',
        defaultSource: ON_THE_PAGE,
        description: "The scopes granted to the app; the default is the minimum the element's API needs.",
      },
    },
    reason: 'scope is passed to oauth/url but the page has no configuration key for it',
  },
  {
    element: 'sagelive',
    fix: { kind: 'param', name: 'scope', key: 'oauth.scope', add: { label: 'Scope', default: 'full refresh_token', description: 'The scopes to request.' } },
    reason: 'scope is passed to oauth/url but the page has no configuration key for it',
  },
];

// ---------------------------------------------------------------------------------------------
// Generic rules

const ROLE_BY_KEY: Readonly<Record<string, ConfigRole>> = {
  'oauth.api.key': 'apiKey',
  'oauth.api.secret': 'apiSecret',
  'oauth.callback.url': 'callbackUrl',
};

const ROLE_LABEL_VAR: Readonly<Record<ConfigRole, string>> = { apiKey: 'apiKey', apiSecret: 'apiSecret', callbackUrl: 'callbackURL' };
const ROLE_DEFAULT_LABEL: Readonly<Record<ConfigRole, string>> = { apiKey: 'API Key', apiSecret: 'API Secret', callbackUrl: 'Callback URL' };

/** Cloud Elements' generic configuration entries, the same for every element. */
const GENERIC_FIELDS: Readonly<Record<string, FieldPatch>> = {
  'filter.response.nulls': {
    label: 'Filter null values from the response',
    required: false,
    kind: 'boolean',
    default: 'true',
    defaultSource: `${COMMON_INSTANCE_CONFIG}: "This property defaults to true"`,
    description: 'Whether Cloud Elements removes null values from response JSON.',
  },
  'document.tagging': { label: 'Document tagging', required: false, kind: 'boolean' },
  'event.notification.enabled': {
    label: 'Events enabled',
    required: false,
    kind: 'boolean',
    default: 'false',
    defaultSource: `${COMMON_INSTANCE_CONFIG}: "This property defaults to false"`,
  },
  'event.vendor.type': { label: 'Event type', required: false },
  'event.notification.callback.url': { label: 'Event notification callback URL', required: false },
  'event.notification.signature.key': { label: 'Event notification signature key', required: false },
};

/** Table rows that describe the request body rather than a configuration entry. */
const NON_CONFIG_ROWS = new Set(['key', 'name', 'tags', 'code']);
const PROVIDER_DATA_KEYS = new Set(['code', 'secret', 'oauth_token', 'oauth_verifier', 'state', 'token', 'realmId']);

const SECRET_KEY = /secret|password|passwd|token|private|signature/i;
const SECRET_KEY_END =
  /(^|[._-])(api[._-]?key|apikey|access[._-]?key|consumer[._-]?key|subscription[._-]?key|user[._-]?key|client[._-]?id|clientid|authorization[._-]?code)$/i;
const SECRET_TEXT = /secret|password|token|api[ _-]?key|private|encrypted/i;
const PUBLIC_KEY = /public/i;

function parseAuthTypes(raw: RawElement): FlowType[] {
  const toFlow = (value: string): FlowType => {
    if (value === 'oauth2' || value === 'oauth1' || value === 'basic') return value;
    if (value.startsWith('custom')) return 'custom';
    if (value.startsWith('token')) return 'token';
    throw new Error(`${raw.key}: unknown auth type "${value}"`);
  };
  return [...new Set([toFlow(raw.primary_auth), ...raw.auth_types.map(toFlow)])];
}

function cleanName(name: string): string {
  return name.replace(/\s+beta$/i, '').replace(/\s+/g, ' ').trim();
}

/** Page variables the raw text still contains ({{page.apiKey}} …). */
function pageVariables(raw: RawElement, name: string): Record<string, string> {
  const labels = Object.entries(raw.provider_labels).filter(([, label]) => !UNFILLED_LABEL.test(label));
  return { ...Object.fromEntries(labels), heading: name, elementKey: raw.key };
}

/** The page template's defaults for apiKey/apiSecret/callbackURL, left in where nobody filled them in. */
const UNFILLED_LABEL = /^(Key|Secret|Callback URL) Name$/;

const UNRESOLVED = '\u0000';

function cleanText(text: string | null | undefined, vars: Record<string, string>): string | undefined {
  if (!text) return undefined;
  const resolved = text
    .replace(/\{%[\s\S]*?(%\}|$)/g, ' ') // Liquid tags; an unterminated include runs to the end
    .replace(/\{\{\s*page\.(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? UNRESOLVED)
    .replace(/\{\{[^}]*\}\}/g, '') // unresolved glossary references
    .replace(/\*\*(Key|Secret|Callback URL) Name\*\*/g, UNRESOLVED);
  // A sentence built around a page variable the page never set says nothing: drop it.
  const cleaned = resolved
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !sentence.includes(UNRESOLVED))
    .join(' ')
    .replace(/<\/?br\s*\/?>/gi, ' ')
    .replace(/<\/?(code|strong|em|b|i|p|span|a)\b[^>]*>/gi, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/(^|[^\w])[*_]([^*_]+)[*_](?=[^\w]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*optional\s*\.?\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
  return cleaned || undefined;
}

function isOptionalInDocs(description: string | null | undefined): boolean {
  return /^\s*[*_]?optional\b/i.test(description ?? '');
}

function documentedDefault(description: string | null | undefined): string | undefined {
  const match = /default:?\s*`([^`]+)`/i.exec(description ?? '') ?? /the default\s+`([^`]+)`/i.exec(description ?? '');
  return match?.[1]?.trim();
}

const ACRONYMS: Readonly<Record<string, string>> = {
  url: 'URL', id: 'ID', api: 'API', db: 'DB', sms: 'SMS', smtp: 'SMTP', ip: 'IP', sso: 'SSO', apim: 'APIM', oauth: 'OAuth',
};
const NAMESPACE_PREFIXES = new Set(['crm', 'helpdesk', 'finance', 'messaging', 'filemanagement']);

/** "crm.autotask.server.url" → "Autotask Server URL". */
function labelFromKey(key: string, elementKey: string): string {
  let words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const namesElement = (word: string) => word.length >= 3 && elementKey.startsWith(word.toLowerCase());
  while (words.length > 1 && NAMESPACE_PREFIXES.has(words[0]!.toLowerCase())) words = words.slice(1);
  const meaningful = words.filter((word) => !namesElement(word));
  if (meaningful.length > 0) words = meaningful;
  return words
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function cleanLabel(label: string | null | undefined): string | undefined {
  const cleaned = label?.replace(/\*\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned.charAt(0).toUpperCase() + cleaned.slice(1) : undefined;
}

function generatedPlaceholder(key: string): string {
  return `<INSERT_${key.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}>`;
}

/** A template value as the configuration's string, with the pages' bracket quirks evened out. */
function placeholderOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text
    .trim()
    .replace(/^<<(.*)>>$/, '<$1>')
    .replace(/^<\s*(.*?)\s*>$/, '<$1>');
}

function kindOf(key: string, row: RawParameter | undefined, placeholder: string): ValueKind {
  const type = row?.type?.toLowerCase() ?? '';
  if (type.includes('boolean') || /must be `?true/.test(type)) return 'boolean';
  if (/^(true|false)$/i.test(placeholder) || /^<true[ _]or[ _]false>$/i.test(placeholder)) return 'boolean';
  if (/(^|[._])(port|version|minorversion)$|interval$|refresh_time$/i.test(key)) return 'number';
  if (/(^|[._])url$|[a-z]Url$|endpointurl$/i.test(key)) return 'url';
  return 'string';
}

function isSecret(key: string, role: ConfigRole | undefined, kind: ValueKind, label: string, placeholder: string): boolean {
  if (role === 'apiKey' || role === 'apiSecret') return true;
  if (role === 'callbackUrl' || kind === 'url' || kind === 'boolean' || PUBLIC_KEY.test(key)) return false;
  if (SECRET_KEY.test(key) || SECRET_KEY_END.test(key)) return true;
  // Basic-auth pages often put an API key in `username`: the label or the <…> placeholder says so.
  return SECRET_TEXT.test(label) || (/^<.*>$/.test(placeholder) && /API_?KEY|SECRET|PASSWORD|TOKEN/i.test(placeholder));
}

/** "This is the **Client ID** that you noted …" → "Client ID". */
function boldLabel(description: string | null | undefined): string | undefined {
  const label = /This is (?:the|your app's) \*\*([^*{]+)\*\*/.exec(description ?? '')?.[1]?.trim();
  return label && !UNFILLED_LABEL.test(label) ? label : undefined;
}

// ---------------------------------------------------------------------------------------------
// Curation

interface Example {
  body: ExampleBody;
  label?: string;
}

class ElementDraft {
  readonly fixes: Correction[];
  readonly used = new Set<Correction>();
  readonly name: string;
  readonly vars: Record<string, string>;
  readonly authTypes: FlowType[];
  readonly dropped: Set<string>;
  readonly table = new Map<string, RawParameter>();
  readonly configurationKeys: string[];
  readonly examples = new Map<FlowType, Example>();
  constructor(
    readonly raw: RawElement,
    allCorrections: readonly Correction[],
  ) {
    this.fixes = allCorrections.filter((correction) => correction.element === raw.key);
    this.name = this.take('name')[0]?.name ?? cleanName(raw.display_names[0] ?? raw.key);
    this.vars = pageVariables(raw, this.name);
    this.authTypes = this.take('authTypes')[0]?.types ?? parseAuthTypes(raw);
    this.dropped = new Set(this.take('dropKeys').flatMap((fix) => fix.keys));

    const renames = this.take('renameKey');
    const rename = (key: string, inTable: boolean) =>
      renames.find((fix) => fix.from === key && (inTable || !fix.tableOnly))?.to ?? key;

    const exampleKeys = Object.keys(raw.example_instance_json?.template.configuration ?? {});
    this.configurationKeys = raw.configuration_keys.map((key) => rename(key, false)).filter((key) => !this.dropped.has(key));
    const documentedKeys = new Set([...this.configurationKeys, ...exampleKeys]);
    for (const row of raw.parameters_table) {
      const key = rename(TABLE_KEY_FIXES[row.key]?.key ?? row.key, true);
      if (NON_CONFIG_ROWS.has(key) || this.dropped.has(key)) continue;
      if (this.isProviderDataKey(key) && !documentedKeys.has(key)) continue;
      const known = this.table.get(key);
      this.table.set(key, {
        key,
        label: known?.label ?? row.label,
        description: known?.description ?? row.description,
        type: known?.type ?? row.type,
      });
    }

    const template = raw.example_instance_json?.template;
    if (template) {
      const body: ExampleBody = {
        ...(template.providerData && {
          providerData: Object.fromEntries(Object.entries(template.providerData).map(([key, value]) => [key, placeholderOf(value)])),
        }),
        configuration: Object.fromEntries(
          Object.entries(template.configuration)
            .map(([key, value]): [string, string] => [rename(key, false), placeholderOf(value)])
            .filter(([key]) => !this.dropped.has(key)),
        ),
        ...(template.tags && { tags: template.tags }),
        name: template.name,
      };
      this.examples.set(this.flowOfExample(body), { body });
    } else if (this.authTypes.length === 1) {
      this.examples.set(this.authTypes[0]!, { body: this.exampleFromKeys() });
    }
    for (const fix of this.take('example')) {
      this.examples.set(fix.flow, { body: structuredClone(fix.body), ...(fix.label && { label: fix.label }) });
    }

    for (const fix of this.take('placeholder')) {
      const targets = [...this.examples.values()].filter((example) => fix.key in example.body.configuration);
      if (targets.length === 0) throw new Error(`${raw.key}: placeholder correction for unknown key ${fix.key}`);
      for (const example of targets) example.body.configuration[fix.key] = fix.value;
    }
    for (const fix of this.take('providerData')) {
      const targets = [...this.examples.values()].filter((example) => example.body.providerData && fix.key in example.body.providerData);
      if (targets.length === 0) throw new Error(`${raw.key}: providerData correction for unknown key ${fix.key}`);
      for (const example of targets) example.body.providerData![fix.key] = fix.value;
    }
  }

  /** The corrections of one kind for this element, marked as used. */
  take<K extends Fix['kind']>(kind: K): Array<Extract<Fix, { kind: K }>> {
    const matching = this.fixes.filter((correction) => correction.fix.kind === kind);
    for (const correction of matching) this.used.add(correction);
    return matching.map((correction) => correction.fix as Extract<Fix, { kind: K }>);
  }

  /** providerData or callback keys, unless the element documents them as configuration (plaid's secret). */
  isProviderDataKey(key: string): boolean {
    if (this.configurationKeys.includes(key)) return false;
    return PROVIDER_DATA_KEYS.has(key) || this.raw.providerData_keys.includes(key);
  }

  /** OAuth examples carry their providerData; a configuration-only one goes by its authentication.type. */
  private flowOfExample(body: ExampleBody): FlowType {
    const has = (type: FlowType) => this.authTypes.includes(type);
    const providerData = Object.keys(body.providerData ?? {});
    if (providerData.includes('code') && has('oauth2')) return 'oauth2';
    if (providerData.includes('oauth_token') && has('oauth1')) return 'oauth1';
    const declared = String(body.configuration['authentication.type'] ?? '').toLowerCase();
    if (declared === 'basic' && has('basic')) return 'basic';
    if ((declared === 'custom' || declared === 'apikey') && has('custom')) return 'custom';
    const configOnly = this.authTypes.find((type) => !hasBrowserStep(type));
    return configOnly ?? this.authTypes[0]!;
  }

  /**
   * For pages whose instance.json did not parse: the documented keys with generated placeholders
   * (buildProviderData adds the providerData every OAuth flow needs).
   */
  private exampleFromKeys(): ExampleBody {
    return {
      configuration: Object.fromEntries(this.configurationKeys.map((key) => [key, generatedPlaceholder(key)])),
      tags: ['<INSERT_TAGS>'],
      name: '<INSERT_INSTANCE_NAME>',
    };
  }

  field(key: string, placeholder: string | undefined, inTemplate: boolean): ConfigField {
    const row = this.table.get(key);
    const role = ROLE_BY_KEY[key];
    const generic = GENERIC_FIELDS[key] ?? {};
    const label =
      (role && (this.vars[ROLE_LABEL_VAR[role]] ?? boldLabel(row?.description) ?? cleanLabel(row?.label) ?? ROLE_DEFAULT_LABEL[role])) ||
      cleanLabel(row?.label) ||
      generic.label ||
      labelFromKey(key, this.raw.key);
    const tableDefault = documentedDefault(row?.description);
    const defaultValue = tableDefault ?? generic.default;
    // A default the page documents is Cloud Elements' own: filled in, never demanded.
    const defaultSource = tableDefault !== undefined ? `${pageCitation(this.raw)}, the parameters table of ${key}` : generic.defaultSource;
    const kind = generic.kind ?? kindOf(key, row, placeholder ?? '');
    const value = placeholder ?? defaultValue ?? (kind === 'boolean' ? '<true or false>' : generatedPlaceholder(key));
    const optional =
      !inTemplate || isOptionalInDocs(row?.description) || generic.required === false || /OPTIONAL/.test(value) || defaultSource !== undefined;
    const description = cleanText(row?.description, this.vars) ?? generic.description;
    return {
      key,
      label,
      required: !optional,
      secret: isSecret(key, role, kind, label, value),
      kind,
      placeholder: value,
      ...(defaultValue !== undefined && { default: kind === 'boolean' ? defaultValue.toLowerCase() : defaultValue }),
      ...(defaultValue !== undefined && defaultSource !== undefined && { defaultSource }),
      ...(description && { description }),
      ...(role && { role }),
      ...(!inTemplate && { inTemplate: false }),
    };
  }
}

/** The browser step flows of this type take: which OAuth calls and providerData a curated flow gets. */
const stepOf = (type: FlowType) => FLOW_TYPES[type].authorization;

/** Table descriptions that confine a key to one authentication variant ("OAuth 2.0 authentication only"). */
const FLOW_MARKERS: ReadonlyArray<[RegExp, FlowType]> = [
  [/OAuth ?2(\.0)? authentication only/i, 'oauth2'],
  [/API Key authentication only|For Custom authentication|only applicable for `?TokenBased/i, 'custom'],
  [/Basic Authentication only|only applicable for `?Basic/i, 'basic'],
];

function belongsElsewhere(draft: ElementDraft, type: FlowType, key: string): boolean {
  const types = [...draft.examples.keys()];
  if (types.some((other) => other !== type && key in draft.examples.get(other)!.body.configuration)) return true;
  if (!hasBrowserStep(type) && key.startsWith('oauth.') && types.some(hasBrowserStep)) return true;
  const description = draft.table.get(key)?.description ?? '';
  return FLOW_MARKERS.some(([marker, flow]) => flow !== type && types.includes(flow) && marker.test(description));
}

function buildConfiguration(draft: ElementDraft, type: FlowType, example: Example): ConfigField[] {
  const own = Object.entries(example.body.configuration).map(([key, value]) => draft.field(key, placeholderOf(value), true));
  const ownKeys = new Set(own.map((field) => field.key));
  // Documented keys the example leaves out: optional, and kept out of the template.
  const extras = [...new Set([...draft.configurationKeys, ...draft.table.keys()])]
    .filter((key) => !ownKeys.has(key) && !draft.isProviderDataKey(key) && !belongsElsewhere(draft, type, key))
    .map((key) => draft.field(key, undefined, false));
  return [...own, ...extras];
}

function buildProviderData(draft: ElementDraft, type: FlowType, example: Example): ProviderDataField[] {
  if (!hasBrowserStep(type)) return [];
  const fromExample = example.body.providerData ?? {};
  const required = stepOf(type) === 'oauth2' ? ['code'] : ['oauth_token', 'oauth_verifier', 'secret'];
  const callbackExtras = draft.raw.providerData_keys.filter((key) => draft.raw.callback_params.includes(key));
  const keys = [...new Set([...Object.keys(fromExample), ...required, ...callbackExtras])];
  return keys.map((key) => {
    const placeholder = fromExample[key] ?? DEFAULT_PROVIDER_PLACEHOLDERS[key] ?? `<${key.toUpperCase()}_RETURNED_IN_OAUTH_EXCHANGE>`;
    if (stepOf(type) === 'oauth1' && key === 'secret') return requestSecretData(placeholder);
    const secret = key === 'code' || /token|verifier|secret/i.test(key);
    return callbackData(key, placeholder, { secret });
  });
}

const DEFAULT_PROVIDER_PLACEHOLDERS: Readonly<Record<string, string>> = {
  code: '<AUTHORIZATION_GRANT_CODE>',
  oauth_token: '<OAUTH_TOKEN_RETURNED_IN_OAUTH_EXCHANGE>',
  oauth_verifier: '<OAUTH_VERIFIER_RETURNED_IN_OAUTH_EXCHANGE>',
  secret: '<SECRET_RETURNED_IN_OAUTH_EXCHANGE>',
};

const SITE_LIKE_KEY = /(^|\.)site\.address$|subdomain$|(^|\.)store\.url$/i;

/** The configuration key an OAuth query parameter is read from, decided by rule or correction. */
function resolveParams(draft: ElementDraft, type: FlowType, configuration: ConfigField[]): Array<{ param: QueryParam; calls: OAuthCall[] }> {
  const decisions = draft.take('param');
  const defaultCalls: OAuthCall[] = stepOf(type) === 'oauth1' ? ['token', 'url'] : ['url'];
  const resolved: Array<{ param: QueryParam; calls: OAuthCall[] }> = [];
  const names = [...new Set([...draft.raw.oauth_extra_params, ...decisions.map((decision) => decision.name)])];
  for (const name of names) {
    const decision = decisions.find((candidate) => candidate.name === name);
    let key: string | null | undefined = decision ? decision.key : undefined;
    if (key === undefined) {
      const keys = configuration.map((field) => field.key);
      const siteLike = keys.filter((candidate) => SITE_LIKE_KEY.test(candidate));
      key =
        keys.find((candidate) => candidate === name) ??
        keys.find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ??
        (name === 'scope' ? keys.find((candidate) => candidate === 'oauth.scope') : undefined) ??
        (name === 'siteAddress' && siteLike.length === 1 ? siteLike[0] : undefined);
    }
    if (key === undefined) throw new Error(`${draft.raw.key}: undecided OAuth parameter ${name}; add a param correction`);
    if (key === null) continue;
    let field = configuration.find((candidate) => candidate.key === key);
    if (!field) {
      if (!decision?.add) throw new Error(`${draft.raw.key}: parameter ${name} maps to missing configuration key ${key}`);
      const { inTemplate = false, ...patch } = decision.add;
      field = { ...draft.field(key, patch.placeholder ?? patch.default, inTemplate), ...patch };
      configuration.push(field);
    }
    resolved.push({ param: configParam(name, key, field.required), calls: decision?.calls ?? defaultCalls });
  }
  return resolved;
}

function buildFlow(draft: ElementDraft, type: FlowType, example: Example): FlowDefinition {
  const configuration = buildConfiguration(draft, type, example);
  const providerData = buildProviderData(draft, type, example);
  let oauth: FlowDefinition['oauth'];
  if (hasBrowserStep(type)) {
    const extras = resolveParams(draft, type, configuration);
    const extrasFor = (call: OAuthCall) => extras.filter((extra) => extra.calls.includes(call)).map((extra) => extra.param);
    oauth =
      stepOf(type) === 'oauth2'
        ? { url: { params: [...standardParams(), ...extrasFor('url'), stateParam] } }
        : {
            token: { params: [...standardParams(), ...extrasFor('token')] },
            url: { params: [...standardParams(), requestTokenParam, ...extrasFor('url'), stateParam] },
          };
  }
  const tags = example.body.tags && [...new Set(example.body.tags.map(placeholderOf))];
  return {
    type,
    label: example.label ?? FLOW_TYPES[type].label,
    configuration,
    providerData,
    ...(oauth && { oauth }),
    template: { name: placeholderOf(example.body.name), ...(tags && tags.length > 0 && { tags }) },
  };
}

function applyFieldFixes(draft: ElementDraft, flows: FlowDefinition[]): void {
  for (const fix of draft.take('field')) {
    const fields = flows.flatMap((flow) => flow.configuration).filter((field) => field.key === fix.key);
    if (fields.length === 0) throw new Error(`${draft.raw.key}: field correction for unknown key ${fix.key}`);
    for (const field of fields) {
      // A left-out field's generated placeholder gives way to the documented default.
      const placeholder = fix.set.placeholder ?? (field.inTemplate === false ? fix.set.default : undefined);
      Object.assign(field, fix.set, placeholder !== undefined && { placeholder });
    }
  }
  for (const flow of flows) {
    for (const field of flow.configuration) {
      if (field.defaultSource === ON_THE_PAGE) field.defaultSource = pageCitation(draft.raw);
      // A default is filled in, never demanded: neither the field nor the OAuth parameter taking it is required.
      if (field.defaultSource !== undefined) field.required = false;
    }
    for (const call of [flow.oauth?.token, flow.oauth?.url]) {
      for (const param of call?.params ?? []) {
        const key = param.source.from === 'config' ? param.source.key : undefined;
        if (flow.configuration.some((field) => field.key === key && field.defaultSource !== undefined)) param.required = false;
      }
    }
  }
}

/** Flows an element's auth types name but neither the raw data nor a correction defines. */
export interface SkippedFlow {
  element: string;
  flow: FlowType;
}

function curateElement(
  raw: RawElement,
  allCorrections: readonly Correction[],
  skipped: SkippedFlow[],
): { element: ElementDefinition; used: Set<Correction> } {
  const draft = new ElementDraft(raw, allCorrections);
  const flows: FlowDefinition[] = [];
  for (const type of draft.authTypes) {
    const example = draft.examples.get(type);
    if (example) flows.push(buildFlow(draft, type, example));
    else skipped.push({ element: raw.key, flow: type });
  }
  applyFieldFixes(draft, flows);

  const hub = draft.take('hub')[0]?.hub ?? raw.hub;
  if (!hub) throw new Error(`${raw.key}: hub is null; add a hub correction`);
  const id = Number(raw.element_ids[0]);
  const aliases = draft.take('alias').map((fix) => fix.alias);
  const notes = draft.take('note').map((fix) => fix.note);
  const signupUrl = draft.take('signupUrl')[0]?.url;
  const element: ElementDefinition = {
    key: raw.key,
    name: draft.name,
    hub,
    ...(Number.isInteger(id) && { id }),
    origin: 'curated',
    ...(aliases.length > 0 && { aliases }),
    ...(notes.length > 0 && { notes }),
    ...(signupUrl !== undefined && { signupUrl }),
    flows,
  };
  return { element, used: draft.used };
}

export interface CurationResult {
  elements: ElementDefinition[];
  skippedFlows: SkippedFlow[];
}

/** Curation with its by-products; throws on undecided data, unused corrections or invalid output. */
export function curateWithReport(raw: readonly RawElement[], table: readonly Correction[] = corrections): CurationResult {
  const rawKeys = new Set(raw.map((element) => element.key));
  const unknown = table.filter((correction) => !rawKeys.has(correction.element) || SEED_KEYS.includes(correction.element));
  if (unknown.length > 0) throw new Error(`corrections for unknown or seed elements: ${unknown.map((c) => c.element).join(', ')}`);

  const skippedFlows: SkippedFlow[] = [];
  const used = new Set<Correction>();
  const elements = raw
    .filter((element) => !SEED_KEYS.includes(element.key) && !(element.key in EXCLUDED_KEYS))
    .map((element) => {
      const result = curateElement(element, table, skippedFlows);
      for (const correction of result.used) used.add(correction);
      return result.element;
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const unused = table.filter((correction) => !used.has(correction));
  if (unused.length > 0) {
    throw new Error(`unused corrections: ${unused.map((c) => `${c.element} ${c.fix.kind}`).join('; ')}`);
  }
  const problems = elements.flatMap((element) => validateElement(element).map((problem) => `${element.key}: ${problem}`));
  if (problems.length > 0) throw new Error(`curated elements are invalid:\n${problems.join('\n')}`);
  return { elements, skippedFlows };
}

export function curate(raw: readonly RawElement[]): ElementDefinition[] {
  return curateWithReport(raw).elements;
}

export const SOURCE_PATH = join(__dirname, 'catalog-source', 'elements.json');
export const OUTPUT_PATH = join(__dirname, '..', 'src', 'core', 'catalog', 'curatedElements.json');

export function readRawElements(path = SOURCE_PATH): RawElement[] {
  return JSON.parse(readFileSync(path, 'utf8')) as RawElement[];
}

export function renderCurated(elements: readonly ElementDefinition[]): string {
  return JSON.stringify(elements, null, 1) + '\n';
}

if (require.main === module) {
  const { elements, skippedFlows } = curateWithReport(readRawElements());
  writeFileSync(OUTPUT_PATH, renderCurated(elements));
  const byType = new Map<string, number>();
  for (const flow of elements.flatMap((element) => element.flows)) byType.set(flow.type, (byType.get(flow.type) ?? 0) + 1);
  console.log(`wrote ${elements.length} elements to ${OUTPUT_PATH}`);
  console.log(`flows: ${[...byType].map(([type, count]) => `${type} ${count}`).join(', ')}`);
  for (const skipped of skippedFlows) console.log(`skipped: ${skipped.element} ${skipped.flow} (not defined by the raw data)`);
}
