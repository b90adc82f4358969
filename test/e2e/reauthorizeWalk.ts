/**
 * Re-authorize Instance and the walkthrough, as a user walks them in the workbench (issue 20 items
 * 6 and 11): the palette command, the instance picked, the wizard with the stored credentials,
 * Allow on the provider's page; the "Get started" walkthrough opened from the palette, its steps
 * read for their check marks. Helpers of their own, so the provisioning scenarios stay as they are.
 */
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp, UI_MS, waitFor, type Workbench } from './workbench';
import type { World } from './world';

/** The palette command run on an instance picked by name in its quick pick. */
export async function runOnInstance(workbench: Workbench, command: string, pickTitle: string, instanceName: string): Promise<void> {
  await workbench.runCommand(command);
  await workbench.pick(pickTitle, new RegExp(`${instanceName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`));
}

/** The row's description in a view's tree ("#3 · connection failed"). */
export async function rowDescription(workbench: Workbench, pane: Locator, label: string): Promise<string> {
  const row = workbench.treeItem(pane, label).first();
  await row.waitFor({ timeout: UI_MS });
  return (await row.locator('.label-description').first().innerText().catch(() => '')).trim();
}

/** Answers the FreshBooks re-authorization wizard (stored credentials, the instance's own answers), then Allow on the provider's page. */
export async function reauthorizeFreshbooks(workbench: Workbench, world: World, instanceName: string, flowMs: number): Promise<{ namePrompt: string }> {
  const heading = `Re-authorize "${instanceName}" (OAuth 1)`;
  const popupOpened = world.browser.context.waitForEvent('page', { timeout: flowMs });
  let popup: Page | undefined;
  popupOpened.then((opened) => (popup = opened)).catch(() => {});
  await runOnInstance(workbench, 'Cloud Elements: Re-authorize Instance…', 'Cloud Elements: Re-authorize Instance', instanceName);
  await workbench.pick(`${heading}: API Key (1/5)`, /Use the stored API Key/);
  await workbench.pick(`${heading}: API Secret (2/5)`, /Use the stored API Secret/);
  await workbench.answerInput(`${heading}: Site Address (3/5)`, undefined);
  await workbench.waitForQuickInput(`${heading}: Instance name (4/5)`);
  const namePrompt = await workbench.quickInputMessage();
  await workbench.answerInput(`${heading}: Instance name (4/5)`, undefined);
  await workbench.answerInput(`${heading}: Tags (5/5)`, undefined);
  await workbench.pick(`${heading}: Review`, /^\s*Re-authorize\s*$/);
  const question = workbench.page.locator('.monaco-dialog-box', { has: workbench.page.locator('.dialog-message', { hasText: /open the external website/ }) });
  await waitFor(async () => popup !== undefined || (await question.isVisible()), "the provider's page or VS Code's question", flowMs);
  if (!popup) await workbench.clickDialogButton(question, 'Open');
  const page = popup ?? (await popupOpened);
  await page.locator('#allow').waitFor({ timeout: UI_MS });
  await Promise.all([page.waitForURL((url) => url.origin === world.codeServer.url && url.pathname.endsWith('/callback'), { timeout: UI_MS }), page.click('#allow')]);
  await page.close();
  return { namePrompt };
}

/** Opens the extension's walkthrough from the palette; resolves with each step's id (the part after the last `#`) and whether it is checked. */
export async function walkthroughSteps(workbench: Workbench, title: string): Promise<Record<string, boolean>> {
  await workbench.runCommand('Welcome: Open Walkthrough...');
  // Its quick pick has no title, only "Select a walkthrough to open".
  await workbench.enterOnRow(new RegExp(escapeRegExp(title)), 'the walkthrough picker');
  await workbench.quickInput().waitFor({ state: 'hidden', timeout: UI_MS });
  const steps = workbench.page.locator('.getting-started-category .getting-started-step[data-step-id], .gettingStartedSlideDetails .getting-started-step[data-step-id]');
  await steps.first().waitFor({ timeout: UI_MS });
  const result: Record<string, boolean> = {};
  for (const step of await steps.all()) {
    const id = ((await step.getAttribute('data-step-id')) ?? '').split('#').pop()!;
    result[id] = (await step.getAttribute('aria-checked')) === 'true';
  }
  return result;
}

/**
 * Closes the walkthrough's page with its tab's close button. While the page is open it takes the
 * focus back whenever the focus returns to it, which closes a command palette opened just then
 * (no palette, so: the mouse).
 */
export async function closeWalkthrough(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: /^\s*Welcome\s*$/ });
  await tab.first().waitFor({ timeout: UI_MS });
  await tab.first().hover();
  await tab.first().locator('.tab-actions .action-label').first().click();
  await tab.first().waitFor({ state: 'detached', timeout: UI_MS });
}
