/**
 * Send and Next Page: the request under the cursor (or the CodeLens's) sent to the current
 * environment in a cancellable progress notification, the answer opened as a response document
 * beside it, and every failure said in the console's words. Only requests safe to repeat are
 * retried (the core's rule); a POST or PATCH is sent once.
 */
import * as vscode from 'vscode';
import type { ConsoleRequest } from '../../core/console/request';
import { requestBlockAt } from '../../core/console/httpDocument';
import { describeRequest } from '../../core/console/request';
import type { ConsoleResponse } from '../../core/console/answer';
import { withCancellableProgress } from '../cancellableProgress';
import { notify } from '../notify';
import type { Binding, ConsoleBindings } from './binding';
import { RESPONSE_SCHEME, type ConsoleDeps, type DocumentTarget } from './contract';
import { isPaged, responseJson, type ResponseStore } from './responses';
import { lastPageText, NO_BASE_URL, NO_DOCUMENT, noRequestText, NOT_A_RESPONSE, otherEnvironmentText, sendingText } from './texts';

export const NEXT_PAGE_CONTEXT_KEY = 'cloudElements.responseHasNextPage';

export interface SendContext {
  readonly deps: ConsoleDeps;
  readonly bindings: ConsoleBindings;
  readonly responses: ResponseStore;
}

async function targetDocument(target: DocumentTarget): Promise<vscode.TextDocument | undefined> {
  if (!target.uri) return vscode.window.activeTextEditor?.document;
  const uri = target.uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri) ?? (await vscode.workspace.openTextDocument(target.uri));
}

/** The request of the target's line (the cursor's, when the command came from the palette); undefined when there is none (the user was told). */
export async function targetRequest(context: SendContext, target: DocumentTarget): Promise<{ request: ConsoleRequest; baseUrl: string; source: string } | undefined> {
  const document = await targetDocument(target);
  if (!document) {
    void notify('error', NO_DOCUMENT);
    return undefined;
  }
  const baseUrl = context.deps.session.state.baseUrl;
  if (baseUrl === undefined) {
    void notify('error', NO_BASE_URL);
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  const line = target.line ?? (editor?.document === document ? editor.selection.active.line : 0);
  const block = requestBlockAt(document.getText(), line, { baseUrl });
  if (!block) {
    void notify('error', noRequestText(line));
    return undefined;
  }
  if (!block.result.ok) {
    void notify('error', block.result.error.message);
    return undefined;
  }
  // Which request this is, so sending it again shows the answer in the same response document.
  const source = `${document.uri.toString()}\n${block.title ?? `line ${block.requestLine}`}`;
  return { request: block.result.request, baseUrl, source };
}

export async function setNextPageContext(context: SendContext, editor: vscode.TextEditor | undefined): Promise<void> {
  const kept = editor ? context.responses.get(editor.document.uri) : undefined;
  await vscode.commands.executeCommand('setContext', NEXT_PAGE_CONTEXT_KEY, kept?.nextPage !== undefined);
}

/** Where a response opens: in the column responses are already shown in (not the request's own), else beside the request. */
type Column = vscode.ViewColumn;

export function responseColumn(): Column {
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.scheme === RESPONSE_SCHEME && active.viewColumn !== undefined) return active.viewColumn;
  const shown = vscode.window.visibleTextEditors?.find((editor) => editor.document.uri.scheme === RESPONSE_SCHEME && editor.viewColumn !== undefined && editor.viewColumn !== active?.viewColumn);
  return shown?.viewColumn ?? vscode.ViewColumn.Beside;
}

async function showResponse(context: SendContext, binding: Binding, column: Column, sent: Sent, response: ConsoleResponse, problem?: string): Promise<void> {
  const { request, page } = sent;
  const text = context.deps.log.redact(responseJson({ request, response, baseUrl: binding.baseUrl, page, ...(problem !== undefined && { problem }) }));
  const { uri, changed } = context.responses.add(
    {
      text,
      request,
      response,
      ...(response.nextPage && { nextPage: response.nextPage }),
      page,
      paged: isPaged(request, response, page),
      environment: binding.environment.id,
      environmentLabel: binding.environment.label,
      baseUrl: binding.baseUrl,
    },
    sent.source,
  );
  // The same request sent again: its document shows the new answer (its tab, not a second one).
  if (changed) context.deps.responseChanged(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
  await setNextPageContext(context, editor);
}

/** A request as sent: which page, and where it comes from (`source`: its request document and block, and the page). */
interface Sent {
  request: ConsoleRequest;
  page: number;
  source?: string;
}

/** Sends one request and shows what came back. */
async function sendAndShow(context: SendContext, binding: Binding, column: Column, sent: Sent): Promise<void> {
  const { request } = sent;
  const { result, secrets } = await withCancellableProgress(sendingText(describeRequest(request)), async (signal) => {
    const secrets = context.bindings.call(binding, signal);
    return { result: await secrets.console().send(request, signal), secrets };
  });
  const problem = result.ok ? undefined : { ...result.problem, message: secrets.problemText(result.problem) };
  if (result.response) await showResponse(context, binding, column, sent, result.response, problem?.message);
  if (problem && (problem.kind !== 'cancelled' || problem.mayHaveTakenEffect)) void notify(problem.kind === 'cancelled' ? 'warning' : 'error', problem.message);
  if (result.response && result.response.status !== 401) secrets.offerToStore();
}

export async function send(context: SendContext, target: DocumentTarget): Promise<void> {
  const located = await targetRequest(context, target);
  if (!located) return;
  const binding = await context.bindings.currentAsking('send requests');
  if (binding) await sendAndShow(context, binding, responseColumn(), { request: located.request, page: 1, source: located.source });
}

export async function nextPage(context: SendContext, target: DocumentTarget): Promise<void> {
  const uri = target.uri ?? vscode.window.activeTextEditor?.document.uri;
  const kept = uri ? context.responses.get(uri) : undefined;
  if (!kept) {
    void notify('info', NOT_A_RESPONSE);
    return;
  }
  if (!kept.nextPage) {
    void notify('info', lastPageText(kept.page));
    return;
  }
  const binding = await context.bindings.currentAsking('load the next page');
  if (!binding) return;
  if (binding.environment.id !== kept.environment || binding.baseUrl !== kept.baseUrl) {
    void notify('error', otherEnvironmentText(kept.environmentLabel));
    return;
  }
  const page = kept.page + 1;
  await sendAndShow(context, binding, responseColumn(), { request: kept.nextPage, page, ...(uri && { source: `${uri.toString()}\nnext page ${page}` }) });
}
