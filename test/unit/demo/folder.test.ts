/**
 * Issue 20 items 4 and 5: every `npm start` wiped the demo workspace, keychain and emulator data,
 * and the emulator's secrets changed with each start. The demo folder is now kept between runs,
 * with the secrets; `--fresh` starts over. And a taken port is found before anything slow starts,
 * with a free one to pass.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDemoFolder, SAMPLES, writeDemoSettings } from '../../../scripts/demo/folder';
import { freePortAfter, isPortFree, portTakenText } from '../../../scripts/demo/ports';

describe('the demo folder, kept between runs (issue 20 items 4 and 5)', () => {
  let root: string;
  beforeEach(async () => {
    root = join(await mkdtemp(join(tmpdir(), 'elements-demo-')), 'demo');
  });
  afterEach(() => rm(join(root, '..'), { recursive: true, force: true }));

  it('new: the samples, new secrets (mode 0600); the next run keeps files, settings, secrets; --fresh starts over', async () => {
    const first = await prepareDemoFolder(root, { fresh: false });
    assert.equal(first.kept, false);
    assert.equal(first.secretsKept, false);
    for (const [, to] of SAMPLES) assert.ok(existsSync(join(first.dirs.workspace, to)), to);
    assert.equal((await stat(join(root, 'emulator', 'account.json'))).mode & 0o777, 0o600);
    assert.ok(first.secrets.userSecret.length >= 40 && first.secrets.orgSecret !== first.secrets.userSecret);

    // What a user leaves behind: a saved instance file, a request document, an edited sample.
    await writeFile(join(first.dirs.workspace, 'mine.instance.json'), '{"name": "mine"}\n');
    await writeFile(join(first.dirs.workspace, 'xero.instance.json'), '{"edited": true}\n');
    await writeFile(first.dataFile, '[]');

    const second = await prepareDemoFolder(root, { fresh: false });
    assert.equal(second.kept, true);
    assert.equal(second.secretsKept, true);
    assert.deepEqual(second.secrets, first.secrets, 'the same secrets: a sign-in kept in the browser still works');
    assert.equal(await readFile(join(second.dirs.workspace, 'mine.instance.json'), 'utf8'), '{"name": "mine"}\n');
    assert.equal(await readFile(join(second.dirs.workspace, 'xero.instance.json'), 'utf8'), '{"edited": true}\n', 'a sample the user changed is not copied over');
    assert.equal(await readFile(second.dataFile, 'utf8'), '[]', 'the emulator\'s data file is kept');

    const fresh = await prepareDemoFolder(root, { fresh: true });
    assert.equal(fresh.kept, false);
    assert.notDeepEqual(fresh.secrets, first.secrets);
    assert.ok(!existsSync(join(fresh.dirs.workspace, 'mine.instance.json')));
    assert.ok(!existsSync(fresh.dataFile));
  });

  it('a kept folder whose secrets file is gone or damaged: new secrets, and the folder says so', async () => {
    await prepareDemoFolder(root, { fresh: false });
    await writeFile(join(root, 'emulator', 'account.json'), 'not json');
    const again = await prepareDemoFolder(root, { fresh: false });
    assert.deepEqual([again.kept, again.secretsKept], [true, false]);
  });

  it('settings: written whole on a new folder; on a kept one only the demo\'s keys change, the user\'s stay', async () => {
    const folder = await prepareDemoFolder(root, { fresh: false });
    await writeDemoSettings(folder.dirs, { 'cloudElements.environment': 'local', 'cloudElements.localEmulatorAddress': '127.0.0.2:8787' }, false);
    const file = join(folder.dirs.userDataDir, 'User', 'settings.json');
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(written['cloudElements.localEmulatorAddress'], '127.0.0.2:8787');
    assert.equal(written['workbench.startupEditor'], 'none');
    await writeFile(file, JSON.stringify({ ...written, 'editor.fontSize': 17 }, null, 2));
    await writeDemoSettings(folder.dirs, { 'cloudElements.environment': 'local', 'cloudElements.localEmulatorAddress': '127.0.0.2:9999' }, true);
    const merged = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(merged['editor.fontSize'], 17);
    assert.equal(merged['cloudElements.localEmulatorAddress'], '127.0.0.2:9999');
  });
});

describe('the demo\'s ports (issue 20 item 3)', () => {
  let held: Server | undefined;
  afterEach(() => new Promise((resolve) => (held ? held.close(resolve) : resolve(undefined))));

  it('a taken port is found before anything starts, with a free one to pass instead', async () => {
    held = createServer();
    await new Promise<void>((resolve) => held!.listen(0, '127.0.0.1', resolve));
    const port = (held.address() as { port: number }).port;
    assert.equal(await isPortFree('127.0.0.1', port), false);
    const suggestion = await freePortAfter('127.0.0.1', port);
    assert.notEqual(suggestion, port);
    assert.equal(await isPortFree('127.0.0.1', suggestion), true);
    assert.equal(
      portTakenText('VS Code (code-server)', '127.0.0.1', port, '--port', suggestion),
      `port ${port} on 127.0.0.1 is taken by another program, so VS Code (code-server) cannot listen there. Pass a free port: npm start -- --port ${suggestion}`,
    );
  });
});
