/**
 * "Re-authorize Instance…": which instance and flow, then the run (provision.ts), whose final
 * call is `PUT /instances/{id}?reAuthenticate=true` instead of `POST /instances`.
 */
import * as vscode from 'vscode';
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import { withCancellableProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import { notify } from '../notify';
import { pickFlow } from '../pickers';
import type { Provisioner } from './provision';
import type { RunContext } from './runContext';
import { NO_INSTANCE_TO_REAUTHORIZE, notInCatalogText, readFailedText } from './texts';

const TITLE = 'Cloud Elements: Re-authorize Instance';

/** What the command needs of the instance; a full record when the argument carried one. */
export interface InstanceRef {
  id: number;
  name?: string;
  element?: { key?: string; name?: string };
  configuration?: Record<string, string | null>;
  tags?: string[];
}

/**
 * The instance the command was invoked on: an Instances-view node (`{instance}`), an instance
 * record or `{id, element: {key}}`, or its id. Undefined: ask.
 */
export function instanceRefFrom(argument: unknown): InstanceRef | undefined {
  if (typeof argument === 'number' && Number.isInteger(argument)) return { id: argument };
  if (typeof argument === 'string' && /^\d+$/.test(argument)) return { id: Number(argument) };
  if (argument === null || typeof argument !== 'object') return undefined;
  const candidate = argument as { instance?: unknown; id?: unknown };
  if (candidate.instance !== undefined) return instanceRefFrom(candidate.instance);
  return typeof candidate.id === 'number' && Number.isInteger(candidate.id) ? (argument as InstanceRef) : undefined;
}

async function withClient<T>(run: RunContext, title: string, task: (client: RunContext['client'], signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  try {
    return await withCancellableProgress(title, (signal) => task(run.client, signal));
  } catch (error) {
    if (isApiError(error) && error.kind === 'cancelled') return undefined;
    const message = run.log.redact(readFailedText(title.replace(/…$/, ''), errorText(error)));
    run.log.warn(message);
    void notify('error', message);
    return undefined;
  }
}

interface InstanceItem extends vscode.QuickPickItem {
  instance: Instance;
}

async function pickInstance(run: RunContext): Promise<Instance | undefined> {
  const instances = await withClient(run, 'Reading the instances…', (client, signal) => client.listInstances(signal));
  if (!instances) return undefined;
  if (instances.length === 0) {
    void notify('info', NO_INSTANCE_TO_REAUTHORIZE);
    return undefined;
  }
  // Instances whose authorization is invalid are the likely ones: first.
  const sorted = [...instances].sort((a, b) => Number(a.valid !== false) - Number(b.valid !== false) || a.name.localeCompare(b.name));
  const items: InstanceItem[] = sorted.map((instance) => ({
    label: `${instance.valid === false ? '$(warning) ' : ''}${instance.name}`,
    description: `#${instance.id} · ${instance.element?.name ?? 'unknown element'}`,
    ...(instance.valid === false && { detail: 'Authorization invalid' }),
    instance,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Instance to re-authorize', matchOnDescription: true });
  return picked?.instance;
}

/** The full record when the argument lacks the element, name or configuration. */
async function complete(run: RunContext, ref: InstanceRef): Promise<InstanceRef | undefined> {
  if (ref.element?.key && ref.name !== undefined && ref.configuration !== undefined) return ref;
  return withClient(run, `Reading instance ${ref.id}…`, (client, signal) => client.getInstance(ref.id, signal));
}

export async function reauthorizeInstance(provisioner: Provisioner, argument?: unknown): Promise<Instance | undefined> {
  const run = await provisioner.begin('re-authorize an instance', 'Re-authorize Instance');
  if (!run) return undefined;
  const given = instanceRefFrom(argument);
  const ref = given ? await complete(run, given) : await pickInstance(run);
  if (!ref) return undefined;
  const elementKey = ref.element?.key;
  const element = elementKey ? catalog.get(elementKey) : undefined;
  if (!element) {
    void notify('error', notInCatalogText(ref.id, elementKey));
    return undefined;
  }
  const name = ref.name ?? `${element.name} #${ref.id}`;
  const flow = await pickFlow(element, `${TITLE}: ${name}`);
  if (!flow) return undefined;
  return provisioner.run(run, {
    element,
    flow,
    target: { action: 'reauthorize', instanceId: ref.id, instanceName: name },
    name,
    ...(ref.tags && { tags: ref.tags }),
    ...(ref.configuration && { prefill: ref.configuration }),
  });
}
