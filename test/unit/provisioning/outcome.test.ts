/**
 * core/provisioning/outcome.ts: what a run's failure means, decided without words — how serious,
 * what is known of the final write, which buttons to offer — and whether a pasted callback can be
 * used. Every failure the engine can throw is generated; the words are checked beside them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/core/api/errors';
import { FlowError, type FlowErrorCode, type ProvisionStep, type WriteOutcome } from '../../../src/core/provisioning/errors';
import { checkPastedCallback, classifyFailure, offersInstanceFile, writeOutcome } from '../../../src/core/provisioning/outcome';
import type { FlowAction } from '../../../src/core/provisioning/steps';
import { failureText } from '../../../src/extension/provisioning/outcomeTexts';

const CODES: FlowErrorCode[] = ['denied', 'expired', 'state-mismatch', 'invalid-callback', 'cancelled', 'timeout', 'missing-input', 'missing-callback-params', 'api'];
const STEPS: ProvisionStep[] = ['request-token', 'authorize-url', 'open-browser', 'wait-callback', 'create-instance', 'check-instance'];

const flowErrors = fc
  .record({
    code: fc.constantFrom(...CODES),
    step: fc.option(fc.constantFrom(...STEPS), { nil: undefined }),
    outcome: fc.option(fc.constantFrom<WriteOutcome>('not-applied', 'not-found', 'unknown'), { nil: undefined }),
    apiError: fc.option(fc.boolean(), { nil: undefined }),
    request: fc.boolean(),
    lookupError: fc.boolean(),
  })
  .map(
    ({ code, step, outcome, apiError, request, lookupError }) =>
      new FlowError(code, 'The step failed.', {
        ...(step && { step }),
        ...(outcome && { outcome }),
        ...(apiError !== undefined && { apiError: new ApiError('Lost.', { kind: 'network', method: 'POST', path: '/instances', definitive: apiError }) }),
        ...(request && { request: { name: 'Books', element: { key: 'xero' }, configuration: {} } }),
        ...(lookupError && { lookupError: new Error('GET /instances timed out.') }),
      }),
  );
const failures = fc.oneof(flowErrors, fc.constantFrom<unknown>(new Error('boom'), 'a string', undefined, { message: 'object' }));
const actions = fc.constantFrom<FlowAction>('create', 'reauthorize');

describe('a provisioning failure classified (core/provisioning/outcome.ts)', () => {
  it('the write is undecided only at the create step; then the view is offered and the failure never reads as "nothing happened" (property)', () => {
    fc.assert(
      fc.property(failures, actions, (error, action) => {
        const outcome = classifyFailure(error, action);
        const atCreate = error instanceof FlowError && error.step === 'create-instance';
        assert.equal(outcome.write, atCreate ? writeOutcome(error) : 'not-applied');
        assert.equal(outcome.offers.includes('refresh-instances'), outcome.write !== 'not-applied');
        assert.equal(outcome.offers.includes('show-log'), outcome.severity === 'error');
        assert.equal(outcome.offers.includes('open-instance-file'), offersInstanceFile(error, action));
        const text = failureText(error, { elementName: 'Xero', action, timeoutMs: 60_000 });
        assert.equal(text.severity, outcome.severity);
        assert.equal(text.offerRefresh === true, outcome.write !== 'not-applied');
        if (outcome.write !== 'not-applied') assert.doesNotMatch(text.message, /Nothing was created|The instance was not changed/);
      }),
    );
  });

  it('the body is offered as a file only when the API certainly refused a create', () => {
    fc.assert(
      fc.property(flowErrors, actions, (error, action) => {
        const offered = classifyFailure(error, action).offers.includes('open-instance-file');
        assert.equal(offered, action === 'create' && error.code === 'api' && error.step === 'create-instance' && error.request !== undefined && writeOutcome(error) === 'not-applied');
      }),
    );
  });

  it('kinds and severities: a lost answer is an error (a cancelled one a warning); anything not a FlowError is unexpected', () => {
    const lost = new FlowError('api', 'x', { step: 'create-instance', outcome: 'unknown' });
    assert.deepEqual(classifyFailure(lost, 'create'), { kind: 'uncertain', severity: 'error', write: 'unknown', offers: ['refresh-instances', 'show-log'] });
    const cancelled = new FlowError('cancelled', 'x', { step: 'create-instance', outcome: 'not-found' });
    assert.deepEqual(classifyFailure(cancelled, 'create'), { kind: 'cancelled-uncertain', severity: 'warning', write: 'not-found', offers: ['refresh-instances'] });
    assert.deepEqual(classifyFailure(new FlowError('cancelled', 'x'), 'create'), { kind: 'cancelled', severity: 'info', write: 'not-applied', offers: [] });
    assert.deepEqual(classifyFailure(new Error('boom'), 'reauthorize'), { kind: 'unexpected', severity: 'error', write: 'not-applied', offers: ['show-log'] });
  });
});

describe('a pasted callback address checked (checkPastedCallback)', () => {
  it('any text: never throws; usable exactly when it carries one of the callback parameters once (property)', () => {
    const names = fc.constantFrom('code', 'state', 'oauth_token', 'error', 'scope', 'foo', 'oauth_verifier', 'oauth_problem');
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.string({ maxLength: 8 })), { maxLength: 4 }), fc.constantFrom('https://app.example/cb?', '?', '', 'vscode://x/callback#'), (pairs, prefix) => {
        const text = `${prefix}${pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`;
        const problem = checkPastedCallback(text);
        const names = pairs.map(([name]) => name);
        const repeated = ['state', 'code', 'oauth_token', 'oauth_verifier'].some((name) => names.filter((each) => each === name).length > 1);
        const usable = !repeated && names.some((name) => ['code', 'oauth_token', 'oauth_verifier', 'error', 'oauth_problem', 'state'].includes(name));
        if (text.trim() === '') assert.deepEqual(problem, { kind: 'empty' });
        else if (usable) assert.equal(problem, undefined, text);
        else assert.ok(problem && problem.kind !== 'empty', text);
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void checkPastedCallback(text)));
  });
});
