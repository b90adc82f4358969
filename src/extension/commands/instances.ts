/**
 * Commands on one instance (Copy Token, Open as JSON, Enable, Disable, Delete) plus Refresh and
 * Load More. Each takes the Instances view's node; from elsewhere it asks with a quick pick.
 */
import * as vscode from 'vscode';
import type { CloudElementsClient } from '../../core/api/client';
import { isApiError } from '../../core/api/errors';
import type { Instance } from '../../core/api/types';
import { withCancellableProgress } from '../cancellableProgress';
import { errorText } from '../errorText';
import { confirm, notify } from '../notify';
import type { BoundEnvironment } from '../session';
import type { InstanceJsonProvider } from '../views/instanceJson';
import { instanceArgument } from '../views/instanceNodes';
import { signIn } from './account';
import type { AccountCommands } from './account';

/** What the instance commands use: the session and its client, the keychain, the log (and signing in). */
export type InstanceCommandsContext = AccountCommands;

/** What the commands need from the Instances view. */
export interface InstancesControl {
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  /** The instances the view has loaded (the first page is loaded when none are). */
  knownInstances(): Promise<readonly Instance[]>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

function label(instance: Pick<Instance, 'id' | 'name'>): string {
  return `"${instance.name}" (#${instance.id})`;
}

/** A failed call (or bind), shown with the API's message and logged; a cancel is the user's own doing. */
function report(context: InstanceCommandsContext, failure: string, error: unknown): void {
  const { log } = context;
  if (isApiError(error) && error.kind === 'cancelled') return;
  const unauthorized = isApiError(error) && (error.kind === 'unauthorized' || error.status === 401);
  const message = `${failure}: ${log.redact(errorText(error))}${unauthorized ? ' Sign in again.' : ''}`;
  log.warn(message);
  void notify('error', message, ...(unauthorized ? ['Sign In'] : ['Show Log'])).then((choice) => {
    if (choice === 'Sign In') void signIn(context);
    if (choice === 'Show Log') log.show();
  });
}

/** The current environment and its client, bound once for the whole command (Session.bind()); undefined when that failed (said). */
async function bind(context: InstanceCommandsContext, failure: string): Promise<BoundEnvironment | undefined> {
  try {
    return await context.session.bind();
  } catch (error) {
    report(context, failure, error);
    return undefined;
  }
}

/** One API call on the bound environment's client, in a cancellable progress notification; a failure is reported. */
async function callApi<T>(
  context: InstanceCommandsContext,
  client: CloudElementsClient,
  title: string,
  failure: string,
  task: (client: CloudElementsClient, signal: AbortSignal) => Promise<T>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await withCancellableProgress(title, (signal) => task(client, signal)) };
  } catch (error) {
    report(context, failure, error);
    return { ok: false };
  }
}

interface InstanceItem extends vscode.QuickPickItem {
  instance: Instance;
}

