/**
 * The suite's side of the UI driver (../uiDriver.ts): answers the workbench's real quick
 * inputs by asking the runner, which types into the page. Only run.ts provides a
 * driver; under runElectron.ts the tests that need typing are skipped with the reason.
 */
import { ENV } from '../protocol';
import { DRIVER_PATHS } from '../uiProtocol';
import type { QuickInputAnswer } from '../uiProtocol';

export const NO_DRIVER_REASON = 'needs the UI driver of test/integration/run.ts to type into quick inputs';

export function hasDriver(): boolean {
  return Boolean(process.env[ENV.driver]);
}

/** Skips the calling test when there is no driver (desktop VS Code through runElectron.ts). */
export function requireDriver(context: Mocha.Context): void {
  if (!hasDriver()) {
    console.log(`      (skipped: ${NO_DRIVER_REASON})`);
    context.skip();
  }
}

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${process.env[ENV.driver]}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as { ok: boolean; error?: string };
  if (!reply.ok) throw new Error(`UI driver: ${reply.error ?? response.status}`);
}

/** Waits for the quick input mentioning `expect`, types `value` (if given), presses Enter. */
export function answerQuickInput(answer: QuickInputAnswer): Promise<void> {
  return post(DRIVER_PATHS.quickInput, answer);
}

/** Answers a series of quick inputs in order. */
export async function answerQuickInputs(answers: QuickInputAnswer[]): Promise<void> {
  for (const answer of answers) await answerQuickInput(answer);
}
