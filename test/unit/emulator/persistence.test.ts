/** The data file: saved after every change, loaded on start, a corrupt file refused and left alone. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Instance } from '../../../src/core/api/types';
import { DataFileError } from '../../../src/emulator/dataFile';
import { startEmulator } from '../../../src/emulator/server';
import { api, quickbooksTokenBody } from './helpers';

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
