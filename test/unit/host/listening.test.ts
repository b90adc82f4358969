/**
 * Issue 20 item 3: with the port taken, `npm start` took the other server's 404 for "ready" and
 * printed its banner — URL and secrets — for a server that was not its own. The readiness check
 * now waits for the server it started to say it listens on that port; a stand-in for code-server
 * (a Node process that listens and prints code-server's line) plays both cases.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortTakenError, waitForOwnServer } from '../../host/listening';
import { spawnGroup, type GroupProcess } from '../../host/processes';

/** Listens on `port` and prints what code-server prints, or dies of EADDRINUSE as code-server does. */
const STAND_IN = `
const port = Number(process.argv[1]);
const server = require('node:http').createServer((request, response) => { response.writeHead(200); response.end('{"status":"alive"}'); });
server.on('error', (error) => { console.error('[error] listen ' + error.code + ': address already in use 127.0.0.1:' + port); process.exit(1); });
server.listen(port, '127.0.0.1', () => console.log('[info] HTTP server listening on http://127.0.0.1:' + server.address().port + '/'));
`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the demo\'s readiness check takes only its own server for ready (issue 20 item 3)', () => {
  const started: GroupProcess[] = [];
  let foreign: Server | undefined;
  afterEach(async () => {
    for (const process of started.splice(0)) await process.stop(1000);
    await new Promise((resolve) => (foreign ? foreign.close(resolve) : resolve(undefined)));
    foreign = undefined;
  });

  it('another program on the port (answering 404, as the other server did): a PortTakenError, and the other program is never asked', async () => {
    let asked = 0;
    foreign = createServer((_request, response) => {
      asked++;
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => foreign!.listen(0, '127.0.0.1', resolve));
    const { port } = foreign.address() as AddressInfo;
    const standIn = spawnGroup(process.execPath, ['-e', STAND_IN, String(port)]);
    started.push(standIn);
    await assert.rejects(waitForOwnServer(standIn, '127.0.0.1', port, (listened) => `http://127.0.0.1:${listened}/healthz`, 20_000), (error: unknown) => {
      assert.ok(error instanceof PortTakenError);
      assert.equal(error.port, port);
      return true;
    });
    assert.equal(asked, 0, 'the other program\'s answer was not taken for ours');
  });

  it('a free port: ready once the server said it listens there and answers', async () => {
    const port = await freePort();
    const standIn = spawnGroup(process.execPath, ['-e', STAND_IN, String(port)]);
    started.push(standIn);
    await waitForOwnServer(standIn, '127.0.0.1', port, (listened) => `http://127.0.0.1:${listened}/healthz`, 20_000);
    assert.match(standIn.output(), new RegExp(`listening on http://127\\.0\\.0\\.1:${port}/`));
  });

  it('port 0: the port the server took and said it listens on, never one found free beforehand', async () => {
    const standIn = spawnGroup(process.execPath, ['-e', STAND_IN, '0']);
    started.push(standIn);
    const port = await waitForOwnServer(standIn, '127.0.0.1', 0, (listened) => `http://127.0.0.1:${listened}/healthz`, 20_000);
    assert.ok(port > 0);
    assert.match(standIn.output(), new RegExp(`listening on http://127\\.0\\.0\\.1:${port}/`));
  });

  it('a line about another port is not taken for ours; a server that exits says so with its output', async () => {
    const port = await freePort();
    const other = spawnGroup(process.execPath, ['-e', `console.log('[info] HTTP server listening on http://127.0.0.1:${port + 1}/'); setTimeout(() => process.exit(3), 300);`]);
    started.push(other);
    await assert.rejects(waitForOwnServer(other, '127.0.0.1', port, (listened) => `http://127.0.0.1:${listened}/healthz`, 20_000), /exited before it listened on 127\.0\.0\.1:\d+/);
  });
});
