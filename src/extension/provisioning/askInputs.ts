/**
 * The provisioning wizard: exactly what a flow needs (fieldPrompts.ts), then the instance name
 * and tags, one step at a time with Back, then a review of every answer — choose one to change
 * it, or go. App credentials stored in the keychain for the element are offered again; a
 * `${keychain:NAME}` answer (from an open instance file) stays a reference until the end.
 * Escape anywhere: undefined, nothing sent.
 */
import * as vscode from 'vscode';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { keychainReference } from '../../core/instanceFile/values';
import type { ProvisionInputs } from '../../core/provisioning/flowRequest';
import type { FlowAction } from '../../core/provisioning/steps';
import { notify } from '../notify';
import { checkAnswer, displayAnswer, elementNotes, EMULATOR_NOTE, fieldPrompts, parseTags, tagsPlaceholder, unaskedConfiguration, withNotes } from './fieldPrompts';
import type { AnswerCheck, FieldPrompt } from './fieldPrompts';
import { BACK, MultiStepInput } from './multiStepInput';
import type { Back, StepPlace } from './multiStepInput';
import type { RunContext } from './runContext';
import { instanceNamePrompt, missingReferenceText, reviewGoText } from './texts';

export interface AskOptions {
  /** "Provision Xero (OAuth 2)" */
  title: string;
  action: FlowAction;
  name: string;
  tags?: string[];
  /** Answers to offer: the instance's configuration, or the open instance file's; secrets only as keychain references. */
  prefill?: Record<string, unknown>;
  /** Lines for the user, said once (the callback mode's requirement, where the prefill came from). */
  notes?: string[];
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

/** `fromKeychain`: the element's stored app credential, chosen in the wizard. */
interface Answer {
  value: string;
  fromKeychain: boolean;
}

type StepResult = 'next' | Back | undefined;

interface WizardStep {
  label: string;
  /** The box the notes go under: a text box the wizard always shows first. */
  asksText: boolean;
  ask(wizard: MultiStepInput, place: StepPlace, notes: readonly string[]): Promise<StepResult>;
  /** The answer as the review shows it. */
  shown(): string;
}

interface ChoiceItem extends vscode.QuickPickItem {
  choice: 'stored' | 'new' | 'true' | 'false' | 'skip';
}

/** A reference must name something in this environment's keychain. */
async function checkReference(run: RunContext, check: AnswerCheck): Promise<AnswerCheck> {
  const name = check.ok ? keychainReference(check.value) : undefined;
  if (name === undefined || (await run.vault.keychain(name)) !== undefined) return check;
  return { ok: false, message: missingReferenceText(name, run.environment.label) };
}

function fieldStep(run: RunContext, prompt: FieldPrompt, stored: string | undefined, answers: Map<string, Answer>): WizardStep {
  const answered = () => answers.get(prompt.key);

  const askStored = (wizard: MultiStepInput, place: StepPlace) => {
    const items: ChoiceItem[] = [
      { label: `$(key) Use the stored ${prompt.label}`, description: 'from the keychain', choice: 'stored' },
      { label: '$(edit) Enter a new one', choice: 'new' },
    ];
    const current = answered();
    return wizard.pick({ ...place, items, placeholder: prompt.label, active: current && !current.fromKeychain ? items[1] : items[0] });
  };

  const askBoolean = async (wizard: MultiStepInput, place: StepPlace): Promise<string | Back | undefined> => {
    // "default" marks the documented default only; a prefilled value (the instance's, the file's) is the active item.
    const values: Array<'true' | 'false'> = prompt.defaultValue === 'true' ? ['true', 'false'] : ['false', 'true'];
    const items: ChoiceItem[] = values.map((value) => ({ label: value, ...(prompt.defaultValue === value && { description: 'default' }), choice: value }));
    if (prompt.optional && prompt.defaultValue === undefined) items.push({ label: 'Leave unset', choice: 'skip' });
    const current = answered()?.value ?? prompt.value;
    const picked = await wizard.pick({ ...place, items, placeholder: prompt.prompt, active: items.find((item) => item.label === current) });
    if (picked === undefined || picked === BACK) return picked;
    return picked.choice === 'skip' ? '' : picked.choice;
  };

  const askText = (wizard: MultiStepInput, place: StepPlace, notes: readonly string[]) => {
    const current = answered();
    const value = current && !current.fromKeychain ? current.value : prompt.value;
    return wizard.askText({
      ...place,
      prompt: withNotes(prompt.prompt, notes),
      placeholder: prompt.placeHolder,
      ...(value !== undefined && { value }),
      // A reference is no secret: it stays readable.
      password: prompt.password && (value === undefined || keychainReference(value) === undefined),
      check: async (text) => checkReference(run, checkAnswer(prompt, text)),
    });
  };

  return {
    label: prompt.label,
    asksText: stored === undefined && prompt.kind !== 'boolean',
    async ask(wizard, place, notes) {
      for (;;) {
        if (stored !== undefined) {
          const choice = await askStored(wizard, place);
          if (choice === undefined || choice === BACK) return choice;
          if (choice.choice === 'stored') {
            answers.set(prompt.key, { value: stored, fromKeychain: true });
            return 'next';
          }
        }
        // After "Enter a new one", Back returns to that choice.
        const inner = { ...place, back: place.back || stored !== undefined };
        const answer = prompt.kind === 'boolean' ? await askBoolean(wizard, inner) : await askText(wizard, inner, notes);
        if (answer === BACK && stored !== undefined) continue;
        if (answer === undefined || answer === BACK) return answer;
        answers.set(prompt.key, { value: answer, fromKeychain: false });
        return 'next';
      }
    },
    shown() {
      const current = answered();
      if (current?.value === '' && prompt.defaultValue !== undefined) return `${prompt.defaultValue} (the default)`;
      return current ? displayAnswer(prompt, current.value, current.fromKeychain) : '(not set)';
    },
  };
}

function textStep(
  label: string,
  box: { prompt: string; placeholder: string; initial: string; required?: string },
  keep: (value: string) => void,
  current: () => string,
  shown: () => string,
): WizardStep {
  let answered = false;
  return {
    label,
    asksText: true,
    async ask(wizard, place, notes) {
      const answer = await wizard.askText({
        ...place,
        prompt: withNotes(box.prompt, notes),
        placeholder: box.placeholder,
        value: answered ? current() : box.initial,
        check: (text) => (box.required && text.trim() === '' ? { ok: false, message: box.required } : { ok: true, value: text.trim() }),
      });
      if (answer === undefined || answer === BACK) return answer;
      answered = true;
      keep(answer);
      return 'next';
    },
    shown,
  };
}

interface ReviewItem extends vscode.QuickPickItem {
  /** The step to change; undefined: go. */
  step?: number;
}

/** The review: every answer, choose one to change it; the first item goes. BACK returns to the last step. */
async function review(wizard: MultiStepInput, title: string, steps: readonly WizardStep[], go: { label: string; description: string }): Promise<number | 'go' | Back | undefined> {
  const goItem: ReviewItem = { label: `$(check) ${go.label}`, description: go.description, alwaysShow: true };
  const items: ReviewItem[] = [
    goItem,
    { label: 'Your answers: choose one to change it', kind: vscode.QuickPickItemKind.Separator },
    ...steps.map((step, index) => ({ label: step.label, description: step.shown(), step: index })),
  ];
  const picked = await wizard.pick({ title: `${title}: Review`, back: true, items, active: goItem, placeholder: `${go.label}, or choose an answer to change it` });
  if (picked === undefined || picked === BACK) return picked;
  return picked.step ?? 'go';
}

/** Steps in order, Back to the previous one; after the review, a changed answer returns to the review. Undefined: Escape. */
async function walk(wizard: MultiStepInput, title: string, steps: readonly WizardStep[], notes: readonly string[], go: { label: string; description: string }): Promise<boolean> {
  // The element's notes are said once: under the first step that always shows a text box (at the latest, the instance name).
  const notesAt = steps[0]?.asksText ? 0 : steps.findIndex((step, index) => index > 0 && step.asksText);
  let index = 0;
  let changing = false;
  for (;;) {
    if (index === steps.length) {
      const choice = await review(wizard, title, steps, go);
      if (choice === undefined) return false;
      if (choice === 'go') return true;
      changing = choice !== BACK;
      index = choice === BACK ? steps.length - 1 : choice;
      continue;
    }
    const step = steps[index]!;
    const place: StepPlace = { title: `${title}: ${step.label}`, step: index + 1, totalSteps: steps.length, back: index > 0 || changing };
    const result = await step.ask(wizard, place, index === notesAt ? notes : []);
    if (result === undefined) return false;
    if (changing) {
      changing = false;
      index = steps.length;
    } else {
      index += result === BACK ? -1 : 1;
    }
  }
}

/** The configuration to send: references resolved from the run's keychain, app secrets typed in noted. Undefined (the user told) when a reference went missing. */
async function configurationOf(
  run: RunContext,
  prompts: readonly FieldPrompt[],
  answers: Map<string, Answer>,
): Promise<{ configuration: Record<string, string>; newAppSecrets: AppSecret[] } | undefined> {
  const configuration: Record<string, string> = {};
  const newAppSecrets: AppSecret[] = [];
  for (const prompt of prompts) {
    const given = answers.get(prompt.key);
    // An empty answer to a field with a documented default sends the default: it is filled in, never demanded.
    const answer = given?.value === '' && prompt.defaultValue !== undefined ? { value: prompt.defaultValue, fromKeychain: false } : given;
    if (!answer || answer.value === '') continue;
    const reference = keychainReference(answer.value);
    const value = reference === undefined ? answer.value : await run.vault.keychain(reference);
    if (value === undefined) {
      void notify('error', `${missingReferenceText(reference!, run.environment.label)} Nothing was sent.`);
      return undefined;
    }
    configuration[prompt.key] = value;
    if (prompt.password) run.log.addSecret(value);
    if (prompt.offerStored && !answer.fromKeychain && reference === undefined) newAppSecrets.push({ key: prompt.key, value });
  }
  return { configuration, newAppSecrets };
}

/** The flow's configuration, then the instance name and tags, then the review. Undefined when the user pressed Escape. */
export async function askInputs(
  run: RunContext,
  element: ElementDefinition,
  flow: FlowDefinition,
  options: AskOptions,
): Promise<CollectedInputs | undefined> {
  const emulator = run.environment.id === 'local';
  const prompts = fieldPrompts(element, flow, { ...(options.prefill && { prefill: options.prefill }), emulator });
  const answers = new Map<string, Answer>();
  let name = options.name;
  let tags = (options.tags ?? []).join(', ');
  const steps: WizardStep[] = [];
  for (const prompt of prompts) {
    const stored = prompt.offerStored ? await run.vault.appSecret(element.key, prompt.key) : undefined;
    steps.push(fieldStep(run, prompt, stored, answers));
  }
  steps.push(
    textStep(
      'Instance name',
      { prompt: instanceNamePrompt(options.action), placeholder: options.name, initial: options.name, required: 'The instance needs a name.' },
      (value) => (name = value),
      () => name,
      () => name,
    ),
    textStep(
      'Tags',
      { prompt: 'Tags, comma-separated. Optional: leave empty for none.', placeholder: tagsPlaceholder(flow), initial: tags },
      (value) => (tags = value),
      () => tags,
      () => (parseTags(tags).join(', ') || '(none)'),
    ),
  );
  const credentials = prompts.some((prompt) => prompt.offerStored);
  const notes = elementNotes(element, [...(options.notes ?? []), ...(emulator && credentials ? [EMULATOR_NOTE] : [])]);

  const wizard = new MultiStepInput();
  try {
    const go = reviewGoText(options.action, element.name, run.environment.label, flow.oauth !== undefined);
    if (!(await walk(wizard, options.title, steps, notes, go))) return undefined;
  } finally {
    wizard.dispose();
  }
  const collected = await configurationOf(run, prompts, answers);
  if (!collected) return undefined;
  const configuration = { ...unaskedConfiguration(flow, options.prefill), ...collected.configuration };
  return { inputs: { configuration, name: name.trim(), tags: parseTags(tags) }, newAppSecrets: collected.newAppSecrets };
}
