// Times require + activate of dist/extension.js against the unit tests' fake `vscode`, in a fresh
// process (run by `npm run bench`); prints {"requireMs", "activateMs"}.
import '../../test/unit/vscode/register';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemorySecrets } from '../../test/unit/extension/harness';
import * as vscode from '../../test/unit/vscode/fakeVscode';

async function main(): Promise<void> {
  const root = join(__dirname, '../..');
  const load = createRequire(__filename);
  load('vscode'); // loading the fake is not the extension's cost
  const secrets = Object.assign(new MemorySecrets(), { onDidChange: new vscode.EventEmitter<{ key: string }>().event });
  const context = { subscriptions: [] as Array<{ dispose(): unknown }>, secrets, extensionUri: vscode.Uri.file(root) };
  const start = performance.now();
  const extension = load(join(root, 'dist/extension.js')) as { activate(context: unknown): unknown };
  const required = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: required - start, activateMs: activated - required }) + '\n');
  for (const subscription of context.subscriptions) subscription.dispose();
  process.exit(0);
}

void main();
