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
import { createWrite, reauthorizeWrite, type InstanceWrite } from '../../../src/core/provisioning/instanceWrites';
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

describe('createWrite: the trace of a lost POST /instances', () => {
  const SINCE = Date.parse('2026-12-01T10:00:00.600Z');
  const body: CreateInstanceRequest = { element: { key: 'quickbooks' }, name: 'Books', configuration: {} };

  function withInstances(instances: Instance[]) {
    const listed: number[] = [];
    const write = createWrite(
      {
        createInstance: () => Promise.reject(LOST),
        listInstances: async () => {
          listed.push(1);
          return instances;
        },
      },
      SINCE,
    );
    return { write, listed };
  }

  it('same element, same name, created since the run began (to the second); the newest wins', async () => {
    const { write } = withInstances([
      instance(1, 'Books', 'quickbooks', '2026-12-01T09:59:59Z'),
      instance(2, 'Books', 'xero', '2026-12-01T10:00:05Z'),
      instance(3, 'Books 2', 'quickbooks', '2026-12-01T10:00:05Z'),
      instance(4, 'Books', 'quickbooks', '2026-12-01T10:00:00Z'),
      instance(5, 'Books', 'quickbooks', '2026-12-01T10:00:03.250Z'),
      instance(6, 'Books', 'quickbooks'),
    ]);
    assert.equal((await write.find!(body))?.id, 5);
  });

  it('the instance created in the run\'s first second still counts (servers keep whole seconds)', async () => {
    const { write } = withInstances([instance(4, 'Books', 'quickbooks', '2026-12-01T10:00:00Z')]);
    assert.equal((await write.find!(body))?.id, 4);
  });

  it('an older instance of the same name, or one without a creation date, is not taken for this run\'s', async () => {
    const { write } = withInstances([instance(1, 'Books', 'quickbooks', '2026-12-01T09:59:59Z'), instance(6, 'Books', 'quickbooks')]);
    assert.equal(await write.find!(body), undefined);
  });

  it('an element given by id matches by id', async () => {
    const { write } = withInstances([instance(8, 'Books', 'quickbooks', '2026-12-01T10:01:00Z')]);
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

  it('without the reading before, it cannot tell: it says so instead of guessing', async () => {
    const write = reauthorizeWrite(api(base, base), 7);
    await assert.rejects(write.find!(body), /was not read before the request/);
  });
});
