/**
 * What a fetch to a closed server must fail with. `assert.rejects(fetch(url))` alone accepts any
 * failure: a reset or a hang-up from a server still listening, a bad URL, a bug in the test.
 */
import assert from 'node:assert/strict';

/** For `assert.rejects`: the connection to `what` was refused, so nothing listens there any more. */
export function connectionRefused(what: string): (error: unknown) => true {
  return (error) => {
    assert.ok(error instanceof TypeError, `${what}: a fetch failure, not ${String(error)}`);
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    assert.equal(code, 'ECONNREFUSED', `${what}: the connection is refused, not ${String(code ?? error.cause)}`);
    return true;
  };
}
