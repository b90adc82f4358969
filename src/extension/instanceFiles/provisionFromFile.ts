/**
 * "Provision from This File": the open instance.json, with its `${keychain:NAME}` references
 * filled from the keychain, sent as `POST /instances`.
 */
import * as vscode from 'vscode';
import type { CloudElementsClient } from '../../core/api/client';
import type { CreateInstanceRequest, Instance } from '../../core/api/types';
import { catalog } from '../../core/catalog';
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';
import { detectFlow } from '../../core/instanceFile/requirements';
import { hasSpentAuthorization } from '../../core/instanceFile/reusableBody';
import type { LintDiagnostic } from '../../core/instanceFile/diagnostics';
import { resolveKeychainReferences } from '../../core/instanceFile/keychainRefs';
import { keepSignatureKey } from '../events/eventInbox';
import { lintInstanceText } from './lazyLinter';
import type { LintOptions } from '../../core/instanceFile/lint';
import { remainingPlaceholders } from '../../core/instanceFile/placeholders';
import { LineIndex } from '../../core/instanceFile/text';
import { createWrite, WriteFailure, writeOnce } from '../../core/provisioning/instanceWrites';
import type { WriteResult } from '../../core/provisioning/instanceWrites';
import { withCancellableProgress } from '../cancellableProgress';
import { signIn } from '../commands/account';
import { errorText } from '../errorText';
import { notify } from '../notify';
import { foundAfterLostAnswerText, lostAnswerText, REFRESH_INSTANCES } from '../provisioning/outcomeTexts';
import type { Services } from '../services';
import type { BoundEnvironment } from '../session';
import { markProvisioned } from '../walkthrough';
import { displayName, targetDocument } from './documents';

export const SHOW_PROBLEMS = 'Show Problems';
export const PROVISION_ANYWAY = 'Provision Anyway';
export const AUTHORIZE_AND_PROVISION = 'Authorize and Provision…';

/** The catalog flow of a body whose providerData comes from a browser step (OAuth), if it is one. */
function oauthFlowOf(body: CreateInstanceRequest): { element: ElementDefinition; flow: FlowDefinition } | undefined {
  const element = 'key' in body.element ? catalog.get(body.element.key) : undefined;
  if (!element) return undefined;
  const flow = detectFlow(element, body);
  return hasSpentAuthorization(flow) ? { element, flow } : undefined;
}

/** What only a new sign-in fills: the browser step's providerData, and the callback URL the sign-in uses. */
function leftToSignIn(placeholder: string): boolean {
  return placeholder.startsWith('providerData ') || placeholder === 'configuration "oauth.callback.url"';
}

/** Runs Provision Element for the file's element; the file, still the active editor, prefills the answers. */
async function authorizeAndProvision(elementKey: string): Promise<void> {
  await vscode.commands.executeCommand('cloudElements.provision', elementKey);
}

/** "2 errors, the first on line 3: Missing comma…" */
export function describeErrors(text: string, errors: readonly LintDiagnostic[]): string {
  const first = errors[0]!;
  const line = new LineIndex(text).position(first.offset).line;
  return `${errors.length === 1 ? '1 error' : `${errors.length} errors`}, ${errors.length === 1 ? 'on' : 'the first on'} line ${line}: ${first.message}`;
}

/** The body, or why the text is not one. JSON.parse's own message is not used: it quotes the text, which may hold a secret. */
export function parseBody(text: string): { body: CreateInstanceRequest } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { problem: 'is not valid JSON: fix the syntax errors first' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'must hold one JSON object: {"element": …, "name": …, "configuration": …}' };
  }
  return { body: value as CreateInstanceRequest };
}

