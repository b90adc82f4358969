/** The manifest against the code: every command contributed is registered, every reference resolves. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activate } from '../../../src/extension/extension';
import * as vscode from '../vscode/fakeVscode';
import { MemorySecrets } from './harness';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commandIds: string[] = contributes.commands.map((c: { command: string }) => c.command);

function commandLinks(text: string): string[] {
  return [...text.matchAll(/command:([\w.]+)/g)].map((m) => m[1]!);
}

describe('extension manifest', () => {
  it('activates lazily: no "*" and no onStartupFinished', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(manifest.activationEvents.includes('onUri'));
  });

  it('puts every command in the "Cloud Elements" category with an icon', () => {
    for (const command of contributes.commands) {
      assert.equal(command.category, 'Cloud Elements', command.command);
      assert.match(command.icon, /^\$\([\w-]+\)$/, command.command);
    }
  });

  it('references only contributed commands from menus, welcome views and the walkthrough', () => {
    const referenced = [
      ...Object.values(contributes.menus).flatMap((items) => (items as Array<{ command: string }>).map((item) => item.command)),
      ...contributes.viewsWelcome.flatMap((view: { contents: string }) => commandLinks(view.contents)),
      ...contributes.walkthroughs.flatMap((w: { steps: Array<{ description: string; completionEvents: string[] }> }) =>
        w.steps.flatMap((step) => [...commandLinks(step.description), ...step.completionEvents.filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length))]),
      ),
    ];
    for (const id of referenced) assert.ok(commandIds.includes(id), `${id} is contributed`);
  });

  it('points at files that exist in the package', () => {
    const files = [
      manifest.icon,
      ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
      ...contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) => w.steps.map((s) => s.media.markdown)),
    ];
    for (const file of files) assert.ok(existsSync(join(root, file)), file);
    assert.equal(contributes.jsonValidation[0].url, './dist/instance.schema.json');
    assert.ok(readFileSync(join(root, '.vscodeignore'), 'utf8').includes('!dist/instance.schema.json'));
  });

  it('registers exactly the contributed commands on activation', () => {
    vscode.resetFake();
    const subscriptions: Array<{ dispose(): unknown }> = [];
    const secrets = Object.assign(new MemorySecrets(), { onDidChange: new vscode.EventEmitter<{ key: string }>().event });
    activate({ subscriptions, secrets, extensionUri: vscode.Uri.file(root) } as never);
    try {
      assert.deepEqual([...vscode.commands.registered.keys()].sort(), [...commandIds].sort());
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
    }
    assert.equal(vscode.commands.registered.size, 0, 'deactivation disposes every command');
  });
});
