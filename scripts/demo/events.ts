/**
 * `npm start`'s events: the demo's VS Code listens for events at a fixed port
 * (`cloudElements.events.receiverPort`), and the sample QuickBooks instance posts its events there,
 * so a Send that creates a record in the console shows up in the Events view. Enabled through the
 * API as a user would (`PATCH /instances/{id}` with the event keys), at every start (a kept demo
 * folder keeps the instance, not the port's owner).
 */
import type { RunningEmulator } from '../../src/emulator/server';

export const DEMO_EVENTS_PORT = 53683;
export const DEMO_EVENTS_INSTANCE = 'QBO Token';

/** The sample instance's id once its events go to the demo's receiver; undefined when it is gone (deleted in a kept folder). */
export async function enableDemoEvents(emulator: RunningEmulator, port = DEMO_EVENTS_PORT): Promise<number | undefined> {
  const headers = { Authorization: `User ${emulator.userSecret}, Organization ${emulator.orgSecret}`, 'Content-Type': 'application/json' };
  const list = await fetch(`${emulator.apiBaseUrl}/instances`, { headers });
  if (!list.ok) throw new Error(`the emulator did not list its instances: ${list.status}`);
  const instance = ((await list.json()) as Array<{ id: number; name: string }>).find((candidate) => candidate.name === DEMO_EVENTS_INSTANCE);
  if (!instance) return undefined;
  const configuration = {
    'event.notification.enabled': 'true',
    'event.vendor.type': 'webhook',
    'event.notification.callback.url': `http://127.0.0.1:${port}/events/local`,
  };
  const patched = await fetch(`${emulator.apiBaseUrl}/instances/${instance.id}`, { method: 'PATCH', headers, body: JSON.stringify({ configuration }) });
  if (!patched.ok) throw new Error(`the emulator did not enable events on "${DEMO_EVENTS_INSTANCE}": ${patched.status}`);
  return instance.id;
}

export function demoEventsBanner(instanceId: number | undefined, port = DEMO_EVENTS_PORT): string {
  if (instanceId === undefined) return `  Events: the sample instance "${DEMO_EVENTS_INSTANCE}" is gone from this demo folder; Enable Events on another one.`;
  return `  Events: "${DEMO_EVENTS_INSTANCE}" (#${instanceId}) posts its events to VS Code's receiver (http://127.0.0.1:${port},
  cloudElements.events.receiverPort). Open its API node, POST /customers, Send: the event shows in the
  Events view ("unsigned": no key yet). Enable Events on it signs them with a key kept in your
  keychain: the next ones say "signature valid".`;
}
