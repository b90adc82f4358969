/**
 * `npm start` itself, as a newcomer walks it (issue 20 items 3–5): with its port taken it says so
 * and which port to pass, and prints no URL or secret; a restart keeps the workspace, VS Code's
 * sign-in and the emulator's instances and secrets (the workbench comes back signed in, the
 * instance made before is listed); `--fresh` starts over.
 *
 *   npx mocha --config test/e2e/.mocharc.json test/e2e/demo.e2e.ts
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../host/browser';
import { ensureHost } from '../host/install';
import { ROOT } from '../host/paths';
import { CHROMIUM_PREREQUISITE, requirePrerequisites } from '../host/prerequisites';
import { readBanner, startDemo, type DemoRun } from './demoRun';
import { UI_MS, waitForText, Workbench } from './workbench';
import { E2E_CACHE } from './world';

const STATUS_ITEM = 'elements-dev.elements-toolkit.cloudElements.status';
/** A start may package the extension and start code-server: minutes on a busy machine. */
const START_MS = 420_000;

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start, stopped and started again (issue 20 items 3–5)', function () {
  this.timeout(START_MS * 3);
  const demoDir = join(E2E_CACHE, `demo-${process.pid}`);
  const runs: DemoRun[] = [];
  let browser: Browser | undefined;
  let foreign: Server | undefined;

  before(async function () {
    this.timeout(600_000);
    requirePrerequisites([CHROMIUM_PREREQUISITE]);
    await ensureHost((line) => console.log(`      ${line}`));
    await rm(demoDir, { recursive: true, force: true });
    await mkdir(demoDir, { recursive: true });
  });

  after(async function () {
    this.timeout(120_000);
    for (const run of runs.splice(0)) await run.stop();
    await browser?.close();
    await new Promise((resolve) => (foreign ? foreign.close(resolve) : resolve(undefined)));
    if (!process.env.E2E_KEEP) await rm(demoDir, { recursive: true, force: true });
  });

  it('its port taken by another program (answering 404): says which and the free one to pass; no URL, no secret, no "Press Ctrl+C"', async () => {
    foreign = createServer((_request, response) => {
      response.writeHead(404);
      response.end('Not found');
    });
    await new Promise<void>((resolve) => foreign!.listen(0, '127.0.0.1', resolve));
    const taken = (foreign.address() as AddressInfo).port;
    const run = await startDemo(['--port', String(taken), '--emulator-port', String(await freePort('127.0.0.2'))], join(demoDir, 'taken'), START_MS);
    runs.push(run);
    assert.equal(run.exitCode, 2, `npm start stopped with exit code 2:\n${run.output()}`);
    const said = run.output();
    assert.match(said, new RegExp(`port ${taken} on 127\\.0\\.0\\.1 is taken by another program, so VS Code \\(code-server\\) cannot listen there\\. Pass a free port: npm start -- --port \\d+`));
    assert.doesNotMatch(said, new RegExp(`http://127\\.0\\.0\\.1:${taken}`), 'no URL of the server it does not own');
    assert.doesNotMatch(said, /secret:|Press Ctrl\+C/);
    console.log(`        "${said.trim().split('\n').at(-1)}"`);
  });

  it('a restart keeps the workspace, the sign-in, the instances and the secrets; --fresh starts over', async () => {
    const port = await freePort('127.0.0.1');
    const emulatorPort = await freePort('127.0.0.2');
    const args = ['--port', String(port), '--emulator-port', String(emulatorPort)];
    const folder = join(demoDir, 'kept');

    // 1. A first start: a new folder.
    let started = Date.now();
    const first = await startDemo(args, folder, START_MS);
    runs.push(first);
    assert.equal(first.exitCode, null, `npm start is running:\n${first.output()}`);
    const banner = readBanner(first.output());
    console.log(`        first start: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    assert.deepEqual([banner.kept, banner.secretsKept], [false, false]);
    assert.match(first.output(), /npm start -- --fresh starts over/);

    // Sign in from the welcome view, as the banner says; leave a file and an instance behind.
    browser = await launchBrowser({ viewport: { width: 1400, height: 860 } });
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const workbench = new Workbench(page);
    await workbench.open(banner.url);
    await workbench.showViewContainer('Cloud Elements');
    const instances = await workbench.expandPane('Instances');
    await workbench.click(workbench.welcomeButton(instances, 'Sign In'));
    await workbench.answerInput('Cloud Elements: Sign In to Local emulator', banner.userSecret, { password: true });
    await workbench.answerInput('Cloud Elements: Sign In to Local emulator', banner.orgSecret, { password: true });
    await waitForText(workbench.statusBarItem(STATUS_ITEM), 'Local emulator');
    const workspace = join(folder, 'workspace');
    await writeFile(join(workspace, 'mine.instance.json'), '{"element": {"key": "xero"}, "name": "mine"}\n');
    const body = JSON.parse(await readFile(join(ROOT, 'test/fixtures/seeds/quickbooks-token.instance.json'), 'utf8')) as { name: string };
    body.name = 'Kept across restarts';
    const api = `http://127.0.0.2:${emulatorPort}/elements/api-v2`;
    const created = await fetch(`${api}/instances`, {
      method: 'POST',
      headers: { Authorization: `User ${banner.userSecret}, Organization ${banner.orgSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(created.status, 200, await created.text());
    assert.equal(await first.stop(), 0, 'Ctrl+C stops it cleanly');

    // 2. Started again: the same folder, the same secrets; the workbench is still signed in and lists the instance.
    started = Date.now();
    const second = await startDemo(args, folder, START_MS);
    runs.push(second);
    assert.equal(second.exitCode, null, `npm start is running again:\n${second.output()}`);
    const again = readBanner(second.output());
    console.log(`        restart: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    assert.deepEqual([again.kept, again.secretsKept], [true, true]);
    assert.deepEqual([again.userSecret, again.orgSecret], [banner.userSecret, banner.orgSecret], 'the same secrets');
    assert.equal(await readFile(join(workspace, 'mine.instance.json'), 'utf8'), '{"element": {"key": "xero"}, "name": "mine"}\n', 'the saved file is still there');
    await workbench.open(again.url);
    await workbench.showViewContainer('Cloud Elements');
    await waitForText(workbench.statusBarItem(STATUS_ITEM), 'Local emulator');
    const listed = await workbench.expandPane('Instances');
    await workbench.treeItem(listed, 'Kept across restarts').waitFor({ timeout: UI_MS });
    await second.stop();

    // 3. --fresh: the samples again, new secrets, the file and the instance gone.
    const fresh = await startDemo([...args, '--fresh'], folder, START_MS);
    runs.push(fresh);
    const anew = readBanner(fresh.output());
    assert.deepEqual([anew.kept, anew.secretsKept], [false, false]);
    assert.notEqual(anew.userSecret, banner.userSecret);
    assert.ok(!existsSync(join(workspace, 'mine.instance.json')), 'the saved file is gone');
    assert.ok(existsSync(join(workspace, 'xero.instance.json')), 'the samples are back');
    const list = await fetch(`${api}/instances`, { headers: { Authorization: `User ${anew.userSecret}, Organization ${anew.orgSecret}` } });
    assert.ok(!((await list.json()) as Array<{ name: string }>).some((instance) => instance.name === 'Kept across restarts'));
    await fresh.stop();
  });
});
