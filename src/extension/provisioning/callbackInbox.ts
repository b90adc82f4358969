/**
 * Where every callback arrives — through the extension's URI handler, the loopback server or a
 * pasted address — and is handed to the pending-flow registry. Built once; a callback that
 * matches no sign-in in progress gets a clear warning (never its state value) and changes nothing.
 */
import type * as vscode from 'vscode';
import { isFlowError, type FlowError } from '../../core/provisioning/errors';
import type { PendingFlowRegistry } from '../../core/provisioning/pendingFlows';
import type { Log } from '../log';
import { notify } from '../notify';
import { rejectionText } from './callbackTexts';

export const EXTENSION_ID = 'elements-dev.elements-toolkit';
export const CALLBACK_PATH = '/callback';

export type CallbackSource = 'URI handler' | 'loopback server' | 'pasted address';

export type Delivery =
  | { ok: true; outcome: 'authorized' | 'denied'; elementKey: string }
  | { ok: false; code: FlowError['code']; message: string };

/** Hands a callback (URL or pasted text) to the registry; a rejected one becomes a message. */
export function deliverCallback(registry: PendingFlowRegistry, input: string): Delivery {
  try {
    const completed = registry.complete(input);
    return { ok: true, outcome: completed.outcome, elementKey: completed.elementKey };
  } catch (error) {
    if (!isFlowError(error)) throw error;
    return { ok: false, code: error.code, message: rejectionText(error) };
  }
}

export class CallbackInbox {
  constructor(
    private readonly registry: PendingFlowRegistry,
    private readonly log: Log,
  ) {}

  /** Whether any sign-in waits for its callback. */
  get waiting(): boolean {
    return this.registry.size > 0;
  }

  /** Completes the matching flow; shows and logs why when there is none. */
  deliver(input: string, source: CallbackSource): Delivery {
    const delivery = deliverCallback(this.registry, input);
    if (delivery.ok) {
      this.log.info(`Received the ${delivery.outcome === 'denied' ? 'refusal' : 'authorization'} for ${delivery.elementKey} (${source}).`);
    } else {
      this.log.warn(`Ignored a callback (${source}): ${delivery.message}`);
      void notify('warning', delivery.message);
    }
    return delivery;
  }

  /** `window.registerUriHandler`'s handler: `/callback` is delivered here, other paths are ignored. */
  readonly uriHandler: vscode.UriHandler = {
    handleUri: (uri: vscode.Uri): void => {
      if (uri.path.replace(/\/+$/, '') !== CALLBACK_PATH) {
        this.log.info(`Ignored a link to ${uri.path || '/'}: the toolkit only handles ${CALLBACK_PATH}.`);
        return;
      }
      // Unencoded, so the query and fragment read as the provider wrote them.
      this.deliver(uri.toString(true), 'URI handler');
    },
  };
}
