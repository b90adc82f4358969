/**
 * The seed provisioning flows as a user answers them in VS Code: the prompts in order (each
 * title is "<heading>: <label> (i/n)"), what some of them must say, then the review; and what the
 * emulator must store afterwards.
 */
import { randomBytes } from 'node:crypto';
import { catalog } from '../../src/core/catalog';
import { searchElements } from '../../src/core/catalog/search';
import type { FlowType } from '../../src/core/catalog/types';

export type Answer =
  | {
      label: string;
      value?: string;
      password?: boolean;
      /** What the box must say under it before it is answered (its help, a note). */
      prompt?: string | RegExp;
      /** The box's placeholder, exactly. */
      placeholder?: string;
      /** What the box must say once `value` is typed (its check). */
      shows?: string | RegExp;
      /** A value typed first, which the box must refuse with `message`. */
      refused?: { value: string; message: string };
    }
  /** A quick pick: the item whose label matches. */
  | { label: string; pick: string | RegExp };

/** Under the first box of every flow with app credentials, once: the demo runs against the local emulator. */
export const EMULATOR_NOTE = 'Note: The local emulator stands in for the provider: any app key and secret will do.';
const ANY_VALUE = 'Any value will do with the local emulator';

export interface FlowCase {
  /** The element in the picker (typed to filter) and the flow in the flow picker (absent: one flow). */
  elementKey: string;
  elementName: string;
  flowLabel?: string;
  flowType: FlowType;
  /** The prompts' title prefix: "Provision Xero (OAuth 2)". */
  heading: string;
  answers: Answer[];
  instanceName: string;
  /** Configuration the emulator must hold exactly as typed. */
  configuration: Record<string, string>;
  /** providerData entries that come from the callback URL (checked against it). */
  fromCallback: string[];
  /** providerData entries set by the flow engine (the OAuth 1 token step's secret). */
  fromEngine: string[];
  /** Values typed into password boxes, for the secret scan. */
  typedSecrets: Array<{ name: string; value: string; inUrls?: boolean }>;
}

/**
 * The element picker's filter for `key`: the key typed, and how many elements the extension lists
 * for it (it filters the list itself; Workbench.pick waits for that list). Hub names are searched
 * as the catalog spells them, which is the extension's "Finance" folded for the keys used here.
 */
export function elementFilter(key: string): { text: string; results: number } {
  return { text: key, results: searchElements(catalog.elements, key).length };
}

function random(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url')}`;
}

interface OAuthCredentials {
  key: string;
  secret: string;
}

function credentials(element: string): OAuthCredentials {
  return { key: random(`${element}-key`), secret: random(`${element}-secret`) };
}

/** "Use the stored …" when the element's app credentials are already in the keychain, else typed. */
function credentialAnswers(labels: [string, string], app: OAuthCredentials, stored: boolean): Answer[] {
  return stored
    ? [
        { label: labels[0], pick: new RegExp(`Use the stored ${labels[0]}`) },
        { label: labels[1], pick: new RegExp(`Use the stored ${labels[1]}`) },
      ]
    : [
        { label: labels[0], value: app.key, password: true, placeholder: ANY_VALUE },
        { label: labels[1], value: app.secret, password: true, placeholder: ANY_VALUE },
      ];
}

function nameAndTags(name: string): Answer[] {
  return [
    { label: 'Instance name', value: name },
    { label: 'Tags', value: 'e2e' },
  ];
}

function typed(element: string, app: OAuthCredentials, stored: boolean, oauth = true) {
  return stored
    ? []
    : [
        { name: `${element} API key (typed)`, value: app.key, inUrls: oauth },
        { name: `${element} API secret (typed)`, value: app.secret },
      ];
}

