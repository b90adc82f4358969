/** Instance-file features registered over the fake vscode module, and documents to work on. */
import type * as vscodeTypes from 'vscode';
import type { InstanceFiles } from '../../../../src/extension/instanceFiles/register';
import { registerInstanceFiles } from '../../../../src/extension/instanceFiles/register';
import { fixture } from '../../helpers';
import * as vscode from '../../vscode/fakeVscode';
import { createHarness } from '../harness';
import type { Harness } from '../harness';

export interface Setup extends Harness {
  files: InstanceFiles;
  /** Opens a fixture (or text) as a document at `path`, as the editor would. */
  open(path: string, text: string, languageId?: string): vscode.FakeTextDocument;
  /** The diagnostics published for a document. */
  published(document: vscode.FakeTextDocument): vscodeTypes.Diagnostic[] | undefined;
}

let current: Setup | undefined;

/**
 * A fresh harness with the instance-file features; `teardown()` in afterEach disposes them.
 * `beforeRegister` runs on the fresh fake, before the features start (e.g. to open documents).
 */
export function setup(baseUrl?: string, beforeRegister?: () => void): Setup {
  teardown();
  const harness = createHarness(baseUrl);
  beforeRegister?.();
  // Lints run when the test flushes them, never on a timer.
  const files = registerInstanceFiles(harness.services, { lintDelayMs: 60_000 });
  const collection = files.diagnostics.collection as unknown as { get(uri: unknown): vscodeTypes.Diagnostic[] | undefined };
  current = {
    ...harness,
    files,
    open: (path, text, languageId = 'json') => vscode.openDocument(vscode.createTextDocument(vscode.Uri.file(path), text, languageId)),
    published: (document) => collection.get(document.uri),
  };
  return current;
}

export function teardown(): void {
  current?.files.dispose();
  current = undefined;
}

export { fixture };

/** As the editor passes them to a code action provider. */
export const asDocument = (document: vscode.FakeTextDocument) => document as unknown as vscodeTypes.TextDocument;
