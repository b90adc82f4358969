/**
 * The window's event inbox: the receiver, started the first time events are used, and the
 * deliveries it took, each checked with the signature key the toolkit keeps for its instance
 * (keychain name `events.signature.<instanceId>` of the environment the callback path names).
 * Tells its listeners when deliveries arrive (at most every 100 ms under a burst).
 */
import * as vscode from 'vscode';
import { isEnvironmentId } from '../../core/api/environments';
import { readDelivery } from '../../core/events/delivery';
import type { Delivery } from '../../core/events/delivery';
import { Inbox } from '../../core/events/inbox';
import type { Log } from '../log';
import type { EnvironmentVault, SecretVault } from '../secrets';
import { SIGNATURE_KEY } from '../../core/events/keys';
import { environmentOf } from './paths';
import type * as ReceiverModule from './receiver';
import type { EventReceiver, ReceivedDelivery } from './receiver';

/** The keychain entry of an instance's signature key (never shown, never in a file or setting). */
export function signatureKeyName(instanceId: number | string): string {
  return `events.signature.${instanceId}`;
}

/** After an instance was created with a signature key (from a file): keeps it for the receiver to check its deliveries with. */
export async function keepSignatureKey(vault: EnvironmentVault, instanceId: number | string, configuration: Record<string, unknown> | undefined): Promise<void> {
  const key = configuration?.[SIGNATURE_KEY];
  if (typeof key === 'string' && key !== '') await vault.setKeychain(signatureKeyName(instanceId), key);
}

/** The part of `vscode.Memento` used here (the workspace state). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const PORT_KEY = 'cloudElements.events.receiverPort';

/** An inbox group's key: the environment and the instance the body names. */
export function groupKeyOf(delivery: Pick<Delivery, 'path' | 'summary'>): string {
  return `${environmentOf(delivery.path) ?? ''}/${delivery.summary.instanceId ?? ''}`;
}

export function parseGroupKey(key: string): { environment: string; instanceId: string } {
  const at = key.indexOf('/');
  return { environment: key.slice(0, at), instanceId: key.slice(at + 1) };
}

export interface EventInboxOptions {
  vault: SecretVault;
  log: Log;
  state: StateStore;
  capacity?: number;
  maxBodyBytes?: number;
}

export class EventInbox implements vscode.Disposable {
  readonly inbox: Inbox;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private started: Promise<EventReceiver> | undefined;
  private seq = 0;
  /** Deliveries are read one after another, so the inbox keeps their order of arrival. */
  private reading: Promise<void> = Promise.resolve();
  private fireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: EventInboxOptions) {
    this.inbox = new Inbox({ capacity: options.capacity, groupOf: groupKeyOf });
  }

  /** The receiver, started on first use at the port it had last time in this workspace when free. */
  receiver(): Promise<EventReceiver> {
    this.started ??= this.start();
    return this.started;
  }

  private async start(): Promise<EventReceiver> {
    const { state, log } = this.options;
    const fixed = vscode.workspace.getConfiguration('cloudElements').get<number>('events.receiverPort');
    const wanted = typeof fixed === 'number' && Number.isInteger(fixed) && fixed >= 1024 && fixed <= 65_535 ? fixed : undefined;
    try {
      // The build turns this into require('./receiver.js'): the server's code loads when it starts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
      const { startEventReceiver } = require('./receiver') as typeof ReceiverModule;
      const receiver = await startEventReceiver({
        preferredPort: wanted ?? state.get<number>(PORT_KEY),
        maxBodyBytes: this.options.maxBodyBytes,
        onDelivery: (request) => this.take(request),
        log: (line) => log.info(line),
      });
      await state.update(PORT_KEY, receiver.port);
      log.info(`Event receiver listening on ${receiver.origin} (loopback only).`);
      if (wanted !== undefined && receiver.port !== wanted) {
        log.warn(`cloudElements.events.receiverPort ${wanted} is taken by another program: the event receiver listens on ${receiver.port} instead, and callback URLs with port ${wanted} do not reach it.`);
      }
      return receiver;
    } catch (error) {
      this.started = undefined;
      throw error;
    }
  }

  /** Resolves once every delivery received so far is in the inbox. */
  settled(): Promise<void> {
    return this.reading;
  }

  private take(request: ReceivedDelivery): void {
    const seq = ++this.seq;
    this.reading = this.reading.then(async () => {
      try {
        const delivery = await readDelivery(request, seq, (instanceId) => this.keyFor(request.environment, instanceId));
        this.inbox.add(delivery);
        this.scheduleChange();
      } catch (error) {
        this.options.log.warn(`Event delivery #${seq} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  private async keyFor(environment: string, instanceId: string | undefined): Promise<string | undefined> {
    if (instanceId === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(instanceId) || !isEnvironmentId(environment)) return undefined;
    return this.options.vault.keychain(environment, signatureKeyName(instanceId));
  }

  private scheduleChange(): void {
    if (this.fireTimer) return;
    this.fireTimer = setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire();
    }, 100);
  }

  clear(): void {
    this.inbox.clear();
    this.changed.fire();
  }

  dispose(): void {
    if (this.fireTimer) clearTimeout(this.fireTimer);
    this.changed.dispose();
    void this.started?.then((receiver) => receiver.close(), () => undefined);
  }
}
