/**
 * What each step of a flow is called: the one table behind the engine's failure messages
 * ("Getting the authorization URL for Xero failed: …") and the progress display
 * ("Getting the authorization URL…"). A new step fails to compile until it has a text here.
 */
import type { ProvisionStep } from './errors';

/** What a run does in the end: create an instance, or re-authorize one. */
export type FlowAction = 'create' | 'reauthorize';

const STEP_TEXT: Record<ProvisionStep, string> = {
  'request-token': 'Getting the OAuth request token',
  'authorize-url': 'Getting the authorization URL',
  'open-browser': 'Opening the browser',
  'wait-callback': 'Waiting for you to authorize in the browser',
  'create-instance': 'Creating the instance',
  'check-instance': 'Checking the account for the instance',
};

export function stepText(step: ProvisionStep, action: FlowAction = 'create'): string {
  return step === 'create-instance' && action === 'reauthorize' ? 'Re-authorizing the instance' : STEP_TEXT[step];
}
