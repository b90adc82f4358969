/** `seed: true`: a few realistic instances so the emulator is not empty on first start. */
import type { FlowType } from '../../core/catalog/types';
import { newOAuth1Secret, newOAuth1Token, newUserToken, newVerifier, randomAlphanumeric } from '../base/random';
import type { ElementDirectory } from '../stores/elements';
import type { NewInstance } from '../stores/instances';
import { oauth2UserTokens } from './exchange';
import { buildInstance } from './instanceRecord';

interface SeedSpec {
  key: string;
  flow: FlowType;
  name: string;
  configuration: Record<string, string>;
  providerData?: Record<string, string>;
  tags: string[];
  valid?: boolean;
  disabled?: boolean;
}

const CALLBACK = 'https://www.mycoolapp.com/auth';

function seedSpecs(): SeedSpec[] {
  return [
    {
      key: 'xero',
      flow: 'oauth2',
      name: 'Xero Demo Company',
      configuration: {
        'oauth.api.key': randomAlphanumeric(32).toUpperCase(),
        'oauth.api.secret': randomAlphanumeric(32).toUpperCase(),
        'oauth.callback.url': CALLBACK,
        'xero.partner': 'true',
        ...oauth2UserTokens(),
      },
      providerData: { code: newUserToken() },
      tags: ['seed'],
    },
    {
      key: 'quickbooks',
      flow: 'token',
      name: 'QBO Token',
      configuration: {
        'oauth.callback.url': CALLBACK,
        'quickbooks.datasource': 'QBO',
        'oauth.user.refresh_interval': '13046400',
        'quickbooks.realm.id': '12345678910',
        'oauth.user.token': newOAuth1Token(),
        'oauth.user.token.secret': newOAuth1Secret(),
        'oauth.api.key': randomAlphanumeric(30),
        'oauth.api.secret': randomAlphanumeric(40),
        'oauth.user.refresh_time': String(Date.now()),
      },
      tags: ['QBO Token'],
    },
    {
      key: 'freshbooks',
      flow: 'oauth1',
      name: 'FreshBooks (authorization expired)',
      configuration: {
        'oauth.api.key': 'mycompany',
        'oauth.api.secret': randomAlphanumeric(36),
        'freshbooks.site.address': 'targetcompany',
        'oauth.user.token': newUserToken(),
        'oauth.user.token.secret': newUserToken(),
      },
      providerData: {
        oauth_token: newOAuth1Token(),
        oauth_verifier: newVerifier(),
        secret: newOAuth1Secret(),
        refresh_token: randomAlphanumeric(24),
      },
      tags: ['seed'],
      valid: false,
    },
    {
      key: 'sageoneus',
      flow: 'oauth2',
      name: 'Sage One US (disabled)',
      configuration: {
        'oauth.api.key': randomAlphanumeric(20).toLowerCase(),
        'oauth.api.secret': randomAlphanumeric(40),
        signature: randomAlphanumeric(32).toLowerCase(),
        'oauth.callback.url': CALLBACK,
        ...oauth2UserTokens(),
      },
      providerData: { code: newUserToken() },
      tags: ['seed'],
      disabled: true,
    },
  ];
}

/** The seed instances whose elements the catalog has, ready for the store. */
export function seedInstances(elements: ElementDirectory): NewInstance[] {
  const instances: NewInstance[] = [];
  for (const spec of seedSpecs()) {
    const element = elements.find(spec.key);
    const flow = element && elements.flow(element, spec.flow);
    if (!element || !flow) continue;
    const instance = buildInstance(
      {
        element,
        flow,
        name: spec.name,
        configuration: spec.configuration,
        tags: spec.tags,
        ...(spec.providerData && { providerData: spec.providerData }),
      },
      {},
      elements,
    );
    instances.push({ ...instance, valid: spec.valid ?? true, disabled: spec.disabled ?? false });
  }
  return instances;
}
