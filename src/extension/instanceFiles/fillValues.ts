/**
 * "Enter the Client ID…", "Fill in the missing configuration…", "Name the instance…", "Choose the
 * element…": the quick fixes that ask for what only the person knows, instead of writing a
 * placeholder the linter would flag at once. Each value is checked as the provisioning wizard
 * checks it; a secret goes to the keychain and the file gets its `${keychain:…}` reference.
 * Escape anywhere: nothing is stored or written.
 */
import * as vscode from 'vscode';
import { catalog } from '../../core/catalog';
import type { FillField, FillTarget } from '../../core/instanceFile/fillIn';
import { keychainName, referenceTo } from '../../core/instanceFile/keychainRefs';
import { keychainReference } from '../../core/instanceFile/values';
import { pickElement } from '../pickers';
import { checkAnswer } from '../provisioning/fieldPrompts';
import type { Services } from '../services';
import { displayName } from './documents';
import { describeFill, fillEdits } from './lazyLinter';
import { toWorkspaceEdit } from './textEdits';
import { notify } from '../notify';

export const FILL_VALUES_COMMAND = 'cloudElements.fillInstanceValues';

export interface FillValuesArguments {
  uri: vscode.Uri;
  targets: FillTarget[];
}

type Answer = { json: string; secret?: { name: string; value: string } };

const TITLE = 'Cloud Elements: Fill In';

async function askBoolean(field: FillField, step: string): Promise<string | undefined> {
  const values = field.preset === 'true' ? ['true', 'false'] : ['false', 'true'];
  const items = values.map((value) => ({ label: value, ...(field.preset === value && { description: 'default' }) }));
  return (await vscode.window.showQuickPick(items, { title: `${TITLE}: ${field.label}${step}`, placeHolder: field.help ?? field.label }))?.label;
}

async function askText(field: FillField, step: string): Promise<string | undefined> {
  const prompt = { label: field.label, kind: field.kind, optional: false };
  const help = [field.help, field.secret ? 'Stored in the OS keychain; the file gets a ${keychain:…} reference.' : undefined].filter(Boolean).join(' ');
  const value = await vscode.window.showInputBox({
    title: `${TITLE}: ${field.label}${step}`,
    ...(help !== '' && { prompt: help }),
    ...(field.preset !== undefined && { value: field.preset }),
    password: field.secret,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const check = checkAnswer(prompt, text);
      return check.ok ? undefined : check.message;
    },
  });
  if (value === undefined) return undefined;
  const check = checkAnswer(prompt, value);
  return check.ok ? check.value : undefined;
}

/** One answer, as JSON for the file (a secret as its reference); undefined on Escape. */
async function ask(field: FillField, step: string, elementKey: string | undefined): Promise<Answer | undefined> {
  const { target } = field;
  if (target.section === 'element') {
    const element = await pickElement(catalog, `${TITLE}: Element${step}`);
    return element && { json: JSON.stringify(element.key) };
  }
  const value = field.kind === 'boolean' ? await askBoolean(field, step) : await askText(field, step);
  if (value === undefined) return undefined;
  if (!field.secret || target.section !== 'configuration' || keychainReference(value) !== undefined) return { json: JSON.stringify(value) };
  const name = keychainName(elementKey ?? 'instance', 'configuration', target.key);
  return { json: JSON.stringify(referenceTo(name)), secret: { name, value } };
}

export async function fillInstanceValues(services: Pick<Services, 'session' | 'vault' | 'log'>, args: FillValuesArguments | undefined): Promise<boolean> {
  if (!args?.uri || !Array.isArray(args.targets) || args.targets.length === 0) {
    void notify('error', 'Use this command from a quick fix on an instance file.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(args.uri);
  const before = document.getText();
  const { element, fields } = describeFill(before, args.targets);
  const answers: Array<{ target: FillTarget; json: string }> = [];
  const secrets: Array<{ name: string; value: string }> = [];
  for (const [index, field] of fields.entries()) {
    const step = fields.length > 1 ? ` (${index + 1}/${fields.length})` : '';
    const answer = await ask(field, step, element?.key);
    if (!answer) return false;
    answers.push({ target: field.target, json: answer.json });
    if (answer.secret) secrets.push(answer.secret);
  }
  if (document.getText() !== before) {
    void notify('warning', `${displayName(document)} changed while you answered; nothing was written. Try the quick fix again.`);
    return false;
  }
  const { environment } = services.session.state;
  for (const secret of secrets) await services.vault.setKeychain(environment.id, secret.name, secret.value);
  if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, fillEdits(before, answers))))) {
    void notify('error', `Could not edit ${displayName(document)}.${secrets.length ? ` The secrets were stored in the keychain (${environment.label}): ${secrets.map((secret) => referenceTo(secret.name)).join(', ')}.` : ''}`);
    return false;
  }
  if (secrets.length > 0) {
    services.log.info(`Stored keychain entries ${secrets.map((secret) => `"${secret.name}"`).join(', ')} (${environment.label}) for ${displayName(document)}.`);
    void notify('info', `Stored in the keychain (${environment.label}): the file refers to ${secrets.map((secret) => referenceTo(secret.name)).join(', ')}.`,
    );
  }
  return true;
}
