/**
 * Test Connection: `GET /hubs/{hub}/ping` with the instance's token, in a cancellable progress
 * notification. The outcome goes to the Instances view (connected and how long it took, or the
 * provider's error and the API's request id) and, from the command, to a message.
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { describeRequest } from '../../core/console/request';
import { pingRequest, type ConnectionResult } from '../../core/console/instanceConsole';
import { withCancellableProgress } from '../cancellableProgress';
import { notify } from '../notify';
import type { Binding, CallSecrets, ConsoleBindings } from './binding';
import type { ConnectionCheck, ConsoleDeps, RunBinding } from './contract';
import { connectedText, connectionFailedText, testingText, unknownHubText } from './texts';

export interface TestContext {
  readonly deps: ConsoleDeps;
  readonly bindings: ConsoleBindings;
}

interface Tested {
  result: ConnectionResult;
  /** `GET /hubs/finance/ping`, when the hub was known. */
  ping?: string;
  secrets: CallSecrets;
}

/** The instance's hub: from its element (or the catalog), else from its API docs. */
async function hubOf(context: TestContext, binding: Binding, instance: Instance, signal: AbortSignal): Promise<string | undefined> {
  const known = context.deps.hubOf(instance);
  if (known !== undefined) return known;
  const docs = await binding.docs.docs(instance.id, signal);
  return docs.ok ? docs.tree.hub : undefined;
}

/**
 * The command's test runs in a cancellable progress notification. The one right after a create
 * shows in the status bar instead: another notification next to the run's own would make VS Code
 * hold back the outcome's (it shows at most three new ones in a short while).
 */
function withProgress<T>(where: 'notification' | 'status bar', title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (where === 'notification') return withCancellableProgress(title, task);
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => task(new AbortController().signal)));
}

async function test(context: TestContext, binding: Binding, instance: Instance, where: 'notification' | 'status bar'): Promise<Tested> {
  return withProgress(where, testingText(instance), async (signal) => {
    const secrets = context.bindings.call(binding, signal);
    const hub = await hubOf(context, binding, instance, signal);
    if (hub === undefined) {
      const cancelled = signal.aborted;
      const message = cancelled ? 'The test was cancelled.' : unknownHubText(instance);
      return { result: { ok: false, problem: { kind: cancelled ? 'cancelled' : 'unsendable', message, mayHaveTakenEffect: false } }, secrets };
    }
    const target = { id: instance.id, hub, name: instance.name };
    const ping = describeRequest(pingRequest(target));
    const result = await secrets.console().testConnection(target, signal);
    if (result.ok) return { result, ping, secrets };
    return { result: { ...result, problem: { ...result.problem, message: secrets.problemText(result.problem) } }, ping, secrets };
  });
}

/** Leaves the outcome on the instance (a cancelled test leaves the last one) and in the log. */
function record(context: TestContext, binding: Binding, instance: Instance, { result }: Tested): void {
  if (!result.ok && result.problem.kind === 'cancelled') return;
  const at = new Date();
  const { connections, log } = context.deps;
  if (result.ok) {
    connections.set(binding.environment.id, instance.id, { ok: true, ms: result.ms, at, ...(result.requestId !== undefined && { requestId: result.requestId }) });
    log.info(`Test Connection of instance ${instance.id}: connected in ${result.ms} ms.`);
  } else {
    const { problem } = result;
    connections.set(binding.environment.id, instance.id, {
      ok: false,
      at,
      message: problem.message,
      ...(result.ms !== undefined && { ms: result.ms }),
      ...(problem.requestId !== undefined && { requestId: problem.requestId }),
    });
    log.warn(`Test Connection of instance ${instance.id} failed: ${problem.message}`);
  }
}

/** The command: asks to sign in when needed, tests, shows the outcome. */
export async function testConnection(context: TestContext, instance: Instance): Promise<void> {
  const binding = await context.bindings.currentAsking('test the connection of an instance');
  if (!binding) return;
  const tested = await test(context, binding, instance, 'notification');
  record(context, binding, instance, tested);
  const { result } = tested;
  if (result.ok) {
    void notify('info', connectedText(instance, tested.ping ?? 'its ping', result.ms));
    tested.secrets.offerToStore();
  } else if (result.problem.kind !== 'cancelled') {
    void notify('error', connectionFailedText(instance, result.problem.message));
  }
}

/** Right after a create or a re-authorization: the run's environment and keychain; the provisioning outcome tells the result. */
export async function testNewInstance(context: TestContext, run: RunBinding, instance: Instance): Promise<ConnectionCheck> {
  const binding = context.bindings.forRun(run);
  const tested = await test(context, binding, instance, 'status bar');
  record(context, binding, instance, tested);
  const { result } = tested;
  if (result.ok) return { outcome: 'connected', ms: result.ms };
  return result.problem.kind === 'cancelled' ? { outcome: 'cancelled' } : { outcome: 'failed', message: result.problem.message };
}
