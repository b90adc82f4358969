/** Small constructors for the catalog's recurring fields and OAuth parameters. */
import type { ConfigField, ProviderDataField, QueryParam } from './types';

export const CALLBACK_PLACEHOLDER = 'https://www.mycoolapp.com/auth';

export function apiKeyField(placeholder: string, label = 'API Key'): ConfigField {
  return { key: 'oauth.api.key', label, required: true, secret: true, kind: 'string', placeholder, role: 'apiKey' };
}

export function apiSecretField(placeholder: string, label = 'API Secret'): ConfigField {
  return { key: 'oauth.api.secret', label, required: true, secret: true, kind: 'string', placeholder, role: 'apiSecret' };
}

export function callbackUrlField(placeholder = CALLBACK_PLACEHOLDER, label = 'Callback URL'): ConfigField {
  return {
    key: 'oauth.callback.url',
    label,
    required: true,
    secret: false,
    kind: 'url',
    placeholder,
    role: 'callbackUrl',
    description: 'The callback URL registered with the provider; it must match the one used in the OAuth calls.',
  };
}

export function configParam(name: string, key: string, required = true): QueryParam {
  return { name, source: { from: 'config', key }, required };
}

/** apiKey, apiSecret and callbackUrl: the parameters every OAuth call takes. */
export function standardParams(): QueryParam[] {
  return [
    configParam('apiKey', 'oauth.api.key'),
    configParam('apiSecret', 'oauth.api.secret'),
    configParam('callbackUrl', 'oauth.callback.url'),
  ];
}

/**
 * `state` is optional on every OAuth call: without it Cloud Elements passes the element key to
 * the callback (the docs' dropbox and QuickBooks examples). The flow engine always sends its
 * own random state so it can match the callback to the flow.
 */
export const stateParam: QueryParam = { name: 'state', source: { from: 'state' }, required: false };
export const requestTokenParam: QueryParam = { name: 'requestToken', source: { from: 'requestToken' }, required: true };

export function callbackData(
  key: string,
  placeholder: string,
  options: Partial<Pick<ProviderDataField, 'required' | 'secret' | 'example' | 'inTemplate'>> & { param?: string } = {},
): ProviderDataField {
  const { param = key, required = true, secret = false, ...rest } = options;
  return { key, source: { from: 'callback', param }, required, secret, placeholder, ...rest };
}

export function requestSecretData(placeholder = '<SECRET_RETURNED_IN_OAUTH_EXCHANGE>'): ProviderDataField {
  return { key: 'secret', source: { from: 'requestSecret' }, required: true, secret: true, placeholder };
}
