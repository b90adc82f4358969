/**
 * One event delivery's POST (src/emulator/events/outbound.ts): the address check runs on the
 * address a name resolves to when the connection is made; a redirect is not followed; a callback
 * that does not answer in time is a failure.
 */
import assert from 'node:assert/strict';
import type { lookup as dnsLookup } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackUrlProblem, sendDelivery, type OutboundOptions } from '../../../src/emulator/events/outbound';
import { startFaultProxy } from '../faultProxy';
import { startReceiver } from './eventReceiver';

/** A resolver that answers `address` for every name (what a rebinding DNS server would do). */
function resolverTo(address: string, family: 4 | 6 = 4): typeof dnsLookup {
  return ((_hostname: string, _options: unknown, callback: (error: null, addresses: Array<{ address: string; family: number }>) => void) => {
    callback(null, [{ address, family }]);
  }) as unknown as typeof dnsLookup;
}

describe('emulator: an event delivery POST', () => {
  const options = (extra: Partial<OutboundOptions> = {}): OutboundOptions => ({ ownPort: () => 1, timeoutMs: 2000, signal: new AbortController().signal, ...extra });

  it('refuses a name that resolves to a private or link-local address when it connects (DNS rebinding), and sends nothing', async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      for (const address of ['10.1.2.3', '169.254.169.254', '192.168.0.10', '172.20.0.1', '100.100.1.1']) {
        const result = await sendDelivery(`http://callback.example.test:${port}/events`, '{}', {}, options({ resolve: resolverTo(address) }));
        assert.equal(result.kind, 'refused', address);
        assert.match((result as { message: string }).message, /resolves to a private, link-local/);
      }
      const fine = await sendDelivery(`http://callback.example.test:${port}/events`, '{"a":1}', { 'Content-Type': 'application/json' }, options({ resolve: resolverTo('127.0.0.1') }));
      assert.deepEqual(fine, { kind: 'answered', status: 200 });
      assert.equal(receiver.deliveries.length, 1, 'only the loopback one arrived');
      assert.equal(receiver.deliveries[0]!.raw.toString(), '{"a":1}');
    } finally {
      await receiver.close();
    }
  });

  it('refuses the emulator itself by any name of this machine, and URLs that are not for events', async () => {
    const receiver = await startReceiver();
    try {
      const port = Number(new URL(receiver.url).port);
      for (const url of [`http://127.0.0.1:${port}/x`, `http://localhost:${port}/x`, `http://[::1]:${port}/x`]) {
        const result = await sendDelivery(url, '{}', {}, options({ ownPort: () => port }));
        assert.equal(result.kind, 'refused', url);
      }
      assert.equal(receiver.deliveries.length, 0);
    } finally {
      await receiver.close();
    }
    assert.match(callbackUrlProblem('/formulas/instances/1/executions')!, /not an http or https URL/);
    assert.match(callbackUrlProblem('https://api.cloud-elements.com/elements/api-v2/events/quickbooks/')!, /inbound/);
    assert.match(callbackUrlProblem('https://user:pass@example.com/hook')!, /user name or password/);
    assert.equal(callbackUrlProblem('https://example.com/hook'), undefined);
  });

  it('does not follow a redirect: a 3xx is the answer', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(307, { Location: 'http://169.254.169.254/' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await sendDelivery(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, '{}', {}, options());
      assert.deepEqual(result, { kind: 'answered', status: 307 });
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('gives up on a callback that does not answer within the timeout, and when the emulator closes', async () => {
    const receiver = await startReceiver();
    const proxy = await startFaultProxy(new URL(receiver.url).origin);
    try {
      proxy.add({ method: 'POST', path: '/events', damage: 'hang', times: 2 });
      const timedOut = await sendDelivery(`${proxy.url}/events`, '{}', {}, options({ timeoutMs: 100 }));
      assert.deepEqual(timedOut, { kind: 'failed', message: 'no answer within 100 ms' });
      const closing = new AbortController();
      const pending = sendDelivery(`${proxy.url}/events`, '{}', {}, options({ signal: closing.signal }));
      closing.abort();
      assert.deepEqual(await pending, { kind: 'failed', message: 'the delivery was cancelled (the emulator closed or was reset)' });
    } finally {
      await proxy.close();
      await receiver.close();
    }
  });

  it('reports a refused connection as a failure to retry', async () => {
    const receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    const result = await sendDelivery(url, '{}', {}, options());
    assert.deepEqual(result, { kind: 'failed', message: 'the connection failed (ECONNREFUSED)' });
  });
});
