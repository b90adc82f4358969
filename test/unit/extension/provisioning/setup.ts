/**
 * Provisioning tests: the emulator, a signed-in harness with the provisioning commands, a
 * scripted user answering by prompt title (not by order: notifications may come in between)
 * and a scripted browser behind `env.openExternal`.
 */
import assert from 'node:assert/strict';
import { collectSecrets } from '../../../../src/core/redact';
import type { RunningEmulator } from '../../../../src/emulator/server';
import type { EventInbox } from '../../../../src/extension/events/eventInbox';
import { registerProvisioning } from '../../../../src/extension/provisioning/register';
import { addFault, decide, resetEmulator, storedInstances } from '../../emulator/helpers';
import type { StoredRecord } from '../../emulator/helpers';
import * as vscode from '../../vscode/fakeVscode';
import { within } from '../../deadline';
import { createHarness } from '../harness';
import type { Harness } from '../harness';

export { mountForEachTest } from '../../emulator/helpers';
export { addFault, resetEmulator, storedInstances };
export type { StoredRecord as StoredInstance };

/* eslint-disable @typescript-eslint/no-explicit-any -- quick pick items and options of the fake */

type UiCall = vscode.UiCall;

interface Rule {
  match: (call: UiCall) => boolean;
  answer: (call: UiCall) => unknown;
  times: number;
}

export function callText(call: UiCall): string {
  if (call.kind === 'message') return call.message;
  if (call.kind === 'saveDialog') return call.options.title ?? '';
  return [call.options.title, call.options.placeHolder, call.options.prompt].filter(Boolean).join(' | ');
}

/** Answers UI calls by the first rule that matches (each used `times` times); anything else is Escape. */
export class ScriptedUser {
  private readonly rules: Rule[] = [];

  on(kind: UiCall['kind'], text: RegExp, answer: (call: any) => unknown, times = 1): this {
    this.rules.push({ match: (call) => call.kind === kind && text.test(callText(call)), answer, times });
    return this;
  }

  /** Types `value` into the input box whose title/prompt matches. */
  input(text: RegExp, value: string, times = 1): this {
    return this.on('inputBox', text, () => value, times);
  }

  /** Presses Enter on the prefilled value. */
  accept(text: RegExp, times = 1): this {
    return this.on('inputBox', text, (call) => call.options.value ?? '', times);
  }

  pick(text: RegExp, choose: (item: any) => boolean, times = 1): this {
    return this.on('quickPick', text, (call) => call.items.find(choose), times);
  }

  /** Chooses the review's first item ("Provision", "Re-authorize"): go. */
  review(times = 1): this {
    return this.on('quickPick', REVIEW, (call) => call.items[0], times);
  }

  button(text: RegExp, button: string, times = 1): this {
    return this.on('message', text, () => button, times);
  }

  /** Forgets the rules not used up (between two runs of a command). */
  reset(): this {
    this.rules.length = 0;
    return this;
  }

  respond(call: UiCall): unknown {
    const rule = this.rules.find((candidate) => candidate.times > 0 && candidate.match(call));
    if (!rule) return undefined;
    rule.times--;
    return rule.answer(call);
  }
}

export type BrowserBehavior = (oauthUrl: string) => Promise<void>;

/** `env.openExternal`: records the URL and runs `behavior` in the background, as a real browser would. */
export class ScriptedBrowser {
  readonly opened: string[] = [];
  /** The options each `env.openExternal` call was given. */
  readonly openOptions: unknown[] = [];
  /** Pages the loopback server answered. */
  readonly pages: Array<{ status: number; html: string }> = [];
  behavior: BrowserBehavior = async () => {};
  private readonly tasks: Array<Promise<unknown>> = [];

  open(url: string): void {
    this.opened.push(url);
    this.tasks.push(this.behavior(url));
  }

  /** Waits for everything the browser did (and rethrows its failures). */
  async settled(): Promise<void> {
    await Promise.all(this.tasks);
  }
}

/** What VS Code does with a `vscode://…/callback` redirect: hands it to the registered URI handler. */
export async function openInVsCode(location: string): Promise<void> {
  const handler = (vscode.window as any).uriHandler as { handleUri(uri: unknown): unknown };
  await handler.handleUri(vscode.Uri.parse(location));
}

/** The user clicks Allow/Deny; the redirect lands in VS Code's URI handler. */
export function returnsToVsCode(decision: 'allow' | 'deny'): BrowserBehavior {
  return async (url) => openInVsCode((await decide(url, decision)).location);
}

/** The user clicks; the browser follows the redirect over HTTP (loopback mode). */
export function followsRedirect(browser: ScriptedBrowser, decision: 'allow' | 'deny'): BrowserBehavior {
  return async (url) => {
    const response = await fetch((await decide(url, decision)).location);
    browser.pages.push({ status: response.status, html: await response.text() });
  };
}

export interface Mounted extends Harness {
  user: ScriptedUser;
  browser: ScriptedBrowser;
  revealed: number[];
  emulator: RunningEmulator;
  dispose(): void;
}

const originalAnswer = vscode.ui.answer;
const originalOpenExternal = vscode.env.openExternal;

