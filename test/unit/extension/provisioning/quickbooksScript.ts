/**
 * "Provision Element" for QuickBooks Online (OAuth 2) answered by label where it matters (the
 * app credentials and the name) and with each box's own default everywhere else, so a prompt
 * added or reworded elsewhere in the wizard does not change what these tests prove.
 */
import { REVIEW, type ScriptedUser } from './setup';

export const QB_ID = 'QBO-CLIENT-ID-REDIRECTS-01';
export const QB_SECRET = 'QBO-CLIENT-SECRET-REDIRECTS-02';

export function scriptQuickBooks(user: ScriptedUser, name: string, options: { pickElement?: boolean } = {}): void {
  if (options.pickElement ?? true) user.pick(/^Cloud Elements: Provision Element \|/, (item) => item.element.key === 'quickbooks');
  user.pick(/^Cloud Elements: Provision Element: /, (item) => item.flow.type === 'oauth2');
  user.input(/: Client ID \(/, QB_ID).input(/: Client Secret \(/, QB_SECRET).input(/: Instance name \(/, name);
  user.pick(REVIEW, (item) => /Provision/.test(item.label));
  user.pick(/\(\d+\/\d+\)/, (item) => item.description === 'default', 5);
  user.on('inputBox', /\(\d+\/\d+\)/, (call) => call.options.value ?? '', 10);
}
