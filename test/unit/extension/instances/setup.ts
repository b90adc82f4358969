/** The emulator (seeded), a signed-in harness over it and the mounted Instances view. */
import { collectSecrets } from '../../../../src/core/redact';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { addFault, api, clearFaults, quickbooksTokenBody, resetEmulator, storedInstances } from '../../emulator/helpers';
import type { StoredRecord } from '../../emulator/helpers';
import { createHarness } from '../harness';
import type { Harness } from '../harness';
import { mountInstancesView } from './mount';
import type { MountedView } from './mount';

export { addFault, clearFaults, resetEmulator, storedInstances };
export type { StoredRecord };

export interface Mounted extends Harness {
  view: MountedView;
}

export async function signedInView(emulator: RunningEmulator, options: { pageSize?: number; signedIn?: boolean } = {}): Promise<Mounted> {
  const harness = createHarness(emulator.apiBaseUrl);
  if (options.signedIn ?? true) {
    await harness.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
  }
  await harness.services.session.refresh();
  const view = mountInstancesView(harness.services, options.pageSize ? { pageSize: options.pageSize } : {});
  return { ...harness, view };
}

/** Every secret value the emulator holds for its instances (tokens, API keys and secrets, providerData codes…). */
export async function secretValues(emulator: RunningEmulator): Promise<string[]> {
  return [...collectSecrets(await storedInstances(emulator))].filter((value) => value.length >= 4);
}

export async function createQuickbooks(emulator: RunningEmulator, name: string): Promise<StoredRecord> {
  const response = await api<StoredRecord>(emulator, '/instances', { body: quickbooksTokenBody(name) });
  if (response.status !== 200) throw new Error(`create failed: ${response.text}`);
  return response.json;
}

export async function byName(emulator: RunningEmulator, name: string): Promise<StoredRecord> {
  const record = (await storedInstances(emulator)).find((candidate) => candidate.name === name);
  if (!record) throw new Error(`no instance named ${name}`);
  return record;
}
