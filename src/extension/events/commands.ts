/**
 * The Events commands' code — Forward to…, Enable/Disable Events, the callback URL choice — as
 * dist/events.js, which register.ts loads the first time one of them runs: activation never reads it.
 */
import type { Delivery } from '../../core/events/delivery';
import type { InstancesControl } from '../commands/instances';
import type { Log } from '../log';
import { notify } from '../notify';
import { chooseCallbackBase } from './callbackChoice';
import { disableEvents, enableEvents } from './enableEvents';
import type { EventsCommandsContext } from './enableEvents';
import type { StateStore } from './eventInbox';
import { forwardCommand } from './forwardDeliveries';

export interface EventsCommands {
  forward(deliveries: readonly Delivery[]): Promise<void>;
  enable(argument?: unknown): Promise<void>;
  disable(argument?: unknown): Promise<void>;
  chooseCallbackUrl(): Promise<void>;
}

/** What dist/events.js exports. */
export interface EventsCommandsModule {
  createEventsCommands(context: EventsCommandsContext, state: StateStore, log: Log, instances: InstancesControl): EventsCommands;
}

export function createEventsCommands(context: EventsCommandsContext, state: StateStore, log: Log, instances: InstancesControl): EventsCommands {
  return {
    forward: (deliveries) => forwardCommand(state, log, deliveries),
    enable: (argument) => enableEvents(context, instances, argument),
    disable: (argument) => disableEvents(context, instances, argument),
    async chooseCallbackUrl() {
      const base = await chooseCallbackBase(await context.events.receiver());
      if (base !== undefined) void notify('info', `Events of the real service will go to ${base}/events/<environment> (used by the next Enable Events).`);
    },
  };
}
