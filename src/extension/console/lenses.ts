/**
 * CodeLenses: Send and Copy as cURL above each request of a request document, a request that
 * cannot be sent saying why; on a response, its status and time and, when there is one, Next Page.
 */
import * as vscode from 'vscode';
import { parseHttpDocument } from '../../core/console/httpDocument';
import { oneLine } from '../../core/console/json';
import { BASE_URL_REFERENCE } from '../../core/console/references';
import type { ConsoleDeps } from './contract';
import type { ResponseStore } from './responses';

function lens(line: number, title: string, command: string, args: unknown[] = []): vscode.CodeLens {
  return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command, arguments: args });
}

/** Above each request: Send and Copy as cURL. Lines that are not the console's (another tool's `.http` syntax) get none. */
export function requestLenses(document: vscode.TextDocument, baseUrl: string | undefined): vscode.CodeLens[] {
  const text = document.getText();
  if (document.languageId !== 'http' && !text.includes(BASE_URL_REFERENCE)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const lenses: vscode.CodeLens[] = [];
  for (const block of parseHttpDocument(text, baseUrl === undefined ? {} : { baseUrl })) {
    const line = block.requestLine;
    const args = [document.uri, line];
    if (block.result.ok) {
      lenses.push(lens(line, '$(play) Send', 'cloudElements.sendRequest', args), lens(line, 'Copy as cURL', 'cloudElements.copyRequestAsCurl', args));
    } else if (lines[line]?.includes(BASE_URL_REFERENCE)) {
      lenses.push(lens(line, `$(warning) ${oneLine(block.result.error.message, 120)}`, 'cloudElements.sendRequest', args));
    }
  }
  return lenses;
}

/** On line 1 of a response: what came back and, when the answer had a next-page token, Next Page. */
export function responseLenses(document: vscode.TextDocument, responses: ResponseStore): vscode.CodeLens[] {
  const kept = responses.get(document.uri);
  if (!kept) return [];
  const { status, statusText, durationMs } = kept.response;
  const lenses = [lens(0, `${status}${statusText ? ` ${statusText}` : ''} · ${durationMs} ms${kept.paged ? ` · page ${kept.page}` : ''}`, '')];
  if (kept.nextPage) lenses.push(lens(0, `$(arrow-right) Next Page (${kept.page + 1})`, 'cloudElements.nextPage', [document.uri]));
  return lenses;
}

export function codeLenses(context: { deps: ConsoleDeps; responses: ResponseStore }, document: vscode.TextDocument): vscode.CodeLens[] {
  return context.responses.get(document.uri) ? responseLenses(document, context.responses) : requestLenses(document, context.deps.session.state.baseUrl);
}
