/**
 * The instance console's walk in the workbench: provision Xero with the app credentials stored
 * earlier in the run, open the new instance's API node, an operation's request document, Send
 * and Next Page through their CodeLenses, and read the editors. Helpers of their own, so the
 * provisioning scenarios stay as they are.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { elementFilter, type Answer } from './flows';
import { UI_MS, waitFor, type Workbench } from './workbench';
import type { World } from './world';

/** Xero (OAuth 2) with the Client ID and Secret the earlier Xero flows left in the keychain. */
export function consoleXeroAnswers(instanceName: string): Answer[] {
  return [
    { label: 'Client ID', pick: /Use the stored Client ID/ },
    { label: 'Client Secret', pick: /Use the stored Client Secret/ },
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
  await workbench.pick('Cloud Elements: Provision Element', 'Xero', elementFilter('xero'));
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

/**
 * In the Instances view: expands the instance row `name`, its API node and the `customers`
 * resource, and clicks `operation` (`downSteps` rows below `GET /customers` at most), which opens
 * the instance's request document at that operation.
 */
export async function openCustomersOperation(workbench: Workbench, instances: Locator, name: string, operation: string, downSteps: number): Promise<void> {
  const instance = workbench.treeItem(instances, name);
  await instance.waitFor({ timeout: UI_MS });
  await workbench.click(instance);
  if ((await instance.getAttribute('aria-expanded')) !== 'true') await workbench.page.keyboard.press('ArrowRight');
  await expandRow(workbench, instances, 'API', 'customers');
  await expandRow(workbench, instances, 'customers', 'GET /customers');
  await workbench.focusTreeItem(instances, operation, 'ArrowDown', downSteps);
  await workbench.click(workbench.treeItem(instances, operation));
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

/** The editor groups of the workbench, and the tabs whose title matches in all of them. */
function groups(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container');
}

function tabs(page: Page, title: string | RegExp): Locator {
  return page.locator('.part.editor .editor-group-container .tabs-container .tab', { hasText: title });
}

/**
 * Issue 20 item 8, after "GET /customers" was sent and its next page loaded: another operation of
 * the instance opens in the same request document (where it is shown, not in the responses'
 * column); its answer goes to the responses' column, with no "page" on it; sending GET again shows
 * its answer in the same tab; no group is added; the request document has nothing unsaved, so
 * closing every editor asks nothing.
 */
export async function consoleDocumentsAndColumns(workbench: Workbench, world: World, instanceName: string): Promise<void> {
  const { page } = workbench;
  const record = (await world.storedInstances()).find((candidate) => candidate.name === instanceName)!;
  const requestTab = `xero-${record.id}.http`;
  assert.equal(await groups(page).count(), 2, 'the requests and the responses: two groups');
  await workbench.click(workbench.treeItem(workbench.pane('Instances'), 'POST /customers').first());
  await waitForActiveTab(page, requestTab);
  await waitFor(async () => /### createCustomer/.test(await activeEditorText(page)) && /### getCustomers/.test(await activeEditorText(page)), 'both requests in the instance\'s document');
  assert.equal(await tabs(page, requestTab).count(), 1, 'one request document for the instance');

  // The cursor is on the new request: Send Request from the palette sends it.
  await workbench.runCommand('Cloud Elements: Send Request');
  await waitForActiveTab(page, 'POST-customers.json');
  await waitFor(async () => /"status": 200/.test(await activeEditorText(page)), 'the POST as opened is accepted (200, not a 400 for "name": "")');
  assert.doesNotMatch(await activeEditorText(page), /"page":/, 'a created record is not "page 1"');
  assert.equal(await groups(page).count(), 2, 'the answer in the responses\' column, not a new group');

  // GET /customers again, from its lens in the request document: the same response tab.
  await workbench.click(tabs(page, requestTab).first());
  await waitForActiveTab(page, requestTab);
  await workbench.click(codeLens(page, /^\W*Send$/));
  await waitForActiveTab(page, 'GET-customers.json');
  await waitFor(async () => /"status": 200/.test(await activeEditorText(page)), 'the new answer');
  assert.equal(await tabs(page, /^GET-customers\.json/).count(), 1, 'one tab for the request\'s answers');
  assert.equal(await groups(page).count(), 2);

  // Nothing unsaved: closing every editor asks nothing.
  assert.equal(await page.locator('.part.editor .tabs-container .tab.dirty').count(), 0, 'no unsaved editor');
  await workbench.runCommand('View: Close All Editors');
  await waitFor(async () => (await page.locator('.part.editor .tabs-container .tab').count()) === 0, 'every editor closed');
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no "Do you want to save" question');
}
