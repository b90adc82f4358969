/** `npm start`'s events (scripts/demo/events.ts): the sample instance posts a hub change to the demo's receiver port. */
import assert from 'node:assert/strict';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/server';
import { startEventReceiver } from '../../../src/extension/events/receiver';
import type { EventReceiver, ReceivedDelivery } from '../../../src/extension/events/receiver';
import { demoEventsBanner, enableDemoEvents, DEMO_EVENTS_INSTANCE } from '../../../scripts/demo/events';

describe('npm start: the sample instance\'s events', () => {
  let emulator: RunningEmulator;
  let receiver: EventReceiver;
  const received: ReceivedDelivery[] = [];
  let arrived: () => void = () => {};
  before(async () => {
    emulator = await startEmulator({ port: 0, seed: true });
    receiver = await startEventReceiver({ onDelivery: (delivery) => (received.push(delivery), arrived()) });
  });
  after(async () => {
    await receiver.close();
    await emulator.close();
  });

  it('enables events on the sample instance toward the receiver; a record created through its hub arrives there', async () => {
    const id = await enableDemoEvents(emulator, receiver.port);
    assert.ok(id !== undefined, DEMO_EVENTS_INSTANCE);
    assert.match(demoEventsBanner(id, receiver.port), new RegExp(`"${DEMO_EVENTS_INSTANCE}" \\(#${id}\\) posts its events to VS Code's receiver \\(http://127\\.0\\.0\\.1:${receiver.port}`));
    const instance = (await (await fetch(`${emulator.url}/__admin/instances`)).json()) as Array<{ id: number; token: string; element: { hub?: string } }>;
    const token = instance.find((candidate) => candidate.id === id)!.token;
    const next = new Promise<void>((resolve) => (arrived = resolve));
    const created = await fetch(`${emulator.apiBaseUrl}/hubs/finance/customers`, {
      method: 'POST',
      headers: { Authorization: `User ${emulator.userSecret}, Organization ${emulator.orgSecret}, Element ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Demo customer' }),
    });
    assert.equal(created.status, 200, await created.text());
    await next;
    const message = (JSON.parse(new TextDecoder().decode(received[0]!.body)) as { message: { instanceId: number; events: Array<{ eventType: string; objectType: string }> } }).message;
    assert.equal(received[0]!.environment, 'local');
    assert.equal(message.instanceId, id);
    assert.deepEqual([message.events[0]!.eventType, message.events[0]!.objectType], ['CREATED', 'customers']);
  });
});
