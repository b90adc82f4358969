/**
 * Scenario 7's helpers (issue 18, item 11): an https host for the forwarding page the toolkit
 * ships, with a throwaway self-signed certificate made by openssl for this run; the wizard
 * answered by label (app credentials, name) and with each box's default elsewhere; a user
 * setting changed in the settings.json editor. Helpers of their own, so the other scenarios
 * stay as they are.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { ROOT } from '../host/paths';
import { requirePrerequisites, type Prerequisite } from '../host/prerequisites';
import { withWebOrigins } from '../../src/core/provisioning/forwarding';
import { escapeRegExp, UI_MS, waitFor, type Workbench } from './workbench';

const run = promisify(execFile);

export const OPENSSL_PREREQUISITE: Prerequisite = {
  what: 'openssl, which makes the throwaway certificate the forwarding page is served with over https',
  present: () => ['/usr/bin/openssl', '/bin/openssl'].some((path) => existsSync(path)),
  debianPackage: 'openssl',
};

export interface HostedRequest {
  method: string;
  url: string;
  referer: string | undefined;
}

export interface ForwardingHost {
  /** `https://localhost:<port>/elements-callback/`: a host name, https, no query — what every provider takes. */
  pageUrl: string;
  /** Every request the host got. */
  requests: HostedRequest[];
  close(): Promise<void>;
}

/**
 * Serves media/forwarding-page/index.html at /elements-callback/ over https, listing `webOrigin`
 * (the workbench's origin: this VS Code runs in a browser) as "Save Forwarding Page…" run in the
 * workbench writes it. The certificate is made now, for localhost, valid one day.
 */
export async function startForwardingHost(dir: string, webOrigin: string): Promise<ForwardingHost> {
  requirePrerequisites([OPENSSL_PREREQUISITE]);
  const key = join(dir, 'forwarding-key.pem');
  const cert = join(dir, 'forwarding-cert.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost']);
  const page = withWebOrigins(await readFile(join(ROOT, 'media/forwarding-page/index.html'), 'utf8'), [webOrigin]);
  const requests: HostedRequest[] = [];
  const server: Server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', referer: request.headers.referer });
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/elements-callback/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `https://localhost:${port}/elements-callback/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Registers a provider app with the emulator (`POST /__admin/apps`), as a user does in the provider's portal. */
export async function registerApp(emulatorUrl: string, app: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__admin/apps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(app) });
  if (response.status !== 201) throw new Error(`the emulator refused the app: ${response.status} ${await response.text()}`);
}

/**
 * Answers the wizard titled `heading`: a box whose label is in `typed` gets that value (a "Use the
 * stored …" question gets "Enter a new one" for it), every other box and pick keeps its default;
 * then the review's Provision. Returns what each text box said under it, in order (`onMessage`
 * sees each while its box is open).
 */
export async function answerWizard(
  workbench: Workbench,
  heading: string,
  typed: Record<string, string>,
  onMessage: (message: string) => Promise<void> = async () => {},
): Promise<string[]> {
  const widget = workbench.quickInput();
  const said: string[] = [];
  for (let step = 0; step < 30; step++) {
    const titleLocator = widget.locator('.quick-input-title', { hasText: heading });
    await titleLocator.waitFor({ state: 'visible', timeout: UI_MS });
    const title = (await titleLocator.innerText()).trim();
    if (title.endsWith(': Review')) {
      await workbench.pick(`${heading}: Review`, /^\s*Provision\s*$/);
      return said;
    }
    const label = /: (.+) \(\d+\/\d+\)$/.exec(title)?.[1];
    if (!label) throw new Error(`an unexpected box: ${title}`);
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    const isPick = (await rows.count()) > 0 && (await rows.first().isVisible());
    if (isPick) {
      const wanted = label in typed ? /Enter a new one/ : undefined;
      const active = (await widget.locator('.quick-input-list .monaco-list-row.focused .label-name').first().innerText()).trim();
      await workbench.pick(title, wanted ?? new RegExp(`^\\s*${escapeRegExp(active)}\\s*$`));
      continue;
    }
    const message = await workbench.quickInputMessage();
    said.push(message);
    await onMessage(message);
    await workbench.answerInput(title, typed[label]);
  }
  throw new Error(`the wizard "${heading}" did not reach its review`);
}

/**
 * Waits for the provider's page the flow opened: the popup, after Open in VS Code's "open the
 * external website?" question when it asks.
 */
export async function authorizePopup(workbench: Workbench, popupOpened: Promise<Page>, timeoutMs: number): Promise<Page> {
  let popup: Page | undefined;
  popupOpened.then((opened) => (popup = opened)).catch(() => {});
  const question = workbench.page.locator('.monaco-dialog-box', { has: workbench.page.locator('.dialog-message', { hasText: /open the external website/ }) });
  await waitFor(async () => popup !== undefined || (await question.isVisible()), "the provider's page or VS Code's question", timeoutMs);
  if (!popup) await workbench.clickDialogButton(question, 'Open');
  const page = popup ?? (await popupOpened);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/**
 * Changes user settings as a user does in "Preferences: Open User Settings (JSON)" (an editor,
 * modal in this VS Code): the file's whole text replaced (pasted), saved, the editor closed.
 */
export async function editUserSettings(workbench: Workbench, settingsFile: string, changes: Record<string, unknown>): Promise<void> {
  const current = JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
  const text = `${JSON.stringify({ ...current, ...changes }, null, 2)}\n`;
  const page = workbench.page;
  await workbench.runCommand('Preferences: Open User Settings (JSON)');
  const editor = page.locator('.monaco-editor', { has: page.locator('.view-lines', { hasText: '"workbench.startupEditor"' }) }).first();
  await editor.waitFor({ timeout: UI_MS });
  await workbench.click(editor.locator('.view-lines'));
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+S');
  await waitFor(async () => {
    const saved = await readFile(settingsFile, 'utf8');
    try {
      return JSON.stringify(JSON.parse(saved)) === JSON.stringify(JSON.parse(text));
    } catch {
      return false;
    }
  }, 'settings.json holds the change');
  // This VS Code opens it in a modal editor ("Close Modal Editor (Escape)"); others in a tab.
  const closeModal = page.locator('.modal-editor-header [aria-label^="Close Modal Editor"]');
  if (await closeModal.isVisible()) await workbench.click(closeModal);
  else await workbench.runCommand('View: Close Editor');
  await editor.waitFor({ state: 'detached', timeout: UI_MS });
}