/** `baseUrl`: where the extension sends its API calls (default: the emulator itself; e.g. a fault proxy in front of it). */
export async function mount(
  emulator: RunningEmulator,
  options: { signedIn?: boolean; baseUrl?: string; events?: (services: Harness['services']) => EventInbox } = {},
): Promise<Mounted> {
  const harness = createHarness(options.baseUrl ?? emulator.apiBaseUrl);
  if (options.signedIn ?? true) {
    await harness.services.vault.setAccount('custom', { userSecret: emulator.userSecret, orgSecret: emulator.orgSecret });
  }
  await harness.services.session.refresh();
  const revealed: number[] = [];
  harness.services.instances = { refresh: async () => {}, reveal: async (id) => void revealed.push(id) };
  const user = new ScriptedUser();
  const browser = new ScriptedBrowser();
  vscode.ui.answer = function answer(call: UiCall) {
    this.calls.push(call);
    return user.respond(call);
  };
  vscode.env.openExternal = async (uri: vscode.Uri, options?: unknown) => {
    browser.openOptions.push(options);
    browser.open(uri.toString());
    return true;
  };
  const registration = registerProvisioning({ ...harness.services, ...(options.events && { eventInbox: options.events(harness.services) }) });
  return {
    ...harness,
    user,
    browser,
    revealed,
    emulator,
    dispose() {
      registration.dispose();
      harness.services.registry.dispose();
      vscode.ui.answer = originalAnswer;
      vscode.env.openExternal = originalOpenExternal;
    },
  };
}

export type MessageCall = Extract<UiCall, { kind: 'message' }>;

export function messages(): MessageCall[] {
  return vscode.ui.calls.filter((call): call is MessageCall => call.kind === 'message');
}

/** Every secret the test knows of: typed values, and what the emulator stores for its instances. */
export async function knownSecrets(emulator: RunningEmulator, typed: string[]): Promise<string[]> {
  const stored = [...collectSecrets(await storedInstances(emulator))].filter((value) => value.length >= 6);
  return [...new Set([...typed, ...stored, emulator.userSecret, emulator.orgSecret])];
}

export const PICK_ELEMENT = /^Cloud Elements: Provision Element \|/;
/** The wizard's last step, after the numbered ones. */
export const REVIEW = /: Review \|/;

export interface WizardScript {
  element: string;
  flow?: string;
  /** Field label → value typed. */
  fields: Record<string, string>;
  name?: string;
  tags?: string;
}

/** The answers for one run of "Provision Element"; booleans get their default. */
export function script(user: ScriptedUser, s: WizardScript): void {
  user.pick(PICK_ELEMENT, (item) => item.element.key === s.element);
  if (s.flow) user.pick(/^Cloud Elements: Provision Element: /, (item) => item.flow.type === s.flow);
  for (const [label, value] of Object.entries(s.fields)) user.input(new RegExp(`: ${label} \\(\\d+/\\d+\\)`), value);
  if (s.name !== undefined) user.input(/: Instance name \(/, s.name);
  else user.accept(/: Instance name \(/);
  user.input(/: Tags \(/, s.tags ?? '');
  user.pick(/\(\d+\/\d+\)/, (item) => item.description === 'default', 5);
  user.review();
}

/**
 * Runs "Provision Element" and waits for the scripted browser. A run that does not end (a
 * callback that never reaches its flow waits for the authorization timeout, minutes) fails
 * saying what it was waiting for.
 */
export async function provision(m: Mounted, argument?: unknown): Promise<unknown> {
  const run = (async () => {
    const result = await vscode.commands.executeCommand('cloudElements.provision', argument);
    await m.browser.settled();
    return result;
  })();
  return within(run, 'Provision Element to end', () => waitingFor(m));
}

/** What a run that does not end was waiting for, as far as the test can see. */
function waitingFor(m: Mounted): string {
  const last = vscode.ui.calls.at(-1);
  const progress = vscode.window.progressReports.at(-1);
  return [
    `flows waiting for a callback: ${m.services.registry.size}`,
    `browser opened ${m.browser.opened.length} URL(s), got pages ${JSON.stringify(m.browser.pages.map((page) => page.status))}`,
    `last UI call: ${last ? `${last.kind} "${callText(last)}"` : 'none'}`,
    `last progress: ${JSON.stringify(progress ?? null)}`,
  ].join('; ');
}

/** No known secret in any UI call, progress report or log line. */
export async function assertNoSecretShown(m: Mounted, typed: string[], except: string[] = []): Promise<void> {
  const secrets = (await knownSecrets(m.emulator, typed)).filter((secret) => !except.includes(secret));
  const ui = JSON.stringify(vscode.ui.calls);
  const progress = JSON.stringify(vscode.window.progressReports);
  for (const secret of secrets) {
    assert.ok(!ui.includes(secret), 'a UI call shows a secret');
    assert.ok(!progress.includes(secret), 'progress shows a secret');
    for (const line of m.logLines) assert.ok(!line.includes(secret), `log line shows a secret: ${line.replace(secret, '<SECRET>')}`);
  }
}
