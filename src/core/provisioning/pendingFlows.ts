/**
 * OAuth sign-ins waiting for their browser callback. Each gets a random single-use `state`
 * (never the element key the documentation uses: that would let any page forge a callback),
 * expires, and can be cancelled. Callbacks are matched by `state`; only a callback without
 * any state (OAuth 1 providers that drop it) is matched by `oauth_token`, which equals the
 * request token of the flow. An explicit state always has to be the flow's own.
 */
import { plainText } from '../api/plainText';
import { base64 } from '../bytes';
import type { FlowType } from '../catalog/types';
import { parseCallbackUrl, type CallbackParams } from './callbackUrl';
import { FlowError } from './errors';
import { forwardingState } from './forwarding';

export const DEFAULT_FLOW_TTL_MS = 10 * 60_000;

/** Remembered finished states (to tell "already used" and "expired" from unknown), oldest dropped first. */
const MAX_FINISHED = 256;

export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface BeginFlow {
  elementKey: string;
  flowType: FlowType;
  ttlMs?: number;
  /** OAuth 1: the request token, matched against a callback's `oauth_token` when it has no state of ours. */
  requestToken?: string;
  /**
   * The browser comes back through the https forwarding page, which forwards to this address
   * (VS Code's URI handler as the browser reaches it): the state carries it (forwarding.ts).
   */
  returnTo?: string;
}

export interface PendingFlow {
  state: string;
  elementKey: string;
  flowType: FlowType;
  expiresAt: number;
  requestToken?: string;
  /** Resolves with the callback's parameters; rejects with a FlowError: denied, expired or cancelled. */
  callback: Promise<CallbackParams>;
}

export interface CompletedCallback {
  state: string;
  elementKey: string;
  flowType: FlowType;
  outcome: 'authorized' | 'denied';
}

export interface PendingFlowRegistryOptions {
  clock?: Clock;
  /** Source of new states; tests may inject one. */
  newState?: () => string;
}

interface Entry {
  flow: PendingFlow;
  resolve: (params: CallbackParams) => void;
  reject: (error: FlowError) => void;
  cancelTimer: () => void;
}

type FinishReason = 'used' | 'expired' | 'cancelled';

interface Finished {
  reason: FinishReason;
  elementKey: string;
  requestToken?: string;
}

export function newState(): string {
  return base64(crypto.getRandomValues(new Uint8Array(24)), true);
}

export class PendingFlowRegistry {
  private readonly clock: Clock;
  private readonly makeState: () => string;
  private readonly pending = new Map<string, Entry>();
  private readonly finished = new Map<string, Finished>();

  constructor(options: PendingFlowRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.makeState = options.newState ?? newState;
  }

  /** How many flows are waiting for a callback. */
  get size(): number {
    return this.pending.size;
  }

  isPending(state: string): boolean {
    return this.pending.has(state);
  }

  begin(init: BeginFlow): PendingFlow {
    const ttlMs = init.ttlMs ?? DEFAULT_FLOW_TTL_MS;
    const stateFor = (nonce: string) => (init.returnTo === undefined ? nonce : forwardingState(nonce, init.returnTo));
    let state = stateFor(this.makeState());
    while (this.pending.has(state) || this.finished.has(state)) state = stateFor(this.makeState());

    let resolve!: (params: CallbackParams) => void;
    let reject!: (error: FlowError) => void;
    const callback = new Promise<CallbackParams>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    // Nobody may be awaiting yet (or ever, after a dispose): don't let a rejection crash the process.
    callback.catch(() => undefined);

    const flow: PendingFlow = {
      state,
      elementKey: init.elementKey,
      flowType: init.flowType,
      expiresAt: this.clock.now() + ttlMs,
      ...(init.requestToken !== undefined && { requestToken: init.requestToken }),
      callback,
    };
    const cancelTimer = this.clock.setTimer(() => this.expire(state), ttlMs);
    this.pending.set(state, { flow, resolve, reject, cancelTimer });
    return flow;
  }

  /**
   * OAuth 1: records the request token once the token step returned it, so a callback that
   * lost our state can still be matched by its `oauth_token`.
   */
  bindRequestToken(state: string, requestToken: string): void {
    const entry = this.pending.get(state);
    if (entry) entry.flow.requestToken = requestToken;
  }

