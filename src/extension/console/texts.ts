/**
 * Every text the instance console shows. Plain strings, no `vscode`; none carries a secret
 * (instance names and API messages come in already free of them, and are shown as plain text).
 */
import type { Instance } from '../../core/api/types';
import type { CurlSecrets } from '../../core/console/curl';

type Named = Pick<Instance, 'id' | 'name'>;

export function instanceLabel(instance: Named): string {
  return `"${instance.name}" (#${instance.id})`;
}

export function connectedText(instance: Named, ping: string, ms: number): string {
  return `Connected: ${instanceLabel(instance)} answered ${ping} in ${ms} ms.`;
}

export function connectionFailedText(instance: Named, message: string): string {
  return `Test Connection of ${instanceLabel(instance)} failed: ${message}`;
}

export function testingText(instance: Named): string {
  return `Testing the connection of ${instanceLabel(instance)}…`;
}

export function unknownHubText(instance: Pick<Instance, 'id' | 'name' | 'element'>): string {
  const key = instance.element?.key ?? 'unknown';
  return `The hub of ${instanceLabel(instance)} is not known (the toolkit's catalog has no element "${key}" and the instance's API docs name no hub), so there is no /hubs/{hub}/ping to call.`;
}

export function apiUnreadableText(instance: Named, reason: string): string {
  return `Could not read the API of ${instanceLabel(instance)}: ${reason}`;
}

export const NO_OPERATIONS = "The instance's API docs list no operations.";

export function operationGoneText(instance: Named, key: string): string {
  return `The API of ${instanceLabel(instance)} has no operation ${key} any more: refresh its API node (right-click → Refresh API).`;
}

/** The instance's request document could not be created or edited (its folder in the extension's storage). */
export function requestFileFailedText(instance: Named, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not open the request document of ${instanceLabel(instance)}: ${reason.replace(/\.?$/, '.')}`;
}

/** Several ids read as "instance 7" or "instances 7 and 9". */
function instanceIds(ids: readonly string[]): string {
  return ids.length === 1 ? `instance ${ids[0]}` : `instances ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

export function storeTokenText(ids: readonly string[]): string {
  const one = ids.length === 1;
  return `The keychain had no token for ${instanceIds(ids)} in this environment, so ${one ? 'it was' : 'they were'} read from Cloud Elements (GET /instances/{id}) for this request only. Store ${one ? 'it' : 'them'} in the keychain?`;
}

export function tokenStoredText(ids: readonly string[]): string {
  return `Stored the token of ${instanceIds(ids)} in the keychain.`;
}

export function tokenUnreadableText(instanceId: string, reason: string): string {
  return `The keychain has no token for instance ${instanceId} in this environment, and reading it from Cloud Elements (GET /instances/${instanceId}) failed: ${reason}`;
}

export function noRequestText(line: number): string {
  return `No request at line ${line + 1}: put the cursor on a request, a line such as GET {{baseUrl}}/hubs/finance/customers, or on the lines below it.`;
}

export const NO_DOCUMENT = 'Open a request document first: choose an operation under an instance\'s API node in the Instances view, or open a .http file.';

export const NO_BASE_URL = 'The current environment has no base URL: set "cloudElements.customBaseUrl", or switch to another environment.';

export const NOT_A_RESPONSE =
  'This editor is not a response of the instance console, or it is from before the window reloaded: send the request again.';

export function lastPageText(page: number): string {
  return `Page ${page} is the last one: its answer carries no Elements-Next-Page-Token.`;
}

export function otherEnvironmentText(environmentLabel: string): string {
  return `This response came from the ${environmentLabel} environment, which is no longer the current one: switch back to it to load the next page.`;
}

export function sendingText(request: string): string {
  return `Sending ${request}…`;
}

/**
 * `typed`: where the request holds secrets as text rather than as `{{…}}` references (`query
 * parameter access_token`, `header X-Api-Key`): masked too, or copied as written.
 */
export function curlCopiedText(request: string, secrets: CurlSecrets, typed: readonly string[] = []): string {
  const places = typed.join(', ');
  return secrets === 'masked'
    ? `Copied ${request} as cURL, with the token and secrets masked as ***${typed.length > 0 ? `; also masked: ${places}` : ''}.`
    : `Copied ${request} as cURL, with the token and secrets as "$ELEMENTS_TOKEN", "$ELEMENTS_USER_SECRET" and "$ELEMENTS_ORG_SECRET": set them in your shell before running it.${
        typed.length > 0 ? ` Secrets typed into the request are copied as written (${places}).` : ''
      }`;
}
