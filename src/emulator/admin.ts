/** `/__admin/*`: test hooks (faults, stored records, request log, reset). Loopback clients only, no CE auth. */
import type { EmulatorServices, Handler } from './context';
import { jsonReply } from './http';
import { parseFaultSpec } from './faults';
import { Router } from './router';
import { seedInstances } from './seed';
import { parseJsonBody } from './validation';

export const ADMIN_PREFIX = '/__admin';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || plain.startsWith('127.');
}

/** Back to the start state: no instances (or the seed ones), no OAuth grants, faults or request records. */
export function resetEmulator(services: EmulatorServices): void {
  services.instances.clear();
  services.grants.clear();
  services.faults.clear();
  services.requests.clear();
  if (services.seed) for (const instance of seedInstances(services.elements)) services.instances.add(instance);
}

export function adminRouter(services: EmulatorServices): Router<Handler> {
  return new Router<Handler>()
    .add('POST', `${ADMIN_PREFIX}/faults`, async (request) => {
      const fault = services.faults.add(parseFaultSpec(parseJsonBody(await request.body())));
      return jsonReply(201, fault);
    })
    .add('GET', `${ADMIN_PREFIX}/faults`, () => jsonReply(200, services.faults.list()))
    .add('DELETE', `${ADMIN_PREFIX}/faults`, () => jsonReply(200, { cleared: services.faults.clear() }))
    .add('GET', `${ADMIN_PREFIX}/instances`, () => jsonReply(200, services.instances.list()))
    .add('GET', `${ADMIN_PREFIX}/requests`, () => jsonReply(200, services.requests.list()))
    .add('POST', `${ADMIN_PREFIX}/reset`, () => {
      resetEmulator(services);
      return jsonReply(200, { instances: services.instances.size });
    });
}
