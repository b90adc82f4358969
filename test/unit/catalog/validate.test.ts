import assert from 'node:assert/strict';
import { apiKeyField, apiSecretField, callbackData, callbackUrlField, requestSecretData, requestTokenParam, standardParams, stateParam } from '../../../src/core/catalog/fields';
import type { ElementDefinition, FlowDefinition } from '../../../src/core/catalog/types';
import { validateElement } from '../../../src/core/catalog/validate';

function oauth2Flow(): FlowDefinition {
  return {
    type: 'oauth2',
    label: 'OAuth 2',
    configuration: [apiKeyField('<KEY>'), apiSecretField('<SECRET>'), callbackUrlField()],
    providerData: [callbackData('code', '<CODE>', { secret: true })],
    oauth: { url: { params: [...standardParams(), stateParam] } },
    template: { name: '<NAME>' },
  };
}

function oauth1Flow(): FlowDefinition {
  return {
    type: 'oauth1',
    label: 'OAuth 1',
    configuration: [apiKeyField('<KEY>'), apiSecretField('<SECRET>'), callbackUrlField()],
    providerData: [
      callbackData('oauth_token', '<TOKEN>'),
      callbackData('oauth_verifier', '<VERIFIER>'),
      requestSecretData(),
    ],
    oauth: { token: { params: standardParams() }, url: { params: [...standardParams(), requestTokenParam] } },
    template: { name: '<NAME>' },
  };
}

function basicFlow(): FlowDefinition {
  return {
    type: 'basic',
    label: 'Basic',
    configuration: [
      { key: 'username', label: 'Username', required: true, secret: false, kind: 'string', placeholder: '<USER>' },
      { key: 'password', label: 'Password', required: true, secret: true, kind: 'string', placeholder: '<PASSWORD>' },
    ],
    providerData: [],
    template: { name: '<NAME>' },
  };
}

function element(...flows: FlowDefinition[]): ElementDefinition {
  return { key: 'example', name: 'Example', hub: 'crm', origin: 'curated', flows };
}

/** validateElement's problems for an element changed by `edit`. */
function problemsAfter(edit: (element: ElementDefinition) => void, ...flows: FlowDefinition[]): string[] {
  const subject = element(...(flows.length > 0 ? flows : [oauth2Flow()]));
  edit(subject);
  return validateElement(subject);
}

function assertProblem(problems: string[], pattern: RegExp): void {
  assert.ok(
    problems.some((problem) => pattern.test(problem)),
    `expected a problem matching ${pattern}, got ${JSON.stringify(problems)}`,
  );
}

describe('validateElement', () => {
  it('accepts well-formed OAuth 2, OAuth 1 and basic flows', () => {
    assert.deepEqual(validateElement(element(oauth2Flow(), oauth1Flow(), basicFlow())), []);
  });

  it('rejects keys with spaces, empty names and hubs, and elements without flows', () => {
    assertProblem(problemsAfter((e) => (e.key = 'FreshBooks Classic')), /not a real element key/);
    assertProblem(problemsAfter((e) => (e.name = ' ')), /name is empty/);
    assertProblem(problemsAfter((e) => (e.hub = '')), /hub/);
    assertProblem(problemsAfter((e) => (e.flows = [])), /has no flow/);
  });

  it('rejects two flows of the same type', () => {
    assertProblem(validateElement(element(basicFlow(), basicFlow())), /more than one basic flow/);
  });

  it('rejects repeated and mangled configuration keys and empty placeholders', () => {
    assertProblem(
      problemsAfter((e) => e.flows[0]!.configuration.push({ ...e.flows[0]!.configuration[0]!, role: undefined })),
      /repeats configuration key oauth.api.key/,
    );
    assertProblem(
      problemsAfter((e) => (e.flows[0]!.configuration[0]!.key = 'FreshBooks Classic.site.address')),
      /is not a real key/,
    );
    assertProblem(problemsAfter((e) => (e.flows[0]!.configuration[0]!.placeholder = '')), /empty placeholder/);
  });

  it('rejects a required field left out of the template', () => {
    assertProblem(
      problemsAfter((e) => (e.flows[0]!.configuration[2]!.inTemplate = false)),
      /required configuration oauth.callback.url is left out/,
    );
  });

  it('requires the OAuth roles and the url call', () => {
    assertProblem(
      problemsAfter((e) => (e.flows[0]!.configuration = e.flows[0]!.configuration.filter((field) => field.role !== 'apiSecret'))),
      /apiSecret role/,
    );
    assertProblem(problemsAfter((e) => delete e.flows[0]!.oauth), /no oauth\/url call/);
  });

  it('requires OAuth 2 flows to take code from the callback', () => {
    assertProblem(problemsAfter((e) => (e.flows[0]!.providerData = [])), /providerData code/);
  });

  it('requires query parameters to read configuration fields of the same flow', () => {
    assertProblem(
      problemsAfter((e) =>
        e.flows[0]!.oauth!.url.params.push({ name: 'siteAddress', source: { from: 'config', key: 'site.address' }, required: true }),
      ),
      /siteAddress reads configuration key site.address/,
    );
  });

  it('requires OAuth 1 flows to have the token call, requestToken and the request secret', () => {
    assertProblem(problemsAfter((e) => delete e.flows[0]!.oauth!.token, oauth1Flow()), /no oauth\/token call/);
    assertProblem(
      problemsAfter((e) => (e.flows[0]!.oauth!.url.params = standardParams()), oauth1Flow()),
      /no requestToken parameter/,
    );
    assertProblem(
      problemsAfter((e) => (e.flows[0]!.providerData = e.flows[0]!.providerData.slice(0, 2)), oauth1Flow()),
      /request-token secret/,
    );
  });

  it('rejects providerData and OAuth calls on configuration-only flows', () => {
    assertProblem(
      problemsAfter((e) => e.flows[0]!.providerData.push(callbackData('code', '<CODE>')), basicFlow()),
      /providerData but no authorization step/,
    );
  });

  it('requires token flows to declare externalAuthentication "initial", and only them', () => {
    assertProblem(problemsAfter((e) => (e.flows[0]!.type = 'token'), basicFlow()), /externalAuthentication/);
    assertProblem(problemsAfter((e) => (e.flows[0]!.externalAuthentication = 'initial'), basicFlow()), /not token based/);
    assert.deepEqual(
      problemsAfter((e) => {
        e.flows[0]!.type = 'token';
        e.flows[0]!.externalAuthentication = 'initial';
      }, basicFlow()),
      [],
    );
  });
});
