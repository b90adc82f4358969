/**
 * The instance console's walk in the workbench: provision Xero with the app credentials stored
 * earlier in the run, open the new instance's API node, an operation's request document, Send
 * and Next Page through their CodeLenses, and read the editors. Helpers of their own, so the
 * provisioning scenarios stay as they are.
 */
import type { Locator, Page } from 'playwright-core';
import type { Answer } from './flows';
import { UI_MS, waitFor, type Workbench } from './workbench';
import type { World } from './world';

/** Xero (OAuth 2) with the Consumer Key and Secret the earlier Xero flows left in the keychain. */
export function consoleXeroAnswers(instanceName: string): Answer[] {
  return [
    { label: 'Consumer Key', pick: /Use the stored Consumer Key/ },
    { label: 'Consumer Secret', pick: /Use the stored Consumer Secret/ },
    { label: 'Partner application', pick: 'false' },
    { label: 'Instance name', value: instanceName },
    { label: 'Tags', value: 'e2e' },
  ];
}

/** Runs Provision Element for Xero (OAuth 2), answers every prompt and Allows on the provider's page. */
export async function provisionXero(workbench: Workbench, world: World, instanceName: string, flowMs: number): Promise<void> {
  const popupOpened = world.browser.context.waitForEvent('page', { timeout: flowMs });
  let popup: Page | undefined;
  popupOpened.then((opened) => (popup = opened)).catch(() => {});
  await workbench.runCommand('Cloud Elements: Provision Element…');
  await workbench.pick('Cloud Elements: Provision Element', 'Xero', 'xero');
  await workbench.pick('Cloud Elements: Provision Element: Xero', 'OAuth 2');
  const answers = consoleXeroAnswers(instanceName);
  for (const [index, answer] of answers.entries()) {
    const title = `Provision Xero (OAuth 2): ${answer.label} (${index + 1}/${answers.length})`;
    if ('pick' in answer) await workbench.pick(title, answer.pick);
    else await workbench.answerInput(title, answer.value);
  }
  await workbench.pick('Provision Xero (OAuth 2): Review', /^\s*Provision\s*$/);
  // VS Code may ask before opening the provider's page.
  const question = workbench.page.locator('.monaco-dialog-box', { has: workbench.page.locator('.dialog-message', { hasText: /open the external website/ }) });
  await waitFor(async () => popup !== undefined || (await question.isVisible()), "the provider's page or VS Code's question", flowMs);
  if (!popup) await workbench.clickDialogButton(question, 'Open');
  const page = popup ?? (await popupOpened);
  await page.locator('#allow').waitFor({ timeout: UI_MS });
  await Promise.all([
    page.waitForURL((url) => url.origin === world.codeServer.url && url.pathname.endsWith('/callback'), { timeout: UI_MS }),
    page.click('#allow'),
  ]);
  await page.close();
}

/**
 * Moves the tree's focus down to the row labelled `label`, opens it (ArrowRight expands a
 * collapsed row) and waits for its child `firstChild`: children load asynchronously, and the
 * focus must not move on before they are there.
 */
export async function expandRow(workbench: Workbench, pane: Locator, label: string, firstChild: string, maxSteps = 12): Promise<void> {
  await workbench.focusTreeItem(pane, label, 'ArrowDown', maxSteps);
  const row = pane.locator('.monaco-list-row.focused');
  if ((await row.getAttribute('aria-expanded')) !== 'true') await workbench.page.keyboard.press('ArrowRight');
  await waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', `"${label}" is expanded`);
  await workbench.treeItem(pane, firstChild).first().waitFor({ timeout: UI_MS });
}

/** The text of the active editor group's editor, as rendered (the lines in view; the editor's no-break spaces as spaces). */
export async function activeEditorText(page: Page): Promise<string> {
  const text = await page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Waits for the active tab to be `title` (a response document's name). */
export async function waitForActiveTab(page: Page, title: string | RegExp, timeout = UI_MS): Promise<void> {
  await page.locator('.part.editor .editor-group-container.active .tabs-container .tab.active', { hasText: title }).waitFor({ timeout });
}

/** A CodeLens of the active editor by its text (the icon's glyph aside). */
export function codeLens(page: Page, text: RegExp): Locator {
  return page.locator('.part.editor .editor-group-container.active .codelens-decoration a', { hasText: text }).first();
}
