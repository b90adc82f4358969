/**
 * CONTRIBUTING's console-feature recipe, enforced: every command the console registers at activation
 * (register.ts) is contributed in package.json with a command-palette condition, has a case below
 * (the argument VS Code passes it and the ConsoleFeature method it reaches), and does nothing at
 * registration but hands over to the console through LazyConsole when it runs. That the console's
 * code stays out of extension.js: `npm run lint:deps` (console-loaded-on-first-use) and bundle.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance } from '../../../../src/core/api/types';
import type { ConsoleFeature } from '../../../../src/extension/console/contract';
import { LazyConsole } from '../../../../src/extension/console/lazyConsole';
import { registerConsole, type ConsoleView } from '../../../../src/extension/console/register';
import type { ApiNode, ApiOperationNode, ApiResourceNode, InstanceNode } from '../../../../src/extension/views/instanceNodes';
import { instanceRecord } from '../../helpers';
import * as vscode from '../../vscode/fakeVscode';
import { createHarness } from '../harness';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));

const instance = instanceRecord(12, 'xero');
const instanceNode: InstanceNode = { kind: 'instance', instance, elementKey: 'xero' };
const apiNode: ApiNode = { kind: 'api', instance, parent: instanceNode };
const resourceNode: ApiResourceNode = { kind: 'apiResource', name: 'contacts', operations: [], parent: apiNode };
const operationNode: ApiOperationNode = { kind: 'apiOperation', operation: { key: 'getContacts', method: 'GET', path: '/contacts' }, parent: resourceNode };
const requestDocument = vscode.Uri.file('/work/xero-12.http');

type Reach = { feature: keyof ConsoleFeature; args: unknown[] } | { view: 'refreshApi'; args: unknown[] };

/** Each console command: what VS Code passes it (a view node, a document and line), and where it must arrive. */
const COMMANDS: Record<string, { argument: unknown[]; reaches: Reach }> = {
  'cloudElements.testConnection': { argument: [instanceNode], reaches: { feature: 'testConnection', args: [instance] } },
  'cloudElements.openApiOperation': { argument: [operationNode], reaches: { feature: 'openOperation', args: [instance, 'getContacts'] } },
  'cloudElements.refreshApi': { argument: [apiNode], reaches: { view: 'refreshApi', args: [instance] } },
  'cloudElements.sendRequest': { argument: [requestDocument, 3], reaches: { feature: 'send', args: [{ uri: requestDocument, line: 3 }] } },
  'cloudElements.nextPage': { argument: [requestDocument], reaches: { feature: 'nextPage', args: [{ uri: requestDocument }] } },
  'cloudElements.copyRequestAsCurl': { argument: [requestDocument, 3], reaches: { feature: 'copyAsCurl', args: [{ uri: requestDocument, line: 3 }] } },
};

/** A LazyConsole whose console records what it is asked instead of loading dist/console.js. */
class RecordingConsole extends LazyConsole {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  loads = 0;
  private readonly recording = new Proxy({} as ConsoleFeature, {
    get: (_target, method: string) =>
      method === 'then'
        ? undefined
        : (...args: unknown[]) => {
            this.calls.push({ method, args });
            return method === 'codeLenses' ? [] : undefined;
          },
  });

  override get(): ConsoleFeature {
    this.loads += 1;
    return this.recording;
  }

  override get loaded(): ConsoleFeature | undefined {
    return this.loads > 0 ? this.recording : undefined;
  }
}

describe('the console-feature recipe (CONTRIBUTING: The instance console)', () => {
  let registration: { dispose(): unknown } | undefined;
  let console: RecordingConsole;
  const viewCalls: Array<{ method: string; args: unknown[] }> = [];

  beforeEach(async () => {
    vscode.resetFake();
    viewCalls.length = 0;
    const { services } = createHarness();
    await services.vault.setAccount('custom', { userSecret: 'u', orgSecret: 'o' });
    await services.session.refresh();
    const account = { session: services.session, settings: services.settings, log: services.log, vault: services.vault };
    console = new RecordingConsole(account);
    const view: ConsoleView = {
      refresh: async () => {},
      loadMore: async () => {},
      knownInstances: async () => [instance] as readonly Instance[],
      refreshApi: (...args) => void viewCalls.push({ method: 'refreshApi', args }),
    };
    registration = registerConsole(console, account, view);
  });

  afterEach(() => {
    registration?.dispose();
    console.dispose();
  });

  it('every command the console registers has a case here, and is contributed with a command-palette condition', () => {
    const registered = [...vscode.commands.registered.keys()].sort();
    assert.deepEqual(registered, Object.keys(COMMANDS).sort(), 'add the new console command to COMMANDS: the argument it gets, the method it reaches');
    const contributed = new Set((manifest.contributes.commands as Array<{ command: string }>).map((command) => command.command));
    const palette = new Map((manifest.contributes.menus.commandPalette as Array<{ command: string; when: string }>).map((entry) => [entry.command, entry.when]));
    for (const id of registered) {
      assert.ok(contributed.has(id), `${id} is in package.json's contributes.commands`);
      assert.ok(palette.get(id), `${id} says when the command palette offers it (menus.commandPalette)`);
    }
  });

  it('registering loads nothing of the console', () => {
    assert.equal(console.loads, 0);
    assert.deepEqual(console.calls, []);
  });

  for (const [id, { argument, reaches }] of Object.entries(COMMANDS)) {
    it(`${id} hands its target over: ${'feature' in reaches ? `LazyConsole → ConsoleFeature.${reaches.feature}` : `the view's ${reaches.view}`}`, async () => {
      await vscode.commands.executeCommand(id, ...argument);
      if ('feature' in reaches) {
        assert.deepEqual(console.calls, [{ method: reaches.feature, args: reaches.args }]);
        assert.equal(console.loads, 1, 'through LazyConsole.get(), once');
      } else {
        assert.deepEqual(viewCalls, [{ method: reaches.view, args: reaches.args }]);
        assert.deepEqual(console.calls, []);
      }
    });
  }
});
