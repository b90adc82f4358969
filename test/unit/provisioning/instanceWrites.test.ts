/**
 * The final write of a flow (issue 12, items 7 and 8): sent once; only a definitive failure says
 * nothing happened; after any other failure the account is looked at first.
 */
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/api/errors';
import type { CreateInstanceRequest, Instance } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { provision, type ProvisionOptions } from '../../../src/core/provisioning/engine';
import { FlowError, type ProvisionStep } from '../../../src/core/provisioning/errors';
import { createWrite, reauthorizeWrite, UndecidedLookup, type InstanceWrite } from '../../../src/core/provisioning/instanceWrites';
import { PendingFlowRegistry } from '../../../src/core/provisioning/pendingFlows';
import { instanceRecord } from '../helpers';
import { FakeApi } from './fakes';

const LOST = new ApiError('POST /instances: the server answered HTTP 200 OK with a response that is not valid JSON (it may be truncated).', {
  kind: 'invalid-response',
  method: 'POST',
  path: '/instances',
  status: 200,
});
const REFUSED = new ApiError('POST /instances failed (HTTP 400 Bad Request): Missing required configuration entries: x.', {
  kind: 'http',
  method: 'POST',
  path: '/instances',
  status: 400,
  definitive: true,
});

function instance(id: number, name: string, key = 'quickbooks', createdDate?: string, extra: Partial<Instance> = {}): Instance {
  return instanceRecord(id, key, { name, token: `token-${id}`, ...(createdDate !== undefined && { createdDate }), ...extra });
}

/** Quick provision: no browser step, straight to the write. */
function tokenFlow(write: InstanceWrite, extra: Partial<ProvisionOptions> = {}) {
  const element = catalog.get('quickbooks')!;
  const flow = catalog.flow(element, 'token')!;
  const steps: ProvisionStep[] = [];
  const configuration = Object.fromEntries(flow.configuration.map((field) => [field.key, field.kind === 'url' ? 'https://app.example.com/cb' : 'v']));
  const options: ProvisionOptions = {
    element,
    flow,
    inputs: { configuration, name: 'Books' },
    api: new FakeApi(),
    registry: new PendingFlowRegistry(),
    openUrl: async () => {},
    onStep: (step) => steps.push(step),
    write,
    ...extra,
  };
  return { run: () => provision(options), steps };
}

async function flowError(promise: Promise<unknown>): Promise<FlowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof FlowError, `expected a FlowError, got ${String(error)}`);
  return error;
}

/** A write whose send and find are scripted; counts the calls. */
function scripted(send: () => Promise<Instance>, find?: () => Promise<Instance | undefined>, prepare?: () => Promise<void>) {
  const calls: string[] = [];
  const signals: Array<AbortSignal | undefined> = [];
  const write: InstanceWrite = {
    action: 'create',
    ...(prepare && {
      prepare: async () => {
        calls.push('prepare');
        await prepare();
      },
    }),
    send: async (_body, signal) => {
      calls.push('send');
      signals.push(signal);
      return send();
    },
    ...(find && {
      find: async (_body, signal) => {
        calls.push('find');
        signals.push(signal);
        return find();
      },
    }),
  };
  return { write, calls, signals };
}

