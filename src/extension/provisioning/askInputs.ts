/**
 * Asks the user for exactly what a flow needs (from fieldPrompts.ts), offering the app
 * credentials stored in the keychain for the element. Escape anywhere: undefined.
 */
import * as vscode from 'vscode';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import type { ProvisionInputs } from '../../core/provisioning/engine';
import type { RunContext } from './runContext';
import { elementNotes, fieldPrompts, parseTags, validateField, withNotes } from './fieldPrompts';
import type { FieldPrompt, PromptOptions } from './fieldPrompts';

export interface AskOptions extends PromptOptions {
  /** "Provision Xero (OAuth 2)" */
  title: string;
  name: string;
  tags?: string[];
}

export interface AppSecret {
  key: string;
  value: string;
}

export interface CollectedInputs {
  inputs: ProvisionInputs;
  /** App credentials typed in (not taken from the keychain): stored once the flow succeeds. */
  newAppSecrets: AppSecret[];
}

interface ChoiceItem extends vscode.QuickPickItem {
  choice: 'stored' | 'new' | 'true' | 'false' | 'skip';
}

/** Undefined on Escape; `skip` for an optional field left empty. */
type Answer = { value: string; fromKeychain: boolean } | 'skip' | undefined;

async function askStoredOrNew(prompt: FieldPrompt, title: string): Promise<'stored' | 'new' | undefined> {
  const items: ChoiceItem[] = [
    { label: `$(key) Use the stored ${prompt.label}`, description: 'from the keychain', choice: 'stored' },
    { label: '$(edit) Enter a new one', choice: 'new' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: prompt.label, ignoreFocusOut: true });
  return picked?.choice === 'stored' || picked?.choice === 'new' ? picked.choice : undefined;
}

async function askBoolean(prompt: FieldPrompt, title: string): Promise<Answer> {
  const values: Array<'true' | 'false'> = prompt.value === 'true' ? ['true', 'false'] : ['false', 'true'];
  const items: ChoiceItem[] = values.map((value) => ({
    label: value,
    ...(prompt.value === value && { description: 'default' }),
    choice: value,
  }));
  if (prompt.optional && prompt.value === undefined) items.push({ label: 'Leave unset', choice: 'skip' });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: prompt.prompt, ignoreFocusOut: true });
  if (!picked) return undefined;
  return picked.choice === 'skip' ? 'skip' : { value: picked.choice, fromKeychain: false };
}

async function askText(prompt: FieldPrompt, title: string): Promise<Answer> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: prompt.prompt,
    placeHolder: prompt.placeHolder,
    ...(prompt.value !== undefined && { value: prompt.value }),
    password: prompt.password,
    ignoreFocusOut: true,
    validateInput: (value) => validateField(prompt, value),
  });
  if (text === undefined) return undefined;
  const value = text.trim();
  return value === '' ? 'skip' : { value, fromKeychain: false };
}

async function askField(run: RunContext, element: ElementDefinition, prompt: FieldPrompt, title: string): Promise<Answer> {
  if (prompt.offerStored) {
    const stored = await run.vault.appSecret(element.key, prompt.key);
    if (stored) {
      const choice = await askStoredOrNew(prompt, title);
      if (choice === undefined) return undefined;
      if (choice === 'stored') return { value: stored, fromKeychain: true };
    }
  }
  return prompt.kind === 'boolean' ? askBoolean(prompt, title) : askText(prompt, title);
}

/** The flow's configuration, then the instance name and tags. Undefined when the user pressed Escape. */
export async function askInputs(
  run: RunContext,
  element: ElementDefinition,
  flow: FlowDefinition,
  options: AskOptions,
): Promise<CollectedInputs | undefined> {
  const prompts = fieldPrompts(element, flow, options);
  const total = prompts.length + 2;
  const configuration: Record<string, string> = {};
  const newAppSecrets: AppSecret[] = [];
  for (const [index, prompt] of prompts.entries()) {
    const answer = await askField(run, element, prompt, `${options.title}: ${prompt.label} (${index + 1}/${total})`);
    if (answer === undefined) return undefined;
    if (answer === 'skip') continue;
    configuration[prompt.key] = answer.value;
    if (prompt.password) run.log.addSecret(answer.value);
    if (prompt.offerStored && !answer.fromKeychain) newAppSecrets.push({ key: prompt.key, value: answer.value });
  }

  const notes = elementNotes(element, options.notes);
  const name = await vscode.window.showInputBox({
    title: `${options.title}: Instance name (${total - 1}/${total})`,
    prompt: withNotes('The name of the new instance in Cloud Elements.', notes),
    value: options.name,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'The instance needs a name.' : undefined),
  });
  if (name === undefined) return undefined;
  const tags = await vscode.window.showInputBox({
    title: `${options.title}: Tags (${total}/${total})`,
    prompt: 'Tags, comma-separated. Optional: leave empty for none.',
    placeHolder: 'finance, sandbox',
    value: (options.tags ?? []).join(', '),
    ignoreFocusOut: true,
  });
  if (tags === undefined) return undefined;
  return { inputs: { configuration, name: name.trim(), tags: parseTags(tags) }, newAppSecrets };
}
