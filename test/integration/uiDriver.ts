/**
 * The runner's side of the UI driver: a loopback HTTP endpoint through which the suite, running
 * in the extension host, answers the workbench's own quick inputs in the page
 * (the `vscode` API can open them but cannot type into them). Protocol in uiProtocol.ts.
 * Modal dialogs need no driver: VS Code does not show them while extension tests run.
 */
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { QuickInputAnswer } from './uiProtocol';
import { DRIVER_PATHS } from './uiProtocol';

export interface UiDriver {
  url: string;
  close(): Promise<void>;
}

const WIDGET = '.quick-input-widget';

async function readJson(request: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body ? JSON.parse(body) : {};
}

/** The quick input's title, prompt and placeholder: what `expect` is matched against. */
async function widgetText(page: Page): Promise<string> {
  return page
    .locator(WIDGET)
    .evaluate((element) => {
      const title = element.querySelector('.quick-input-title')?.textContent ?? '';
      const prompt = element.querySelector('.quick-input-message')?.textContent ?? '';
      const placeholder = element.querySelector<HTMLInputElement>('.quick-input-box input')?.placeholder ?? '';
      return [title, prompt, placeholder].join('\n');
    })
    .catch(() => '');
}

async function visible(page: Page): Promise<boolean> {
  return page.locator(WIDGET).isVisible().catch(() => false);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Waits for the quick input that mentions `expect`, types `value` (if any) and presses Enter. */
async function answerQuickInput(page: Page, answer: QuickInputAnswer): Promise<void> {
  const timeoutMs = answer.timeoutMs ?? 15_000;
  let seen = '';
  await until(
    async () => {
      if (!(await visible(page))) return false;
      seen = await widgetText(page);
      return answer.expect === undefined || seen.includes(answer.expect);
    },
    timeoutMs,
    `a quick input mentioning "${answer.expect ?? ''}" (last seen: ${JSON.stringify(seen)})`,
  );
  const input = page.locator(`${WIDGET} .quick-input-box input`);
  if (answer.value !== undefined) await input.fill(answer.value);
  // Let the quick pick apply the filter before accepting the active item.
  await page.waitForTimeout(100);
  await input.press(answer.key ?? 'Enter');
  const before = seen;
  await until(async () => !(await visible(page)) || (await widgetText(page)) !== before, 5000, 'the quick input to move on').catch(() => {});
}

/** `screenshotDir`: where a failed action leaves a screenshot of the page. */
export async function startUiDriver(page: Page, options: { screenshotDir?: string } = {}): Promise<UiDriver> {
  // One action at a time: they all type into the same page.
  let queue: Promise<unknown> = Promise.resolve();
  let failures = 0;
  const screenshot = async () => {
    if (options.screenshotDir) await page.screenshot({ path: join(options.screenshotDir, `driver-failure-${++failures}.png`) }).catch(() => {});
  };
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const job = queue.then(async () => {
      const body = await readJson(request);
      if (request.method === 'POST' && request.url === DRIVER_PATHS.quickInput) return answerQuickInput(page, body as QuickInputAnswer);
      throw new Error(`unknown driver request ${request.method} ${request.url}`);
    });
    queue = job.catch(screenshot);
    job.then(
      () => reply(200, { ok: true }),
      (error: unknown) => reply(500, { ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
