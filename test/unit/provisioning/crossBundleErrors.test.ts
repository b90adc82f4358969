/**
 * Each bundle of the extension holds its own copy of core (extension.js, provisioning.js,
 * console.js): the session's API client of extension.js answers provisioning.js's engine, and the
 * pending-flow registry of extension.js rejects provisioning.js's callbacks. isApiError and
 * isFlowError must know the other copy's errors, which `instanceof` does not.
 */
import assert from 'node:assert/strict';
import * as apiErrors from '../../../src/core/api/errors';
import * as flowErrors from '../../../src/core/provisioning/errors';

const { ApiError, isApiError } = apiErrors;
const { FlowError, isFlowError } = flowErrors;

/** A second copy of a module, as another bundle holds it. */
function anotherCopy<T>(path: string): T {
  const resolved = require.resolve(path);
  const cached = require.cache[resolved];
  delete require.cache[resolved];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance on purpose
    return require(resolved) as T;
  } finally {
    require.cache[resolved] = cached;
  }
}

describe('errors across bundles', () => {
  it('an ApiError or a FlowError of another copy of core is recognized; a look-alike is not', () => {
    const api = anotherCopy<typeof apiErrors>('../../../src/core/api/errors');
    const flow = anotherCopy<typeof flowErrors>('../../../src/core/provisioning/errors');
    assert.notEqual(api.ApiError, ApiError, 'a second copy');
    const otherApi = new api.ApiError('Lost.', { kind: 'network', method: 'POST', path: '/instances' });
    assert.equal(otherApi instanceof ApiError, false);
    assert.equal(isApiError(otherApi), true);
    const otherFlow = new flow.FlowError('denied', 'refused', { denial: 'access_denied' });
    assert.equal(isFlowError(otherFlow), true);
    assert.equal(isFlowError(otherFlow, 'denied'), true);
    assert.equal(isFlowError(otherFlow, 'expired'), false);
    assert.equal(isFlowError(new FlowError('expired', 'x')), true);
    for (const lookAlike of [Object.assign(new Error('x'), { name: 'ApiError', kind: 'network' }), { name: 'FlowError', code: 'denied' }, undefined, 'ApiError']) {
      assert.equal(isApiError(lookAlike), false);
      assert.equal(isFlowError(lookAlike), false);
    }
  });
});
