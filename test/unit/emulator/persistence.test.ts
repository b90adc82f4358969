/** The data file: saved after every change, loaded on start, a corrupt file refused and left alone. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiErrorBody, Instance, OAuthUrlResponse } from '../../../src/core/api/types';
import { DataFileError, loadDataFile, saveDataFile } from '../../../src/emulator/stores/dataFile';
import { InstanceStore, type NewInstance, type StoreSnapshot } from '../../../src/emulator/stores/instances';
import { startEmulator } from '../../../src/emulator/server';
import { api, callbackParams, decide, query, quickbooksTokenBody } from './helpers';

const body = quickbooksTokenBody('Persisted');

describe('emulator: data file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves after every change and loads the instances on the next start, ids continuing', async () => {
    const dataFile = join(dir, 'nested', 'instances.json');
    const first = await startEmulator({ port: 0, dataFile });
    const created = await api<Instance>(first, '/instances', { body });
    assert.equal(created.status, 200);
    await api(first, `/instances/${created.json.id}`, { method: 'PATCH', body: { name: 'Renamed' } });
    await first.close();

    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { version: number; instances: Instance[] };
    assert.equal(saved.version, 1);
    assert.equal(saved.instances[0]?.name, 'Renamed');
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['instances.json'], 'no temporary file left behind');

    const second = await startEmulator({ port: 0, dataFile, seed: true });
    try {
      const listed = await api<Instance[]>(second, '/instances');
      assert.deepEqual(listed.json.map((instance) => instance.name), ['Renamed'], 'seed is skipped when instances exist');
      assert.equal(listed.json[0]?.token, created.json.token);
      const next = await api<Instance>(second, '/instances', { body });
      assert.equal(next.json.id, created.json.id + 1);
      await api(second, `/instances/${created.json.id}`, { method: 'DELETE' });
      const after = JSON.parse(readFileSync(dataFile, 'utf8')) as { instances: Instance[] };
      assert.deepEqual(after.instances.map((instance) => instance.id), [next.json.id]);
    } finally {
      await second.close();
    }
  });

  it('starts empty without creating the file until something changes', async () => {
    const dataFile = join(dir, 'fresh.json');
    const emulator = await startEmulator({ port: 0, dataFile });
    await emulator.close();
    assert.equal(existsSync(dataFile), false);
  });

  for (const [label, content] of [
    ['not JSON', '{"instances": [ {"id": 1,'],
    ['not an emulator data file', '[1, 2, 3]'],
    ['an invalid instance', '{"instances": [{"id": "one"}]}'],
  ]) {
    it(`refuses to start on a file that is ${label}, and leaves it untouched`, async () => {
      const dataFile = join(dir, 'bad.json');
      writeFileSync(dataFile, content);
      await assert.rejects(startEmulator({ port: 0, dataFile, seed: true }), (error: unknown) => {
        assert.ok(error instanceof DataFileError);
        assert.match(error.message, /bad\.json .*will not overwrite it/);
        return true;
      });
      assert.equal(readFileSync(dataFile, 'utf8'), content);
    });
  }
});

describe('emulator: a save that fails changes nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-fail-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('InstanceStore: memory stays the last saved state when persist throws, ids included', () => {
    const saved: StoreSnapshot[] = [];
    let failing = false;
    const store = new InstanceStore((snapshot) => {
      if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      saved.push(structuredClone(snapshot));
    });
    const instance = { name: 'a', token: 't', element: { key: 'xero' }, configuration: {}, flow: 'oauth2' } as unknown as NewInstance;
    const first = store.add(instance);
    failing = true;
    const attempts: Array<() => unknown> = [
      () => store.add(instance),
      () => store.update(first.id, (record) => (record.name = 'changed')),
      () => store.remove(first.id),
      () => store.replaceAll([]),
    ];
    for (const attempt of attempts) {
      assert.throws(attempt, (error: unknown) => {
        assert.equal((error as { status?: number }).status, 500);
        assert.match((error as Error).message, /could not save its data file \(ENOSPC\); nothing was changed/);
        return true;
      });
      assert.deepEqual(store.snapshot(), saved.at(-1));
    }
    failing = false;
    assert.equal(store.add(instance).id, first.id + 1, 'the failed add did not use up an id');
  });

  it('over HTTP: 500 for create, patch, re-authorize, delete and reset; the list and the OAuth code are unchanged', async () => {
    const dataFile = join(dir, 'data.json');
    const emulator = await startEmulator({ port: 0, dataFile });
    try {
      const created = await api<Instance>(emulator, '/instances', { body: quickbooksTokenBody('Kept') });
      assert.equal(created.status, 200);
      const before = await api<Instance[]>(emulator, '/instances');
      const callbackUrl = 'https://www.mycoolapp.com/auth';
      const url = await api<OAuthUrlResponse>(emulator, `/elements/xero/oauth/url?${query({ apiKey: 'k', apiSecret: 's', callbackUrl, state: 'xero' })}`, { auth: false });
      const code = callbackParams((await decide(url.json.oauthUrl, 'allow')).location).get('code')!;
      const xero = {
        element: { key: 'xero' },
        providerData: { code },
        configuration: { 'oauth.api.key': 'k', 'oauth.api.secret': 's', 'oauth.callback.url': callbackUrl },
        name: 'Xero',
      };

      // The data file can no longer be replaced: a folder now stands where it was.
      rmSync(dataFile);
      mkdirSync(dataFile);
      const id = created.json.id;
      const failures = [
        await api<ApiErrorBody>(emulator, '/instances', { body: xero }),
        await api<ApiErrorBody>(emulator, `/instances/${id}`, { method: 'PATCH', body: { name: 'Renamed' } }),
        await api<ApiErrorBody>(emulator, `/instances/${id}?reAuthenticate=true`, { method: 'PUT', body: quickbooksTokenBody('Again') }),
        await api<ApiErrorBody>(emulator, `/instances/${id}/enabled`, { method: 'DELETE' }),
        await api<ApiErrorBody>(emulator, `/instances/${id}`, { method: 'DELETE' }),
      ];
      for (const failure of failures) {
        assert.equal(failure.status, 500, failure.text);
        assert.match(failure.json.message, /could not save its data file \(\w+\); nothing was changed/);
        assert.ok(!failure.text.includes(dataFile), 'the reply does not name local paths');
      }
      const reset = await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
      assert.equal(reset.status, 500);
      assert.deepEqual((await api<Instance[]>(emulator, '/instances')).json, before.json, 'memory unchanged');

      rmSync(dataFile, { recursive: true });
      const retried = await api<Instance>(emulator, '/instances', { body: xero });
      assert.equal(retried.status, 200, 'the code was not used up by the failed create');
      assert.equal(retried.json.id, id + 1);
      const onDisk = JSON.parse(readFileSync(dataFile, 'utf8')) as { instances: Instance[] };
      assert.deepEqual(onDisk.instances.map((instance) => [instance.id, instance.name]), [[id, 'Kept'], [id + 1, 'Xero']]);
    } finally {
      await emulator.close();
    }
  });
});

describe('emulator: the data file is written atomically', () => {
  let dir: string;
  const snapshot: StoreSnapshot = { nextId: 1, instances: [] };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never writes through a symbolic link planted at the temporary name', () => {
    const dataFile = join(dir, 'data.json');
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'precious');
    writeFileSync(dataFile, '{"instances": []}\n');
    const planted = join(dir, '.data.json.planted.tmp');
    symlinkSync(target, planted);
    assert.throws(() => saveDataFile(dataFile, snapshot, planted), /EEXIST/);
    assert.equal(readFileSync(target, 'utf8'), 'precious');
    assert.equal(readFileSync(dataFile, 'utf8'), '{"instances": []}\n', 'the data file is untouched');
  });

  it('keeps the mode of the file it replaces; a new file is 0600; nothing left behind', () => {
    const dataFile = join(dir, 'data.json');
    saveDataFile(dataFile, snapshot);
    assert.equal(statSync(dataFile).mode & 0o777, 0o600);
    chmodSync(dataFile, 0o640);
    saveDataFile(dataFile, { nextId: 2, instances: [] });
    assert.equal(statSync(dataFile).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['data.json']);
    assert.equal((JSON.parse(readFileSync(dataFile, 'utf8')) as StoreSnapshot).nextId, 2);
  });

  it('refuses a data file that is a symbolic link, a folder or a FIFO, at start and on save, without blocking', () => {
    const real = join(dir, 'real.json');
    writeFileSync(real, '{"instances": []}');
    const link = join(dir, 'link.json');
    symlinkSync(real, link);
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    for (const [path, what] of [[link, 'a symbolic link'], [fifo, 'not a regular file'], [folder, 'a folder']] as const) {
      assert.throws(() => loadDataFile(path), (error: unknown) => error instanceof DataFileError && error.message.includes(`is ${what}`));
      assert.throws(() => saveDataFile(path, snapshot), DataFileError);
    }
    assert.equal(readFileSync(real, 'utf8'), '{"instances": []}');
    assert.deepEqual(readdirSync(dir).sort(), ['fifo.json', 'folder.json', 'link.json', 'real.json']);
  });
});
