/** Test doubles for the flow engine: a fake ProvisioningApi, a fake clock and a fake provider. */
import type {
  CreateInstanceRequest,
  Instance,
  OAuthQuery,
  OAuthTokenResponse,
  OAuthUrlResponse,
} from '../../../src/core/api/types';
import type { ProvisioningApi } from '../../../src/core/provisioning/engine';
import { instanceRecord } from '../helpers';
import type { Clock } from '../../../src/core/provisioning/pendingFlows';

export const REQUEST_TOKEN = 'request-token-111';
export const REQUEST_SECRET = 'request-secret-222';
export const OAUTH_URL = 'https://provider.example/authorize?oauth_token=request-token-111';

export type ApiCall =
  | { op: 'getOAuthToken'; keyOrId: string; params: OAuthQuery }
  | { op: 'getOAuthUrl'; keyOrId: string; params: OAuthQuery }
  | { op: 'createInstance'; body: CreateInstanceRequest };

export class FakeApi implements ProvisioningApi {
  readonly calls: ApiCall[] = [];
  failWith: Partial<Record<ApiCall['op'], unknown>> = {};

  async getOAuthToken(keyOrId: string, params: OAuthQuery): Promise<OAuthTokenResponse> {
    this.calls.push({ op: 'getOAuthToken', keyOrId, params: { ...params } });
    if (this.failWith.getOAuthToken) throw this.failWith.getOAuthToken;
    return { token: REQUEST_TOKEN, secret: REQUEST_SECRET };
  }

  async getOAuthUrl(keyOrId: string, params: OAuthQuery, signal?: AbortSignal): Promise<OAuthUrlResponse> {
    this.calls.push({ op: 'getOAuthUrl', keyOrId, params: { ...params } });
    signal?.throwIfAborted();
    if (this.failWith.getOAuthUrl) throw this.failWith.getOAuthUrl;
    return { oauthUrl: OAUTH_URL, element: keyOrId };
  }

  async createInstance(body: CreateInstanceRequest): Promise<Instance> {
    this.calls.push({ op: 'createInstance', body: structuredClone(body) });
    if (this.failWith.createInstance) throw this.failWith.createInstance;
    const key = 'key' in body.element ? body.element.key : String(body.element.id);
    return instanceRecord(4242, key, { name: body.name, token: 'instance-token-333' });
  }

  ops(): string[] {
    return this.calls.map((call) => call.op);
  }

  params(op: 'getOAuthToken' | 'getOAuthUrl'): OAuthQuery | undefined {
    const found = this.calls.find((call) => call.op === op);
    return found && 'params' in found ? found.params : undefined;
  }

  /** The state the engine sent on the authorize-URL call. */
  sentState(): string {
    const state = this.params('getOAuthUrl')?.state;
    if (state === undefined) throw new Error('no state was sent');
    return state;
  }

  body(): CreateInstanceRequest | undefined {
    const found = this.calls.find((call) => call.op === 'createInstance');
    return found && 'body' in found ? found.body : undefined;
  }
}

export class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private timers: Array<{ at: number; fn: () => void; active: boolean }> = [];

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn, active: true };
    this.timers.push(timer);
    return () => {
      timer.active = false;
    };
  }

  /** Moves time forward and fires the timers that fell due. */
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers) {
      if (timer.active && timer.at <= this.time) {
        timer.active = false;
        timer.fn();
      }
    }
  }

  /** Moves time forward without firing timers (a callback racing its expiry timer). */
  jump(ms: number): void {
    this.time += ms;
  }
}
