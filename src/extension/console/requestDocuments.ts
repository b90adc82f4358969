/**
 * Choosing an operation opens the instance's request document: one `.http` file per instance
 * (`<element>-<id>.http` in the extension's storage, one folder per environment), each operation a
 * `### …` block in it, prefilled by the core (path and query parameters, the instance's
 * Authorization as references, an example body from the operation's resolved definitions). An
 * operation already in it is shown, not added twice; a new one is added at the end and the file
 * saved, so closing it asks nothing. Its language is `http` when an extension provides it (REST
 * Client does), else plain text.
 */
import * as vscode from 'vscode';
import type { Instance } from '../../core/api/types';
import { findOperation } from '../../core/console/operations';
import { buildRequestDocument, type RequestDocumentOptions } from '../../core/console/requestDocument';
import { withCancellableProgress } from '../cancellableProgress';
import { notify } from '../notify';
import type { Binding, ConsoleBindings } from './binding';
import type { ConsoleDeps } from './contract';
import { apiUnreadableText, operationGoneText, requestFileFailedText } from './texts';
import { uriExists } from '../uriExists';

export const HTTP_LANGUAGE = 'http';

/** `http` when VS Code knows the language (an extension contributes it), else `plaintext`. */
export async function requestLanguage(): Promise<string> {
  return (await vscode.languages.getLanguages()).includes(HTTP_LANGUAGE) ? HTTP_LANGUAGE : 'plaintext';
}

type Prepared = { ok: true; text: string } | { ok: false; message?: string };

/** `xero-12.http`: the element and the instance id (names change, ids do not). */
export function requestFileName(instance: Pick<Instance, 'id' | 'element'>): string {
  const element = (instance.element?.key ?? 'instance').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 40) || 'instance';
  return `${element}-${instance.id}.http`;
}

/** The 0-based line of the `### title` block's request line, if the text has that block. */
export function blockLine(text: string, title: string): number | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const start = lines.findIndex((line) => line.replace(/^###/, '').trim() === title && line.startsWith('###'));
  if (start < 0) return undefined;
  for (let line = start + 1; line < lines.length; line++) {
    if (/^[A-Z]+ \S/.test(lines[line]!)) return line;
    if (lines[line]!.startsWith('###')) break;
  }
  return start;
}

/** The text with `block` added at the end, after a blank line. */
export function appendBlock(text: string, block: string): string {
  if (text.trim() === '') return block;
  const trimmed = text.replace(/\s+$/, '');
  return `${trimmed}\n\n${block}`;
}

/** The instance's request document: its file in the extension's storage (created empty), or an untitled one with its name. */
async function instanceDocument(deps: ConsoleDeps, binding: Binding, instance: Instance): Promise<vscode.TextDocument> {
  const name = requestFileName(instance);
  if (!deps.storageUri) {
    const untitled = vscode.Uri.parse(`untitled:${name}`);
    return vscode.workspace.openTextDocument(untitled);
  }
  const folder = vscode.Uri.joinPath(deps.storageUri, 'requests', binding.environment.id);
  const uri = vscode.Uri.joinPath(folder, name);
  if (!(await uriExists(uri))) {
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  }
  return vscode.workspace.openTextDocument(uri);
}

/** Adds the block unless the document has it; saves a document that had no unsaved changes. Returns the request line. */
async function addBlock(document: vscode.TextDocument, title: string, block: string): Promise<number> {
  const text = document.getText();
  const known = blockLine(text, title);
  if (known !== undefined) return known;
  const wasClean = !document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), appendBlock(text, block));
  await vscode.workspace.applyEdit(edit);
  if (wasClean && !document.isUntitled) await document.save();
  return blockLine(document.getText(), title) ?? 0;
}

/** Shows the document (where it is already shown, else in the active group) with the request line at the cursor. */
async function reveal(document: vscode.TextDocument, line: number): Promise<void> {
  const shown = vscode.window.visibleTextEditors?.find((editor) => editor.document.uri.toString() === document.uri.toString());
  const language = await requestLanguage();
  const target = document.languageId === language || document.languageId === HTTP_LANGUAGE ? document : await vscode.languages.setTextDocumentLanguage(document, language);
  const editor = await vscode.window.showTextDocument(target, { preview: false, ...(shown?.viewColumn !== undefined && { viewColumn: shown.viewColumn }) });
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange?.(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

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
  try {
    const document = await instanceDocument(context.deps, binding, instance);
    await reveal(document, await addBlock(document, key, prepared.text));
  } catch (error) {
    void notify('error', requestFileFailedText(instance, error));
  }
}