/** The instance the command is about: its argument, or the user's pick among the loaded ones. */
export async function targetInstance(
  context: InstanceCommandsContext,
  view: InstancesControl,
  argument: unknown,
  title: string,
  eligible: (instance: Instance) => boolean = () => true,
): Promise<Instance | undefined> {
  if (!context.session.state.signedIn && !(await signIn(context))) return undefined;
  const target = instanceArgument(argument);
  if (typeof target === 'object') return target;
  const known = await view.knownInstances();
  if (typeof target === 'number') {
    const loaded = known.find((instance) => instance.id === target);
    if (loaded) return loaded;
    const failure = `Could not read instance ${target}`;
    const bound = await bind(context, failure);
    const fetched = bound && (await callApi(context, bound.client, `Reading instance ${target}…`, failure, (client, signal) => client.getInstance(target, signal)));
    return fetched?.ok ? fetched.value : undefined;
  }
  const items: InstanceItem[] = known.filter(eligible).map((instance) => ({
    label: instance.name,
    description: `#${instance.id} · ${instance.element?.name ?? 'unknown element'}`,
    detail: [instance.disabled ? 'disabled' : 'enabled', instance.valid === false ? 'authorization invalid' : undefined].filter(Boolean).join(' · '),
    instance,
  }));
  if (items.length === 0) {
    void notify('info', `${title}: no instance to choose from.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Instance (type to filter by name, id or element)', matchOnDescription: true, ignoreFocusOut: true });
  return picked?.instance;
}

export async function copyInstanceToken(context: InstanceCommandsContext, view: InstancesControl, argument?: unknown): Promise<void> {
  const instance = await targetInstance(context, view, argument, 'Cloud Elements: Copy Instance Token');
  if (!instance) return;
  const { vault, log } = context;
  const failure = `Could not read the token of ${label(instance)}`;
  const bound = await bind(context, failure);
  if (!bound) return;
  const environment = bound.environment.id;
  let token = await vault.instanceToken(environment, instance.id);
  if (!token) {
    // Not provisioned from this machine: the API's own record carries the token.
    const record = await callApi(context, bound.client, `Reading the token of ${label(instance)}…`, failure, (client, signal) => client.getInstance(instance.id, signal));
    if (!record.ok) return;
    token = record.value.token || undefined;
    if (token) await vault.setInstanceToken(environment, instance.id, token);
  }
  if (!token) {
    void notify('warning', `No token for ${label(instance)}: the keychain has none and Cloud Elements did not return one.`);
    return;
  }
  await vscode.env.clipboard.writeText(token);
  log.info(`Copied the token of instance ${instance.id} to the clipboard.`);
  void notify('info', `Token copied: the token of ${label(instance)} is on the clipboard.`);
}

export async function openInstanceJson(context: InstanceCommandsContext, view: InstancesControl, json: InstanceJsonProvider, argument?: unknown): Promise<void> {
  const instance = await targetInstance(context, view, argument, 'Cloud Elements: Open Instance as JSON');
  if (!instance) return;
  const failure = `Could not read ${label(instance)}`;
  const bound = await bind(context, failure);
  if (!bound) return;
  const record = await callApi(context, bound.client, `Reading ${label(instance)}…`, failure, (client, signal) => client.getInstance(instance.id, signal));
  if (!record.ok) return;
  const uri = json.show(bound.environment.id, record.value);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
}

async function setEnabled(context: InstanceCommandsContext, view: InstancesControl, argument: unknown, enabled: boolean): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const instance = await targetInstance(context, view, argument, `Cloud Elements: ${verb} Instance`, (candidate) => candidate.disabled === enabled);
  if (!instance) return;
  const failure = `Could not ${verb.toLowerCase()} ${label(instance)}`;
  const bound = await bind(context, failure);
  if (!bound) return;
  const result = await callApi(context, bound.client, `${enabled ? 'Enabling' : 'Disabling'} ${label(instance)}…`, failure, (client, signal) =>
    enabled ? client.enableInstance(instance.id, signal) : client.disableInstance(instance.id, signal),
  );
  if (!result.ok) return;
  context.log.info(`${enabled ? 'Enabled' : 'Disabled'} instance ${instance.id}.`);
  await view.refresh();
}

export async function deleteInstance(context: InstanceCommandsContext, view: InstancesControl, argument?: unknown): Promise<void> {
  const instance = await targetInstance(context, view, argument, 'Cloud Elements: Delete Instance');
  if (!instance) return;
  const failure = `Could not delete ${label(instance)}`;
  const bound = await bind(context, failure);
  if (!bound) return;
  const { environment } = bound;
  const choice = await confirm(
    `Delete the instance ${label(instance)}?`,
    `This deletes the ${instance.element?.name ?? ''} instance from Cloud Elements (${environment.label}) and removes its token from the keychain. Apps using its token stop working. This cannot be undone.`,
    'Delete',
  );
  if (choice !== 'Delete') return;
  const result = await callApi(context, bound.client, `Deleting ${label(instance)}…`, failure, (client, signal) => client.deleteInstance(instance.id, signal));
  if (!result.ok) return;
  await context.vault.deleteInstanceToken(environment.id, instance.id);
  context.log.info(`Deleted instance ${instance.id}.`);
  void notify('info', `Deleted the instance ${label(instance)}.`);
  await view.refresh();
}

export function registerInstanceCommands(context: InstanceCommandsContext, view: InstancesControl, json: InstanceJsonProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('cloudElements.refreshInstances', () => view.refresh()),
    vscode.commands.registerCommand('cloudElements.loadMoreInstances', () => view.loadMore()),
    vscode.commands.registerCommand('cloudElements.copyInstanceToken', (argument?: unknown) => copyInstanceToken(context, view, argument)),
    vscode.commands.registerCommand('cloudElements.openInstanceJson', (argument?: unknown) => openInstanceJson(context, view, json, argument)),
    vscode.commands.registerCommand('cloudElements.enableInstance', (argument?: unknown) => setEnabled(context, view, argument, true)),
    vscode.commands.registerCommand('cloudElements.disableInstance', (argument?: unknown) => setEnabled(context, view, argument, false)),
    vscode.commands.registerCommand('cloudElements.deleteInstance', (argument?: unknown) => deleteInstance(context, view, argument)),
  );
}
