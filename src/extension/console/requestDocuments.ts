/**
 * Choosing an operation opens its request document: untitled `.http` text prefilled by the core
 * (path and query parameters, the instance's Authorization as references, an example body from
 * the operation's resolved definitions), in the `http` language when an extension provides it
 * (REST Client does), else plain text.
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { findOperation } from '../../core/console/operations';
import { buildRequestDocument, type RequestDocumentOptions } from '../../core/console/requestDocument';
import { withCancellableProgress } from '../cancellableProgress';
import { notify } from '../notify';
import type { ConsoleBindings } from './binding';
import type { ConsoleDeps } from './contract';
import { apiUnreadableText, operationGoneText } from './texts';

export const HTTP_LANGUAGE = 'http';

/** `http` when VS Code knows the language (an extension contributes it), else `plaintext`. */
export async function requestLanguage(): Promise<string> {
  return (await vscode.languages.getLanguages()).includes(HTTP_LANGUAGE) ? HTTP_LANGUAGE : 'plaintext';
}

type Prepared = { ok: true; text: string } | { ok: false; message?: string };

export async function openOperation(context: { deps: ConsoleDeps; bindings: ConsoleBindings }, instance: Instance, key: string): Promise<void> {
  const binding = await context.bindings.currentAsking('open the API of an instance');
  if (!binding) return;
  const prepared = await withCancellableProgress(`Opening ${key}…`, async (signal): Promise<Prepared> => {
    const docs = await binding.docs.docs(instance.id, signal);
    if (!docs.ok) return docs.problem.kind === 'cancelled' ? { ok: false } : { ok: false, message: apiUnreadableText(instance, docs.problem.message) };
    const operation = findOperation(docs.tree, key);
    if (!operation) return { ok: false, message: operationGoneText(instance, key) };
    const hub = context.deps.hubOf(instance);
    const options: RequestDocumentOptions = { instanceId: instance.id, instanceName: instance.name, ...(hub !== undefined && { hub }) };
    // The operation's own models with references resolved; the docs' definitions fill in when the API has none.
    if (operation.body && operation.operationId !== undefined) options.definitions = await binding.docs.definitions(instance.id, operation.operationId, signal);
    if (signal.aborted) return { ok: false };
    return { ok: true, text: buildRequestDocument(operation, docs.tree, options) };
  });
  if (!prepared.ok) {
    if (prepared.message !== undefined) void notify('error', prepared.message);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ content: prepared.text, language: await requestLanguage() });
  await vscode.window.showTextDocument(document, { preview: false });
}
