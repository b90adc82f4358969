/** The manifest against the code: every command contributed is registered, every reference resolves. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activate } from '../../../src/extension/extension';
import * as vscode from '../vscode/fakeVscode';
import { completeStep, MARK_STEP_DONE_COMMAND, markProvisioned, WALKTHROUGH_ID } from '../../../src/extension/walkthrough';
import type { WalkthroughStep } from '../../../src/extension/walkthrough';
import { createHarness, MemorySecrets } from './harness';

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

  it('welcome views hold links, not code spans (they render `backticks` literally); signed out, the local emulator gets its own', () => {
    for (const view of contributes.viewsWelcome as Array<{ contents: string }>) assert.doesNotMatch(view.contents, /`/, view.contents);
    const signedOut = (contributes.viewsWelcome as Array<{ contents: string; when: string }>).filter((view) => view.when.startsWith('!cloudElements.signedIn'));
    assert.deepEqual(signedOut.map((view) => view.when), [
      '!cloudElements.signedIn && config.cloudElements.environment != local',
      '!cloudElements.signedIn && config.cloudElements.environment == local',
    ]);
    assert.match(signedOut[0]!.contents, /run npm run emulator in a terminal, then switch to the Local emulator environment/);
    assert.match(signedOut[1]!.contents, /^Sign in to the toolkit's local emulator with the user and organization secrets it printed/);
    assert.match(signedOut[1]!.contents, /any app key and secret will do/);
    const address = contributes.configuration.properties['cloudElements.localEmulatorAddress'];
    assert.equal(address.default, '127.0.0.1:8787');
    const pattern = new RegExp(address.pattern);
    for (const good of ['127.0.0.1:8787', '127.0.0.2', '[::1]:8787', 'http://127.0.0.2:8787/elements/api-v2']) assert.match(good, pattern, good);
    for (const bad of ['127.0.0.1:8787/other', 'ftp://host', 'two words']) assert.doesNotMatch(bad, pattern, bad);
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

describe('the walkthrough (issue 20 item 11)', () => {
  type Step = { id: string; title: string; description: string; completionEvents: string[]; media: { markdown: string } };
  const steps: Step[] = contributes.walkthroughs[0].steps;
  /** Every context key the extension sets, read from its source. */
  const contextKeysSet = (() => {
    const keys = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/'(cloudElements\.[A-Za-z]+)'/g)) keys.add(match[1]!);
      }
    };
    walk(join(root, 'src/extension'));
    return keys;
  })();

  it('completes each step on what the step is about, not on opening its command: signed in, an instance created, an instance file open, the console used', () => {
    const events = Object.fromEntries(steps.map((step) => [step.id, step.completionEvents]));
    assert.deepEqual(events.signIn, ['onContext:cloudElements.signedIn']);
    assert.deepEqual(events.provision, ['onContext:cloudElements.provisioned']);
    assert.deepEqual(events.lint, ['onContext:cloudElements.instanceFileOpen']);
    assert.deepEqual(events.console, ['onCommand:cloudElements.testConnection', 'onCommand:cloudElements.sendRequest']);
    for (const event of steps.flatMap((step) => step.completionEvents).filter((candidate) => candidate.startsWith('onContext:'))) {
      assert.ok(contextKeysSet.has(event.slice('onContext:'.length)), `${event}: the extension sets that context key`);
    }
  });

  it('its id and steps are the ones the extension marks done itself (VS Code does not check a step whose state was true before its walkthrough service started)', () => {
    assert.equal(WALKTHROUGH_ID, `${manifest.publisher}.${manifest.name}#${contributes.walkthroughs[0].id}`);
    const marked: WalkthroughStep[] = ['signIn', 'provision', 'lint', 'console'];
    assert.deepEqual(steps.map((step) => step.id), marked);
  });

  it('marks each step done when the extension gets there, once per window', async () => {
    const harness = createHarness();
    const marks = () => vscode.executedCommands.filter((call) => call.command === MARK_STEP_DONE_COMMAND).map((call) => call.args[0]);
    await harness.services.vault.setAccount('custom', { userSecret: 'u', orgSecret: 'o' });
    await harness.services.session.refresh();
    await harness.services.session.refresh();
    markProvisioned();
    completeStep('lint');
    completeStep('console');
    assert.deepEqual(marks(), ['signIn', 'provision', 'lint', 'console'].map((step) => `${WALKTHROUGH_ID}#${step}`));
    assert.equal(vscode.contextKeys.get('cloudElements.provisioned'), true);
  });

  it('has a step for the instance console, which its page describes', () => {
    const step = steps.find((candidate) => candidate.id === 'console');
    assert.ok(step, 'a console step');
    assert.match(step.description, /Test Connection|Send/);
    const page = readFileSync(join(root, step.media.markdown), 'utf8');
    assert.match(page, /Test Connection/);
    assert.match(page, /Send/);
    assert.match(page, /\{\{instance:/);
  });
});
