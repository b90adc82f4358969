/** The emulator (seeded), a signed-in harness over it and the mounted Instances view. */
import { collectSecrets } from '../../../../src/core/redact';
import type { RunningEmulator } from '../../../../src/emulator/server';
import { api, quickbooksTokenBody } from '../../emulator/helpers';
import { createHarness } from '../harness';
import type { Harness } from '../harness';
import { mountInstancesView } from './mount';
import type { MountedView } from './mount';

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

export async function resetEmulator(emulator: RunningEmulator): Promise<void> {
  await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
}

export async function addFault(emulator: RunningEmulator, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 201) throw new Error(`fault not added: ${response.status}`);
}

export async function clearFaults(emulator: RunningEmulator): Promise<void> {
  await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' });
}

export interface StoredRecord {
  id: number;
  name: string;
  token: string;
  valid: boolean;
  disabled: boolean;
  element: { key: string; name: string };
}

/** The full stored records, including providerData. */
export async function storedInstances(emulator: RunningEmulator): Promise<StoredRecord[]> {
  return (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as StoredRecord[];
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
