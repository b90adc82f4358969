/**
 * The instance console: the entry of dist/console.js, which the extension loads the first time a
 * console feature is used (lazyConsole.ts). Test Connection, the API node's operations, request
 * documents, Send, Next Page, Copy as cURL and the response documents.
 */
import * as vscode from 'vscode';
import { apiItem } from './apiItems';
import { apiListing } from './apiListing';
import { ConsoleBindings } from './binding';
import type { ConsoleDeps, ConsoleFeature } from './contract';
import { copyAsCurl } from './copyCurl';
import { codeLenses } from './lenses';
import { openOperation } from './requestDocuments';
import { ResponseStore } from './responses';
import { nextPage, send, setNextPageContext } from './sendRequest';
import { testConnection, testNewInstance } from './testConnection';

export function createConsole(deps: ConsoleDeps): ConsoleFeature {
  const context = { deps, bindings: new ConsoleBindings(deps), responses: new ResponseStore() };
  const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => void setNextPageContext(context, editor));
  return {
    apiListing: (instance, signal) => apiListing(context, instance, signal),
    forgetApi: (instance) => context.bindings.forgetDocs(instance.id),
    testConnection: (instance) => testConnection(context, instance),
    testNewInstance: (run, instance) => testNewInstance(context, run, instance),
    openOperation: (instance, key) => openOperation(context, instance, key),
    send: (target) => send(context, target),
    nextPage: (target) => nextPage(context, target),
    copyAsCurl: (target) => copyAsCurl(context, target),
    codeLenses: (document) => codeLenses(context, document),
    responseText: (uri) => context.responses.get(uri)?.text,
    apiItem,
    dispose: () => subscription.dispose(),
  };
}
