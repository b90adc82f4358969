/** The event receiver (src/extension/events/receiver.ts): loopback, a body limit, no secret in its log. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { startEventReceiver } from '../../../../src/extension/events/receiver';
import type { EventReceiver, ReceivedDelivery } from '../../../../src/extension/events/receiver';

/** Sends a body in chunks without Content-Length (chunked), and reads the status and body. */
function sendChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('event receiver', () => {
  let receiver: EventReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  async function start(limit = 1024) {
    const received: ReceivedDelivery[] = [];
    const log: string[] = [];
    let arrived: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (arrived = resolve));
    receiver = await startEventReceiver({
      maxBodyBytes: limit,
      onDelivery: (delivery) => {
        received.push(delivery);
        arrived();
      },
      log: (line) => log.push(line),
      now: () => 1234,
    });
    return { received, log, next };
  }

  it('listens on 127.0.0.1 and hands over the exact bytes and headers, answering 200 {}', async () => {
    const { received } = await start();
    assert.match(receiver!.callbackUrl('local'), /^http:\/\/127\.0\.0\.1:\d+\/events\/local$/);
    const body = Buffer.from('{"message":{"instanceId":7}}\r\n\u00e9', 'utf8');
    const response = await fetch(receiver!.callbackUrl('local'), {
      method: 'POST',
      body,
      headers: { 'Elements-Webhook-Signature': 'sha256=x', 'Elements-Webhook-Id': 'w1' },
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '{}');
    assert.equal(received.length, 1);
    assert.deepEqual(Buffer.from(received[0]!.body), body);
    assert.equal(received[0]!.environment, 'local');
    assert.equal(received[0]!.receivedAt, 1234);
    assert.deepEqual(
      received[0]!.headers.filter(([name]) => name.toLowerCase().startsWith('elements-')),
      [
        ['Elements-Webhook-Signature', 'sha256=x'],
        ['Elements-Webhook-Id', 'w1'],
      ],
    );
  });

  it('refuses a body over the limit with 413, declared or streamed, and keeps nothing of it', async () => {
    const { received } = await start(100);
    const declared = await fetch(receiver!.callbackUrl('local'), { method: 'POST', body: 'x'.repeat(101) });
    assert.equal(declared.status, 413);
    const streamed = await sendChunked(receiver!.callbackUrl('local'), [Buffer.alloc(60, 1), Buffer.alloc(60, 2)]);
    assert.equal(streamed.status, 413);
    const atLimit = await fetch(receiver!.callbackUrl('local'), { method: 'POST', body: 'y'.repeat(100) });
    assert.equal(atLimit.status, 200);
    assert.deepEqual(received.map((r) => r.body.length), [100]);
  });

  it('answers 404 off /events/<environment> and 405 to a method other than POST/PUT', async () => {
    const { received } = await start();
    assert.equal((await fetch(`${receiver!.origin}/other`, { method: 'POST', body: '{}' })).status, 404);
    assert.equal((await fetch(`${receiver!.origin}/events/a/b`, { method: 'POST', body: '{}' })).status, 404);
    assert.equal((await fetch(receiver!.callbackUrl('local'))).status, 405);
    assert.equal(received.length, 0);
  });

  it('logs no body and no header value, whatever they hold', async () => {
    const { log, next } = await start(4096);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9]{12,40}$/), async (secret) => {
        const arrived = next();
        await fetch(`${receiver!.callbackUrl('local')}`, {
          method: 'POST',
          body: JSON.stringify({ message: { raw: { token: secret } } }),
          headers: { Authorization: `Bearer ${secret}`, 'Elements-Webhook-Signature': `sha256=${secret}` },
        });
        await arrived;
        for (const line of log) assert.ok(!line.includes(secret), line);
      }),
      { numRuns: 25 },
    );
  });

  it('takes the port it had last time when free, another one when taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as AddressInfo).port;
    try {
      receiver = await startEventReceiver({ onDelivery: () => {}, preferredPort: taken });
      assert.notEqual(receiver.port, taken);
      const free = receiver.port;
      await receiver.close();
      receiver = await startEventReceiver({ onDelivery: () => {}, preferredPort: free });
      assert.equal(receiver.port, free);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