/** Every seed flow with Allow, in an order where Xero and QuickBooks reuse their stored app credentials (QuickBooks OAuth 2 last). */
export function seedFlows(): FlowCase[] {
  const xero = credentials('xero');
  const freshbooks = credentials('freshbooks');
  const sage = credentials('sage');
  const signature = random('sage-signature');
  const quickbooks = credentials('qbo');
  const userToken = random('qbo-user-token');
  const userTokenSecret = random('qbo-user-token-secret');

  const xeroOAuth2: FlowCase = {
    elementKey: 'xero',
    elementName: 'Xero',
    flowLabel: 'OAuth 2',
    flowType: 'oauth2',
    heading: 'Provision Xero (OAuth 2)',
    // Issue 20 item 13: a Xero OAuth 2 app has a Client ID and Client Secret, and no OAuth 1.0a "Partner application".
    answers: [
      { ...credentialAnswers(['Client ID', 'Client Secret'], xero, false)[0]!, prompt: /^The Client ID of your Xero app\. — Note: With OAuth 1\.0a \(legacy\), a public Xero application .* — Note: The local emulator stands in/ },
      credentialAnswers(['Client ID', 'Client Secret'], xero, false)[1]!,
      ...nameAndTags('E2E Xero OAuth 2'),
    ],
    instanceName: 'E2E Xero OAuth 2',
    configuration: { 'oauth.api.key': xero.key, 'oauth.api.secret': xero.secret },
    fromCallback: ['code'],
    fromEngine: [],
    typedSecrets: typed('xero', xero, false),
  };
  const xeroOAuth1: FlowCase = {
    elementKey: 'xero',
    elementName: 'Xero',
    flowLabel: 'OAuth 1',
    flowType: 'oauth1',
    heading: 'Provision Xero (OAuth 1)',
    answers: [...credentialAnswers(['Consumer Key', 'Consumer Secret'], xero, true), { label: 'Partner application', pick: 'false' }, ...nameAndTags('E2E Xero OAuth 1')],
    instanceName: 'E2E Xero OAuth 1',
    configuration: { 'oauth.api.key': xero.key, 'oauth.api.secret': xero.secret, 'xero.partner': 'false' },
    fromCallback: ['oauth_token', 'oauth_verifier', 'org'],
    fromEngine: ['secret'],
    typedSecrets: [],
  };
  const freshbooksOAuth1: FlowCase = {
    elementKey: 'freshbooks',
    elementName: 'FreshBooks',
    flowType: 'oauth1',
    heading: 'Provision FreshBooks (OAuth 1)',
    // Issue 11: the API Key's help is its own (it showed the Site Address's), a pasted site address is reduced to the name.
    answers: [
      { ...credentialAnswers(['API Key', 'API Secret'], freshbooks, false)[0]!, prompt: /^The API key \(OAuth consumer key\) of your FreshBooks app: .* — Note: The local emulator/ },
      { ...credentialAnswers(['API Key', 'API Secret'], freshbooks, false)[1]!, prompt: /^The API secret \(OAuth consumer secret\) of your FreshBooks app\.( \(Press|$)/ },
      {
        label: 'Site Address',
        prompt: /^The FreshBooks site to authorize: targetcompany for targetcompany\.freshbooks\.com\.( \(Press|$)/,
        placeholder: 'e.g. targetcompany',
        refused: { value: 'https://e2ecompany.example.com', message: "Enter the site's name only: targetcompany for targetcompany.freshbooks.com." },
        value: 'https://e2ecompany.freshbooks.com/',
        shows: "Kept as e2ecompany, the site's name in e2ecompany.freshbooks.com.",
      },
      ...nameAndTags('E2E FreshBooks OAuth 1'),
    ],
    instanceName: 'E2E FreshBooks OAuth 1',
    configuration: { 'oauth.api.key': freshbooks.key, 'oauth.api.secret': freshbooks.secret, 'freshbooks.site.address': 'e2ecompany' },
    fromCallback: ['oauth_token', 'oauth_verifier', 'refresh_token'],
    fromEngine: ['secret'],
    typedSecrets: typed('freshbooks', freshbooks, false),
  };
  const sageOAuth2: FlowCase = {
    elementKey: 'sageoneus',
    elementName: 'Sage One US',
    flowType: 'oauth2',
    heading: 'Provision Sage One US (OAuth 2)',
    answers: [
      ...credentialAnswers(['Client ID', 'Client Secret'], sage, false),
      { label: 'Signature', value: signature, password: true },
      ...nameAndTags('E2E Sage One US OAuth 2'),
    ],
    instanceName: 'E2E Sage One US OAuth 2',
    configuration: { 'oauth.api.key': sage.key, 'oauth.api.secret': sage.secret, signature },
    fromCallback: ['code'],
    fromEngine: [],
    typedSecrets: [...typed('sageoneus', sage, false), { name: 'sageoneus Signature (typed)', value: signature }],
  };
  const quickbooksOAuth1: FlowCase = {
    elementKey: 'quickbooks',
    elementName: 'QuickBooks Online',
    flowLabel: 'OAuth 1a',
    flowType: 'oauth1',
    heading: 'Provision QuickBooks Online (OAuth 1a)',
    answers: [...credentialAnswers(['API Key', 'API Secret'], quickbooks, false), ...nameAndTags('E2E QuickBooks OAuth 1a')],
    instanceName: 'E2E QuickBooks OAuth 1a',
    configuration: { 'oauth.api.key': quickbooks.key, 'oauth.api.secret': quickbooks.secret },
    // QuickBooks keeps the callback's state too (the page's providerData has "state": "quickbooks").
    fromCallback: ['oauth_token', 'oauth_verifier', 'realmId', 'dataSource', 'state'],
    fromEngine: ['secret'],
    typedSecrets: typed('quickbooks', quickbooks, false),
  };
  const quickbooksToken: FlowCase = {
    elementKey: 'quickbooks',
    elementName: 'QuickBooks Online',
    flowLabel: 'Token based (quick provision)',
    flowType: 'token',
    heading: 'Provision QuickBooks Online (Token based (quick provision))',
    answers: [
      { label: 'Callback URL', value: 'https://www.mycoolapp.com/auth' },
      { label: 'Data source' },
      { label: 'Refresh interval (seconds)' },
      { label: 'Realm ID', value: '9130350000000001' },
      { label: 'User token', value: userToken, password: true },
      { label: 'User token secret', value: userTokenSecret, password: true },
      ...credentialAnswers(['API Key', 'API Secret'], quickbooks, true),
      { label: 'Last refresh time (epoch ms)', value: '' },
      ...nameAndTags('E2E QuickBooks Token'),
    ],
    instanceName: 'E2E QuickBooks Token',
    configuration: {
      'oauth.callback.url': 'https://www.mycoolapp.com/auth',
      'quickbooks.datasource': 'QBO',
      'oauth.user.refresh_interval': '13046400',
      'quickbooks.realm.id': '9130350000000001',
      'oauth.user.token': userToken,
      'oauth.user.token.secret': userTokenSecret,
      'oauth.api.key': quickbooks.key,
      'oauth.api.secret': quickbooks.secret,
    },
    fromCallback: [],
    fromEngine: [],
    typedSecrets: [
      { name: 'quickbooks user token (typed)', value: userToken },
      { name: 'quickbooks user token secret (typed)', value: userTokenSecret },
    ],
  };
  // The recommended QuickBooks flow (issue 9): its Client ID/Secret are the app credentials stored above.
  const quickbooksOAuth2: FlowCase = {
    elementKey: 'quickbooks',
    elementName: 'QuickBooks Online',
    flowLabel: 'OAuth 2',
    flowType: 'oauth2',
    heading: 'Provision QuickBooks Online (OAuth 2)',
    answers: [
      ...credentialAnswers(['Client ID', 'Client Secret'], quickbooks, true),
      { label: 'Minor version', value: '' },
      // Issue 20 item 13: no "Authentication type" box, the flow chose oauth2 (still sent, checked below).
      { label: 'Sandbox company', pick: 'true' },
      { label: 'Scope' },
      ...nameAndTags('E2E QuickBooks OAuth 2'),
    ],
    instanceName: 'E2E QuickBooks OAuth 2',
    configuration: {
      'oauth.api.key': quickbooks.key,
      'oauth.api.secret': quickbooks.secret,
      'authentication.type': 'oauth2',
      use_sandbox: 'true',
      scope: 'com.intuit.quickbooks.accounting',
    },
    fromCallback: ['code', 'realmId'],
    fromEngine: [],
    typedSecrets: [],
  };
  return [xeroOAuth2, xeroOAuth1, freshbooksOAuth1, sageOAuth2, quickbooksOAuth1, quickbooksToken, quickbooksOAuth2];
}

/** Xero OAuth 2 again, with the stored credentials, for the Deny case. */
export function deniedFlow(): FlowCase {
  return {
    elementKey: 'xero',
    elementName: 'Xero',
    flowLabel: 'OAuth 2',
    flowType: 'oauth2',
    heading: 'Provision Xero (OAuth 2)',
    answers: [
      { label: 'Client ID', pick: /Use the stored Client ID/ },
      { label: 'Client Secret', pick: /Use the stored Client Secret/ },
      ...nameAndTags('E2E Xero Denied'),
    ],
    instanceName: 'E2E Xero Denied',
    configuration: {},
    fromCallback: [],
    fromEngine: [],
    typedSecrets: [],
  };
}