  /**
   * Hands a callback (its parameters, or the URL as received or pasted) to the flow it belongs
   * to. Throws a FlowError when it matches none: `state-mismatch` (unknown or wrong state, an
   * `oauth_token` that is not the flow's, or already used), `expired`, `cancelled`, or
   * `invalid-callback` / `missing-callback-params` for a URL that cannot be read; the flows in
   * progress keep waiting. A provider's `error=` completes the flow as denied (its `callback`
   * rejects) and returns `outcome: 'denied'`.
   */
  complete(input: CallbackParams | string): CompletedCallback {
    const params = typeof input === 'string' ? parseCallbackUrl(input) : { ...input };
    const entry = this.match(params);
    const { flow } = entry;
    const result = { state: flow.state, elementKey: flow.elementKey, flowType: flow.flowType };

    if (this.clock.now() >= flow.expiresAt) {
      const error = this.expire(flow.state);
      throw error ?? expiredError(flow.elementKey);
    }

    const denial = params.error ?? params.oauth_problem;
    this.finish(entry, 'used');
    if (denial !== undefined) {
      const description = params.error_description ?? params.error_reason;
      const said = `${short(denial)}${description ? ` (${short(description)})` : ''}`;
      entry.reject(new FlowError('denied', `Authorization for ${flow.elementKey} was refused by the provider: ${said}.`, { step: 'wait-callback', denial: said }));
      return { ...result, outcome: 'denied' };
    }
    entry.resolve(params);
    return { ...result, outcome: 'authorized' };
  }

  /** Stops waiting for `state`: its `callback` rejects with `cancelled`. False when it was not pending. */
  cancel(state: string, message?: string): boolean {
    const entry = this.pending.get(state);
    if (!entry) return false;
    this.finish(entry, 'cancelled');
    entry.reject(new FlowError('cancelled', message ?? `The sign-in for ${entry.flow.elementKey} was cancelled.`, { step: 'wait-callback' }));
    return true;
  }

  /** Cancels every pending flow (extension deactivation). */
  dispose(): void {
    for (const state of [...this.pending.keys()]) {
      this.cancel(state, 'The sign-in was cancelled because the toolkit is shutting down.');
    }
  }

  private match(params: CallbackParams): Entry {
    const state = ownValue(params, 'state');
    const oauthToken = ownValue(params, 'oauth_token');
    if (state !== undefined) {
      const entry = this.pending.get(state);
      // An OAuth 1 callback names the flow's request token as well: it has to be that one.
      const tokenFits = oauthToken === undefined || entry?.flow.requestToken === undefined || entry.flow.requestToken === oauthToken;
      if (entry && tokenFits) return entry;
      throw this.unmatched(entry ? undefined : this.finished.get(state), state);
    }
    if (oauthToken !== undefined) {
      const byToken = [...this.pending.values()].find((entry) => entry.flow.requestToken === oauthToken);
      if (byToken) return byToken;
      const finished = [...this.finished.values()].find((entry) => entry.requestToken !== undefined && entry.requestToken === oauthToken);
      throw this.unmatched(finished, undefined);
    }
    throw this.unmatched(undefined, undefined);
  }

  private unmatched(finished: Finished | undefined, state: string | undefined): FlowError {
    if (finished?.reason === 'used') {
      return new FlowError(
        'state-mismatch',
        `This callback for ${finished.elementKey} was already used: each sign-in accepts one callback. Start a new sign-in.`,
      );
    }
    if (finished?.reason === 'expired') return expiredError(finished.elementKey);
    if (finished?.reason === 'cancelled') {
      return new FlowError('cancelled', `This callback belongs to a sign-in for ${finished.elementKey} that was cancelled. Start a new sign-in.`);
    }
    return new FlowError(
      'state-mismatch',
      state === undefined
        ? 'The callback carries no state, so it cannot be matched to a sign-in in progress. It was ignored.'
        : 'The callback does not belong to any sign-in in progress (its state does not match). It may come from another window or an old attempt; it was ignored.',
    );
  }

  private expire(state: string): FlowError | undefined {
    const entry = this.pending.get(state);
    if (!entry) return undefined;
    const error = expiredError(entry.flow.elementKey);
    this.finish(entry, 'expired');
    entry.reject(error);
    return error;
  }

  private finish(entry: Entry, reason: FinishReason): void {
    const { flow } = entry;
    entry.cancelTimer();
    this.pending.delete(flow.state);
    this.finished.set(flow.state, {
      reason,
      elementKey: flow.elementKey,
      ...(flow.requestToken !== undefined && { requestToken: flow.requestToken }),
    });
    while (this.finished.size > MAX_FINISHED) {
      const oldest = this.finished.keys().next().value;
      if (oldest === undefined) break;
      this.finished.delete(oldest);
    }
  }
}

function expiredError(elementKey: string): FlowError {
  return new FlowError('expired', `The sign-in for ${elementKey} expired before the provider called back. Start it again.`, {
    step: 'wait-callback',
  });
}

/** Provider texts end up in messages: keep them to one short line of plain text. */
function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return plainText(flat.length > 200 ? `${flat.slice(0, 199)}…` : flat);
}

function ownValue(params: CallbackParams, name: string): string | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}
