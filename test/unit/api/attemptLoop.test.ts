/**
 * One attempt loop for the API client's transport and the console's Send (src/core/http/attempts.ts):
 * on generated sequences of answers (statuses with and without Retry-After, connections refused)
 * both send a POST or PATCH once, stop at the first answer their own rules do not retry, wait
 * the same way between attempts (a Retry-After honoured up to the request timeout, else an
 * exponential backoff never longer than the timeout), never follow a redirect, and word a
 * network failure the same way. Each keeps its own answer type and its own retryable statuses.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/core/api/errors';
import type { HttpMethod } from '../../../src/core/api/request';
import { HttpTransport } from '../../../src/core/api/transport';
import { sendRequest } from '../../../src/core/console/send';
import type { OperationMethod } from '../../../src/core/console/operations';

const BASE = 'https://api.example.test/elements/api-v2';
const HOST = 'api.example.test';

type Scripted = { kind: 'status'; status: number; retryAfter?: number } | { kind: 'refused' };

const scripted: fc.Arbitrary<Scripted> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(200, 404, 429, 500, 502, 503, 504) }, { requiredKeys: ['kind', 'status'] }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(429, 502, 503, 504), retryAfter: fc.integer({ min: 0, max: 120 }) }),
  fc.constant({ kind: 'refused' as const }),
);

interface Run {
  calls: RequestInit[];
  waits: number[];
}

/** A fetch that answers from the script (the last answer repeats), recording each call. */
function scriptedFetch(script: readonly Scripted[], run: Run): typeof fetch {
  return async (_url, init) => {
    run.calls.push(init ?? {});
    const next = script[Math.min(run.calls.length - 1, script.length - 1)]!;
    if (next.kind === 'refused') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (next.retryAfter !== undefined) headers['retry-after'] = String(next.retryAfter);
    const body = next.status === 200 ? '{"ok": true}' : JSON.stringify({ message: `answered ${next.status}`, requestId: 'req-1' });
    return new Response(body, { status: next.status, headers });
  };
}

/** How many attempts a rule makes of the script, and the Retry-After before each wait. */
function expected(script: readonly Scripted[], maxAttempts: number, retried: ReadonlySet<number>): { attempts: number; retryAfters: Array<number | undefined> } {
  const retryAfters: Array<number | undefined> = [];
  for (let attempt = 1; ; attempt++) {
    const answer = script[Math.min(attempt - 1, script.length - 1)]!;
    const retry = answer.kind === 'refused' || retried.has(answer.status);
    if (!retry || attempt >= maxAttempts) return { attempts: attempt, retryAfters };
    retryAfters.push(answer.kind === 'status' ? answer.retryAfter : undefined);
  }
}

function checkWaits(run: Run, retryAfters: Array<number | undefined>, timeoutMs: number): void {
  assert.equal(run.waits.length, retryAfters.length);
  run.waits.forEach((ms, i) => {
    const retryAfter = retryAfters[i];
    if (retryAfter !== undefined) assert.equal(ms, Math.min(retryAfter * 1000, 60_000, timeoutMs), 'Retry-After, up to the request timeout');
    else assert.ok(ms >= 0 && ms <= Math.min(10_000, timeoutMs), `a backoff of ${ms} ms, within the timeout`);
  });
}

const NETWORK_FAILURE = (where: string, attempts: number) =>
  `Could not reach ${HOST} for ${where} (ECONNREFUSED)${attempts > 1 ? ` after ${attempts} attempts` : ''}: check the environment's base URL and your network connection.`;

const methods = fc.constantFrom<HttpMethod & OperationMethod>('GET', 'PUT', 'DELETE', 'POST', 'PATCH');
const once = new Set(['POST', 'PATCH']);

describe('one attempt loop: the API transport and console Send', () => {
  it('the transport: a POST or PATCH once, its statuses retried, Retry-After up to the timeout, no redirect followed', async () => {
    await fc.assert(
      fc.asyncProperty(methods, fc.array(scripted, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 100, max: 90_000 }), async (method, script, retries, timeoutMs) => {
        const run: Run = { calls: [], waits: [] };
        const transport = new HttpTransport({
          baseUrl: BASE,
          timeoutMs,
          retries,
          fetch: scriptedFetch(script, run),
          sleep: async (ms) => void run.waits.push(ms),
          random: () => 0.5,
        });
        const want = expected(script, once.has(method) ? 1 : retries + 1, new Set([429, 502, 503, 504]));
        let failure: unknown;
        await transport.send({ method, path: '/things/1', auth: 'none', expect: 'ignore' }).catch((error: unknown) => (failure = error));
        assert.equal(run.calls.length, want.attempts);
        for (const call of run.calls) assert.equal(call.redirect, 'manual');
        checkWaits(run, want.retryAfters, timeoutMs);
        const last = script[Math.min(want.attempts - 1, script.length - 1)]!;
        if (last.kind === 'refused') {
          assert.ok(failure instanceof ApiError);
          assert.equal(failure.message, NETWORK_FAILURE(`${method} /things/1`, want.attempts));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('Send: a POST or PATCH once, its statuses retried, Retry-After up to the timeout, no redirect followed', async () => {
    await fc.assert(
      fc.asyncProperty(methods, fc.array(scripted, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 100, max: 90_000 }), async (method, script, retries, timeoutMs) => {
        const run: Run = { calls: [], waits: [] };
        const result = await sendRequest(
          { method, path: ['things', '1'], query: [], headers: [] },
          { baseUrl: BASE, secrets: async () => undefined, timeoutMs, retries, fetch: scriptedFetch(script, run), sleep: async (ms) => void run.waits.push(ms) },
        );
        const want = expected(script, once.has(method) ? 1 : retries + 1, new Set([502, 503, 504]));
        assert.equal(run.calls.length, want.attempts);
        for (const call of run.calls) assert.equal(call.redirect, 'manual');
        checkWaits(run, want.retryAfters, timeoutMs);
        const last = script[Math.min(want.attempts - 1, script.length - 1)]!;
        if (last.kind === 'refused') {
          assert.ok(!result.ok);
          assert.equal(result.problem.message, NETWORK_FAILURE(`${method} /things/1`, want.attempts));
        } else {
          assert.equal(result.ok ? result.response.attempts : result.response?.attempts, want.attempts);
        }
      }),
      { numRuns: 200 },
    );
  });
});
