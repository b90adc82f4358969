/**
 * The core's bytes without Buffer (src/core/bytes.ts) read and write as Node's Buffer does, on
 * generated inputs: the core runs in a browser too, and nothing it encodes or decodes may change.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64, concatBytes, fromBase64, indexOfBytes, latin1Bytes, utf8Bytes } from '../../../src/core/bytes';
import { sleep } from '../../../src/core/http/sleep';

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';
const base64ish = fc.string({ unit: fc.constantFrom(...BASE64_CHARS, '=', ' ', '.', '\n', 'é'), maxLength: 40 });
const bytes = fc.uint8Array({ maxLength: 64 });

describe('core bytes: as Buffer reads and writes them', () => {
  it('base64 and base64url encode as Buffer does', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        assert.equal(base64(data), Buffer.from(data).toString('base64'));
        assert.equal(base64(data, true), Buffer.from(data).toString('base64url'));
      }),
    );
  });

  it('fromBase64 decodes either alphabet, padded or not, with stray characters, as Buffer does', () => {
    fc.assert(
      fc.property(base64ish, (text) => {
        assert.deepEqual([...fromBase64(text)], [...Buffer.from(text, 'base64')]);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(bytes, (data) => assert.deepEqual([...fromBase64(base64(data, true))], [...data])));
  });

  it('UTF-8 and Latin-1 bytes are Buffer\'s, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        assert.deepEqual([...utf8Bytes(text)], [...Buffer.from(text, 'utf8')]);
        assert.deepEqual([...latin1Bytes(text)], [...Buffer.from(text, 'latin1')]);
      }),
    );
  });

  it('concatBytes and indexOfBytes agree with Buffer.concat and Buffer#indexOf', () => {
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 5 }), fc.nat(), fc.nat({ max: 6 }), (chunks, from, length) => {
        const joined = concatBytes(chunks);
        const reference = Buffer.concat(chunks);
        assert.deepEqual([...joined], [...reference]);
        const start = reference.length === 0 ? 0 : from % reference.length;
        const needle = reference.subarray(start, start + length);
        assert.equal(indexOfBytes(joined, needle), reference.indexOf(needle));
        assert.equal(indexOfBytes(joined, Uint8Array.of(1, 2, 3, 4, 5, 6, 7)), reference.indexOf(Uint8Array.of(1, 2, 3, 4, 5, 6, 7)));
      }),
    );
  });
});

describe('core sleep: on setTimeout, abortable', () => {
  it('waits, and stops waiting as the signal aborts', async () => {
    await sleep(1);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
    await assert.rejects(sleep(0, controller.signal), { name: 'AbortError' }, 'an aborted signal does not wait at all');
  });
});
