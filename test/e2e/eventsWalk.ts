/**
 * Events in the workbench (issue 22): Enable Events on an instance, a Send that creates a
 * customer, the signed delivery in the Events view ("signature valid"), Forward to… a local test
 * app (byte for byte: the forwarded body verifies under the instance's key with the forwarded
 * signature), and a tampered delivery posted to the receiver ("signature invalid").
 * Helpers of their own, so the other scenarios stay as they are.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator } from 'playwright-core';
import { eventSupportFor } from '../../src/core/catalog/eventSupport';
import { UI_MS, waitFor, type Workbench } from './workbench';

/** After the review of a new instance: the events step of an element with events gets "No events". */
export async function declineEvents(workbench: Workbench, heading: string, elementKey: string): Promise<void> {
  if (eventSupportFor(elementKey)) await workbench.pick(`${heading}: Events`, /No events/);
}

export interface TestApp {
  url: string;
  requests: Array<{ method: string; headers: IncomingHttpHeaders; body: Buffer }>;
  close(): Promise<void>;
}

/** The developer's own app: records each request, answers 200. */
export async function startTestApp(): Promise<TestApp> {
  const requests: TestApp['requests'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/elements`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sign = (key: string, body: Buffer) => `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;

/** The Events view's row whose label matches, once it is there; its description (time · verdict). */
export async function eventRow(workbench: Workbench, label: RegExp): Promise<{ row: Locator; description: string }> {
  const pane = await workbench.expandPane('Events');
  const row = workbench.treeItem(pane, label).first();
  await row.waitFor({ timeout: UI_MS });
  const description = (await row.locator('.label-description').first().innerText()).trim();
  return { row, description };
}

/** Waits for the test app to have received `count` requests. */
export async function waitForRequests(app: TestApp, count: number): Promise<void> {
  await waitFor(async () => app.requests.length >= count, `${count} request(s) at the test app`);
  assert.equal(app.requests.length, count);
}
