/**
 * "Enable Events" / "Disable Events" on an instance: `PATCH /instances/{id}` with the event
 * keys of its configuration, as Cloud Elements' own tests change an instance's callback
 * (churros src/core/suite.js L305-308; the docs name PATCH /instances for it,
 * cloud-elements/devportal docs/guides/event-management/index.md L32). Enabling sends
 * `event.notification.enabled: "true"`, the receiver's callback URL and a new signature key,
 * generated here, kept in the keychain for the receiver to check deliveries with, never shown.
 */
import * as vscode from 'vscode';
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { CALLBACK_URL, EVENTS_ENABLED, SIGNATURE_KEY } from '../../core/events/keys';
import { newSignatureKey } from '../../core/events/signatureKey';
import { withCancellableProgress } from '../cancellableProgress';
import { targetInstance } from '../commands/instances';
import type { InstanceCommandsContext, InstancesControl } from '../commands/instances';
import { errorText } from '../errorText';
import { notify } from '../notify';
import { callbackUrlFor } from './callbackChoice';
import type { EventInbox } from './eventInbox';
import { signatureKeyName } from './eventInbox';

const name = (instance: Pick<Instance, 'id' | 'name'>) => `"${instance.name}" (#${instance.id})`;

export interface EventsCommandsContext extends InstanceCommandsContext {
  readonly events: EventInbox;
}

async function patchConfiguration(context: EventsCommandsContext, instance: Instance, title: string, configuration: Record<string, string>): Promise<boolean> {
  try {
    await withCancellableProgress(title, async (signal) => (await context.session.client()).updateInstance(instance.id, { configuration }, signal));
    return true;
  } catch (error) {
    if (isApiError(error) && error.kind === 'cancelled') return false;
    const message = `${title.replace(/…$/, '')} failed: ${context.log.redact(errorText(error))}`;
    context.log.warn(message);
    void notify('error', message);
    return false;
  }
}

export async function enableEvents(context: EventsCommandsContext, view: InstancesControl, argument?: unknown): Promise<void> {
  const instance = await targetInstance(context, view, argument, 'Cloud Elements: Enable Events');
  if (!instance) return;
  const { session, vault, log, events } = context;
  const environment = session.environmentId;
  const receiver = await events.receiver();
  const callbackUrl = await callbackUrlFor(environment, session.state.baseUrl, receiver);
  if (callbackUrl === undefined) return;
  const keys = vault.forEnvironment(environment);
  const previous = await keys.keychain(signatureKeyName(instance.id));
  const key = newSignatureKey();
  // Kept before the PATCH, so a delivery that arrives right after it is checked with the new key.
  await keys.setKeychain(signatureKeyName(instance.id), key);
  const done = await patchConfiguration(context, instance, `Enabling events on ${name(instance)}…`, {
    [EVENTS_ENABLED]: 'true',
    [CALLBACK_URL]: callbackUrl,
    [SIGNATURE_KEY]: key,
  });
  if (!done) {
    await keys.setKeychain(signatureKeyName(instance.id), previous ?? '');
    return;
  }
  log.info(`Enabled events on instance ${instance.id}: callback ${callbackUrl}, signature key in the keychain.`);
  void notify('info', `Events enabled on ${name(instance)}: deliveries go to ${callbackUrl}, signed with a new key kept in your keychain. They appear in the Events view.`);
  void vscode.commands.executeCommand('cloudElements.events.focus');
  await view.refresh();
}

export async function disableEvents(context: EventsCommandsContext, view: InstancesControl, argument?: unknown): Promise<void> {
  const instance = await targetInstance(context, view, argument, 'Cloud Elements: Disable Events');
  if (!instance) return;
  const done = await patchConfiguration(context, instance, `Disabling events on ${name(instance)}…`, { [EVENTS_ENABLED]: 'false' });
  if (!done) return;
  // The key stays in the keychain: a delivery already on its way is still checked with it.
  context.log.info(`Disabled events on instance ${instance.id}.`);
  void notify('info', `Events disabled on ${name(instance)}.`);
  await view.refresh();
}