/** Whether the linter's errors stop the request: the user decides. */
async function acceptLintErrors(document: vscode.TextDocument, options: LintOptions): Promise<boolean> {
  const text = document.getText();
  const errors = lintInstanceText(text, options).filter((finding) => finding.severity === 'error');
  if (errors.length === 0) return true;
  const answer = await notify('error', `${displayName(document)} has ${describeErrors(text, errors)}`,
    SHOW_PROBLEMS,
    PROVISION_ANYWAY,
  );
  if (answer === SHOW_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return answer === PROVISION_ANYWAY;
}

/**
 * Sends `POST /instances` once; after an answer that leaves open whether it worked (a reset, a
 * timeout, a 5xx, a cancel in flight) the account is looked at before anything is said.
 */
async function send(client: CloudElementsClient, body: CreateInstanceRequest, label: string): Promise<WriteResult> {
  const write = createWrite(client);
  return withCancellableProgress(`Provisioning ${label}…`, (signal, report) =>
    writeOnce(write, body, signal, () => report({ message: 'The answer was lost: checking the account for the instance…' })),
  );
}

/** A refusal that says the authorization in the body was spent (or never valid): the provider's own words for it. */
const SPENT_AUTHORIZATION = /invalid_grant|token_rejected|verifier_invalid|permission_unknown/;

/** What to say when the write failed: only the API's own refusal (or not sending) means nothing was created. */
async function showWriteFailure(services: Pick<Services, 'log' | 'instances'>, failure: WriteFailure, file: string, body: CreateInstanceRequest): Promise<void> {
  const name = body.name;
  const reason = services.log.redact(errorText(failure.error));
  if (failure.outcome === 'not-applied') {
    const cancelled = (failure.error as { kind?: string } | undefined)?.kind === 'cancelled' || failure.error instanceof DOMException;
    if (cancelled) {
      void notify('info', 'Provisioning cancelled before the request was sent. Nothing was created.');
      return;
    }
    const oauth = oauthFlowOf(body);
    if (oauth && SPENT_AUTHORIZATION.test(reason)) {
      const spent = `Could not provision from ${file}: ${reason} The authorization in its providerData was already used or has expired: it works for one instance only. Nothing was created. "${AUTHORIZE_AND_PROVISION}" runs the sign-in again with this file's answers.`;
      services.log.warn(spent);
      if ((await notify('error', spent, AUTHORIZE_AND_PROVISION)) === AUTHORIZE_AND_PROVISION) await authorizeAndProvision(oauth.element.key);
      return;
    }
    const message = `Could not provision from ${file}: ${reason} Nothing was created.`;
    services.log.warn(message);
    if ((await notify('error', message, 'Show Log')) === 'Show Log') services.log.show();
    return;
  }
  const message = `Provisioning from ${file} got no clear answer: ${reason} ${lostAnswerText('create', failure.outcome, name, failure.lookupError)}`;
  services.log.warn(message);
  if ((await notify('warning', message, REFRESH_INSTANCES)) === REFRESH_INSTANCES) await services.instances?.refresh();
}

function elementLabel(body: CreateInstanceRequest): string {
  return 'key' in body.element ? body.element.key : `element #${body.element.id}`;
}

export async function provisionFromFile(services: Pick<Services, 'session' | 'settings' | 'vault' | 'log' | 'instances'>, options: () => LintOptions, argument?: unknown): Promise<Instance | undefined> {
  const document = await targetDocument(argument);
  if (!document) return undefined;
  const file = displayName(document);
  if (!(await acceptLintErrors(document, options()))) return undefined;
  const parsed = parseBody(document.getText());
  if ('problem' in parsed) {
    const answer = await notify('error', `${file} ${parsed.problem}. Nothing was sent.`, SHOW_PROBLEMS);
    if (answer === SHOW_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  if (!services.session.state.signedIn && !(await signIn(services))) return undefined;
  // The environment and its client, read together: the keychain read and the write go to the same one.
  let bound: BoundEnvironment;
  try {
    bound = await services.session.bind();
  } catch (error) {
    void notify('error', `Could not provision from ${file}: ${services.log.redact(errorText(error))} Nothing was sent.`);
    return undefined;
  }
  const { environment, client } = bound;
  const resolved = await resolveKeychainReferences(parsed.body, (name) => services.vault.keychain(environment.id, name));
  if (resolved.missing.length > 0) {
    void notify('error', `Not in the keychain (${environment.label}): ${resolved.missing.map((name) => `\${keychain:${name}}`).join(', ')}. ` +
        `Nothing was sent. Put the values in ${file} and use the quick fix "Store this secret in the keychain…", or provision from another environment.`,
    );
    return undefined;
  }
  const placeholders = remainingPlaceholders(resolved.body);
  const oauth = oauthFlowOf(resolved.body);
  if (oauth && placeholders.length > 0 && placeholders.every(leftToSignIn)) {
    const answer = await notify(
      'info',
      `${file} is for ${oauth.element.name} (${oauth.flow.label}): its providerData comes from authorizing in the browser, for each new instance (a code works once). Nothing was sent. "${AUTHORIZE_AND_PROVISION}" runs the sign-in with this file's answers.`,
      AUTHORIZE_AND_PROVISION,
    );
    if (answer === AUTHORIZE_AND_PROVISION) await authorizeAndProvision(oauth.element.key);
    return undefined;
  }
  if (placeholders.length > 0) {
    void notify('error', `${file} still has placeholders: ${placeholders.join(', ')}. Fill them in; nothing was sent.`);
    return undefined;
  }

  const label = `${elementLabel(resolved.body)} instance "${resolved.body.name}"`;
  let result: WriteResult;
  try {
    result = await send(client, resolved.body, label);
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    await showWriteFailure(services, error, file, resolved.body);
    return undefined;
  }
  const { instance, lostAnswer } = result;
  if (instance.token) await services.vault.setInstanceToken(environment.id, instance.id, instance.token);
  await keepSignatureKey(services.vault.forEnvironment(environment.id), instance.id, resolved.body.configuration);
  markProvisioned();
  services.log.info(`Created ${label} (#${instance.id}) from ${file}${lostAnswer ? ' (the answer was lost; found in the account)' : ''}.`);
  services.instances?.reveal(instance.id).catch((error: unknown) => services.log.warn(`Could not show instance #${instance.id}: ${errorText(error)}`));
  const created = `Created ${elementLabel(resolved.body)} instance "${instance.name}" (#${instance.id}) on ${environment.label}.`;
  void notify('info', lostAnswer ? `${created} ${foundAfterLostAnswerText(lostAnswer)}` : created);
  return instance;
}
