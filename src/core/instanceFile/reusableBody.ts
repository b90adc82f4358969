/**
 * A provisioned body as an instance.json that can be provisioned again (issue 20, item 7). What
 * the browser step returned — the one-time OAuth 2 `code`, the OAuth 1 `oauth_token`,
 * `oauth_verifier` and request-token `secret`, `realmId`… — is spent once the instance exists: a
 * second `POST /instances` with it fails with invalid_grant. So those go back to the flow's
 * template placeholders (the next sign-in fills them), and the callback URL is the one
 * registered with the provider, or the template's placeholder when the run used an address made
 * for that sign-in only (a free loopback port, VS Code in a browser).
 */
import type { CreateInstanceRequest } from '../api/types';
import type { FlowDefinition } from '../catalog/types';

/** Whether `flow` takes its providerData from a browser step (a callback or the request-token step). */
export function hasSpentAuthorization(flow: FlowDefinition): boolean {
  return flow.oauth !== undefined && flow.providerData.some((field) => field.source.from === 'callback' || field.source.from === 'requestSecret');
}

/**
 * `request` with the browser step's values as the flow's placeholders and `oauth.callback.url`
 * (the flow's callbackUrl field) as `registeredCallbackUrl`, or its placeholder when undefined.
 * A flow without a browser step (token based, basic, custom) is returned as it was sent.
 */
export function reusableBody(request: CreateInstanceRequest, flow: FlowDefinition, registeredCallbackUrl: string | undefined): CreateInstanceRequest {
  if (!hasSpentAuthorization(flow)) return structuredClone(request);
  const body: CreateInstanceRequest = structuredClone(request);
  if (body.providerData) {
    const providerData: Record<string, string> = {};
    for (const field of flow.providerData) {
      if (field.key in body.providerData && field.inTemplate !== false) providerData[field.key] = field.placeholder;
    }
    if (Object.keys(providerData).length > 0) body.providerData = providerData;
    else delete body.providerData;
  }
  const callbackField = flow.configuration.find((field) => field.role === 'callbackUrl');
  if (callbackField && body.configuration && callbackField.key in body.configuration) {
    body.configuration[callbackField.key] = registeredCallbackUrl ?? callbackField.placeholder;
  }
  return body;
}
