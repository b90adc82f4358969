/**
 * Page helpers for the VS Code workbench in the browser: command palette, quick input,
 * notifications, views and tree items, the Problems panel, the quick fix menu and the output.
 * Every wait is on a real condition in the page; the only sleeps are short settle delays.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS } from './world';

export const FIRST_LOAD_MS = 60_000;
export const UI_MS = 15_000;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** Polls `condition` until it holds; fails after `timeoutMs` naming `what` it waited for. */
export async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = UI_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the element's text, trimmed, is `text`. */
export function waitForText(locator: Locator, text: string): Promise<void> {
  return waitFor(async () => (await locator.innerText().catch(() => '')).trim() === text, `${String(locator)} reads "${text}"`);
}

/** Waits until `locator` matches exactly `count` elements. */
export function waitForCount(locator: Locator, count: number): Promise<void> {
  return waitFor(async () => (await locator.count()) === count, `${count} × ${String(locator)}`);
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    // The first load of a fresh code-server can take a while: the activity bar, then the status bar's items.
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: FIRST_LOAD_MS });
    await this.page.locator('.part.statusbar .statusbar-item').first().waitFor({ timeout: FIRST_LOAD_MS });
  }

  /** Saves a screenshot of `page` (default: the workbench) to media/screenshots/. */
  async screenshot(name: string, page: Page = this.page): Promise<void> {
    await this.settle();
    await page.screenshot({ path: join(SCREENSHOTS, name) });
  }

  /**
   * Clicks `target` as a user does, after taking the mouse off the page first. Where the mouse
   * rested last (a tree row, a quick pick row, a button) VS Code may have opened a hover, and a
   * hover can cover the target: the click's own retries never move the mouse, so such a hover
   * stays and the click times out after 30 s (seen beside another run: the first flow row's hover
   * over the second row). Off the page, the hover closes (within about 300 ms), and the click's
   * retries get through. (A hover of the focused element, e.g. the activity bar's, stays: it
   * covers nothing the tests click.)
   */
  async click(target: Locator): Promise<void> {
    await this.page.mouse.move(-1, -1);
    await target.click();
  }

  /** A short pause for animations (notifications sliding in, trees re-rendering) before a screenshot. */
  async settle(ms = 300): Promise<void> {
    await this.page.waitForTimeout(ms);
  }

  // ── activity bar and views ──────────────────────────────────────────────────

  /** An activity-bar entry (its `li`), by its label. */
  activityItem(label: string): Locator {
    return this.page.locator('.part.activitybar li.action-item', { has: this.page.locator(`a.action-label[aria-label="${label}"]`) });
  }

  async showViewContainer(label: string): Promise<void> {
    const item = this.activityItem(label);
    await item.waitFor({ timeout: FIRST_LOAD_MS });
    if ((await item.getAttribute('aria-selected')) !== 'true') await this.click(item);
    await this.page.locator('.part.sidebar .composite.title', { hasText: label }).waitFor({ timeout: UI_MS });
  }

  /** A view's pane in the side bar, by its name ("Instances"). */
  pane(name: string): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator(`.pane-header[aria-label^="${name}"]`) });
  }

  async expandPane(name: string): Promise<Locator> {
    const pane = this.pane(name);
    const header = pane.locator('.pane-header');
    await header.waitFor({ timeout: UI_MS });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await this.click(header);
    return pane;
  }

  /** The rows of a view's tree whose label is `label` (or whose label text matches the RegExp). */
  treeItem(pane: Locator, label: string | RegExp): Locator {
    const rows = pane.locator('.monaco-list-row[role="treeitem"]');
    if (typeof label !== 'string') return rows.filter({ has: this.page.locator('.label-name', { hasText: label }) });
    return rows.filter({ has: this.page.locator(`.monaco-icon-label[aria-label="${label.replace(/["\\]/g, '\\$&')}"]`) });
  }

  /** The label of the focused row of a view's tree. */
  async focusedTreeLabel(pane: Locator): Promise<string | null> {
    const focused = pane.locator('.monaco-list-row.focused .monaco-icon-label').first();
    return (await focused.count()) > 0 ? focused.getAttribute('aria-label') : null;
  }

  /** Moves the tree's focus with `key`, one row at a time, until the row labelled `label` has it. */
  async focusTreeItem(pane: Locator, label: string, key: 'ArrowDown' | 'ArrowUp', maxSteps: number): Promise<void> {
    let current = await this.focusedTreeLabel(pane);
    for (let step = 0; current !== label; step++) {
      if (step >= maxSteps) throw new Error(`"${label}" not reached with ${key} in ${maxSteps} steps (at "${current}")`);
      await this.page.keyboard.press(key);
      const previous = current;
      await waitFor(async () => (current = await this.focusedTreeLabel(pane)) !== previous, `the focus leaves "${previous}"`);
    }
  }

  /** A status bar item by its id (`<extension id>.<item id>` for an extension's item). */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar .statusbar-item[id="${id}"]`);
  }

  /** Status bar entries showing `text` (a message set with setStatusBarMessage has no id of its own). */
  statusBarText(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }

  /** A button of a view's welcome content ("Sign In"). */
  welcomeButton(pane: Locator, label: string): Locator {
    return pane.locator('.welcome-view-content .monaco-button', { hasText: exactly(label) });
  }

  /** The description next to a view's name in its pane header (a tree view's `description`). */
  paneDescription(name: string): Locator {
    return this.pane(name).locator('.pane-header .description');
  }

  /** Waits until the row is the tree's selection. */
  async waitForSelected(row: Locator): Promise<void> {
    await waitFor(async () => (await row.first().getAttribute('aria-selected').catch(() => null)) === 'true', `${String(row)} is selected`);
  }

  // ── command palette and quick input ─────────────────────────────────────────

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command by its palette title ("Cloud Elements: Sign In"). */
  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const widget = this.quickInput();
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill(`>${title}`);
    await this.enterOnRow(title, 'the command palette');
  }

  async closeQuickInput(): Promise<void> {
    const widget = this.quickInput();
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: UI_MS });
    }
  }

  /** Waits for the quick input whose title contains `title`; returns its input box. On timeout, the error says what the quick input showed. */
  async waitForQuickInput(title: string | RegExp, timeout = UI_MS): Promise<Locator> {
    const widget = this.quickInput();
    try {
      await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout });
    } catch (error) {
      throw new Error(`no quick input titled ${String(title)} within ${timeout} ms; the quick input shows:\n${await this.describeQuickInput()}`, { cause: error });
    }
    return widget.locator('.quick-input-box input');
  }

  /**
   * What the quick input shows, for a failure message: its title, value, message, the count
   * of items it lists, and its rendered rows (label, description; "›" marks the focused one).
   */
  async describeQuickInput(): Promise<string> {
    // A string, not a function: tsx's name helpers do not exist in the page.
    return this.page
      .evaluate<string>(
        `(() => {
      const widget = document.querySelector('.quick-input-widget');
      if (!widget || widget.style.display === 'none') return '  (hidden)';
      const text = (element) => (element?.innerText ?? '').trim();
      const rows = [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].map((row) =>
        \`    \${row.classList.contains('focused') ? '›' : ' '} \${text(row.querySelector('.label-name'))}  \${text(row.querySelector('.label-description'))}\`);
      return [
        \`  title: \${text(widget.querySelector('.quick-input-title'))}\`,
        \`  value: \${JSON.stringify(widget.querySelector('.quick-input-box input')?.value ?? '')}\`,
        \`  message: \${text(widget.querySelector('.quick-input-message'))}\`,
        \`  items: \${text(widget.querySelector('.quick-input-visible-count')) || '?'}, rendered rows:\`,
        ...rows,
      ].join('\\n');
    })()`,
      )
      .catch((error: unknown) => `  (not readable: ${String(error)})`);
  }

  /** The visible quick input's title, prompt and value, to tell one box from the next. */
  private async quickInputState(): Promise<string> {
    // A string, not a function: tsx's name helpers do not exist in the page.
    return this.page.evaluate<string>(`(() => {
      const widget = document.querySelector('.quick-input-widget');
      if (!widget || widget.style.display === 'none') return 'hidden';
      const input = widget.querySelector('.quick-input-box input');
      return [
        widget.querySelector('.quick-input-title')?.innerText ?? '',
        widget.querySelector('.quick-input-message')?.innerText ?? '',
        input?.value ?? '',
        input?.type ?? '',
      ].join('\\n');
    })()`);
  }

  /** Waits until the quick input is gone or shows another box than `before`. */
  private async waitForNextQuickInput(before: string): Promise<void> {
    await waitFor(async () => (await this.quickInputState()) !== before, 'the quick input moves on').catch(async () => {
      throw new Error(`the quick input did not move on after Enter within ${UI_MS} ms; it shows:\n${await this.describeQuickInput()}`);
    });
  }

  /** The text under the quick input's box: its prompt, or the check of what was typed. */
  async quickInputMessage(): Promise<string> {
    return (await this.quickInput().locator('.quick-input-message').innerText()).trim();
  }

  /**
   * Answers the input box whose title contains `title` (and whose prompt contains `prompt`):
   * types `value` (undefined keeps the prefill), waits for the message `shows` if given, and
   * presses Enter.
   */
  async answerInput(
    title: string | RegExp,
    value: string | undefined,
    options: { password?: boolean; prompt?: string | RegExp; placeholder?: string; shows?: string | RegExp } = {},
  ): Promise<void> {
    const input = await this.waitForQuickInput(title);
    if (options.prompt !== undefined) {
      await this.quickInput().locator('.quick-input-message', { hasText: options.prompt }).waitFor({ timeout: UI_MS });
    }
    if (options.password !== undefined) {
      const type = await input.getAttribute('type');
      if ((type === 'password') !== options.password) throw new Error(`the box "${String(title)}" is ${type === 'password' ? '' : 'not '}a password box`);
    }
    if (options.placeholder !== undefined) {
      const placeholder = await input.getAttribute('placeholder');
      if (placeholder !== options.placeholder) throw new Error(`the box "${String(title)}" shows the placeholder "${placeholder}", not "${options.placeholder}"`);
    }
    if (value !== undefined) await input.fill(value);
    if (options.shows !== undefined) await this.quickInput().locator('.quick-input-message', { hasText: options.shows }).waitFor({ timeout: UI_MS });
    const before = await this.quickInputState();
    await input.press('Enter');
    await this.waitForNextQuickInput(before);
  }

  /** Types `value` into the box titled `title` and presses Enter; the box must refuse it with `message`. */
  async refuseInput(title: string | RegExp, value: string, message: string): Promise<void> {
    const input = await this.waitForQuickInput(title);
    await input.fill(value);
    await input.press('Enter');
    await this.quickInput().locator('.quick-input-message', { hasText: exactly(message) }).waitFor({ timeout: UI_MS });
    await this.waitForQuickInput(title);
  }

  /** How many items the quick pick lists (its "N Results" count), or undefined when it shows none. */
  async quickPickCount(): Promise<number | undefined> {
    const text = await this.quickInput().locator('.quick-input-visible-count').textContent().catch(() => null);
    const count = /\d+/.exec(text ?? '')?.[0];
    return count === undefined ? undefined : Number(count);
  }

  /**
   * Picks the item whose label is `label` in the quick pick titled `title` (enterOnRow).
   *
   * `filter`: text typed first, for a quick pick that the extension filters itself (it answers
   * each value with new items). Its list then shows VS Code's own filtering of the old items
   * until the extension's answer arrives, and an Enter before that selects an old item's handle,
   * which the extension host maps to another item of its new list, or to none (then nothing is
   * picked). So the pick waits for the extension's answer: `results` items.
   */
  async pick(title: string | RegExp, label: string | RegExp, filter?: { text: string; results: number }): Promise<void> {
    const input = await this.waitForQuickInput(title);
    if (filter !== undefined) {
      await input.fill(filter.text);
      await waitFor(async () => (await this.quickPickCount()) === filter.results, 'the list').catch(async () => {
        throw new Error(`the quick pick ${String(title)}: no list of the extension's ${filter.results} items for "${filter.text}"; it shows:\n${await this.describeQuickInput()}`);
      });
    }
    await this.enterOnRow(label, `the quick pick ${String(title)}`);
  }

  /**
   * In the open quick pick: moves the focus down to the row labelled `label` with the keyboard,
   * then presses Enter and waits until the quick input moves on. (A click waits for the row to
   * stay put for two frames; beside another run on the machine it did not within 30 s.)
   */
  async enterOnRow(label: string | RegExp, what: string): Promise<void> {
    const failure = async (problem: string) => new Error(`${what}: ${problem}; it shows:\n${await this.describeQuickInput()}`);
    const labelMatch = typeof label === 'string' ? exactly(label) : label;
    const input = this.quickInput().locator('.quick-input-box input');
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    const wanted = this.page.locator('.monaco-icon-label .label-name', { hasText: labelMatch });
    await rows
      .filter({ has: wanted })
      .first()
      .waitFor({ timeout: UI_MS })
      .catch(async () => {
        throw await failure(`no row "${String(label)}"`);
      });
    const focusedLabel = async () => (await rows.and(this.page.locator('.focused')).locator('.monaco-icon-label .label-name').first().innerText().catch(() => '')).trim();
    const isWanted = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
    for (let moves = 0; !isWanted(await focusedLabel()); moves++) {
      if (moves > (await rows.count()) + 1) throw await failure(`the focus never came to "${String(label)}"`);
      const focused = await focusedLabel();
      await input.press('ArrowDown');
      await waitFor(async () => (await focusedLabel()) !== focused || (await rows.count()) <= 1, `the focus to move down from "${focused}"`);
    }
    const before = await this.quickInputState();
    await input.press('Enter');
    await this.waitForNextQuickInput(before);
  }

  // ── notifications ───────────────────────────────────────────────────────────

  notification(message: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', {
      has: this.page.locator('.notification-list-item-message', { hasText: message }),
    });
  }

  async waitForNotification(message: string | RegExp, timeout = UI_MS): Promise<Locator> {
    const toast = this.notification(message).first();
    await toast.waitFor({ state: 'visible', timeout });
    return toast;
  }

  async notificationText(toast: Locator): Promise<string> {
    return toast.locator('.notification-list-item-message').innerText();
  }

  /** Shows a toast's whole message (toasts show one line until expanded). */
  async expandNotification(toast: Locator): Promise<void> {
    await toast.hover();
    const expand = toast.locator('.codicon-notifications-expand');
    if (await expand.isVisible()) await expand.click();
    await this.page.mouse.move(700, 400);
  }

  async closeNotification(toast: Locator): Promise<void> {
    await toast.first().hover();
    await toast.first().locator('.codicon-notifications-clear').click();
    await toast.first().waitFor({ state: 'detached', timeout: UI_MS });
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: UI_MS }).catch(() => {});
  }

  /** A modal dialog whose message matches; returns it once visible. */
  async waitForDialog(message: string | RegExp, timeout = UI_MS): Promise<Locator> {
    const dialog = this.page.locator('.monaco-dialog-box', { has: this.page.locator('.dialog-message', { hasText: message }) });
    await dialog.waitFor({ state: 'visible', timeout });
    return dialog;
  }

  /** A dialog's detail line: for "open the external website?", the URL it asks about. */
  async dialogDetail(dialog: Locator): Promise<string> {
    return (await dialog.locator('.dialog-message-detail').innerText()).trim();
  }

  async clickDialogButton(dialog: Locator, button: string): Promise<void> {
    await this.click(dialog.locator('.dialog-buttons .monaco-button', { hasText: exactly(button) }));
    await dialog.waitFor({ state: 'detached', timeout: UI_MS });
  }

  // ── editor, Problems panel, quick fixes, output ─────────────────────────────

  /** Opens a workspace file through Quick Open (Ctrl+P). */
  async openFile(relativePath: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill(relativePath);
    const name = relativePath.split('/').pop()!;
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactly(name) }) });
    await row.first().waitFor({ timeout: UI_MS });
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_MS });
    await this.editor().waitFor({ timeout: UI_MS });
  }

  editor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  /** Puts the cursor at 1-based `line`, `column` with "Go to Line/Column". */
  async goTo(line: number, column: number): Promise<void> {
    await this.click(this.editor().locator('.view-lines'));
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: UI_MS });
  }

  async showProblems(): Promise<Locator> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.part.panel .markers-panel');
    await panel.waitFor({ timeout: UI_MS });
    return panel;
  }

  /** Types into the Problems panel's filter box (matches message, source and code). */
  async filterProblems(text: string): Promise<void> {
    const input = this.page.locator('.part.panel .viewpane-filter input[aria-label="Filter Problems"]');
    await input.fill(text);
  }

  /** The Problems panel's rows of one source and rule code (only rendered rows: filter first). */
  problems(panel: Locator, source: string, code: string): Locator {
    return panel
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.marker-source', { hasText: exactly(source) }) })
      .filter({ has: this.page.locator('.marker-code', { hasText: exactly(code) }) });
  }

  /** Errors and warnings in the workbench, from the status bar's problems item. */
  async problemCounts(): Promise<{ errors: number; warnings: number }> {
    const label = await this.page.locator('.part.statusbar [id="status.problems"]').getAttribute('aria-label', { timeout: UI_MS });
    if (!label) throw new Error('the status bar has no problems item');
    // "Errors: 2, Warnings: 8", "Warnings: 8" or "No Problems": a kind without problems is left out.
    const count = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: count('Errors'), warnings: count('Warnings') };
  }

  /** The quick fix menu (its submenu panel shares the class). */
  quickFixMenu(): Locator {
    return this.page.locator('.action-widget:not(.action-list-submenu-panel)');
  }

  /** Ctrl+. at the cursor: the menu, once it lists its actions. */
  async openQuickFixMenu(): Promise<Locator> {
    const menu = this.quickFixMenu();
    const firstAction = menu.locator('.monaco-list-row.action').first();
    // Right after a menu closed, the editor may drop the next trigger: ask again if nothing shows.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await firstAction.waitFor({ timeout: attempt < 3 ? 3000 : UI_MS });
        return menu;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Ctrl+. at the cursor, then the quick fix titled `title`. */
  async applyQuickFix(title: string | RegExp): Promise<void> {
    const menu = await this.openQuickFixMenu();
    const item = menu.locator('.monaco-list-row.action', { hasText: title });
    await item.first().waitFor({ timeout: UI_MS });
    await this.click(item.first());
    await menu.waitFor({ state: 'hidden', timeout: UI_MS });
  }

  /** The rendered lines of the output channel shown in the panel, with the panel's filter cleared. */
  async outputLines(): Promise<Locator> {
    const output = this.page.locator('.part.panel .output-view .monaco-editor .view-lines');
    await output.waitFor({ timeout: UI_MS });
    // The panel's filter box filters the output too: clear it.
    const filter = this.page.locator('.part.panel .viewpane-filter input').filter({ visible: true });
    if ((await filter.count()) > 0 && (await filter.first().inputValue()) !== '') await filter.first().fill('');
    return output;
  }

  /** Saves the active editor, which must have unsaved changes (else "saved" would be read off a tab that never was dirty). */
  async save(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: UI_MS });
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: UI_MS });
  }
}
