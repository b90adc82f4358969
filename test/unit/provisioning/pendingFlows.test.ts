import assert from 'node:assert/strict';
import { FlowError, type FlowErrorCode } from '../../../src/core/provisioning/errors';
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import { FakeClock } from './fakes';

function throwsCode(run: () => unknown, code: FlowErrorCode, message?: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof FlowError, String(error));
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

async function rejectsCode(promise: Promise<unknown>, code: FlowErrorCode): Promise<FlowError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FlowError, String(error));
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('PendingFlowRegistry', () => {
  let clock: FakeClock;
  let registry: PendingFlowRegistry;

  beforeEach(() => {
    clock = new FakeClock();
    registry = new PendingFlowRegistry({ clock });
  });

  it('issues random single-use base64url states with a ten-minute default expiry', () => {
    const a = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const b = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    assert.match(a.state, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(a.state, b.state);
    assert.notEqual(a.state, 'xero');
    assert.equal(a.expiresAt, clock.now() + 10 * 60_000);
    assert.equal(registry.size, 2);
  });

  it('resolves the matching flow with the callback parameters, from params or a URL', async () => {
    const a = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const b = registry.begin({ elementKey: 'sageoneus', flowType: 'oauth2' });
    const outcome = registry.complete(`https://www.mycoolapp.com/auth?code=c-b&state=${b.state}`);
    assert.deepEqual(outcome, { state: b.state, elementKey: 'sageoneus', flowType: 'oauth2', outcome: 'authorized' });
    assert.deepEqual(await b.callback, { code: 'c-b', state: b.state });
    registry.complete({ code: 'c-a', state: a.state });
    assert.equal((await a.callback).code, 'c-a');
    assert.equal(registry.size, 0);
  });

  it('rejects an unknown state and keeps the flow waiting', async () => {
    const flow = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    throwsCode(() => registry.complete({ code: 'x', state: 'xero' }), 'state-mismatch', /does not belong/);
    throwsCode(() => registry.complete({ code: 'x' }), 'state-mismatch', /no state/);
    assert.ok(registry.isPending(flow.state));
    registry.complete({ code: 'ok', state: flow.state });
    assert.equal((await flow.callback).code, 'ok');
  });

  it('refuses a second use of a state', () => {
    const flow = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    registry.complete({ code: 'ok', state: flow.state });
    throwsCode(() => registry.complete({ code: 'again', state: flow.state }), 'state-mismatch', /already used/);
  });

  it('matches OAuth 1 callbacks without our state by the request token, once', async () => {
    const flow = registry.begin({ elementKey: 'quickbooks', flowType: 'oauth1', requestToken: 'rt-1' });
    const other = registry.begin({ elementKey: 'freshbooks', flowType: 'oauth1' });
    registry.bindRequestToken(other.state, 'rt-2');
    throwsCode(() => registry.complete({ oauth_token: 'rt-unknown', oauth_verifier: 'v' }), 'state-mismatch');
    // An explicit state has to be the flow's own, even with the genuine token (issue 12, item 9).
    throwsCode(() => registry.complete({ oauth_token: 'rt-2', oauth_verifier: 'v2', state: 'freshbooks' }), 'state-mismatch');
    registry.complete({ oauth_token: 'rt-2', oauth_verifier: 'v2' });
    assert.equal((await other.callback).oauth_verifier, 'v2');
    registry.complete({ oauth_token: 'rt-1', oauth_verifier: 'v1' });
    assert.equal((await flow.callback).oauth_verifier, 'v1');
    throwsCode(() => registry.complete({ oauth_token: 'rt-1', oauth_verifier: 'v1' }), 'state-mismatch', /already used/);
  });

  it('expires on its timer, and a late callback is told so', async () => {
    const flow = registry.begin({ elementKey: 'xero', flowType: 'oauth2', ttlMs: 1_000 });
    clock.advance(999);
    assert.ok(registry.isPending(flow.state));
    clock.advance(1);
    const error = await rejectsCode(flow.callback, 'expired');
    assert.match(error.message, /expired/);
    throwsCode(() => registry.complete({ code: 'late', state: flow.state }), 'expired');
  });

  it('expires a callback that arrives after the deadline even before the timer fired', async () => {
    const flow = registry.begin({ elementKey: 'xero', flowType: 'oauth2', ttlMs: 1_000 });
    clock.jump(1_000);
    throwsCode(() => registry.complete({ code: 'late', state: flow.state }), 'expired');
    await rejectsCode(flow.callback, 'expired');
    assert.equal(registry.size, 0);
  });

  it('rejects a denied flow and says so to the caller', async () => {
    const flow = registry.begin({ elementKey: 'quickbooks', flowType: 'oauth1' });
    const outcome = registry.complete({ error: 'access_denied', state: flow.state });
    assert.equal(outcome.outcome, 'denied');
    const error = await rejectsCode(flow.callback, 'denied');
    assert.match(error.message, /refused by the provider: access_denied\./);
  });

  it('cancels one flow, and all on dispose', async () => {
    const a = registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
    const b = registry.begin({ elementKey: 'xero', flowType: 'oauth1' });
    const c = registry.begin({ elementKey: 'sageoneus', flowType: 'oauth2' });
    assert.equal(registry.cancel(a.state), true);
    assert.equal(registry.cancel(a.state), false);
    await rejectsCode(a.callback, 'cancelled');
    throwsCode(() => registry.complete({ code: 'x', state: a.state }), 'cancelled');
    registry.dispose();
    await rejectsCode(b.callback, 'cancelled');
    await rejectsCode(c.callback, 'cancelled');
    assert.equal(registry.size, 0);
  });

  it('does not leave unhandled rejections when nobody awaits a flow', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      registry.begin({ elementKey: 'xero', flowType: 'oauth2' });
      registry.dispose();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
