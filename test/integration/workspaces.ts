/**
 * The workspace folders the suite opens: the main one with fixture instance files, and one
 * per activation scenario (only `workspaceContains` holds an instance file; the others are
 * empty so nothing activates the extension before the test triggers its event).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT } from '../host/paths';
import { ACTIVATION_SCENARIOS, activationLabel } from './scenarios';
import type { ActivationScenario } from './scenarios';

/** [fixture under test/fixtures/, path in the main workspace]; the suite's tests refer to these paths. */
export const MAIN_WORKSPACE_FILES: ReadonlyArray<[from: string, to: string]> = [
  ['lint/valid.instance.json', 'instance.json'],
  ['lint/smart-quotes.instance.json', 'smart-quotes.instance.json'],
  ['seeds/xero-oauth1.page.json', 'instances/xero-from-the-docs.json'],
  ['lint/required-key.instance.json', 'required-key.instance.json'],
  ['lint/plain-secret.instance.json', 'plain-secret.instance.json'],
  ['seeds/quickbooks-token.instance.json', 'quickbooks-token.instance.json'],
  // Same defects, but not an instance file by name: the linter leaves it alone.
  ['lint/smart-quotes.instance.json', 'notes/not-an-instance.json'],
];

export interface Workspaces {
  main: string;
  activation: Record<ActivationScenario, string>;
}

export async function prepareWorkspaces(root: string): Promise<Workspaces> {
  const main = join(root, 'main');
  for (const [from, to] of MAIN_WORKSPACE_FILES) {
    await mkdir(dirname(join(main, to)), { recursive: true });
    await copyFile(join(ROOT, 'test/fixtures', from), join(main, to));
  }
  const activation = {} as Record<ActivationScenario, string>;
  for (const scenario of ACTIVATION_SCENARIOS) {
    const folder = join(root, activationLabel(scenario));
    await mkdir(folder, { recursive: true });
    if (scenario === 'workspaceContains') await copyFile(join(ROOT, 'test/fixtures/lint/valid.instance.json'), join(folder, 'instance.json'));
    activation[scenario] = folder;
  }
  return { main, activation };
}