describe('the final write', () => {
  it('a definitive refusal: "not-applied", nobody looks, nothing is sent again', async () => {
    const { write, calls } = scripted(
      () => Promise.reject(REFUSED),
      async () => assert.fail('no lookup after a definitive refusal'),
    );
    const error = await flowError(tokenFlow(write).run());
    assert.equal(error.code, 'api');
    assert.equal(error.outcome, 'not-applied');
    assert.equal(error.step, 'create-instance');
    assert.deepEqual(calls, ['send']);
  });

  it('a lost answer, then the instance found: a success carrying the lost answer', async () => {
    const found = instance(9, 'Books');
    const { write, calls } = scripted(() => Promise.reject(LOST), async () => found);
    const flow = tokenFlow(write);
    const result = await flow.run();
    assert.equal(result.instance, found);
    assert.equal(result.lostAnswer, LOST);
    assert.deepEqual(calls, ['send', 'find']);
    assert.deepEqual(flow.steps, ['create-instance', 'check-instance']);
  });

  it('a lost answer, then no trace: "not-found"', async () => {
    const { write, calls } = scripted(() => Promise.reject(LOST), async () => undefined);
    const error = await flowError(tokenFlow(write).run());
    assert.equal(error.outcome, 'not-found');
    assert.equal(error.apiError, LOST);
    assert.deepEqual(calls, ['send', 'find']);
  });

  it('a lost answer, and the account cannot be read: "unknown", with why', async () => {
    const lookup = new Error('GET /instances timed out');
    const { write } = scripted(() => Promise.reject(LOST), () => Promise.reject(lookup));
    const error = await flowError(tokenFlow(write).run());
    assert.equal(error.outcome, 'unknown');
    assert.equal(error.lookupError, lookup);
  });

  it('without a way to look: "unknown" (the default write, api.createInstance)', async () => {
    const api = new FakeApi();
    api.failWith.createInstance = LOST;
    const { run } = tokenFlow(undefined as never, { api, write: undefined });
    const error = await flowError(run());
    assert.equal(error.outcome, 'unknown');
    assert.equal(api.ops().filter((op) => op === 'createInstance').length, 1);
  });

  it('a failed preparation: "not-applied", nothing sent', async () => {
    const { write, calls } = scripted(
      async () => assert.fail('not sent'),
      async () => assert.fail('no lookup'),
      () => Promise.reject(new ApiError('GET /instances/7 failed', { kind: 'network', method: 'GET', path: '/instances/7' })),
    );
    const error = await flowError(tokenFlow(write).run());
    assert.equal(error.outcome, 'not-applied');
    assert.deepEqual(calls, ['prepare']);
  });

  it('cancelled while the write was under way: the account is still looked at (without the cancelled signal)', async () => {
    const controller = new AbortController();
    const cancelled = new ApiError('POST /instances was cancelled.', { kind: 'cancelled', method: 'POST', path: '/instances' });
    const { write, calls, signals } = scripted(
      () => {
        controller.abort();
        return Promise.reject(cancelled);
      },
      async () => undefined,
    );
    const error = await flowError(tokenFlow(write, { signal: controller.signal }).run());
    assert.equal(error.code, 'cancelled');
    assert.equal(error.outcome, 'not-found');
    assert.deepEqual(calls, ['send', 'find']);
    assert.equal(signals[1], undefined);
  });

  it('a non-API failure of the write is not taken as proof that nothing happened', async () => {
    const { write } = scripted(() => Promise.reject(new TypeError('socket hang up')), async () => undefined);
    assert.equal((await flowError(tokenFlow(write).run())).outcome, 'not-found');
  });
});

