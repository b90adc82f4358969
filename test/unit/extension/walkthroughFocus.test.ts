/**
 * The walkthrough's buttons run commands whose first quick input must stay open when the focus
 * moves away: the "Get started" page takes the focus back right after a button runs its command
 * (and after the command palette closes over it), about 100 ms after the quick input appeared. A
 * quick input that closes on focus out vanished at once: "Provision Element" in the walkthrough
 * did nothing (seen in the e2e, code-server 4.139 / VS Code 1.139).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../../src/core/catalog';
import { signIn, switchEnvironment } from '../../../src/extension/commands/account';
import { pickElement, pickFlow } from '../../../src/extension/pickers';
import * as vscode from '../vscode/fakeVscode';
import { createHarness } from './harness';

interface Manifest {
  contributes: { walkthroughs: Array<{ steps: Array<{ id: string; description: string }> }> };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const linkedCommands = manifest.contributes.walkthroughs.flatMap((walkthrough) =>
  walkthrough.steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]!)),
);

/** The first quick input of each linked command, as the command opens it (Test Connection's picker: testConnection.test.ts). */
const firstQuickInput: Record<string, () => Promise<unknown>> = {
  'cloudElements.signIn': () => signIn(createHarness().services),
  'cloudElements.switchEnvironment': () => switchEnvironment(createHarness().services),
  // Provision Element and New Instance File: the element picker, then the flow picker.
  'cloudElements.provision': () => pickElement(catalog, 'Cloud Elements: Provision Element'),
  'cloudElements.newInstanceFile': () => pickFlow(catalog.get('xero')!, 'Cloud Elements: New Instance File: Xero'),
};

describe('the walkthrough\'s buttons: their quick inputs stay open when the page takes the focus back', () => {
  afterEach(() => {
    vscode.ui.script.length = 0;
    vscode.ui.calls.length = 0;
  });

  it('every command a step links to is checked here (or in testConnection.test.ts)', () => {
    assert.deepEqual([...new Set(linkedCommands)].sort(), [...Object.keys(firstQuickInput), 'cloudElements.testConnection'].sort());
  });

  for (const [command, run] of Object.entries(firstQuickInput)) {
    it(`${command}: ignoreFocusOut`, async () => {
      vscode.ui.script.push(() => undefined);
      await run();
      const call = vscode.ui.calls.find((candidate) => candidate.kind === 'quickPick' || candidate.kind === 'inputBox');
      assert.ok(call && (call.kind === 'quickPick' || call.kind === 'inputBox'), `${command} opened a quick input`);
      assert.equal(call.options.ignoreFocusOut, true, `${command}: ${JSON.stringify(call.options.title ?? call.options.placeHolder)}`);
    });
  }
});
