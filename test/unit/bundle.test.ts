import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/core/catalog';
import { MemorySecrets } from './extension/harness';
import * as vscode from './vscode/fakeVscode';

const DIST = join(__dirname, '..', '..', 'dist');

describe('the bundles (npm test builds them first)', () => {
  it('ship the catalog as dist/catalog.json, equal to the source catalog: the index of keys and aliases, then one element per line', () => {
    const file = join(DIST, 'catalog.json');
    assert.ok(existsSync(file), 'dist/catalog.json exists');
    const text = readFileSync(file, 'utf8');
    const [index, ...elements] = JSON.parse(text) as [{ keys: string[]; aliases: Array<[string, string]> }, ...unknown[]];
    assert.deepEqual(elements, JSON.parse(JSON.stringify(catalog.elements)));
    assert.deepEqual(index, {
      keys: catalog.elements.map((element) => element.key),
      aliases: catalog.elements.flatMap((element) => (element.aliases ?? []).map((alias) => [alias, element.key])),
    });
    const lines = text.split('\n');
    assert.equal(lines.length, elements.length + 1);
    lines.slice(1).forEach((line, i) => assert.deepEqual(JSON.parse(line.slice(0, -1)), elements[i]));
  });

  for (const bundle of ['extension.js', 'cli-program.js', 'emulator.js']) {
    it(`${bundle} reads the catalog on first use instead of compiling it in`, () => {
      const code = readFileSync(join(DIST, bundle), 'utf8');
      assert.match(code, /catalog\.json/);
      // A documented element's placeholder text appears in the data only.
      assert.doesNotMatch(code, /INSERT_REALM_ID/);
    });
  }

  it('the VSIX includes the catalog file', () => {
    assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/catalog\.json$/m);
  });

  describe('the instance console, loaded on first use', () => {
    /** Texts only the console's code has: its .http reader, its Copy as cURL, its docs reader. */
    const CONSOLE_CODE = [/is not a method the console sends/, /Copy Request as cURL/, /resolveReferences/];

    it('is not in extension.js, which requires ./console.js instead; console.js has it', () => {
      const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
      const console = readFileSync(join(DIST, 'console.js'), 'utf8');
      for (const code of CONSOLE_CODE) {
        assert.doesNotMatch(extension, code);
        assert.match(console, code);
      }
      assert.match(extension, /require\("\.\/console\.js"\)/);
    });

    it('the VSIX includes console.js', () => {
      assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/console\.js$/m);
    });

    it('activation does not load console.js; the first console command does', async () => {
      const extensionFile = join(DIST, 'extension.js');
      const consoleFile = join(DIST, 'console.js');
      delete require.cache[extensionFile];
      delete require.cache[consoleFile];
      vscode.resetFake();
      const subscriptions: Array<{ dispose(): unknown }> = [];
      const secrets = Object.assign(new MemorySecrets(), { onDidChange: new vscode.EventEmitter<{ key: string }>().event });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle as VS Code loads it
      const bundle = require(extensionFile) as { activate(context: unknown): unknown };
      bundle.activate({ subscriptions, secrets, extensionUri: vscode.Uri.file(join(DIST, '..')) });
      try {
        assert.equal(require.cache[consoleFile], undefined, 'not loaded at activation');
        await vscode.commands.executeCommand('cloudElements.nextPage');
        assert.ok(require.cache[consoleFile], 'loaded by the first console command');
        const said = vscode.ui.calls.at(-1);
        assert.match(said?.kind === 'message' ? said.message : '', /not a response of the instance console/);
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
        delete require.cache[extensionFile];
        delete require.cache[consoleFile];
      }
    });
  });

  it('extension.js, what activation reads, stays under 150 KB (Provision Element, the console and the linter load on first use)', () => {
    const bytes = readFileSync(join(DIST, 'extension.js')).length;
    assert.ok(bytes < 150_000, `dist/extension.js is ${bytes} bytes`);
  });

  describe('the Events commands and the event receiver, loaded on first use', () => {
    /** Texts only their code has: Forward to…'s summary, Enable Events' outcome, the receiver's 413. */
    const LAZY = [
      { outfile: 'events.js', code: [/Forwarded /, /Events enabled on /] },
      { outfile: 'receiver.js', code: [/Payload Too Large|413/] },
    ];
    for (const { outfile, code } of LAZY) {
      it(`${outfile}: not in extension.js, which requires ./${outfile} instead; ${outfile} has it; the VSIX includes it`, () => {
        const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
        const lazy = readFileSync(join(DIST, outfile), 'utf8');
        for (const text of code) {
          assert.doesNotMatch(extension, text);
          assert.match(lazy, text);
        }
        assert.ok(extension.includes(`require("./${outfile}")`), `extension.js requires ./${outfile}`);
        assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), new RegExp(`^!dist/${outfile.replace('.', '\\.')}$`, 'm'));
      });
    }
  });

  describe('Provision Element, loaded on first use', () => {
    /** Texts only provisioning's code has: the wizard's review, the loopback page, the run's progress. */
    const PROVISIONING_CODE = [/after you authorize in the browser/, /Authorization received/, /No authorization is waiting for the browser/];

    it('is not in extension.js, which requires ./provisioning.js instead; provisioning.js has it; the VSIX includes it', () => {
      const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
      const provisioning = readFileSync(join(DIST, 'provisioning.js'), 'utf8');
      for (const code of PROVISIONING_CODE) {
        assert.doesNotMatch(extension, code);
        assert.match(provisioning, code);
      }
      assert.match(extension, /require\("\.\/provisioning\.js"\)/);
      assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/provisioning\.js$/m);
    });

    it('activation does not load provisioning.js; its first command does, and answers', async () => {
      const extensionFile = join(DIST, 'extension.js');
      const provisioningFile = join(DIST, 'provisioning.js');
      delete require.cache[extensionFile];
      delete require.cache[provisioningFile];
      vscode.resetFake();
      const subscriptions: Array<{ dispose(): unknown }> = [];
      const secrets = Object.assign(new MemorySecrets(), { onDidChange: new vscode.EventEmitter<{ key: string }>().event });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle as VS Code loads it
      const bundle = require(extensionFile) as { activate(context: unknown): unknown };
      bundle.activate({ subscriptions, secrets, extensionUri: vscode.Uri.file(join(DIST, '..')) });
      try {
        assert.equal(require.cache[provisioningFile], undefined, 'not loaded at activation');
        await vscode.commands.executeCommand('cloudElements.copyAuthorizationUrl');
        assert.ok(require.cache[provisioningFile], 'loaded by the first provisioning command');
        const said = vscode.ui.calls.at(-1);
        assert.match(said?.kind === 'message' ? said.message : '', /No authorization is waiting for the browser/);
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
        delete require.cache[extensionFile];
        delete require.cache[provisioningFile];
      }
    });
  });

  describe('the linter, loaded on first use', () => {
    /** Texts only the lint rules have. */
    const LINTER_CODE = [/Configuration values are strings/, /Replace curly quotes/, /Missing comma/];

    it('is not in extension.js, which requires ./linter.js instead; linter.js has it', () => {
      const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
      const linter = readFileSync(join(DIST, 'linter.js'), 'utf8');
      for (const code of LINTER_CODE) {
        assert.doesNotMatch(extension, code);
        assert.match(linter, code);
      }
      assert.match(extension, /require\("\.\/linter\.js"\)/);
      assert.match(readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/linter\.js$/m);
    });

    it('activation does not load linter.js; the first instance file does, and gets its diagnostics', async () => {
      const extensionFile = join(DIST, 'extension.js');
      const linterFile = join(DIST, 'linter.js');
      delete require.cache[extensionFile];
      delete require.cache[linterFile];
      vscode.resetFake();
      vscode.resetDocuments();
      const collections: Array<ReturnType<typeof vscode.languages.createDiagnosticCollection>> = [];
      const create = vscode.languages.createDiagnosticCollection;
      vscode.languages.createDiagnosticCollection = (name: string) => {
        const collection = create(name);
        collections.push(collection);
        return collection;
      };
      const subscriptions: Array<{ dispose(): unknown }> = [];
      const secrets = Object.assign(new MemorySecrets(), { onDidChange: new vscode.EventEmitter<{ key: string }>().event });
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle as VS Code loads it
        const bundle = require(extensionFile) as { activate(context: unknown): unknown };
        bundle.activate({ subscriptions, secrets, extensionUri: vscode.Uri.file(join(DIST, '..')) });
        vscode.openDocument(vscode.createTextDocument(vscode.Uri.file('/work/notes.json'), '{"a": 1}'));
        assert.equal(require.cache[linterFile], undefined, 'not loaded at activation, nor for a JSON file that is no instance file');
        const instance = vscode.openDocument(vscode.createTextDocument(vscode.Uri.file('/work/instance.json'), '{ “element”: {"key": "xero"} }'));
        const deadline = Date.now() + 5_000;
        let codes: unknown[] = [];
        while (codes.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          codes = collections.flatMap((collection) => collection.get(instance.uri as never) ?? []).map((diagnostic) => diagnostic.code);
        }
        assert.ok(require.cache[linterFile], 'loaded by the first instance file');
        assert.ok(codes.includes('smart-quotes'), JSON.stringify(codes));
      } finally {
        vscode.languages.createDiagnosticCollection = create;
        for (const subscription of subscriptions) subscription.dispose();
        vscode.resetDocuments();
        delete require.cache[extensionFile];
        delete require.cache[linterFile];
      }
    });
  });
});