describe('createWrite: the trace of a lost POST /instances (a listing before, a listing after; no clock)', () => {
  const body: CreateInstanceRequest = { element: { key: 'quickbooks' }, name: 'Books', configuration: {} };

  /** An account listing `before` until the request is sent, then `after`. */
  function withListings(before: Instance[], after: Instance[]) {
    let sent = false;
    const write = createWrite({
      createInstance: () => {
        sent = true;
        return Promise.reject(LOST);
      },
      listInstances: async () => (sent ? after : before),
    });
    return write;
  }
  /** The write as writeOnce runs it up to the lookup: the listing before, then the request, whose answer is lost. */
  async function sendLost(write: InstanceWrite): Promise<void> {
    await write.prepare!();
    await assert.rejects(write.send(body), LOST);
  }
  const books = (id: number, extra: Partial<Instance> = {}) => instance(id, 'Books', 'quickbooks', undefined, extra);

  it('the one new instance of the element with the request\'s name, however old its createdDate says it is', async () => {
    const older = [books(1), instance(2, 'Books', 'xero'), instance(3, 'Books 2', 'quickbooks')];
    const write = withListings(older, [...older, books(40, { createdDate: '1999-01-01T00:00:00Z' }), instance(41, 'Books', 'xero')]);
    await sendLost(write);
    assert.equal((await write.find!(body))?.id, 40);
  });

  it('no new instance of the element: no trace, even with an older one of the same name', async () => {
    const write = withListings([books(1)], [books(1), instance(9, 'Books', 'xero')]);
    await sendLost(write);
    assert.equal(await write.find!(body), undefined);
  });

  it('a new instance of the element under another name: it cannot tell, and says so', async () => {
    const write = withListings([], [instance(5, 'books ', 'quickbooks')]);
    await sendLost(write);
    await assert.rejects(write.find!(body), (error: Error) => error instanceof UndecidedLookup && /a new instance of quickbooks appeared in the account while the request was under way \(#5\), none named "Books"/.test(error.message));
  });

  it('two new ones of the name: the tags tell them apart, or it says it cannot tell', async () => {
    const tagged: CreateInstanceRequest = { ...body, tags: ['b', 'a'] };
    const write = withListings([], [books(5, { tags: ['x'] }), books(6, { tags: ['a', 'b'] })]);
    await sendLost(write);
    assert.equal((await write.find!(tagged))?.id, 6);
    await assert.rejects(write.find!(body), (error: Error) => error instanceof UndecidedLookup && /2 instances named "Books" \(quickbooks\).*\(#5, #6\)/.test(error.message));
  });

  it('the listing before failed: none of the name is no trace; one of the name cannot be told from an older one', async () => {
    let calls = 0;
    const write = createWrite({
      createInstance: () => Promise.reject(LOST),
      listInstances: async () => {
        calls += 1;
        if (calls === 1) throw new ApiError('GET /instances failed with HTTP 503.', { kind: 'http', method: 'GET', path: '/instances', status: 503 });
        return calls === 2 ? [instance(3, 'Other', 'quickbooks')] : [books(4)];
      },
    });
    await write.prepare!();
    assert.equal(await write.find!(body), undefined);
    await assert.rejects(write.find!(body), (error: Error) => error instanceof UndecidedLookup && /could not be listed before the request, and it holds an instance named "Books" \(quickbooks\) \(#4\)/.test(error.message));
  });

  it('an element given by id matches by id', async () => {
    const write = withListings([], [instance(8, 'Books', 'quickbooks')]);
    await sendLost(write);
    assert.equal((await write.find!({ ...body, element: { id: 1 } }))?.id, 8);
    assert.equal(await write.find!({ ...body, element: { id: 2 } }), undefined);
  });
});

describe('reauthorizeWrite: the trace of a lost re-authorization', () => {
  function api(before: Instance, after: Instance) {
    const reads: Instance[] = [before, after];
    return {
      getInstance: async () => reads.shift()!,
      reauthenticateInstance: () => Promise.reject(LOST),
    };
  }
  const body: CreateInstanceRequest = { element: { key: 'freshbooks' }, name: 'FB', configuration: {} };
  const base = instance(7, 'FB', 'freshbooks', undefined, { configuration: { 'oauth.user.token': 'old', b: '1', a: '2' }, valid: true });

  it('a new configuration (new provider tokens) is the trace', async () => {
    const write = reauthorizeWrite(api(base, { ...base, configuration: { ...base.configuration, 'oauth.user.token': 'new' } }), 7);
    await write.prepare!();
    assert.equal((await write.find!(body))?.id, 7);
  });

  it('an invalid instance that turned valid is the trace', async () => {
    const write = reauthorizeWrite(api({ ...base, valid: false }, base), 7);
    await write.prepare!();
    assert.equal((await write.find!(body))?.id, 7);
  });

  it('the same record (keys in another order) shows no trace', async () => {
    const write = reauthorizeWrite(api(base, { ...base, configuration: { a: '2', b: '1', 'oauth.user.token': 'old' } }), 7);
    await write.prepare!();
    assert.equal(await write.find!(body), undefined);
  });

  it('a valid instance whose secrets the API masks looks the same either way: it cannot tell, and says why', async () => {
    const masked = { ...base, configuration: { ...base.configuration, 'oauth.user.token': '********' } };
    const write = reauthorizeWrite(api(masked, masked), 7);
    await write.prepare!();
    await assert.rejects(write.find!(body), (error: Error) => error instanceof UndecidedLookup && /masks the secrets a re-authorization changes/.test(error.message));
  });

  it('without the reading before, it cannot tell: it says so instead of guessing', async () => {
    const write = reauthorizeWrite(api(base, base), 7);
    await assert.rejects(write.find!(body), /was not read before the request/);
  });
});
